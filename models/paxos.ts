// Single-decree Paxos (the Synod protocol), in the style of Lamport's TLA+ module Paxos.tla: acceptors keep
// maxBal / maxVBal / maxVal, proposers keep no local state, and the network is a SET of sent messages that
// only grows (receiving never removes), so loss, duplication and reordering are all covered.
//
// This file is the model's entry (the object `clab` and the tests import); its parts are in models/paxos/:
//   messages.ts    the message types and the codec numbering every message an instance can send
//   layout.ts      the state, its packed representation, encode / decode / show / symmetry
//   actions.ts     next(): Phase1a, Phase1b, Phase2a, Phase2b, and the variants' deviations (`Rules`)
//   invariants.ts  agreement and validity (and `chosen`, `started`)
//   views.ts       the named values specs/paxos.spec is written against
//
// The semantics are exactly those of the peer models the benchmark compares with (../shared/peers/models
// beside this repository, see bench/peers.ts: paxos.m, paxos.pml and the reference crosscheck_bfs.py), so
// the distinct-state counts agree with Spin, Rumur and the Python BFS:
//   constants   acceptors a1..aN, proposers p1..pP, ballots 1..maxBallot; ballot b is owned by proposer
//               ((b-1) % P) + 1 and proposer p proposes value p. 0 means "none" for ballots and values.
//   Phase1a(b)   send 1a(b). Unguarded, as in Paxos.tla: re-sending is a self-loop (kept: one successor).
//   Phase1b(a,b) 1a(b) sent and b > maxBal[a]: maxBal[a] := b, send 1b(a, b, maxVBal[a], maxVal[a]).
//   Phase2a(b,Q) no 2a for b sent yet, Q a quorum whose members all sent a 1b for b: send 2a(b, v) with v the
//                value of the 1b of Q with the highest vbal, or owner(b)'s own value if every vbal is 0.
//   Phase2b(a,b) 2a(b, v) sent and b >= maxBal[a]: maxBal[a] := maxVBal[a] := b, maxVal[a] := v, send
//                2b(a, b, v). Unguarded like Paxos.tla (re-accepting is a self-loop, kept).
// Quorums: every subset of acceptors with more than N/2 members (not only the minimal ones, as the Python
// reference does, so the model is right for any N). Supersets of a minimal quorum never add states (the
// highest vote in a superset is the highest vote of some minimal quorum inside it; checked: the counts
// below equal the Python reference's, which uses only the 2-acceptor quorums), but they are extra
// successors, and the self-loops of Phase1a and Phase2b are kept. So "states generated" is larger than
// Rumur's rules fired: for A3 P2 B4, 26,184,097 generated = 1 initial state + 16,868,384 self-loops +
// 296,036 Phase2a steps on the 3-acceptor quorum + 9,019,676 (exactly Rumur's transitions).
//
// Counts (BFS, TLC's conventions: distinct / generated / depth with the initial state at level 1),
// acceptors=3 proposers=2:
//   maxBallot=2                  1,777 /     10,417 / 17
//   maxBallot=3 (the default)   74,681 /    535,993 / 25    (about 0.2 s)
//   maxBallot=4              3,122,593 / 26,184,097 / 33    (about 3.5 s; the peers' benchmark)
// The peers' "max depth 32" for B4 counts the initial state as level 0, so it is the same figure.
// maxBallot=3 is the default: a plain check takes well under a second and still has a third ballot that
// can compete with two earlier ones (p1's ballot 3 after p2's ballot 2, which may have adopted p1's value
// from ballot 1); maxBallot=4 takes several seconds, so it is opt-in.
// Shortest counterexamples (steps after the initial state, the same for maxBallot 2, 3 and 4):
// ignore-accepted 12 (as Spin -DBFS and Rumur report), accept-below-promise 12, minority-quorum 10.
//
// Invariants: `agreement` (at most one value chosen; v is chosen when 2b(a, b, v) was sent by a majority of
// acceptors for one ballot b — a majority whatever quorums the variant's Phase2a uses) and `validity` (a
// chosen value is in 1..P and the proposer owning it sent 1a for some ballot it owns).
//
// Variants:
//   ignore-accepted        Phase2a proposes owner(b)'s value, ignoring votes reported in 1b (the peers' BUG).
//   accept-below-promise   Phase2b drops the promise check b >= maxBal[a]. The acceptor still never lowers its
//                          promise (maxBal[a] := max(maxBal[a], b)), so at most one 1b per (a, b) stays true;
//                          only the check is missing.
//   minority-quorum        Phase2a accepts 1b from floor(N/2) acceptors (at least 1), while "chosen" still
//                          means a majority. For odd N such a quorum can miss every member of a majority that
//                          chose a value, and agreement fails. For even N, N/2 acceptors still meet every
//                          majority (N/2 + N/2+1 > N, Flexible Paxos), so the variant is correct and its check
//                          holds; likewise for N=1 (the quorum is the majority).

