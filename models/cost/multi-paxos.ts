// The cost of Multi-Paxos (models/multi-paxos.ts), read from its labels as for Paxos: 1a, 2a and commit go
// to every acceptor, 1b and 2b to the ballot's leader; a step reads the messages its label lists as
// received. A run ends when every slot's decision has been announced (a commit, or the next 2a carrying
// it), known where that notice arrives. With one proposer and one ballot, phase 1 is paid once for k
// commands and each command costs one 2a/2b round, its decision riding on the next 2a when piggybacked:
// the figures are given per command too. Competing proposers are contention, not faults: their worst case
// grows with the ballots.

import type { Constants, CostProbe, ModelCost } from '../../checker/index.ts';
import multiPaxos, { type MultiPaxosState } from '../multi-paxos.ts';
import { announcedOf } from '../multi-paxos/properties.ts';
import { layoutOf } from '../multi-paxos/state.ts';
import { labelId } from './label-ids.ts';

export function multiPaxosProbe(c: Constants): CostProbe<MultiPaxosState> {
  const L = layoutOf(c.acceptors as number, c.proposers as number, c.slots as number, c.maxBallot as number);
  const announced = announcedOf(L);
  const A = c.acceptors as number;
  const recipients: Record<string, number> = { '1a': A, '1b': 1, '2a': A, '2b': 1, commit: A };
  return {
    decided: (s) => announced(s) === L.S,
    faulty: () => false,
    decidedOnArrival: true,
    flow(from, step) {
      const a = step.action;
      const reads = (a.received ?? []).map(labelId);
      const m = a.message;
      if (!m || step.state === from) return { actor: a.actor, reads };
      const count = recipients[m.type];
      if (count === undefined) throw new Error(`multi-paxos cost: no recipients known for message type '${m.type}'`);
      return { actor: a.actor, sends: [{ id: labelId(m), recipients: count }], reads };
    },
  };
}

const leader = { acceptors: 3, proposers: 1, maxBallot: 1 } as const;

export const multiPaxosCost: ModelCost = {
  model: multiPaxos,
  scenarios: [
    { name: '1 command', constants: { ...leader, slots: 1, piggyback: true }, probe: multiPaxosProbe, commands: 1 },
    { name: '4 commands, piggybacked', constants: { ...leader, slots: 4, piggyback: true }, probe: multiPaxosProbe, commands: 4 },
    { name: '4 commands, separate decisions', constants: { ...leader, slots: 4, piggyback: false }, probe: multiPaxosProbe, commands: 4 },
    {
      name: 'two proposers, leader change',
      constants: { acceptors: 3, proposers: 2, slots: 1, maxBallot: 2, piggyback: true },
      probe: multiPaxosProbe,
      failureFree: false,
      worstCase: { growth: { constant: 'maxBallot', values: [1, 2, 3] } },
    },
  ],
};
