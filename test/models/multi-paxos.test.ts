// Multi-Paxos (models/multi-paxos.ts): exact counts, the same counts and shortest counterexamples from an
// independent naive implementation (multi-paxos-reference.ts), both buggy variants caught with the committed
// traces, which replay; the spec's invariants agree with the model's on every reachable state; and a
// failure-free run's messages, counted from its action labels, show what piggybacking saves.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { compileSpec, loadSpecFile } from '../../checker/language/plan.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import type { Action, Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import multiPaxos, { type MultiPaxosState } from '../../models/multi-paxos.ts';
import { universe, universeSize } from '../../models/multi-paxos/messages.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import { referenceMultiPaxos, type RefVariant } from './multi-paxos-reference.ts';

const root = join(import.meta.dirname, '..', '..');
const DEFAULTS = { acceptors: 3, proposers: 2, slots: 2, maxBallot: 2, piggyback: true };
type Consts = Partial<typeof DEFAULTS>;
const instance = (c: Consts = {}, variant?: string) => multiPaxos.instantiate({ ...DEFAULTS, ...c }, variant) as Instance<MultiPaxosState>;
const check = (c: Consts = {}, variant?: string, puritySample?: number) => {
  const inst = instance(c, variant);
  return bfs(inst, { invariants: invariantsOf(inst), deadlock: true, puritySample });
};

describe('multi-paxos: exact counts (distinct / generated / depth), every invariant holding, no deadlock', () => {
  const cases: [Consts, number, number, number][] = [
    [{}, 59589, 170797, 29],
    [{ slots: 1 }, 3877, 10137, 21],
    [{ acceptors: 2, maxBallot: 3 }, 3165, 5340, 34],
    [{ acceptors: 2, piggyback: false }, 441, 931, 25],
  ];
  for (const [c, distinct, generated, depth] of cases) {
    it(`${JSON.stringify(c)}: ${distinct} / ${generated} / ${depth}`, () => {
      const r = check(c);
      expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', distinct, generated, depth]);
    }, 30_000);
  }

  it('refuses constants whose message universe is too large to build: exit 2, saying why', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'multi-paxos', '--const', 'acceptors=5', '--const', 'proposers=4', '--const', 'slots=4', '--const', 'maxBallot=6'], io)).toBe(2);
    expect(io.stderr).toEqual([
      "error: invalid constants for 'multi-paxos': these constants make 1,569,812 possible messages, more than 100,000 (the 1b messages grow as (1 + (maxBallot-1)*proposers)^slots): lower slots, maxBallot or proposers",
    ]);
    expect(multiPaxos.validate!({ ...DEFAULTS, slots: 3, maxBallot: 3 })).toBeUndefined();
    // validate() counts the messages without building them: the same number as the universe an instance builds.
    for (const [A, P, S, B] of [[3, 2, 2, 2], [1, 1, 1, 1], [2, 3, 3, 3], [5, 1, 8, 1]]) expect(universeSize(A, P, S, B), `${A} ${P} ${S} ${B}`).toBe(universe(A, P, S, B).size);
    expect(universeSize(3, 2, 2, 2)).toBe(universe(3, 2, 2, 2).messages.length);
  });

  it('keeps the purity rules on every state of small instances, variants included', () => {
    for (const v of [undefined, 'skip-phase1', 'no-repropose']) {
      for (const piggyback of [true, false]) expect(() => check({ acceptors: 2, piggyback }, v, 1)).not.toThrow();
    }
  });
});

describe('multi-paxos against the naive reference', () => {
  // Every configuration with at most 2 acceptors, proposers, slots and ballots, both ways of sending
  // decisions, every variant; and two with 3 acceptors.
  const configs: { A: number; P: number; S: number; B: number; piggyback: boolean; variant: RefVariant }[] = [];
  for (const A of [1, 2])
    for (const P of [1, 2])
      for (const S of [1, 2])
        for (const B of [1, 2]) for (const piggyback of [true, false]) for (const variant of [undefined, 'skip-phase1', 'no-repropose'] as RefVariant[]) configs.push({ A, P, S, B, piggyback, variant });
  configs.push({ A: 3, P: 2, S: 1, B: 2, piggyback: true, variant: undefined }, { A: 3, P: 1, S: 1, B: 2, piggyback: false, variant: undefined });

  it(`${configs.length} configurations: the same distinct states and depth, or the same shortest violation; no deadlock`, () => {
    let violations = 0;
    for (const cfg of configs) {
      const what = JSON.stringify(cfg);
      const ref = referenceMultiPaxos(cfg);
      const r = check({ acceptors: cfg.A, proposers: cfg.P, slots: cfg.S, maxBallot: cfg.B, piggyback: cfg.piggyback }, cfg.variant);
      if (ref.violationAt === undefined) {
        expect([r.result, r.distinctStates, r.depth], what).toEqual(['holds', ref.distinct, ref.depth]);
        expect(ref.deadlocks, what).toBe(0);
      } else {
        violations++;
        expect(r.result, what).toBe('violation');
        expect(r.violation!.invariant, what).toBe('agreement');
        expect(r.violation!.path.length - 1, what).toBe(ref.violationAt);
      }
    }
    // The bugs need two commands for a slot and a second ballot: they show in the 16 configurations with
    // P=2 and B=2 (every A, S and piggyback), in 8 or 11 steps (skip-phase1) and 10 or 14 (no-repropose).
    expect(violations).toBe(16);
  }, 60_000);

  it('the reference agrees on 3,877 states for acceptors=3 slots=1 and on the defaults\' shortest counterexamples', () => {
    expect(referenceMultiPaxos({ A: 3, P: 2, S: 1, B: 2, piggyback: true })).toEqual({ distinct: 3877, depth: 21, deadlocks: 0 });
    expect(referenceMultiPaxos({ A: 3, P: 2, S: 2, B: 2, piggyback: true, variant: 'skip-phase1' }).violationAt).toBe(11);
    expect(referenceMultiPaxos({ A: 3, P: 2, S: 2, B: 2, piggyback: true, variant: 'no-repropose' }).violationAt).toBe(14);
  }, 30_000);
});

