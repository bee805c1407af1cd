// Symmetry reduction on Lamport's Voting model against TLC's published counts (counts.md T5/T6), and a
// concrete counterexample under symmetry.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { canonicalizer } from '../../checker/state/symmetry.ts';
import voting from '../../models/voting.ts';
import twophase from '../../models/twophase.ts';
import { resolveConstants } from '../../checker/load/constants.ts';

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
