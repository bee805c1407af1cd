// The Paxos model's invariants (models/paxos.ts) and the two facts they are stated with, which the views
// also show: which values are chosen and which were started.
//   chosen    v is chosen when 2b(a, b, v) was sent by a majority of acceptors for one ballot b: a majority
//             whatever quorums the variant's Phase2a uses, so minority-quorum's bug is visible;
//   started   v's proposer sent 1a for some ballot it owns.
//   agreement at most one value is chosen;
//   validity  a chosen value is in 1..P and was started.
// The predicates read every (ballot, value)'s 2b bits on each state, the same work specs/paxos.spec's
// definitions do, so the benchmark's spec-cost comparison (bench/spec-cost.ts) compares like with like: a
// cleverer shortcut here would make the spec look slower than it is.
//
// Like next() (see actions.ts), the predicates are closures made once per instance over its constants, and
// the helpers from layout.ts are bound to local constants first: they run on every state, and calling `has`
// through its import binding made the invariants take 15% longer (measured on every state of A3 P2 B3).

import type { Invariant } from '../../checker/model.ts';
import type { InFlight } from '../lib/network.ts';
import { explainAgreement, explainValidity } from './explain.ts';
import { has as hasBit, owner as ownerOf, popcount as popcountOf, type PaxosLayout, type PaxosState } from './layout.ts';

/** The facts of one instance, each a bitmask over values 1..P (bit v) of a state's message set. */
export interface Facts {
  /** The chosen values. */
  readonly chosen: (msgs: InFlight) => number;
  /** The values whose proposer sent a 1a for a ballot it owns. */
  readonly started: (msgs: InFlight) => number;
}

export function paxosFacts(L: PaxosLayout): Facts {
  const { A, B, P, codec } = L;
  const has = hasBit;
  const owner = ownerOf;
  // The 2b message indices of each (ballot, value), acceptor by acceptor: [(b-1)*P + v-1][a].
  const votesFor: number[][] = [];
  for (let b = 1; b <= B; b++) for (let v = 1; v <= P; v++) votesFor.push(Array.from({ length: A }, (_, a) => codec.idx2b(a, b, v)));
  const chosen = (msgs: InFlight): number => {
    let mask = 0;
    for (let k = 0; k < votesFor.length; k++) {
      const idx = votesFor[k];
      let n = 0;
      for (let a = 0; a < A; a++) if (has(msgs, idx[a])) n++;
      if (2 * n > A) mask |= 1 << ((k % P) + 1);
    }
    return mask;
  };
  const started = (msgs: InFlight): number => {
    let mask = 0;
    for (let b = 1; b <= B; b++) if (has(msgs, codec.idx1a(b))) mask |= 1 << owner(L, b);
    return mask;
  };
  return { chosen, started };
}

export function paxosInvariants(L: PaxosLayout, facts: Facts): Record<string, Invariant<PaxosState>> {
  const { chosen, started } = facts;
  const popcount = popcountOf;
  // Bits 1..P: the values a proposer can propose.
  const okValues = ((1 << (L.P + 1)) - 1) & ~1;
  return {
    agreement: {
      description: 'at most one value is chosen (chosen: accepted in one ballot by a majority of acceptors)',
      holds: (s) => popcount(chosen(s.msgs)) <= 1,
      explain: explainAgreement(L),
    },
    validity: {
      description: 'a chosen value was proposed: it is 1..proposers and its proposer sent 1a for a ballot it owns',
      holds: (s) => {
        const ch = chosen(s.msgs);
        if (ch === 0) return true;
        return (ch & ~(started(s.msgs) & okValues)) === 0;
      },
      explain: explainValidity(L, started),
    },
  };
}
