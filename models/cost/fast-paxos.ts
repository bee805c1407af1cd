// The cost of Fast Paxos (models/fast-paxos.ts), read from its labels as for Paxos: a client's propose goes
// to the coordinator and every acceptor, 1a and 2a to every acceptor, 1b to the coordinator, 2b to the
// learner (one: learners are implicit); a step reads the messages its label lists as received, and the
// decision is known where the deciding 2b's arrive. Round 1 has no phase 1 (it is done in advance), so one
// client and one round compare the fast round (acceptors vote for the client's proposal, on a 2a(any) sent
// ahead) with a classic one (the coordinator relays the proposal): one message delay fewer. Two clients
// can collide in the fast round; the classic round 2 recovers, and more rounds mean more messages.

import type { Constants, CostProbe, ModelCost } from '../../checker/index.ts';
import fastPaxos, { type FastState } from '../fast-paxos.ts';
import { chosenOf } from '../fast-paxos/properties.ts';
import { configOf } from '../fast-paxos/rules.ts';
import { layoutOf } from '../fast-paxos/state.ts';
import { labelId } from './label-ids.ts';

export function fastPaxosProbe(c: Constants): CostProbe<FastState> {
  const L = layoutOf(configOf(c, undefined));
  const N = c.acceptors as number;
  const recipients: Record<string, number> = { propose: N + 1, '1a': N, '1b': 1, '2a': N, '2b': 1 };
  return {
    decided: (s) => chosenOf(L, s.msgs).length > 0,
    faulty: () => false,
    decidedOnArrival: true,
    flow(from, step) {
      const a = step.action;
      const m = a.message!;
      const count = recipients[m.type];
      if (count === undefined) throw new Error(`fast-paxos cost: no recipients known for message type '${m.type}'`);
      return { actor: a.actor, sends: step.state === from ? [] : [{ id: labelId(m), recipients: count }], reads: (a.received ?? []).map(labelId) };
    },
  };
}

const one = { acceptors: 3, values: 1, rounds: 1 } as const;

export const fastPaxosCost: ModelCost = {
  model: fastPaxos,
  scenarios: [
    { name: 'fast round', constants: { ...one, fastRounds: 1 }, probe: fastPaxosProbe },
    { name: 'classic round, phase 1 done in advance', constants: { ...one, fastRounds: 0 }, probe: fastPaxosProbe },
    {
      name: 'two clients (collision, classic recovery)',
      constants: { acceptors: 3, values: 2, rounds: 2, fastRounds: 1 },
      probe: fastPaxosProbe,
      // Contention, not a fault: every run is measured as the worst case.
      failureFree: false,
      worstCase: { growth: { constant: 'rounds', values: [1, 2, 3] } },
    },
  ],
};
