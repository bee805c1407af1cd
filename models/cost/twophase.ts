// The cost of two-phase commit (models/twophase.ts, Gray & Lamport's TwoPhase), read from its labels: an
// RM's Prepared goes to the TM, the TM's Commit or Abort to every RM (a re-receive is a self-loop). The
// decision measured is the TM's commit, known where its Commit arrives. The model has no faults (an RM
// choosing to abort is the protocol's own choice), so the failure-free run is every run that commits.

import type { Constants, CostProbe, MessageLabel, ModelCost } from '../../checker/index.ts';
import twophase, { type TwoPhaseState } from '../twophase.ts';

const COMMITTED = 1;
const idOf = (m: MessageLabel) => (m.type === 'Prepared' ? `Prepared(${m.rm})` : m.type);

export function twoPhaseProbe(c: Constants): CostProbe<TwoPhaseState> {
  const n = c.rms as number;
  return {
    decided: (s) => s.tmState === COMMITTED,
    faulty: () => false,
    decidedOnArrival: true,
    flow(from, step) {
      const a = step.action;
      const m = a.message;
      if (!m || step.state === from) return { actor: a.actor };
      if (a.kind === 'receives') return { actor: a.actor, reads: [idOf(m)] };
      return { actor: a.actor, sends: [{ id: idOf(m), recipients: m.type === 'Prepared' ? 1 : n }] };
    },
  };
}

export const twoPhaseCost: ModelCost = {
  model: twophase,
  notes: ['the model has no faults (an RM that aborts does so by choice), so there is no replica count and no worst case'],
  scenarios: [{ name: 'commit', constants: { rms: 3 }, probe: twoPhaseProbe }],
};
