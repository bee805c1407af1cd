// Paxos liveness on models/paxos-duel.ts: with ballots normalised the duel of two proposers is a cycle, so
// `eventually chosen` fails by a fair lasso (exact shape asserted); with an Ω leader it holds; agreement
// holds throughout; the normalisation really identifies states that differ by a shift of every ballot;
// the specs and the committed lasso through the CLI.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { encodeState } from '../../checker/state/fingerprinter.ts';
import { checkLiveness } from '../../checker/liveness/check.ts';
import type { Instance } from '../../checker/model.ts';
import duel, { type DuelState } from '../../models/paxos-duel.ts';
import twophase from '../../models/twophase.ts';

const root = resolve(import.meta.dirname, '../..');
const inst = (leader: number, network = 'fifo') => duel.instantiate({ acceptors: 3, proposers: 2, leader, network }) as Instance<DuelState>;
const live = (i: Instance<DuelState>, maxStates?: number) => checkLiveness(i, { properties: i.temporal!, maxStates });
const words = (i: Instance<DuelState>, s: DuelState) => Array.from(encodeState(i, s)).join(',');

function reachable(i: Instance<DuelState>): DuelState[] {
  const seen = new Map<string, DuelState>();
  const queue = [...i.init()];
  for (const s of queue) seen.set(words(i, s), s);
  for (let h = 0; h < queue.length; h++) {
    for (const st of i.next(queue[h])) {
      const k = words(i, st.state);
      if (!seen.has(k)) {
        seen.set(k, st.state);
        queue.push(st.state);
      }
    }
  }
  return queue;
}

const ballotsOf = (s: DuelState) => [...s.bal, ...s.maxBal, ...s.maxVBal, ...s.msgs.flatMap((m) => [m.b, m.vbal]), ...s.tallies.map((t) => t.b)];

/** Every nonzero ballot of s raised by k (not a normalised state). */
const shift = (s: DuelState, k: number): DuelState => {
  const up = (b: number) => (b === 0 ? 0 : b + k);
  return {
    ...s,
    bal: s.bal.map(up),
    maxBal: s.maxBal.map(up),
    maxVBal: s.maxVBal.map(up),
    msgs: s.msgs.map((m) => ({ ...m, b: up(m.b), vbal: up(m.vbal) })),
    tallies: s.tallies.map((t) => ({ ...t, b: up(t.b) })),
  };
};

describe('no stable leader (leader = 0): the duel', () => {
  const i = inst(0);
  const r = live(i);
  const p = r.properties[0];
  const cx = p.counterexample!;
  const cycle = cx.steps.slice(cx.loopStart! + 1);

  it('801 states; eventuallyChosen is violated; no deadlock, 2 intended terminal states', () => {
    expect(r.distinctStates).toBe(801);
    expect(p).toMatchObject({ name: 'eventuallyChosen', kind: 'eventually', result: 'violation' });
    expect(r.deadlocks).toEqual({ count: 0, terminal: 2 });
  });

  it('the lasso: 21 steps, back to step 5, the last state is the state of step 5', () => {
    expect(cx.steps).toHaveLength(22);
    expect(cx.loopStart).toBe(5);
    expect(words(i, cx.steps[21].state)).toBe(words(i, cx.steps[5].state));
    expect(cx.steps.every((st) => st.state.chosen === 0)).toBe(true);
  });

  it('the cycle: each proposer is preempted and restarts once, every process acts, no acceptor accepts', () => {
    const label = (st: (typeof cycle)[number]) => `${st.action!.actor} ${st.action!.kind}`;
    expect(cycle.filter((st) => st.action!.kind === 'restarts').map((st) => st.action!.actor)).toEqual(['p1', 'p2']);
    expect(cycle.filter((st) => st.action!.kind === 'receives' && st.action!.message?.type === '1b quorum').map((st) => st.action!.actor)).toEqual(['p1', 'p2']);
    expect(cycle.filter((st) => st.action!.detail === 'rejects')).toHaveLength(6);
    expect(cycle.filter((st) => st.action!.detail === 'accepts')).toHaveLength(0);
    expect(new Set(cycle.map((st) => st.action!.actor))).toEqual(new Set(['p1', 'p2', 'a1', 'a2', 'a3']));
    expect(cycle.map(label)).toHaveLength(16);
  });

  it('agreement holds on all 801 states', () => {
    const s = bfs(i, { invariants: [{ name: 'agreement', holds: i.invariants.agreement.holds }] });
    expect(s.result).toBe('holds');
    expect(s.distinctStates).toBe(801);
  });
});

