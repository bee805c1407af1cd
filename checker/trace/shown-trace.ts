// A trace as the renderers see it, whichever file it came from (a clab trace or an ITF file): metadata
// when known, the printable steps (action label + shown state) and, for a lasso, the step where the
// repeating part starts. Loading picks the reader by content, so `clab show` takes either kind of file.

import { ClabError } from '../errors.ts';
import { readTraceJson } from './read.ts';
import { checkTraceShape } from './shape.ts';
import { TRACE_FORMAT, TRACE_VERSION, type TraceFile } from './trace-format.ts';

export type { ShownTrace } from './trace-format.ts';
import type { ShownTrace } from './trace-format.ts';

export function fromTraceFile(t: TraceFile): ShownTrace {
  const loopStart = t.loopStart;
  return {
    model: t.model,
    variant: t.variant,
    constants: t.constants,
    ...(t.spec ? { spec: t.spec } : {}),
    property: t.property,
    steps: t.steps.map((st) => ({ action: st.action, state: (st.state ?? {}) as Record<string, unknown> })),
    ...(loopStart !== undefined ? { loopStart } : {}),
  };
}

/** A clab trace file from a shown trace whose metadata is complete (e.g. an ITF file clab wrote). */
export function toTraceFile(t: ShownTrace, what: string): TraceFile {
  if (t.model === undefined || t.property === undefined || t.constants === undefined) {
    throw new ClabError(`${what} does not say which model, constants and property it is about`, 'only traces written by clab (trace JSON, or ITF exported with `clab show --itf`) can be replayed');
  }
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    model: t.model,
    variant: t.variant ?? null,
    constants: t.constants,
    ...(t.spec ? { spec: t.spec } : {}),
    property: t.property,
    steps: t.steps.map((st) => ({ action: st.action, state: st.state })),
    ...(t.loopStart !== undefined ? { loopStart: t.loopStart } : {}),
  };
}

/** True when parsed JSON looks like an ITF trace rather than a clab trace. */
export function looksLikeItf(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Array.isArray((data as { states?: unknown }).states) && !('format' in data && (data as { format?: unknown }).format === TRACE_FORMAT);
}

/** Reads a clab trace or an ITF trace file (within the limits of read.ts, shape-checked either way). */
export async function loadShownTrace(file: string): Promise<ShownTrace> {
  const data = readTraceJson(file, 'give a trace that `clab check` saved, or an ITF (.itf.json) file');
  if (looksLikeItf(data)) {
    const { fromItf } = await import('./itf.ts');
    return fromItf(data, file);
  }
  return fromTraceFile(checkTraceShape(data, file));
}