describe('buggy multi-paxos variants are caught with the committed shortest traces', () => {
  const expected: [string, number][] = [
    ['skip-phase1', 11],
    ['no-repropose', 14],
  ];
  for (const [variant, length] of expected) {
    it(`${variant}: agreement violated after ${length} steps; the committed trace is this run's and replays`, async () => {
      const r = check({}, variant);
      expect(r.result).toBe('violation');
      expect(r.violation!.invariant).toBe('agreement');
      expect(r.violation!.path.length - 1).toBe(length);

      const file = join(root, 'counterexamples', `multi-paxos-${variant}-agreement.json`);
      const golden = JSON.parse(readFileSync(file, 'utf8'));
      expect([golden.model, golden.variant, golden.property]).toEqual(['multi-paxos', variant, { kind: 'invariant', name: 'agreement' }]);
      expect(golden.steps).toHaveLength(length + 1);
      expect(golden.steps.map((s: { action: unknown }) => s.action)).toEqual(r.violation!.path.map((p) => p.action));

      const io = memoryIo(root);
      expect(await main(['replay', file], io)).toBe(1);
      expect(io.stdout.join('\n')).toContain(`reproduced: invariant agreement is violated at step ${length}`);
      // The correct protocol does not take these steps: the replay stops where it departs (exit 2).
      const fixed = { ...golden, variant: null };
      const tmpFile = join(mkdtempSync(join(tmpdir(), 'clab-multi-paxos-')), 'fixed.json');
      writeFileSync(tmpFile, JSON.stringify(fixed));
      expect(await main(['replay', tmpFile], memoryIo(root))).toBe(2);
    }, 30_000);
  }
});

describe('specs/multi-paxos.spec', () => {
  it('holds at its constants (the defaults) with its three witnesses; no-repropose violates agreement in 14 steps', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-multi-paxos-'));
    const io = memoryIo(root);
    expect(await main(['check', 'specs/multi-paxos.spec', '--json', '--quiet', '--out', out], io)).toBe(0);
    const j = JSON.parse(io.stdout.join('\n'));
    expect([j.result, j.distinctStates]).toEqual(['holds', 59589]);
    expect(j.witnesses).toEqual([
      { name: 'everySlotChosen', reachable: true, length: 10 },
      { name: 'laterBallotChooses', reachable: true, length: 7 },
      { name: 'piggybacked', reachable: true, length: 8 },
    ]);

    const io2 = memoryIo(root);
    expect(await main(['check', 'specs/multi-paxos.spec', '--variant', 'no-repropose', '--json', '--quiet', '--out', out], io2)).toBe(1);
    const v = JSON.parse(io2.stdout.join('\n'));
    expect([v.result, v.violation.invariant, v.violation.length]).toEqual(['violation', 'agreement', 14]);
  }, 30_000);

  for (const variant of [undefined, 'skip-phase1', 'no-repropose']) {
    it(`its invariants equal the model's on every reachable state (acceptors=3 slots=1${variant ? `, ${variant}` : ''})`, async () => {
      const loaded = await loadSpecFile('specs/multi-paxos.spec', root);
      const cs = resolveConstants(loaded.model, { ...loaded.constants, slots: 1 });
      const inst = loaded.model.instantiate(cs, variant) as Instance<any>;
      const props = compileSpec(loaded, inst, cs).properties;
      const states: MultiPaxosState[] = [];
      const r = bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }] });
      expect(r.distinctStates).toBe(states.length);
      let broken = 0;
      for (const name of ['agreement', 'validity', 'decisionsTrue']) {
        const spec = props.invariants.find((p) => p.name === name)!;
        for (const s of states) {
          const want = inst.invariants[name].holds(s);
          expect(spec.holds(s), name).toBe(want);
          if (!want) broken++;
        }
      }
      if (variant) expect(broken).toBeGreaterThan(0);
      else expect([states.length, broken]).toEqual([3877, 0]);
    }, 30_000);
  }
});

