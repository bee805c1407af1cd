// majority-voting: exact state counts of the correct register, the same counts (and the variants' shortest
// violations) from the naive reference in majority-voting-reference.ts (its own transition relation and a
// brute-force linearizability check), each variant's verdict and shortest trace, the committed goldens
// replayed by `clab replay` with the stale read explained, and the spec: its verdict, and its statement
// of an atomic single-writer register (Lamport's conditions) agreeing with the tester on every state.

import { resolve } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { compileSpec, loadSpecFile } from '../../checker/language/plan.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import type { Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { check } from './bft-helpers.ts';
import { referenceMajorityVoting, type RefVariant } from './majority-voting-reference.ts';

const root = resolve(import.meta.dirname, '../..');
const NONE = { replicas: 3, readQuorum: 2, writeQuorum: 2, writes: 1, reads: 1, crashes: 0, losses: 0 };

describe('majority-voting', () => {
  it('has the exact state counts of the correct register (distinct / generated / depth), and linearizable holds', async () => {
    const figures = async (over: Record<string, number>) => {
      const r = await check('majority-voting', over);
      return [r.result, r.distinctStates, r.statesGenerated, r.depth];
    };
    // The defaults (one crash, one loss): 36,620 / 174,553 / 19, asserted by the spec's check below.
    expect(await figures({ crashes: 0, losses: 0 })).toEqual(['holds', 1561, 5194, 17]);
    expect(await figures({ reads: 2, crashes: 0, losses: 0 })).toEqual(['holds', 18637, 73027, 25]);
  }, 60_000);

  const crossChecked: [string, Record<string, number>, RefVariant][] = [
    ['no faults', {}, undefined],
    ['2 replicas, read quorum 1, one crash, one loss', { replicas: 2, readQuorum: 1, crashes: 1, losses: 1 }, undefined],
    ['non-intersecting-quorums', {}, 'non-intersecting-quorums'],
    ['no-stable-storage, 2 replicas, one crash', { replicas: 2, readQuorum: 1, crashes: 1 }, 'no-stable-storage'],
    ['no-write-back, two reads', { reads: 2 }, 'no-write-back'],
  ];
  it.each(crossChecked)('%s: the naive reference gives the same full state space and the same shortest violation', async (_what, over, variant) => {
    const cfg = { ...NONE, ...over };
    const ref = referenceMajorityVoting(cfg, variant).explore();
    const model = await check('majority-voting', cfg, variant);
    // The whole state space, invariants off, so that variants are explored to the end too.
    const all = bfs(model.cfg.instance, { invariants: [] });
    expect([all.distinctStates, all.statesGenerated, all.depth, 0]).toEqual([ref.distinct, ref.generated, ref.depth, ref.deadlocks]);
    expect(model.violation ? model.violation.path.length - 1 : undefined).toBe(ref.violationAt);
    expect(model.result).toBe(variant === undefined ? 'holds' : 'violation');
  }, 60_000);

  it('each variant loses linearizability with its shortest trace; no-write-back needs two reads', async () => {
    const shortest = async (variant: string, over: Record<string, number> = {}) => {
      const r = await check('majority-voting', over, variant);
      return [r.violation?.invariant, r.violation ? r.violation.path.length - 1 : r.result];
    };
    // At the defaults too (one crash, one loss): the goldens below are those runs' traces, 12, 16 and 13 steps.
    expect(await shortest('non-intersecting-quorums', { crashes: 0, losses: 0 })).toEqual(['linearizable', 12]);
    expect(await shortest('no-stable-storage', { losses: 0 })).toEqual(['linearizable', 16]);
    expect(await shortest('no-write-back', { crashes: 0, losses: 0 })).toEqual([undefined, 'holds']);
    expect(await shortest('no-write-back', { reads: 2, crashes: 0, losses: 0 })).toEqual(['linearizable', 13]);
    // No stable storage is harmless without crashes, and read quorums of n - W that still meet every
    // write quorum (W = 3) are too.
    expect(await shortest('no-stable-storage', { crashes: 0, losses: 0 })).toEqual([undefined, 'holds']);
    expect(await shortest('non-intersecting-quorums', { writeQuorum: 3, losses: 0, crashes: 0 })).toEqual([undefined, 'holds']);
  }, 60_000);

  const goldens: [string, number, string[]][] = [
    [
      'majority-voting-no-stable-storage-linearizable.json',
      16,
      [
        '    stale read: c2: read() → 0 missed c1: write(1), which returned before it was invoked',
        '    not linearizable: no order that respects real time explains c2: read() → 0, given these operations:',
        '      c1: write(1) → ok',
        '      c2: read() → 0 (invoked after c1: write(1) returned)',
        '    the longest order that fits: c1: write(1) → ok; then c2: read() should return 1 but returned 0',
        '    history: c1 invokes write(1); c1 returns ok; c2 invokes read(); c2 returns 0',
      ],
    ],
    [
      'majority-voting-non-intersecting-quorums-linearizable.json',
      12,
      [
        '    stale read: c2: read() → 0 missed c1: write(1), which returned before it was invoked',
        '    not linearizable: no order that respects real time explains c2: read() → 0, given these operations:',
        '      c1: write(1) → ok',
        '      c2: read() → 0 (invoked after c1: write(1) returned)',
        '    the longest order that fits: c1: write(1) → ok; then c2: read() should return 1 but returned 0',
        '    history: c1 invokes write(1); c1 returns ok; c2 invokes read(); c2 returns 0',
      ],
    ],
    [
      'majority-voting-no-write-back-linearizable.json',
      13,
      [
        '    new/old inversion: c2: read() → 0 was invoked after c2: read() → 1 had returned',
        '    not linearizable: no order that respects real time explains c2: read() → 0, given these operations:',
        '      c1: write(1) pending',
        '      c2: read() → 1',
        '      c2: read() → 0 (invoked after c2: read() returned)',
        '    the longest order that fits: c1: write(1) pending; c2: read() → 1; then c2: read() should return 1 but returned 0',
        '    history: c1 invokes write(1); c2 invokes read(); c2 returns 1; c2 invokes read(); c2 returns 0',
      ],
    ],
  ];
  it.each(goldens)('the golden %s replays (exit 1, confirmed) and names the stale read', async (file, steps, why) => {
    const io = memoryIo(root);
    expect(await main(['replay', join('counterexamples', file)], io)).toBe(1);
    const at = io.stdout.indexOf(`✗ reproduced: invariant linearizable is violated at step ${steps}`);
    expect(at).toBeGreaterThan(0);
    expect(io.stdout.slice(at + 1)).toEqual(['Why linearizable is false:', ...why]);
  }, 60_000);

  it('specs/majority-voting.spec holds at its constants, with both witnesses reached', async () => {
    const io = memoryIo(root);
    const out = mkdtempSync(join(tmpdir(), 'clab-mv-'));
    expect(await main(['check', 'specs/majority-voting.spec', '--out', out], io)).toBe(0);
    expect(io.stdout).toContain('◆ sometimes readsNewValue: reachable in 12 steps:');
    expect(io.stdout).toContain('◆ sometimes overlapping: reachable in 8 steps:');
    expect(io.stdout).toContain('✓ 4 invariant(s) hold on every reachable state (search complete)');
    expect(io.stdout.find((l) => l.includes('distinct states'))).toMatch(/^36,620 distinct states, 174,553 generated, depth 19,/);
  }, 60_000);

  /** Every reachable state of a variant, with the spec's predicates and the model's invariant. */
  async function statesOf(variant: string, over: Record<string, number>) {
    const loaded = await loadSpecFile('specs/majority-voting.spec', root);
    const cs = resolveConstants(loaded.model, { ...loaded.constants, ...over });
    const inst = loaded.model.instantiate(cs, variant) as Instance<unknown>;
    const props = compileSpec(loaded, inst, cs).properties;
    const states: unknown[] = [];
    bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }] });
    const spec = (name: string) => props.invariants.find((p) => p.name === name)!.holds;
    return { inst, states, spec };
  }

  it.each([
    ['non-intersecting-quorums', { crashes: 0, losses: 0 }, [1609, 16]],
    ['no-stable-storage', { replicas: 2, readQuorum: 1, losses: 0 }, [1364, 2]],
    ['no-write-back', { reads: 2, crashes: 0, losses: 0 }, [2865, 30]],
  ] as const)(
    '%s: the spec (no stale read, no value from nowhere, no inversion) agrees with the tester on every state',
    async (variant, over, [count, broken]) => {
      const { inst, states, spec } = await statesOf(variant, over);
      const atomic = [spec('noStaleRead'), spec('noValueFromNowhere'), spec('noInversion')];
      let violating = 0;
      for (const s of states) {
        const tester = inst.invariants.linearizable.holds(s);
        expect(atomic.every((p) => p(s))).toBe(tester);
        expect(spec('linearizable')(s)).toBe(tester);
        if (!tester) violating++;
      }
      expect([states.length, violating]).toEqual([count, broken]);
    },
    60_000,
  );
});
