// One slot of PBFT's normal case (Castro and Liskov): pre-prepare, prepare, commit, with a primary that may
// be Byzantine and equivocate (a different pre-prepare to each backup) and Byzantine backups that may send
// anything to anyone. The protocol and its reductions live in lib/bft-slot.ts.
//
// Quorums: q = n - f by default, the most a replica can wait for when f replicas may be silent; at
// n = 3f+1 that is PBFT's 2f+1. Two quorums then overlap in 2q - n = n - 2f replicas, more than f (so one
// is correct) exactly when n > 3f: agreement holds for n = 3f+1 and fails for n = 3f. With quorum=2f+1 kept
// at n = 3f the overlap is f+2 and agreement holds, but q > n - f: f silent replicas block every commit.

import { defineModel } from '../checker/model.ts';
import { slotInstance, type SlotState } from './lib/bft-slot.ts';

export default defineModel<SlotState>({
  name: 'pbft',
  summary: 'One slot of the PBFT normal case with a Byzantine (equivocating) primary and backups: safe iff n > 3f',
  topic: 'Byzantine fault-tolerant replication',
  constants: {
    n: { kind: 'int', default: 4, min: 2, max: 8, description: 'number of replicas (replica 0 is the primary)' },
    f: { kind: 'int', default: 1, min: 1, max: 3, description: 'the most faulty (Byzantine) replicas' },
    quorum: { kind: 'enum', default: 'n-f', values: ['n-f', '2f+1'], description: 'quorum size: n-f (PBFT\'s 2f+1 when n = 3f+1) or 2f+1 whatever n' },
    reduce: { kind: 'bool', default: true, description: 'apply the sound reductions B1-B3 (false: the literal model, for cross-checks)' },
  },
  validate(c) {
    const n = c.n as number;
    const f = c.f as number;
    if (f >= n) return `f (faulty replicas, ${f}) must be less than n (replicas, ${n})`;
    if (n < 2 * f + 1) return `n (${n}) must be at least 2f+1 (${2 * f + 1}): with fewer, f faulty replicas are a majority`;
    return undefined;
  },
  instantiate: (c) => slotInstance(c, true),
});
