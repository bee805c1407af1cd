// Fast Paxos (models/fast-paxos.ts): exact counts, the same counts from an independent naive Fast Paxos
// (fast-paxos-reference.ts), the quorum arithmetic against brute force over sets, the pick rule on hand
// cases, each variant's shortest trace with the committed counterexamples replayed, the spec's verdicts, a
// sweep over the fast quorum size, and the labels a cost report reads on a failure-free fast run.

import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import type { Step } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import fastPaxos, { type FastState } from '../../models/fast-paxos.ts';
import { configOf, leastFastQuorum, majority, pickRule, quorumsIntersect, type Variant } from '../../models/fast-paxos/rules.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import { referenceFastPaxos, type RefConfig, type RefVariant } from './fast-paxos-reference.ts';

const root = join(import.meta.dirname, '..', '..');
const DEFAULTS = { acceptors: 4, values: 2, rounds: 2, fastRounds: 1, classicQuorum: 0, fastQuorum: 0 };
const instance = (constants: Partial<typeof DEFAULTS>, variant?: string) => fastPaxos.instantiate({ ...DEFAULTS, ...constants }, variant);
const check = (constants: Partial<typeof DEFAULTS>, variant?: string, puritySample?: number) => {
  const inst = instance(constants, variant);
  return bfs(inst, { invariants: invariantsOf(inst), puritySample });
};
const refOf = (c: Partial<typeof DEFAULTS>): RefConfig => {
  const k = { ...DEFAULTS, ...c };
  return { n: k.acceptors, values: k.values, rounds: k.rounds, fastRounds: k.fastRounds, classicQuorum: k.classicQuorum, fastQuorum: k.fastQuorum };
};

