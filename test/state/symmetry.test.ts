// Symmetry reduction on Lamport's Voting model against TLC's published counts (counts.md T5/T6), and a
// concrete counterexample under symmetry.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { canonicalizer, permutations } from '../../checker/state/symmetry.ts';
import voting from '../../models/voting.ts';
import twophase from '../../models/twophase.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { Encoder } from '../../checker/state/encode.ts';
import type { Instance } from '../../checker/model.ts';
import paxos from '../../models/paxos.ts';

const run = (ballots: number, symmetry: boolean) => {
  const inst = voting.instantiate(resolveConstants(voting, { ballots }));
  const invariants = Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));
  return bfs(inst, { invariants, canonical: symmetry ? canonicalizer(inst) : undefined, puritySample: 1 });
};

describe('Voting and symmetry', () => {
  it('ballots 0..2 without symmetry: 6752 distinct states, depth 16 (TLC T5)', () => {
    const r = run(3, false);
    expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', 6752, 26905, 16]);
  });

  it('ballots 0..1: 599 states without symmetry, 77 orbits under Permutations(Acceptor) ∪ Permutations(Value) (TLC T6)', () => {
    expect([run(2, false).distinctStates, run(2, false).depth]).toEqual([599, 11]);
    const sym = run(2, true);
    expect([sym.result, sym.distinctStates, sym.depth]).toEqual(['holds', 77, 11]);
  });

  it('counterexamples found under symmetry are concrete paths of next()', () => {
    // Paxos declares no symmetry; build a symmetric wrapper-free check on Voting with a false invariant.
    const inst = voting.instantiate(resolveConstants(voting, { ballots: 2 }));
    const someoneVoted = { name: 'nobodyVotesTwice', holds: (s: { votes: readonly number[] }) => s.votes.filter((m) => m !== 0).length < 2 };
    const r = bfs(inst, { invariants: [someoneVoted], canonical: canonicalizer(inst) });
    expect(r.result).toBe('violation');
    const path = r.violation!.path;
    expect(path[0].state).toEqual(inst.init()[0]);
    for (let i = 1; i < path.length; i++) expect(inst.next(path[i - 1].state).some((st) => JSON.stringify(st.state) === JSON.stringify(path[i].state))).toBe(true);
    expect(someoneVoted.holds(path[path.length - 1].state)).toBe(false);
    expect(path.length - 1).toBe(4);
  });

  it('a model without a symmetry declaration is refused with a clear error', () => {
    expect(() => canonicalizer(twophase.instantiate(resolveConstants(twophase, {})))).toThrow(/declares no symmetry/);
  });
});

// The sort-based canonical form (signatures, checker/state/symmetry.ts) must be a true orbit key: the same
// words for every renaming of a state, and as many distinct keys as the whole group's minimum gives (a
// different representative may be picked, never a different partition), so orbit counts cannot move.
describe('canonical form by signatures', () => {
  const wholeGroup = <S>(inst: Instance<S>): Instance<S> => ({ ...inst, symmetry: { sorts: inst.symmetry!.sorts, apply: inst.symmetry!.apply } });
  const reachable = <S>(inst: Instance<S>): S[] => {
    const states: S[] = [];
    bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }] });
    return states;
  };
  const words = <S>(canon: (s: S, w: Encoder) => void, s: S) => {
    const w = new Encoder();
    canon(s, w);
    return Array.from(w.words.subarray(0, w.length)).join(',');
  };
  for (const [name, inst, states] of [
    ['voting A3 V2 B2', voting.instantiate(resolveConstants(voting, {})), 599],
    ['voting A4 V3 B1', voting.instantiate(resolveConstants(voting, { acceptors: 4, values: 3, ballots: 1 })), 145],
    ['paxos A3 P2 B2', paxos.instantiate(resolveConstants(paxos, { maxBallot: 2 })), 1777],
  ] as [string, Instance<unknown>, number][]) {
    it(`${name}: every renaming of every reachable state has its key, and the keys split the states as the whole group does`, () => {
      const bySignature = canonicalizer(inst);
      const byGroup = canonicalizer(wholeGroup(inst));
      const all = reachable(inst);
      expect(all.length).toBe(states);
      let group: number[][][] = [[]];
      for (const sort of inst.symmetry!.sorts) group = group.flatMap((g) => permutations(inst.sorts![sort].length).map((p) => [...g, p]));
      const pairs = new Set<string>();
      for (const s of all) {
        const key = words(bySignature, s);
        expect(group.filter((g) => words(bySignature, inst.symmetry!.apply(s, g)) !== key)).toEqual([]);
        pairs.add(`${key}|${words(byGroup, s)}`);
      }
      const keys = (i: number) => new Set([...pairs].map((p) => p.split('|')[i])).size;
      expect([keys(0), keys(1)]).toEqual([pairs.size, pairs.size]);
    });
  }

  it('the orbit counts by signature equal the whole group\'s: Voting 77, Voting A4 V3 B2 149, Paxos A3 P2 B3 13,675', () => {
    const count = <S,>(inst: Instance<S>) => bfs(inst, { invariants: [], canonical: canonicalizer(inst) }).distinctStates;
    const v = voting.instantiate(resolveConstants(voting, {}));
    const v43 = voting.instantiate(resolveConstants(voting, { acceptors: 4, values: 3 }));
    const p = paxos.instantiate(resolveConstants(paxos, {}));
    expect([count(v), count(wholeGroup(v))]).toEqual([77, 77]);
    expect([count(v43), count(wholeGroup(v43))]).toEqual([149, 149]);
    expect(count(p)).toBe(13675);
  });
});
