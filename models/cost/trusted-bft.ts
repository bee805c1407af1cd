// The cost of the PBFT slot with a trusted counter (models/trusted-bft.ts), literal model. Replicas are
// searched with MinBFT's quorum of f+1: one slot is safe even at n = 2f without equivocation, and what needs
// 2f+1 replicas is that f+1 correct ones remain to form a quorum when f are silent (the liveness check).

import type { ModelCost } from '../../checker/index.ts';
import trustedBft from '../trusted-bft.ts';
import { correctPrimary, slotProbe } from './bft-slot.ts';

export const trustedBftCost: ModelCost = {
  model: trustedBft,
  replicas: {
    kind: 'Byzantine, trusted counter',
    size: 'n',
    faults: 'f',
    rows: [
      { faults: 1, sizes: [2, 3, 4] },
      { faults: 2, sizes: [4, 5] },
    ],
    safety: { reduce: true, quorum: 'f+1' },
    liveness: { reduce: false, quorum: 'f+1' },
    livenessFrom: correctPrimary,
    probe: slotProbe,
  },
  scenarios: [{ name: 'one slot', constants: { n: 3, f: 1, reduce: false }, probe: slotProbe, worstCase: true }],
};
