// What replaying a saved trace found (clab replay): the type shared by the replay of finite traces
// (replay.ts) and of lassos (liveness/replay-lasso.ts).

import type { PrintableStep } from './values.ts';

export type ReplayOutcome =
  /** `why`: a reproduced invariant violation's explanation (checker/trace/explain.ts), when it has one. */
  | { kind: 'reproduced' | 'not-reproduced'; steps: PrintableStep[]; summary: Record<string, unknown>; why?: string[] }
  | { kind: 'invalid-step'; step: number; reason: string; summary: Record<string, unknown> };
