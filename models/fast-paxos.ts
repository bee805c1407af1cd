// Lamport's Fast Paxos (Fast Paxos, Distributed Computing 19(2), 2006), single decree. What it shows: in a
// fast round the acceptors vote for the clients' proposals directly, without the coordinator relaying a
// value, which saves a message delay; the price is that several values can be voted in one round (a
// collision), so quorums must be larger and the coordinator of a later round needs a finer rule to find
// the value that may have been chosen. Each variant drops one of the two and loses agreement.
//
// Parts (models/fast-paxos/): messages.ts the messages and their labels; rules.ts which rounds are fast,
// the quorum sizes and the coordinator's pick rule; state.ts the state and its encoding; actions.ts next();
// properties.ts the invariants and the views specs/fast-paxos.spec is written against.
//
// Processes: clients c1..cV (client c_v proposes value v), one coordinator `coord` (it keeps no state, so
// one process can coordinate every round, as in Paxos.tla), acceptors a1..aN, and learners left implicit:
// a value is chosen in round r when a quorum of r's kind sent 2b votes for it in r (see "chosen" below).
// The network is the set of sent messages, which only grows (loss, duplication, reordering all covered).
// Rounds 1..rounds; rounds 1..fastRounds are fast, the others classic (default: round 1 fast, round 2
// classic, the collision-recovery round). Actions (every one guarded by its message not being sent yet):
//   Propose(v)     c_v sends propose(v) to the coordinator and every acceptor.
//   Phase1a(r)     r >= 2: coord sends 1a(r). Round 1 has no phase 1: no round is lower, so there is
//                  nothing to learn (this is "phase 1 done in advance").
//   Phase1b(a, r)  on 1a(r), r > rnd[a]: rnd[a] := r; 1b(a, r, vrnd[a], vval[a]) to coord.
//   Phase2a(r)     no 2a of round r yet. Round 1: 2a(1, any) if fast, else 2a(1, v) for a proposed v.
//                  Round r >= 2, after the 1b's of a classic quorum Q: the value the pick rule forces
//                  (rules.ts: the value of the highest-round vote k if Q reports one value there; after a
//                  collision in a fast round k, the value v with O4(v): some fast quorum R could have chosen
//                  it, every member of R ∩ Q voted v in k); when nothing is forced, 2a(r, any) in a fast
//                  round and 2a(r, v) for a proposed v in a classic one.
//   Phase2b(a, r)  a has not voted in r (vrnd[a] < r) and r >= rnd[a]: on 2a(r, v) a votes v; on 2a(r, any)
//                  a votes for any value a client proposed (it read propose(v)). rnd[a] := vrnd[a] := r,
//                  vval[a] := v, 2b(a, r, v) to the learners.
// Phase 1 uses classic quorums in every round (a fast round needs no larger one: the requirement below
// already makes Q meet every fast quorum). Left out: coordinated and uncoordinated recovery (reusing a
// fast round's 2b messages as the next round's 1b), several coordinators, crashes (a crashed process is
// one that stops taking steps, which every bounded run already includes).
//
// Quorums: sizes classicQuorum |Qc| (0: a majority) and fastQuorum |Qf| (0: the least with |Qc| + 2|Qf| >
// 2n, i.e. floor((2n - |Qc|)/2) + 1); every set of at least that many acceptors is a quorum. The
// requirement: any two classic quorums meet (2|Qc| > n) and any two fast quorums and a classic quorum
// meet (|Qc| + 2|Qf| > 2n). n = 4: |Qc| = |Qf| = 3; n = 3: |Qc| = 2, |Qf| = 3; n = 5: 3 and 4. The
// correct model takes any sizes the constants give, so a sweep over them shows where it breaks:
//   clab sweep fast-paxos --param fastQuorum=1..3 --const acceptors=3
//     fastQuorum 1 violated (5 steps: two values chosen in round 1), 2 violated (12 steps: the two fast
//     quorums {a1,a2} and {a2,a3} meet, but not with the classic quorum {a1,a3}), 3 holds.
//   n = 4 (|Qc| = 3): fastQuorum 1, 2 violated (5, 7 steps), 3, 4 hold; n = 5: 1..3 violated (5, 7, 15
//   steps), 4, 5 hold. Always exactly below the least size the requirement allows.
//
// Invariants: `agreement` (at most one value chosen; v is chosen in round r when 2b(a, r, v) was sent by
// |Qf| acceptors if r is fast, |Qc| if classic) and `validity` (a chosen value was proposed).
//
// Variants:
//   small-fast-quorum      fast quorums one smaller than the requirement allows (|Qf| = least - 1, whatever
//                          fastQuorum says), and learners trust them. At the defaults (n = 4, |Qf| = 2) two
//                          fast quorums need not even meet: two values chosen in round 1, 7 steps. At n = 3
//                          (|Qf| = 2) they meet but a fast-fast-classic triple need not: a collision in round
//                          1 hides a chosen value, O4 holds for both values, the coordinator of round 2 picks
//                          the other (12 steps, counterexamples/fast-paxos-n3-small-fast-quorum-agreement.json).
//   ignore-collision-rule  the coordinator takes the value of any highest-round vote (classic Paxos's rule).
//                          n = 4: a1..a3 vote 1 in fast round 1 (chosen), a4 votes 2; round 2's quorum
//                          {a1, a2, a4} reports both; the coordinator picks 2, which round 2 chooses (15
//                          steps). At n = 3 with the default sizes it is harmless (a fast quorum is every
//                          acceptor, so a collision means nothing was chosen): the checker proves it.
//
// Counts (BFS: distinct / generated / depth, the initial state at level 1), values = 2:
//   acceptors=4 rounds=2 fastRounds=1 (the defaults)   13,526 / 41,577 / 18   (about 0.6 s)
//   acceptors=3 rounds=2 fastRounds=1                   2,304 /  6,213 / 15
//   acceptors=3 rounds=2 fastRounds=0 (classic Paxos)   1,636 /  4,635 / 15
//   acceptors=2 rounds=3 fastRounds=2                   1,988 /  4,693 / 18
// The fast round's message delays, failure-free: c_v → acceptors (propose), acceptors → learners (2b):
// two, with 2a(1, any) sent in advance; with fastRounds = 0 round 1 is classic Paxos with phase 1 done in
// advance: c_v → coord (propose), coord → acceptors (2a), acceptors → learners (2b): three.

