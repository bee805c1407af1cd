// Multi-Paxos: a log of `slots` commands agreed slot by slot, by a stable leader that runs phase 1 once for
// every slot and then one phase-2 round per command, its decisions piggybacked on the next command's 2a;
// and leader change, where a proposer with a higher ballot takes over and must re-run phase 1 and
// re-propose what earlier ballots may have chosen. In the style of models/paxos.ts (Lamport's Paxos.tla):
// the network is the set of sent messages, which only grows, so loss, duplication and reordering are all
// covered; acceptors are the single-decree acceptor once per slot, under one promise for all slots.
//
// Processes and commands: acceptors a1..aN (quorums: majorities), proposers p1..pP; ballot b is owned by
// proposer ((b-1) % P) + 1. Proposer p's client asks for one command per slot, named by p's letter and the
// slot: x1, x2, ... for p1, y1, y2, ... for p2 (a command that loses its slot to another leader's is not
// retried in a later slot: liveness is not checked here). The parts are in models/multi-paxos/:
// messages.ts (the message universe and labels), state.ts, actions.ts (next()), properties.ts.
//
//   start    p starts a ballot b it owns above the one it runs: sends 1a(b) to every acceptor, once, for
//            every slot (phase 1 once for all slots).
//   promise  acceptor a, 1a(b) sent and b > maxBal[a]: maxBal[a] := b; sends 1b(b) to b's owner, carrying
//            a's vote (ballot, command) in every slot.
//   lead     p, in phase 1 of b, with the 1b of a quorum Q (any set of a majority or more): plans, for each
//            slot, the command of the highest-ballot vote Q reports there, or its own command where Q
//            reports none; it leads b from now on.
//   propose  leading p sends 2a(b, i, cmd) to every acceptor for its next slot i, in slot order, once slot
//            i-1 is decided in b (2b from a majority: one command at a time, a client's next request
//            waiting for the previous reply). With `piggyback` the 2a carries slot i-1's decision
//            (`commit=<cmd>`) instead of a separate message.
//   accept   acceptor a, 2a(b, i, cmd) sent, b >= maxBal[a], no vote of a in slot i in ballot b yet:
//            maxBal[a] := b, a's vote in slot i := (b, cmd); sends 2b(b, i, cmd) to b's owner.
//   commit   leading p, slot i decided in b: sends commit(b, i, cmd) to every acceptor, for every slot
//            without piggybacking, only for the last slot with it (no later 2a carries that decision; a
//            real leader sends it when no next request comes).
// A proposer that starts a higher ballot drops the one it ran; an old leader goes on with its ballot
// until the acceptors' promises make its 2a's fail (they are then never accepted).
// Decision notices are sent, not received: what replicas do with them (execute the command) is outside
// the model; `decisionsTrue` checks what they say.
//
// Invariants: `agreement` (no two different commands chosen for one slot; chosen: 2b(b, i, cmd) sent by a
// majority in one ballot), `validity` (a chosen command was requested: its own proposer proposed it in that
// slot, others only re-propose it) and `decisionsTrue` (every decision notice, separate or carried, names
// the chosen command). terminal(): every slot's decision announced. Every dead end is one: the owner of
// the highest ballot always starts it, every acceptor then promises it, its owner leads and every slot is
// decided and announced in it.
//
// Counts (BFS, distinct / generated / depth with the initial state at level 1; all hold):
//   acceptors=3 proposers=2 slots=2 maxBallot=2 (the defaults)     59,589 /   170,797 / 29   (about 1.5 s of CPU)
//     the same with piggyback=false                               209,797 /   789,641 / 31
//   acceptors=3 proposers=2 slots=1 maxBallot=2                     3,877 /    10,137 / 21
//   acceptors=3 proposers=1 slots=2 maxBallot=2                    55,225 /   139,043 / 29
//   acceptors=2 proposers=2 slots=2 maxBallot=3                     3,165 /     5,340 / 34
//   acceptors=3 proposers=2 slots=3 maxBallot=2                   944,197 / 3,232,501 / 37
// Piggybacking also shrinks the state space: separate decision notices interleave with everything else.
// validate() refuses constants with more than 100,000 possible messages (each is built when the instance
// is): a 1b reports a vote in every slot, so there are (1 + (b-1)*P)^slots 1b's per acceptor and ballot b.
// One proposer and one ballot keep it small for any number of slots (a failure-free run of 8 commands).
//
// Variants (both lose agreement; shortest counterexamples at the defaults, in steps):
//   skip-phase1   a proposer starting a ballot above 1 leads at once with its own commands, sending no 1a
//                 (ballot 1 may skip phase 1 safely: no earlier ballot can have chosen anything). 11 steps:
//                 p2 takes over ballot 2 and proposes y1 while p1's ballot 1 gets x1 chosen by a1, a2
//                 (1a, two 1b, lead, 2a, two 2b), then a1, a2 accept y1 in ballot 2. A leader's phase 1 is
//                 what stops the acceptors from accepting in a lower ballot, and what tells the new leader
//                 what may have been chosen.
//   no-repropose  a new leader runs phase 1 but plans its own commands whatever the 1b report. 14 steps:
//                 x1 is chosen in ballot 1 by a2, a3; a2's 1b for ballot 2 reports x1@b1, p2 plans y1
//                 anyway, and a1, a2 accept it.
// Both need only one slot, so the traces are those of single-decree Paxos's `ignore-accepted` and a
// missing phase 1, played in slot 1 under Multi-Paxos's one-promise-for-all-slots phase 1.

