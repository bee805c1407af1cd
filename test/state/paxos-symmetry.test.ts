// Paxos's acceptor symmetry against an independent orbit count: every reachable state (found without
// symmetry) is renamed by all acceptor permutations *in its printed form* (acceptor records and the `acc`
// field of messages), the smallest rendering kept, and the distinct renderings counted. That must equal
// the number of states the symmetry-reduced search stores; a reduced counterexample stays shortest.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { permutations, canonicalizer } from '../../checker/state/symmetry.ts';
import { showState } from '../../checker/trace/show.ts';
import paxos from '../../models/paxos.ts';
import { invariantsOf } from '../helpers/graph-model.ts';

type Shown = { acceptors: Record<string, unknown>; msgs: { acc?: string }[] };

function orbitKey(shown: Shown, A: number): string {
  let best: string | undefined;
  for (const p of permutations(A)) {
    const rename = (name: string) => `a${p[Number(name.slice(1)) - 1] + 1}`;
    const acceptors = Object.fromEntries(Object.entries(shown.acceptors).map(([k, v]): [string, unknown] => [rename(k), v]).sort(([x], [y]) => (x < y ? -1 : 1)));
    const msgs = shown.msgs.map((m) => JSON.stringify(m.acc ? { ...m, acc: rename(m.acc) } : m)).sort();
    const key = JSON.stringify([acceptors, msgs]);
    if (best === undefined || key < best) best = key;
  }
  return best!;
}

describe('paxos acceptor symmetry', () => {
  for (const [A, B] of [
    [3, 2],
    [2, 3],
  ]) {
    it(`A${A} P2 B${B}: the reduced search stores exactly the orbits of the full state space`, () => {
      const inst = paxos.instantiate({ acceptors: A, proposers: 2, maxBallot: B }, undefined);
      const orbits = new Set<string>();
      const full = bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (orbits.add(orbitKey(showState(inst, s) as Shown, A)), false) }] });
      const reduced = bfs(inst, { invariants: [], canonical: canonicalizer(inst) });
      expect(reduced.result).toBe('holds');
      expect(reduced.distinctStates).toBe(orbits.size);
      expect(reduced.distinctStates).toBeLessThan(full.distinctStates);
      expect(reduced.depth).toBe(full.depth);
    });
  }

  it('the ignore-accepted bug is found with the same shortest length, as a concrete replayable path', () => {
    const inst = paxos.instantiate({ acceptors: 3, proposers: 2, maxBallot: 3 }, 'ignore-accepted');
    const r = bfs(inst, { invariants: invariantsOf(inst), canonical: canonicalizer(inst) });
    expect(r.result).toBe('violation');
    const path = r.violation!.path;
    expect(path.length - 1).toBe(12);
    for (let i = 1; i < path.length; i++) expect(inst.next(path[i - 1].state).some((st) => JSON.stringify(st.state) === JSON.stringify(path[i].state))).toBe(true);
    expect(inst.invariants.agreement.holds(path[path.length - 1].state)).toBe(false);
  });
});
