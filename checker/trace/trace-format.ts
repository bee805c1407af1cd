// What a trace is, as data: the clab trace file's format (constants and JSON shape), and the trace as the
// renderers see it whichever file it came from (ShownTrace). Types and constants only, imported by the
// readers, writers and renderers alike (so none of them imports another just for these), and how a
// property reads in a sentence (propertyOutcome).

import type { Action, Constants } from '../model.ts';
import type { PrintableStep } from './values.ts';

export const TRACE_FORMAT = 'consensus-lab/trace';

/** What a trace shows about its property: `invariant agreement violated`, `sometimes x reached`, `deadlock reached`. */
export function propertyOutcome(p: { readonly kind: string; readonly name: string }): string {
  if (p.kind === 'deadlock') return 'deadlock reached';
  return `${p.kind} ${p.name} ${p.kind === 'witness' ? 'reached' : 'violated'}`;
}
export const TRACE_VERSION = 1;

export interface TraceStepJson {
  readonly action: Action | null;
  readonly state: unknown;
}

export interface TraceFile {
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  /**
   * A shipped model's name, or a path to a model module. Replay looks a path up next to the trace file,
   * then in the current folder, and runs it only if shipped with clab or named with --model (trace-model.ts).
   */
  readonly model: string;
  readonly variant: string | null;
  readonly constants: Constants;
  /** The spec the property comes from, if any (a path, looked up and trusted as `model` is). */
  readonly spec?: string;
  readonly property: { readonly kind: 'invariant' | 'witness' | 'temporal' | 'deadlock'; readonly name: string };
  readonly steps: readonly TraceStepJson[];
  /**
   * Temporal counterexamples are lassos: steps[loopStart..] repeat forever. The last step's state equals
   * steps[loopStart]'s, or, when loopStart is the last index, that state has no successor and the run stays
   * there. Absent: a finite trace.
   */
  readonly loopStart?: number;
}

/**
 * A trace as the renderers see it, whichever file it came from (a clab trace or an ITF file): metadata
 * when known, the printable steps (action label + shown state) and, for a lasso, the step where the
 * repeating part starts.
 */
export interface ShownTrace {
  /** A shipped model's name or a model path; absent for foreign traces. */
  readonly model?: string;
  readonly variant?: string | null;
  readonly constants?: Constants;
  readonly spec?: string;
  readonly property?: { readonly kind: 'invariant' | 'witness' | 'temporal' | 'deadlock'; readonly name: string };
  readonly steps: readonly PrintableStep[];
  /** Lassos: index of the first state of the repeating part (the last state loops back to it). */
  readonly loopStart?: number;
}
