// The counterexample file of a configured run (model, variant, constants, property and every step's
// action and shown state), and how a run's traces are named when saved.

import { relative } from 'node:path';
import type { Configured } from '../load/configure.ts';
import type { PathStep } from '../search/types.ts';
import { showState } from './show.ts';
import { TRACE_FORMAT, TRACE_VERSION, type SaveOptions, type TraceFile } from './trace-file.ts';

/** The counterexample file for a path (a lasso when `loopStart` is given: the cycle returns to that step). */
export function buildTraceFile(
  cfg: Configured,
  property: string,
  kind: TraceFile['property']['kind'],
  path: readonly PathStep<unknown>[],
  cwd: string,
  loopStart?: number,
): TraceFile {
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    model: cfg.plan.modelRef,
    ...(cfg.plan.spec ? { spec: relative(cwd, cfg.plan.spec) } : {}),
    variant: cfg.variant ?? null,
    constants: cfg.constants,
    property: { kind, name: property },
    steps: path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })),
    ...(loopStart !== undefined ? { loopStart } : {}),
  };
}

/**
 * Saving options for a configured run's traces: names carry the constants that differ from the defaults,
 * and the `named` ones always (a sweep's swept constants).
 */
export function saveOptions(cfg: Configured, source?: string, named: readonly string[] = []): SaveOptions {
  const defaults = Object.entries(cfg.plan.model.constants).filter(([k]) => !named.includes(k));
  return { defaults: Object.fromEntries(defaults.map(([k, d]) => [k, d.default])), source };
}
