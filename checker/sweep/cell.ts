// One cell of a sweep: a configured instance searched exhaustively with the checker's BFS, its
// counterexample (if any) saved under a name that carries the swept constants and any other that differs
// from the model's defaults, or, if it cannot be written, the reason in its place.

import { relative } from 'node:path';
import type { Configured } from '../load/configure.ts';
import { buildTraceFile, saveOptions } from '../trace/run-trace.ts';
import { overallVerdict } from '../search/verdict.ts';
import { search } from '../search/search.ts';
import type { Progress } from '../search/types.ts';
import type { ConstValue } from '../model.ts';
import { trySaveTrace } from '../trace/trace-file.ts';

export type SweepVerdict = 'holds' | 'violation' | 'incomplete';

export interface SweepCell {
  readonly constants: Readonly<Record<string, ConstValue>>;
  readonly result: SweepVerdict;
  readonly distinctStates: number;
  readonly seconds: number;
  readonly bound?: string;
  readonly violation?: { readonly invariant: string; readonly deadlock?: true; readonly length: number; readonly traceFile: string | null; readonly saveError?: string };
}

export interface CellLimits {
  readonly maxStates?: number;
  readonly timeLimit?: number;
  /** Report deadlocks (states with no successor, not terminal) as violations, as `clab check` does. */
  readonly deadlock?: boolean;
}

/** `onProgress`: the search's periodic figures (the supervisor's watchdog reports them if it must stop the sweep). */
/** `swept`: the swept constants' names, which every trace name carries. */
export async function runCell(cfg: Configured, swept: readonly string[], limits: CellLimits, outDir: string, cwd: string, onProgress?: (p: Progress) => void): Promise<SweepCell> {
  const r = await search(cfg.instance, {
    invariants: cfg.properties.invariants,
    maxStates: limits.maxStates ?? cfg.plan.bounds?.maxStates,
    maxDepth: cfg.plan.bounds?.maxDepth,
    timeLimit: limits.timeLimit,
    deadlock: limits.deadlock,
    onProgress,
  });
  // A sweep decides invariants only: `sometimes` witnesses are for `clab check` (they were not searched for).
  const invariantsOnly = { ...cfg, properties: { ...cfg.properties, witnesses: [] } };
  const base = { constants: cfg.constants, result: overallVerdict(invariantsOnly, r), distinctStates: r.distinctStates, seconds: Math.round(r.seconds * 1000) / 1000 };
  if (!r.violation) return r.bound ? { ...base, bound: r.bound } : base;
  const trace = buildTraceFile(cfg, r.violation.invariant, r.violation.deadlock ? 'deadlock' : 'invariant', r.violation.path, cwd);
  const saved = trySaveTrace(outDir, trace, saveOptions(cfg, undefined, swept));
  const where = saved.file ? { traceFile: relative(cwd, saved.file) } : { traceFile: null, saveError: saved.error };
  return { ...base, violation: { invariant: r.violation.invariant, ...(r.violation.deadlock ? { deadlock: true as const } : {}), length: r.violation.path.length - 1, ...where } };
}