describe('fast-paxos: exact counts, cross-checked', () => {
  const configs: [string, Partial<typeof DEFAULTS>, [number, number, number]][] = [
    ['the defaults (n4, fast round 1, classic round 2)', {}, [13526, 41577, 18]],
    ['n3', { acceptors: 3 }, [2304, 6213, 15]],
    ['n3, no fast round (classic Paxos)', { acceptors: 3, fastRounds: 0 }, [1636, 4635, 15]],
    ['n2, rounds 1 and 2 fast, round 3 classic', { acceptors: 2, rounds: 3, fastRounds: 2 }, [1988, 4693, 18]],
  ];
  for (const [what, c, [distinct, generated, depth]] of configs) {
    it(`${what}: holds, ${distinct} / ${generated} / ${depth}, as the naive reference counts`, () => {
      const r = check(c);
      expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', distinct, generated, depth]);
      expect(referenceFastPaxos(refOf(c)).explore()).toEqual({ distinct, depth });
    }, 30_000);
  }

  it('agrees with the reference on random tiny configurations, every variant and quorum size (counts, verdicts, shortest trace)', () => {
    const variants: RefVariant[] = [undefined, 'small-fast-quorum', 'ignore-collision-rule'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(3),
        fc.nat(2),
        fc.nat(2),
        fc.constantFrom(...variants),
        (n, values, rounds, f, qc, qf, variant) => {
          const c = { acceptors: n, values, rounds, fastRounds: Math.min(f, rounds), classicQuorum: Math.min(qc, n), fastQuorum: Math.min(qf, n) };
          const ref = referenceFastPaxos(refOf(c), variant).explore();
          const r = check(c, variant);
          if (ref.violationAt === undefined) {
            expect([r.result, r.distinctStates, r.depth]).toEqual(['holds', ref.distinct, ref.depth]);
          } else {
            expect(r.result).toBe('violation');
            expect(r.violation!.path.length - 1).toBe(ref.violationAt);
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it('keeps the purity rules on every state of a small instance, every variant', () => {
    for (const v of [undefined, 'small-fast-quorum', 'ignore-collision-rule']) expect(check({ acceptors: 2 }, v, 1).result).toBe(v === 'small-fast-quorum' ? 'violation' : 'holds');
  });

  it('encode and decode are inverse on every reachable state of n2, rounds 1 and 2 fast, round 3 classic', () => {
    const inst = instance({ acceptors: 2, rounds: 3, fastRounds: 2 });
    const seen = new Set<string>();
    const todo = inst.init().slice();
    let n = 0;
    while (todo.length) {
      const s = todo.pop()!;
      const key = JSON.stringify(s);
      if (seen.has(key)) continue;
      seen.add(key);
      n++;
      const words: number[] = [];
      inst.encode!(s, { u32: (x: number) => words.push(x) } as never);
      let i = 0;
      const back = inst.decode!({ u32: () => words[i++] } as never);
      expect(back).toEqual(s);
      for (const t of inst.next(s)) todo.push(t.state);
    }
    expect(n).toBe(1988);
  });
});

describe('fast-paxos: quorum sizes and the pick rule', () => {
  /** Brute force: every two classic quorums meet, and every two fast quorums and a classic quorum meet. */
  function intersectByEnumeration(n: number, qc: number, qf: number): boolean {
    const sets = Array.from({ length: 1 << n }, (_, m) => m);
    const size = (m: number) => sets.length && [...Array(n).keys()].filter((a) => (m >> a) & 1).length;
    const classic = sets.filter((m) => size(m) >= qc);
    const fast = sets.filter((m) => size(m) >= qf);
    return classic.every((q) => classic.every((p) => (q & p) !== 0)) && classic.every((q) => fast.every((r1) => fast.every((r2) => (q & r1 & r2) !== 0)));
  }

  it('quorumsIntersect is the intersection requirement, and the default fast quorum is the least meeting it (n = 1..5)', () => {
    for (let n = 1; n <= 5; n++) {
      for (let qc = 1; qc <= n; qc++) for (let qf = 1; qf <= n; qf++) expect(quorumsIntersect(n, qc, qf), `n=${n} qc=${qc} qf=${qf}`).toBe(intersectByEnumeration(n, qc, qf));
      const qc = majority(n);
      const least = leastFastQuorum(n, qc);
      expect(intersectByEnumeration(n, qc, least)).toBe(true);
      if (least > 1) expect(intersectByEnumeration(n, qc, least - 1)).toBe(false);
    }
    expect([3, 4, 5].map((n) => [majority(n), leastFastQuorum(n, majority(n))])).toEqual([[2, 3], [3, 3], [3, 4]]);
  });

  it('the coordinator picks as Lamport says (n4, |Qc| = |Qf| = 3, round 1 fast, round 2 classic)', () => {
    const rule = (variant: Variant, reports: [number, number][], fastRounds = 1) => {
      const cfg = configOf({ ...DEFAULTS, rounds: 3, fastRounds }, variant);
      return pickRule(cfg, (r) => r <= fastRounds, reports.map(([vr, v]) => ({ vr, v })));
    };
    expect(rule(undefined, [[0, 0], [0, 0], [0, 0]])).toBe('free');
    // A collision in fast round 1: 1 has two votes in Q = three acceptors, so {a4} plus those two is a
    // fast quorum all of whose members in Q voted 1 (O4(1)); 2 has one vote (not O4).
    expect(rule(undefined, [[1, 1], [1, 1], [1, 2]])).toEqual([1]);
    expect(rule('ignore-collision-rule', [[1, 1], [1, 1], [1, 2]])).toEqual([1, 2]);
    // Q is every acceptor: no fast quorum lies outside, so neither value can have been chosen.
    expect(rule(undefined, [[1, 1], [1, 1], [1, 2], [1, 2]])).toBe('free');
    // One value voted in the highest fast round: it is forced (it may be an earlier round's chosen value).
    expect(rule(undefined, [[2, 1], [1, 2], [0, 0]], 2)).toEqual([1]);
    // The highest round is classic: its single value.
    expect(rule(undefined, [[2, 2], [1, 1], [1, 1]])).toEqual([2]);
    // small-fast-quorum (|Qf| = 2): with Q = every acceptor both values may have been chosen.
    expect(rule('small-fast-quorum', [[1, 1], [1, 1], [1, 2], [1, 2]])).toEqual([1, 2]);
  });
});

describe('fast-paxos: the variants lose agreement, with the committed shortest traces', () => {
  // The last column: `clab replay` of the same steps under the correct protocol. 0: every step is allowed
  // but agreement holds at the end (a fast quorum needs three votes); 2: a step is not allowed (the correct
  // coordinator's 2a differs, or reads a proposal).
  const expected: [string, string, Partial<typeof DEFAULTS>, number, number, number][] = [
    ['small-fast-quorum', 'fast-paxos-small-fast-quorum-agreement.json', {}, 7, 643, 0],
    ['small-fast-quorum', 'fast-paxos-n3-small-fast-quorum-agreement.json', { acceptors: 3 }, 12, 2029, 2],
    ['ignore-collision-rule', 'fast-paxos-ignore-collision-rule-agreement.json', {}, 15, 13814, 2],
  ];
  for (const [variant, file, c, length, distinct, fixedExit] of expected) {
    it(`${variant} ${JSON.stringify(c)}: agreement violated after ${length} steps (${distinct} states); ${file} is this run's and replays`, async () => {
      const r = check(c, variant);
      expect([r.result, r.violation!.invariant, r.violation!.path.length - 1, r.distinctStates]).toEqual(['violation', 'agreement', length, distinct]);
      expect(referenceFastPaxos(refOf(c), variant as RefVariant).explore().violationAt).toBe(length);

      const path = join(root, 'counterexamples', file);
      const golden = JSON.parse(readFileSync(path, 'utf8'));
      expect([golden.model, golden.variant, golden.constants]).toEqual(['fast-paxos', variant, { ...DEFAULTS, ...c }]);
      expect(golden.steps.map((s: { action: unknown }) => s.action)).toEqual(r.violation!.path.map((p) => p.action));
      expect(await main(['replay', path], memoryIo(root))).toBe(1);
      const tmp = join(mkdtempSync(join(tmpdir(), 'clab-fast-paxos-')), 'fixed.json');
      writeFileSync(tmp, JSON.stringify({ ...golden, variant: null }));
      expect(await main(['replay', tmp], memoryIo(root))).toBe(fixedExit);
    }, 30_000);
  }

  it('ignore-collision-rule is harmless at n3 with the default sizes (a fast quorum is every acceptor)', () => {
    const r = check({ acceptors: 3 }, 'ignore-collision-rule');
    expect([r.result, r.distinctStates]).toEqual(['holds', 2304]);
  });
});

describe('fast-paxos: the command line', () => {
  const run = async (...args: string[]) => {
    const io = memoryIo(root);
    const code = await main([...args, '--out', mkdtempSync(join(tmpdir(), 'clab-fast-paxos-'))], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  it('specs/fast-paxos.spec holds with both witnesses reached; with small-fast-quorum its agreement fails', async () => {
    const ok = await run('check', 'specs/fast-paxos.spec', '--json', '--quiet');
    expect(ok.code).toBe(0);
    const j = JSON.parse(ok.out);
    expect([j.result, j.distinctStates, j.depth]).toEqual(['holds', 13526, 18]);
    const bad = await run('check', 'specs/fast-paxos.spec', '--variant', 'small-fast-quorum', '--json', '--quiet');
    expect(bad.code).toBe(1);
    expect([JSON.parse(bad.out).violation.invariant, JSON.parse(bad.out).violation.length]).toEqual(['agreement', 7]);
  }, 30_000);

  it('clab sweep over fastQuorum at n3: 1 and 2 violated (5 and 12 steps), 3 holds', async () => {
    const r = await run('sweep', 'fast-paxos', '--param', 'fastQuorum=1..3', '--const', 'acceptors=3', '--json', '--quiet');
    expect(r.code).toBe(1);
    const cells = JSON.parse(r.out) as { constants: { fastQuorum: number }; result: string; distinctStates: number; violation?: { length: number } }[];
    expect(cells.map((x) => [x.constants.fastQuorum, x.result, x.distinctStates, x.violation?.length])).toEqual([
      [1, 'violation', 88, 5],
      [2, 'violation', 2029, 12],
      [3, 'holds', 2304, undefined],
    ]);
  }, 30_000);

  it('a quorum larger than the acceptors is refused with exit 2', async () => {
    const r = await run('check', 'fast-paxos', '--const', 'fastQuorum=5');
    expect(r.code).toBe(2);
    expect(r.err).toContain("invalid constants for 'fast-paxos': fastQuorum (5) must be at most acceptors (4)");
  });
});

describe('fast-paxos: the failure-free fast round, as a cost report reads it', () => {
  /** Follows the first successor whose label matches, from the initial state. */
  const follow = (wanted: string[], constants: Partial<typeof DEFAULTS> = {}) => {
    const inst = instance(constants);
    let s = inst.init()[0];
    const steps: Step<FastState>[] = [];
    for (const w of wanted) {
      const step = inst.next(s).find((x) => `${x.action.actor} ${x.action.kind} ${x.action.message?.type}` === w)!;
      expect(step, w).toBeDefined();
      steps.push(step);
      s = step.state;
    }
    return { inst, steps, s };
  };

  it('coord sends "any" ahead; c1 proposes; three acceptors vote on the proposal: 1 is chosen', () => {
    const { inst, steps, s } = follow(['coord sends 2a', 'c1 sends propose', 'a1 accepts, sends 2b', 'a2 accepts, sends 2b', 'a3 accepts, sends 2b']);
    expect(steps[0].action.message).toEqual({ type: '2a', from: 'coord', to: 'acceptors', round: 1, v: 'any' });
    expect(steps[1].action.message).toEqual({ type: 'propose', from: 'c1', to: 'coord+acceptors', v: 1 });
    // Each vote names the client's proposal and the "any" it read: the path is c1 → acceptor → learners.
    expect(steps[2].action.message).toEqual({ type: '2b', from: 'a1', to: 'learners', round: 1, v: 1 });
    expect(steps[2].action.received).toEqual([steps[1].action.message, steps[0].action.message]);
    expect(inst.views!.chosen.get(s)).toEqual([1]);
  });

  it('with no fast round, round 1 is classic Paxos with phase 1 done in advance: c1 → coord → acceptors → learners', () => {
    const { inst, steps, s } = follow(['c1 sends propose', 'coord sends 2a', 'a1 accepts, sends 2b', 'a2 accepts, sends 2b', 'a3 accepts, sends 2b'], { fastRounds: 0 });
    expect(steps[1].action.message).toEqual({ type: '2a', from: 'coord', to: 'acceptors', round: 1, v: 1 });
    expect(steps[1].action.received).toEqual([steps[0].action.message]);
    expect(steps[2].action.received).toEqual([steps[1].action.message]);
    expect(inst.views!.chosen.get(s)).toEqual([1]);
  });
});
