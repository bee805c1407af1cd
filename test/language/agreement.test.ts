// The spec's invariants evaluate exactly like the models' TypeScript invariants, on every state of small
// exhaustive runs (correct and buggy variants) plus unreachable states built from them, so that both
// verdicts occur for every invariant compared.

import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConstants } from '../../checker/load/constants.ts';
import { bfs } from '../../checker/search/bfs.ts';
import type { Instance, Model } from '../../checker/model.ts';
import { compileSpec, loadSpecFile } from '../../checker/language/plan.ts';

const root = resolve(import.meta.dirname, '../..');

function reachable<S>(inst: Instance<S>): S[] {
  const states: S[] = [];
  const r = bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }] });
  expect(r.result).toBe('holds');
  expect(states.length).toBe(r.distinctStates);
  return states;
}

async function setup(spec: string, consts: Record<string, number>, variant?: string) {
  const loaded = await loadSpecFile(spec, root);
  const cs = resolveConstants(loaded.model, { ...loaded.constants, ...consts });
  const inst = loaded.model.instantiate(cs, variant) as Instance<any>;
  const props = compileSpec(loaded, inst, cs).properties;
  return { model: loaded.model as Model, inst, props };
}

/** Compares spec predicate `name` with TS invariant `tsName` on every state; returns [true count, false count]. */
function compare(inst: Instance<any>, props: { invariants: readonly { name: string; holds: (s: unknown) => boolean }[] }, name: string, tsName: string, states: readonly unknown[]): [number, number] {
  const spec = props.invariants.find((p) => p.name === name)!;
  const ts = inst.invariants[tsName];
  let t = 0;
  let f = 0;
  for (const s of states) {
    const want = ts.holds(s);
    expect(spec.holds(s), `${name} on ${JSON.stringify(s)}`).toBe(want);
    if (want) t++;
    else f++;
  }
  return [t, f];
}

const rmCombos = (n: number) => Array.from({ length: 4 ** n }, (_, k) => Array.from({ length: n }, (_, i) => Math.floor(k / 4 ** i) % 4));

describe('spec invariants agree with the TypeScript invariants', () => {
  it('twophase rms=3: every reachable state, and every RM-state combination', async () => {
    const { inst, props } = await setup('specs/twophase.spec', { rms: 3 });
    const states = reachable(inst);
    expect(states.length).toBe(288);
    expect(compare(inst, props, 'consistent', 'consistent', states)).toEqual([288, 0]);
    const synthetic = states.flatMap((s) => rmCombos(3).map((rmState) => ({ ...s, rmState })));
    const [t, f] = compare(inst, props, 'consistent', 'consistent', synthetic);
    expect(t + f).toBe(288 * 64);
    expect(f).toBe(288 * 18); // 64 - 27 (no committed) - 27 (no aborted) + 8 (neither) = 18 of the 64 combinations have both a committed and an aborted RM
  });

  it('tcommit rms=3: every reachable state, and every RM-state combination', async () => {
    const { inst, props } = await setup('specs/tcommit.spec', { rms: 3 });
    const states = reachable(inst);
    expect(states.length).toBe(34);
    expect(compare(inst, props, 'consistent', 'consistent', states)).toEqual([34, 0]);
    expect(compare(inst, props, 'consistent', 'consistent', rmCombos(3).map((rmState) => ({ rmState })))).toEqual([46, 18]);
  });

  for (const variant of [undefined, 'ignore-accepted', 'minority-quorum']) {
    it(`paxos acceptors=3 proposers=2 maxBallot=2${variant ? ` variant ${variant}` : ''}: every reachable state`, async () => {
      const { inst, props } = await setup('specs/paxos.spec', { acceptors: 3, proposers: 2, maxBallot: 2 }, variant);
      const states = reachable(inst);
      if (!variant) expect(states.length).toBe(1777);
      const [t, f] = compare(inst, props, 'agreement', 'agreement', states);
      expect(t).toBeGreaterThan(0);
      if (variant) expect(f).toBeGreaterThan(0); // the buggy variants reach disagreement
      else expect(f).toBe(0);
      compare(inst, props, 'validity', 'validity', states);
    });
  }

  it('paxos: states with messages dropped at random (unreachable), where validity also fails', async () => {
    const { inst, props } = await setup('specs/paxos.spec', { acceptors: 3, proposers: 2, maxBallot: 2 }, 'ignore-accepted');
    const states = reachable(inst) as { msgs: readonly number[] }[];
    let validityFalse = 0;
    let agreementFalse = 0;
    fc.assert(
      fc.property(fc.nat(states.length - 1), fc.array(fc.nat(0xffffffff), { minLength: 4, maxLength: 4 }), (k, masks) => {
        const s = states[k];
        const t = { ...s, msgs: s.msgs.map((w, i) => (w & masks[i % masks.length]) >>> 0) };
        validityFalse += compare(inst, props, 'validity', 'validity', [t])[1];
        agreementFalse += compare(inst, props, 'agreement', 'agreement', [t])[1];
      }),
      { numRuns: 3000 },
    );
    expect(validityFalse).toBeGreaterThan(0);
    expect(agreementFalse).toBeGreaterThan(0);
  });
});
