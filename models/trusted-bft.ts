// The PBFT slot of models/pbft.ts where every replica signs with a trusted monotonic counter (MinBFT, A2M,
// TrInc style): a faulty replica cannot give two replicas different messages of one kind for the slot, so
// quorums of f+1 out of n = 2f+1 (q = n - f) keep correct replicas in agreement: "2m+1 with less good
// guys". The protocol and its reductions live in lib/bft-slot.ts.
//
// Variant no-trusted-counter drops the counter (faulty replicas equivocate again): with q = n - f the slot
// then fails already at n = 2f+1.

import { defineModel } from '../checker/model.ts';
import { slotInstance, type SlotState } from './lib/bft-slot.ts';

export default defineModel<SlotState>({
  name: 'trusted-bft',
  summary: 'The PBFT slot with a trusted monotonic counter (no equivocation): safe with f+1 quorums of 2f+1',
  topic: 'Byzantine fault-tolerant replication',
  constants: {
    n: { kind: 'int', default: 3, min: 2, max: 8, description: 'number of replicas (replica 0 is the primary)' },
    f: { kind: 'int', default: 1, min: 1, max: 3, description: 'the most faulty (Byzantine) replicas' },
    quorum: { kind: 'enum', default: 'n-f', values: ['n-f', 'f+1'], description: 'quorum size: n-f (f+1 when n = 2f+1) or f+1 whatever n' },
    reduce: { kind: 'bool', default: true, description: 'apply the sound reductions B1-B3 (false: the literal model, for cross-checks)' },
  },
  variants: {
    'no-trusted-counter': 'faulty replicas can equivocate (no trusted counter): f+1 quorums are no longer safe',
  },
  validate(c) {
    const n = c.n as number;
    const f = c.f as number;
    if (f >= n) return `f (faulty replicas, ${f}) must be less than n (replicas, ${n})`;
    if (n < 2 * f) return `n (${n}) must be at least 2f (${2 * f})`;
    return undefined;
  },
  instantiate: (c, variant) => slotInstance(c, variant === 'no-trusted-counter'),
});
