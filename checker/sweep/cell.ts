// One cell of a sweep: a configured instance searched exhaustively with the checker's BFS, its
// counterexample (if any) saved under a name that carries the swept constants.

import { join } from 'node:path';
import { relative } from 'node:path';
import type { Configured } from '../configure.ts';
import { buildTraceFile, overallVerdict } from '../cli/report.ts';
import { bfs } from '../explore/bfs.ts';
import type { Progress } from '../explore/types.ts';
import type { ConstValue } from '../model.ts';
import { writeFileAtomic } from '../trace/trace-file.ts';

export type SweepVerdict = 'holds' | 'violation' | 'incomplete';

export interface SweepCell {
  readonly constants: Readonly<Record<string, ConstValue>>;
  readonly result: SweepVerdict;
  readonly distinctStates: number;
  readonly seconds: number;
  readonly bound?: string;
  readonly violation?: { readonly invariant: string; readonly length: number; readonly traceFile: string };
}

export interface CellLimits {
  readonly maxStates?: number;
  readonly timeLimit?: number;
}

/** `om-n3-m1-IC2.json`: the model (and variant), the swept constants, the invariant. */
export function cellTraceName(model: string, variant: string | undefined, swept: Readonly<Record<string, ConstValue>>, invariant: string): string {
  const base = model.replace(/^.*[\\/]/, '').replace(/\.(spec|[cm]?[jt]s)$/, '');
  const consts = Object.entries(swept).map(([k, v]) => `${k}${v}`);
  return [base, variant, ...consts, invariant].filter(Boolean).join('-').replace(/[^A-Za-z0-9_.-]/g, '_') + '.json';
}

/** `onProgress`: the search's periodic figures (the supervisor's watchdog reports them if it must stop the sweep). */
export function runCell(cfg: Configured, swept: Readonly<Record<string, ConstValue>>, limits: CellLimits, outDir: string, cwd: string, onProgress?: (p: Progress) => void): SweepCell {
  const r = bfs(cfg.instance, {
    invariants: cfg.properties.invariants,
    maxStates: limits.maxStates ?? cfg.plan.bounds?.maxStates,
    maxDepth: cfg.plan.bounds?.maxDepth,
    timeLimit: limits.timeLimit,
    onProgress,
  });
  // A sweep decides invariants only: `sometimes` witnesses are for `clab check` (they were not searched for).
  const invariantsOnly = { ...cfg, properties: { ...cfg.properties, witnesses: [] } };
  const base = { constants: cfg.constants, result: overallVerdict(invariantsOnly, r), distinctStates: r.distinctStates, seconds: Math.round(r.seconds * 1000) / 1000 };
  if (!r.violation) return r.bound ? { ...base, bound: r.bound } : base;
  const trace = buildTraceFile(cfg, r.violation.invariant, 'invariant', r.violation.path, cwd);
  const file = join(outDir, cellTraceName(cfg.plan.spec ?? cfg.plan.modelRef, cfg.variant, swept, r.violation.invariant));
  writeFileAtomic(file, JSON.stringify(trace, null, 2) + '\n');
  return { ...base, violation: { invariant: r.violation.invariant, length: r.violation.path.length - 1, traceFile: relative(cwd, file) } };
}