import { defineModel } from '../checker/model.ts';
import { paxosNext, rulesOf } from './paxos/actions.ts';
import { paxosFacts, paxosInvariants } from './paxos/invariants.ts';
import { acceptorRenaming, acceptorSignatures, initialState, paxosLayout, range, showState, stateCodec, type PaxosState } from './paxos/layout.ts';
import { accName, propName } from './paxos/messages.ts';
import { paxosViews } from './paxos/views.ts';

export type { PaxosState } from './paxos/layout.ts';
export { paxosCodec, type PaxosMessage } from './paxos/messages.ts';

const VARIANTS = {
  'ignore-accepted': "Phase2a proposes the owner's own value, ignoring the votes reported in 1b messages (the peers' BUG)",
  'accept-below-promise': 'Phase2b accepts a 2a whose ballot is below the promise maxBal[a] (no promise check)',
  'minority-quorum': 'Phase2a needs 1b messages from only floor(N/2) acceptors, which for odd N need not meet the majority that chose a value (for even N it still does: no bug)',
} as const;

export default defineModel<PaxosState>({
  name: 'paxos',
  summary: "Single-decree Paxos (Synod) as in Lamport's Paxos.tla: acceptors, proposers owning ballots, a growing message set",
  topic: 'Paxos',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 9, description: 'number of acceptors (a1..aN); quorums are majorities' },
    proposers: { kind: 'int', default: 2, min: 1, max: 6, description: 'number of proposers (p1..pP); proposer p proposes value p' },
    maxBallot: {
      kind: 'int',
      default: 3,
      min: 1,
      max: 8,
      description: 'ballots are 1..maxBallot; ballot b is owned by proposer ((b-1) % proposers) + 1 (4 is the peers\' benchmark)',
    },
  },
  variants: VARIANTS,
  instantiate(c, variant) {
    if (variant !== undefined && !(variant in VARIANTS)) throw new Error(`paxos: unknown variant '${variant}'`);
    // Everything an instance needs is built here, once: next(), the predicates and encode/decode are closures
    // over these tables and only read them (models/paxos/actions.ts says why closures).
    const L = paxosLayout(c.acceptors as number, c.proposers as number, c.maxBallot as number);
    const rules = rulesOf(variant, L.A);
    const facts = paxosFacts(L);
    const { encode, decode } = stateCodec(L);
    return {
      init: () => [initialState(L)],
      next: paxosNext(L, rules),
      invariants: paxosInvariants(L, facts),
      sorts: { acceptor: range(0, L.A - 1).map(accName), proposer: range(1, L.P).map(propName) },
      views: paxosViews(L, facts, rules.quorumSize),
      encode,
      symmetry: { sorts: ['acceptor'], apply: acceptorRenaming(L), signatures: acceptorSignatures(L) },
      decode,
      show: (s) => showState(L, s),
    };
  },
});
