// The cost of PBFT's normal case for one slot (models/pbft.ts), literal model: 3f+1 replicas for f
// Byzantine faults, all-to-all prepare and commit rounds.

import type { ModelCost } from '../../checker/index.ts';
import pbft from '../pbft.ts';
import { correctPrimary, slotProbe } from './bft-slot.ts';

export const pbftCost: ModelCost = {
  model: pbft,
  replicas: {
    kind: 'Byzantine',
    size: 'n',
    faults: 'f',
    rows: [
      { faults: 1, sizes: [3, 4, 5] },
      { faults: 2, sizes: [5, 6, 7] },
    ],
    // B1-B3 keep every verdict (test/bft); the liveness check needs the literal model's silent faulty replicas.
    safety: { reduce: true },
    liveness: { reduce: false },
    livenessFrom: correctPrimary,
    probe: slotProbe,
  },
  scenarios: [{ name: 'one slot', constants: { n: 4, f: 1, reduce: false }, probe: slotProbe, worstCase: true }],
};