import { defineModel } from '../checker/model.ts';
import { multiPaxosNext, type Rules } from './multi-paxos/actions.ts';
import { accName, MAX_PROPOSERS, MAX_UNIVERSE, propName, universeSize } from './multi-paxos/messages.ts';
import { announcedOf, chosenOf, multiPaxosInvariants, multiPaxosViews } from './multi-paxos/properties.ts';
import { initialState, layoutOf, showState, stateCodec, type MultiPaxosState } from './multi-paxos/state.ts';

export type { MultiPaxosState } from './multi-paxos/state.ts';

const VARIANTS = {
  'skip-phase1': 'a proposer taking over with a ballot above 1 skips phase 1 and proposes its own commands straight away',
  'no-repropose': 'a new leader runs phase 1 but proposes its own commands, ignoring the votes for earlier ballots its 1b messages report',
} as const;

export default defineModel<MultiPaxosState>({
  name: 'multi-paxos',
  summary: 'Multi-Paxos: a stable leader runs phase 1 once for all slots, then one 2a/2b round per command, decisions piggybacked on the next 2a; leader change by higher ballots',
  topic: 'Paxos',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 5, description: 'number of acceptors (a1..aN); quorums are majorities' },
    proposers: { kind: 'int', default: 2, min: 1, max: MAX_PROPOSERS, description: "number of proposers (p1..pP); p's client asks for one command per slot (x1, x2, ... for p1; y1, ... for p2)" },
    slots: { kind: 'int', default: 2, min: 1, max: 8, description: 'log slots, one command each' },
    maxBallot: { kind: 'int', default: 2, min: 1, max: 8, description: 'ballots are 1..maxBallot; ballot b is owned by proposer ((b-1) % proposers) + 1' },
    piggyback: { kind: 'bool', default: true, description: "carry slot i's decision on the 2a for slot i+1 instead of a separate commit message" },
  },
  variants: VARIANTS,
  validate(c) {
    // A 1b reports a vote in every slot, so the 1b messages grow as (1 + (b-1)*P)^slots.
    const n = universeSize(c.acceptors as number, c.proposers as number, c.slots as number, c.maxBallot as number);
    return n > MAX_UNIVERSE ? `these constants make ${n.toLocaleString('en-US')} possible messages, more than ${MAX_UNIVERSE.toLocaleString('en-US')} (the 1b messages grow as (1 + (maxBallot-1)*proposers)^slots): lower slots, maxBallot or proposers` : undefined;
  },
  instantiate(c, variant) {
    if (variant !== undefined && !(variant in VARIANTS)) throw new Error(`multi-paxos: unknown variant '${variant}'`);
    const L = layoutOf(c.acceptors as number, c.proposers as number, c.slots as number, c.maxBallot as number);
    const rules: Rules = { skipPhase1: variant === 'skip-phase1', noRepropose: variant === 'no-repropose', piggyback: c.piggyback as boolean };
    const chosen = chosenOf(L);
    const { encode, decode } = stateCodec(L);
    const announced = announcedOf(L);
    return {
      init: () => [initialState(L)],
      next: multiPaxosNext(L, rules),
      invariants: multiPaxosInvariants(L, chosen),
      views: multiPaxosViews(L, chosen),
      sorts: { acceptor: Array.from({ length: L.A }, (_, a) => accName(a)), proposer: Array.from({ length: L.P }, (_, k) => propName(k + 1)) },
      // A run ends when every slot's decision has been announced (the highest ballot's leader always gets
      // there: see the header).
      terminal: (s) => announced(s) === L.S,
      encode,
      decode,
      show: (s) => showState(L, s),
    };
  },
});