describe('a stable leader (Ω eventually trusts one proposer)', () => {
  for (const leader of [1, 2]) {
    it(`leader = ${leader}: 1,611 states, eventuallyChosen holds, agreement holds`, () => {
      const i = inst(leader);
      const r = live(i);
      expect(r.distinctStates).toBe(1611);
      expect(r.properties[0].result).toBe('holds');
      expect(r.deadlocks).toEqual({ count: 0, terminal: 4 });
      expect(bfs(i, { invariants: [{ name: 'agreement', holds: i.invariants.agreement.holds }] }).result).toBe('holds');
    });
  }
  it('without the fairness of Ω the duel is back (the oracle must actually stabilise)', () => {
    const i = inst(1);
    const prop = { ...i.temporal![0], fairness: i.temporal![0].fairness!.filter((f) => f.actor !== 'omega') };
    const r = checkLiveness(i, { properties: [prop] });
    expect(r.properties[0].result).toBe('violation');
    expect(r.properties[0].counterexample!.steps.every((st) => !st.state.stable)).toBe(true);
  });
});

describe('bag network (any delivery order)', () => {
  it('the duel is already found among the first 5,000 states (a lasso in a cut-off graph is real)', () => {
    const r = live(inst(0, 'bag'), 5000);
    expect(r.distinctStates).toBe(5000);
    expect(r.properties[0].result).toBe('violation');
    expect(r.properties[0].counterexample!.loopStart).toBe(6);
    expect(r.properties[0].counterexample!.steps).toHaveLength(36);
  });
});

describe('normalisation', () => {
  const i = inst(1);
  const states = reachable(i);
  it('reaches the same 1,611 states as the checker, each with dense ballots 0..k', () => {
    expect(states).toHaveLength(1611);
    for (const s of states) {
      const bs = [...new Set([0, ...ballotsOf(s)])].sort((x, y) => x - y);
      expect(bs).toEqual(bs.map((_, k) => k));
    }
  });
  it('a state with every ballot shifted has the same successors (same states, same labels but for ballot numbers)', () => {
    for (const s of states.slice(0, 400)) {
      const a = i.next(s);
      const b = i.next(shift(s, 5));
      expect(b.map((st) => words(i, st.state))).toEqual(a.map((st) => words(i, st.state)));
      expect(b.map((st) => `${st.action.actor} ${st.action.kind}`)).toEqual(a.map((st) => `${st.action.actor} ${st.action.kind}`));
    }
  });
});

describe('through the CLI', () => {
  const out = () => mkdtempSync(join(tmpdir(), 'clab-duel-'));
  it('specs/paxos-liveness.spec: the lasso (21 steps, loopStart 5), exit 1; witnesses for both values', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'specs/paxos-liveness.spec', '--json', '--quiet', '--out', out()], io)).toBe(1);
    const j = JSON.parse(io.stdout[0]);
    expect(j).toMatchObject({ distinctStates: 801, livenessStates: 801, result: 'violation' });
    expect(j.violation).toMatchObject({ property: 'eventuallyChosen', kind: 'temporal', length: 21, loopStart: 5 });
    expect(j.witnesses.map((w: { name: string; reachable: boolean }) => [w.name, w.reachable])).toEqual([
      ['valueChosen', true],
      ['oneChosen', true],
      ['twoChosen', true],
    ]);
  });
  it('specs/paxos-duel.spec holds, exit 0', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'specs/paxos-duel.spec', '--json', '--quiet', '--out', out()], io)).toBe(0);
    const j = JSON.parse(io.stdout[0]);
    expect(j).toMatchObject({ result: 'holds', distinctStates: 1611 });
    expect(j.temporal).toEqual([{ name: 'eventuallyChosen', kind: 'eventually', result: 'holds' }]);
  });
  it('clab replay reproduces the committed lasso (exit 1)', async () => {
    const io = memoryIo(root);
    expect(await main(['replay', 'counterexamples/paxos-duel-eventuallyChosen.json', '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ result: 'reproduced', length: 21, loopStart: 5 });
  });
  it('specs/twophase.spec: tmDecides holds under fairness of the decision steps, fails under `fair weak TM` alone', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'specs/twophase.spec', '--json', '--quiet', '--out', out()], io)).toBe(0);
    expect(JSON.parse(io.stdout[0]).temporal).toEqual([{ name: 'tmDecides', kind: 'eventually', result: 'holds' }]);
    const tp = twophase.instantiate({ rms: 3 });
    const weakTM = checkLiveness(tp, { properties: [{ name: 'tmDecides', kind: 'eventually', p: (s) => s.tmState !== 0, fairness: [{ strength: 'weak', actor: 'TM' }] }] });
    const cx = weakTM.properties[0].counterexample!;
    expect([weakTM.properties[0].result, cx.steps.length - 1, cx.loopStart]).toEqual(['violation', 7, 6]);
    expect(cx.steps[7].action).toMatchObject({ actor: 'TM', kind: 'receives' });
  });
});
