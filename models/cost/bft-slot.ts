// How the cost engine reads the PBFT slot (models/lib/bft-slot.ts) in its literal form (reduce=false):
// a correct replica's messages follow from its stage, so a stage change is its broadcast, counted once per
// other replica (n-1; the model leaves out messages to faulty replicas because nobody reads them, but a
// replica does not know whom to leave out); the correct primary's pre-prepare is sent at time zero; a
// faulty replica's step sends one message to one replica and is the faulty behaviour the failure-free run
// leaves out. A step reads the messages its guard counted: every matching message available to its actor.

import type { Constants, CostProbe } from '../../checker/index.ts';
import type { SlotState } from '../lib/bft-slot.ts';

const KINDS = ['pre-prepare', 'prepare', 'commit'] as const;
const [PP, PR, CM] = [0, 1, 2];
const isBit = (mask: number, r: number) => ((mask >>> r) & 1) === 1;

/**
 * The initial states the slot must decide from with its faulty replicas silent: those with a correct primary
 * (a silent faulty primary is replaced by PBFT's view change, which the slot does not model).
 */
export const correctPrimary = (s: unknown): boolean => (s as SlotState).proposal >= 0;

export function slotProbe(c: Constants): CostProbe<SlotState> {
  const n = c.n as number;
  const replicas = Array.from({ length: n }, (_, r) => r);
  const stage = (s: SlotState, r: number) => s.local[r] >> 1;
  const value = (s: SlotState, r: number) => s.local[r] & 1;
  const sentAt = (sender: number, kind: number, to: number) => (sender * 3 + kind) * n + to;
  const correctId = (kind: number, r: number, v: number) => `${KINDS[kind]}(${v}) from r${r}`;
  const faultyId = (kind: number, r: number, to: number, v: number) => `${KINDS[kind]}(${v}) from r${r} to r${to}`;
  /** Ids of the messages of `kind` with value v that replica `to` can read in s. */
  const available = (s: SlotState, kind: number, to: number, v: number): string[] =>
    replicas.flatMap((k) => {
      if (isBit(s.faulty, k)) return (s.byz[sentAt(k, kind, to)] >>> v) & 1 ? [faultyId(kind, k, to, v)] : [];
      const sent = kind === PP ? k === 0 && s.proposal === v : kind === PR ? k !== 0 && stage(s, k) >= 1 && value(s, k) === v : stage(s, k) >= 2 && value(s, k) === v;
      return sent ? [correctId(kind, k, v)] : [];
    });
  return {
    decided: (s) => replicas.some((r) => !isBit(s.faulty, r) && stage(s, r) === 3),
    faultyInit: (s) => s.faulty !== 0,
    faulty: (from, step) => isBit(from.faulty, Number(step.action.actor!.slice(1))),
    initialFlow: (s) => (s.proposal >= 0 ? { actor: 'r0', sends: [{ id: correctId(PP, 0, s.proposal), recipients: n - 1 }] } : {}),
    flow(from, step) {
      const to = step.state;
      const actor = step.action.actor!;
      const r = Number(actor.slice(1));
      if (isBit(from.faulty, r)) {
        for (let k = 0; k < to.byz.length && k < 3 * n * n; k++) {
          const added = to.byz[k] & ~from.byz[k];
          if (added === 0) continue;
          const [sender, kind, dest] = [Math.floor(k / (3 * n)), Math.floor(k / n) % 3, k % n];
          return { actor, sends: [{ id: faultyId(kind, sender, dest, added === 1 ? 0 : 1), recipients: 1 }] };
        }
        return { actor };
      }
      const st = stage(to, r);
      const v = value(to, r);
      if (st === 1) return { actor, sends: [{ id: correctId(PR, r, v), recipients: n - 1 }], reads: available(from, PP, r, v) };
      if (st === 2) return { actor, sends: [{ id: correctId(CM, r, v), recipients: n - 1 }], reads: available(from, PR, r, v) };
      return { actor, reads: available(from, CM, r, v) };
    },
  };
}
