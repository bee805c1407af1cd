// The cost of duelling proposers (models/paxos-duel.ts), read from its labels: a proposer that starts or
// restarts a ballot sends 1a to every acceptor, an acceptor answers a request with a 1b or a nack (or
// accepts a 2a silently: the model has no 2b round), a proposer with a 1b quorum sends 2a to every
// acceptor. Ballots are renumbered after every step, so its graph is finite and duels are cycles: a cycle
// of undecided states that sends messages makes the worst case unbounded.

import type { Constants, CostProbe, ModelCost } from '../../checker/index.ts';
import paxosDuel, { type DuelState } from '../paxos-duel.ts';

export function duelProbe(c: Constants): CostProbe<DuelState> {
  const A = c.acceptors as number;
  return {
    decided: (s) => s.chosen !== 0,
    faulty: () => false,
    flow(_from, step) {
      const a = step.action;
      const broadcast = a.kind === 'starts' || a.kind === 'restarts' || (a.message?.type === '1b quorum');
      const reply = a.kind === 'receives' && (a.detail === 'promises' || a.detail === 'rejects');
      const sends = broadcast ? [{ id: 'request', recipients: A }] : reply ? [{ id: 'reply', recipients: 1 }] : [];
      return { actor: a.actor, sends };
    },
  };
}

export const paxosDuelCost: ModelCost = {
  model: paxosDuel,
  notes: ['messages carry renumbered ballots, so a step cannot name the message it reads: no delays are given; every run is contention, so there is no failure-free figure (see `paxos`)'],
  noDelays: true,
  scenarios: [{ name: 'two proposers, no leader', constants: { acceptors: 3, proposers: 2, leader: 0 }, probe: duelProbe, worstCase: true, failureFree: false }],
};