import { defineModel } from '../checker/model.ts';
import { fastNext } from './fast-paxos/actions.ts';
import { accName } from './fast-paxos/messages.ts';
import { invariantsOf, viewsOf } from './fast-paxos/properties.ts';
import { VARIANTS, configOf, validateConstants, type Variant } from './fast-paxos/rules.ts';
import { initialState, layoutOf, range, showState, stateCodec, type FastState } from './fast-paxos/state.ts';

export type { FastState } from './fast-paxos/state.ts';

export default defineModel<FastState>({
  name: 'fast-paxos',
  summary: "Lamport's Fast Paxos, single decree: fast rounds where acceptors vote for clients' proposals directly, classic rounds, and the coordinator's collision rule",
  topic: 'Paxos',
  constants: {
    acceptors: { kind: 'int', default: 4, min: 1, max: 6, description: 'number of acceptors (a1..aN)' },
    values: { kind: 'int', default: 2, min: 1, max: 3, description: 'number of clients c1..cV; client c_v proposes value v' },
    rounds: { kind: 'int', default: 2, min: 1, max: 4, description: 'rounds are 1..rounds' },
    fastRounds: { kind: 'int', default: 1, min: 0, max: 4, description: 'rounds 1..fastRounds are fast, the rest classic' },
    classicQuorum: { kind: 'int', default: 0, min: 0, max: 6, description: 'classic quorum size |Qc|; 0: a majority, floor(n/2)+1' },
    fastQuorum: { kind: 'int', default: 0, min: 0, max: 6, description: 'fast quorum size |Qf|; 0: the least with |Qc| + 2|Qf| > 2n' },
  },
  variants: VARIANTS,
  validate: validateConstants,
  instantiate(c, variant) {
    if (variant !== undefined && !(variant in VARIANTS)) throw new Error(`fast-paxos: unknown variant '${variant}'`);
    const L = layoutOf(configOf(c, variant as Variant));
    const { encode, decode } = stateCodec(L);
    return {
      init: () => [initialState(L)],
      next: fastNext(L),
      invariants: invariantsOf(L),
      // Rounds are bounded, so every run ends; a state with nothing left to do has used its rounds up.
      terminal: () => true,
      sorts: { acceptor: range(0, L.cfg.N - 1).map(accName) },
      views: viewsOf(L),
      encode,
      decode,
      show: (s) => showState(L, s),
    };
  },
});