/**
 * A failure-free run of k commands by one leader (proposer p1, ballot 1): 1a; every acceptor promises;
 * p1 leads on all the 1b; then per slot a 2a, every acceptor's 2b, and the decision (a commit message, or
 * with piggybacking carried on the next 2a, the last slot's in a commit). Steps are picked from next() by
 * their labels, so the run is one the model allows.
 */
function failureFreeRun(A: number, k: number, piggyback: boolean): Action[] {
  const inst = instance({ acceptors: A, proposers: 1, slots: k, maxBallot: 1, piggyback });
  let s = inst.init()[0];
  const actions: Action[] = [];
  const take = (pred: (a: Action) => boolean) => {
    const step = inst.next(s).find((st) => pred(st.action));
    if (!step) throw new Error(`no step after ${actions.length} steps`);
    actions.push(step.action);
    s = step.state;
  };
  const accs = Array.from({ length: A }, (_, a) => `a${a + 1}`);
  take((a) => a.message?.type === '1a');
  for (const acc of accs) take((a) => a.actor === acc && a.message?.type === '1b');
  take((a) => a.kind === 'leads' && a.received?.length === A);
  for (let slot = 1; slot <= k; slot++) {
    take((a) => a.message?.type === '2a' && a.message.slot === slot);
    for (const acc of accs) take((a) => a.actor === acc && a.message?.type === '2b' && a.message.slot === slot);
    if (!piggyback || slot === k) take((a) => a.message?.type === 'commit' && a.message.slot === slot);
  }
  expect(inst.next(s)).toEqual([]);
  expect(inst.terminal!(s)).toBe(true);
  return actions;
}

/** Messages sent, counted per recipient from the labels: a message `to=acceptors` is one per acceptor. */
function messagesPerRecipient(actions: readonly Action[], A: number): Record<string, number> {
  const count: Record<string, number> = {};
  for (const a of actions) {
    if (!a.kind.includes('sends') || !a.message) continue;
    count[a.message.type] = (count[a.message.type] ?? 0) + (a.message.to === 'acceptors' ? A : 1);
  }
  return count;
}

describe('a failure-free run of k commands, counted from its labels', () => {
  it('acceptors=3, k=2: 21 messages with piggybacking (10.5 a command), 24 without (12)', () => {
    const withPb = failureFreeRun(3, 2, true);
    expect(withPb.map((a) => `${a.actor} ${a.kind} ${a.message ? JSON.stringify(a.message) : a.detail}`)).toEqual([
      'p1 sends {"type":"1a","from":"p1","to":"acceptors","b":1}',
      'a1 promises, sends {"type":"1b","from":"a1","to":"p1","b":1,"votes":"- -"}',
      'a2 promises, sends {"type":"1b","from":"a2","to":"p1","b":1,"votes":"- -"}',
      'a3 promises, sends {"type":"1b","from":"a3","to":"p1","b":1,"votes":"- -"}',
      'p1 leads ballot 1 after 1b from a1, a2, a3: plan x1 x2',
      'p1 sends {"type":"2a","from":"p1","to":"acceptors","b":1,"slot":1,"cmd":"x1"}',
      'a1 accepts, sends {"type":"2b","from":"a1","to":"p1","b":1,"slot":1,"cmd":"x1"}',
      'a2 accepts, sends {"type":"2b","from":"a2","to":"p1","b":1,"slot":1,"cmd":"x1"}',
      'a3 accepts, sends {"type":"2b","from":"a3","to":"p1","b":1,"slot":1,"cmd":"x1"}',
      'p1 sends {"type":"2a","from":"p1","to":"acceptors","b":1,"slot":2,"cmd":"x2","commit":"x1"}',
      'a1 accepts, sends {"type":"2b","from":"a1","to":"p1","b":1,"slot":2,"cmd":"x2"}',
      'a2 accepts, sends {"type":"2b","from":"a2","to":"p1","b":1,"slot":2,"cmd":"x2"}',
      'a3 accepts, sends {"type":"2b","from":"a3","to":"p1","b":1,"slot":2,"cmd":"x2"}',
      'p1 sends {"type":"commit","from":"p1","to":"acceptors","b":1,"slot":2,"cmd":"x2"}',
    ]);
    expect(messagesPerRecipient(withPb, 3)).toEqual({ '1a': 3, '1b': 3, '2a': 6, '2b': 6, commit: 3 });
    expect(messagesPerRecipient(failureFreeRun(3, 2, false), 3)).toEqual({ '1a': 3, '1b': 3, '2a': 6, '2b': 6, commit: 6 });
  });

  it('in general 2A + 2kA + A messages with piggybacking, 2A + 3kA without', () => {
    for (const A of [1, 3, 5])
      for (const k of [1, 2, 3, 4]) {
        const total = (pb: boolean) => Object.values(messagesPerRecipient(failureFreeRun(A, k, pb), A)).reduce((x, y) => x + y, 0);
        expect([total(true), total(false)], `A=${A} k=${k}`).toEqual([2 * A + 2 * k * A + A, 2 * A + 3 * k * A]);
      }
  });
});
