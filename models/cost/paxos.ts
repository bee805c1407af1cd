// The cost of single-decree Paxos (models/paxos.ts), read from its labels: a step that adds a message to
// the message set sends it (a re-send is a self-loop and sends nothing), to all acceptors for 1a and 2a,
// to the ballot's proposer for 1b, and to the learners (here the proposers) for 2b; a step reads the
// messages its label lists as received. A value is chosen when a majority's 2b messages exist, so the
// decision is known where they arrive: one delay after the deciding 2b. The model has no faults of its
// own: the failure-free run is one proposer with one ballot, the worst case competing proposers whose
// ballots are bounded by maxBallot (so the worst case is measured for growing maxBallot). Crash faults
// are acceptors silent from the start.

import type { Action, Constants, CostProbe, ModelCost, Step } from '../../checker/index.ts';
import paxos, { type PaxosState } from '../paxos.ts';
import { paxosFacts } from '../paxos/invariants.ts';
import { paxosLayout } from '../paxos/layout.ts';
import { labelId as idOf } from './label-ids.ts';

/** The probe; with `phase1InAdvance` the 1a and 1b messages are taken as sent before the run (not counted). */
export function paxosProbe(c: Constants, phase1InAdvance = false): CostProbe<PaxosState> {
  const A = c.acceptors as number;
  const P = c.proposers as number;
  const facts = paxosFacts(paxosLayout(A, P, c.maxBallot as number));
  const recipients: Record<string, number> = { '1a': A, '1b': 1, '2a': A, '2b': P };
  return {
    decided: (s) => facts.chosen(s.msgs) !== 0,
    faulty: () => false,
    decidedOnArrival: true,
    flow(from: PaxosState, step: Step<PaxosState>) {
      const a: Action = step.action;
      const m = a.message!;
      const reads = (a.received ?? []).map(idOf);
      const inAdvance = phase1InAdvance && (m.type === '1a' || m.type === '1b');
      if (step.state === from || inAdvance) return { actor: a.actor, reads: inAdvance ? [] : reads };
      return { actor: a.actor, sends: [{ id: idOf(m), recipients: recipients[m.type] }], reads };
    },
  };
}

export const paxosCost: ModelCost = {
  model: paxos,
  replicas: {
    kind: 'crash (acceptors silent from the start)',
    size: 'acceptors',
    rows: [
      { faults: 1, sizes: [1, 2, 3, 4] },
      // Two proposers with two ballots each at five acceptors is 325,185 states; what the crashes bound is
      // liveness, so the safety check of this row has one ballot.
      { faults: 2, sizes: [3, 4, 5], safety: { maxBallot: 1 } },
    ],
    safety: { proposers: 2, maxBallot: 2 },
    liveness: { proposers: 1, maxBallot: 1 },
    crashable: (c) => Array.from({ length: c.acceptors as number }, (_, a) => `a${a + 1}`),
    probe: (c) => paxosProbe(c),
  },
  scenarios: [
    { name: 'phase 1 + phase 2', constants: { acceptors: 3, proposers: 1, maxBallot: 1 }, probe: (c) => paxosProbe(c) },
    { name: 'phase 1 done in advance', constants: { acceptors: 3, proposers: 1, maxBallot: 1 }, probe: (c) => paxosProbe(c, true) },
    {
      name: 'two proposers (duelling)',
      constants: { acceptors: 3, proposers: 2, maxBallot: 3 },
      probe: (c) => paxosProbe(c),
      // Contention, not a fault: every run is measured as the worst case.
      failureFree: false,
      worstCase: { growth: { constant: 'maxBallot', values: [1, 2, 3] } },
    },
  ],
};
