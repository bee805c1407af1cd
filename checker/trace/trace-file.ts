// The counterexample file: a JSON document naming the model, variant, constants and property, with every
// step's action label and shown state. Written atomically (temp file + rename) so a result is never lost
// half-written; read back with shape checks so a malformed file is a clear error, not a crash.

import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readTraceJson } from './read.ts';
import { checkTraceShape, TRACE_HINT } from './shape.ts';

// The file's format (constants and types) lives in trace-format.ts, which the readers (shape.ts) import
// without importing this file back.
export { TRACE_FORMAT, TRACE_VERSION, type TraceFile, type TraceStepJson } from './trace-format.ts';
import type { TraceFile } from './trace-format.ts';

/** Where new traces go unless --out says otherwise: a folder of the current directory, ignored by git. */
export const DEFAULT_TRACE_DIR = 'clab-traces';

/**
 * Creates `dir` and any missing parents, one level at a time. (Node's recursive mkdir loops forever on
 * some paths under /proc; this fails with the first error instead.)
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/** Writes `content` to `file` atomically (a temporary file renamed over it), creating the folder. */
export function writeFileAtomic(file: string, content: string): void {
  makeDirs(dirname(file));
  const tmp = join(dirname(file), `.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * A trace's file name: model, variant, the constants that differ from the model's defaults (all of them
 * when the defaults are not known), property, and the command that found it when it is not `check`
 * (`simulate`), so runs with different settings or commands do not overwrite each other.
 */
export function traceFileName(trace: Pick<TraceFile, 'model' | 'variant' | 'constants' | 'property'>, defaults?: Readonly<Record<string, unknown>>, source?: string): string {
  const base = trace.model.replace(/^.*[\\/]/, '').replace(/\.(spec|[cm]?[jt]s)$/, '');
  const consts = Object.entries(trace.constants)
    .filter(([k, v]) => defaults === undefined || defaults[k] !== v)
    .map(([k, v]) => `${k}=${v}`);
  return [base, trace.variant, ...consts, trace.property.name, source].filter(Boolean).join('-').replace(/[^A-Za-z0-9_.=-]/g, '_') + '.json';
}

export interface SaveOptions {
  /** The model's constant defaults: only constants that differ go into the file name. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** The command that found the trace, when it is not `check` (e.g. 'simulate'). */
  readonly source?: string;
}

export function saveTrace(dir: string, trace: TraceFile, opts: SaveOptions = {}): string {
  const file = join(dir, traceFileName(trace, opts.defaults, opts.source));
  writeFileAtomic(file, JSON.stringify(trace, null, 2) + '\n');
  return file;
}

/** What became of saving a trace: its file, or why it could not be written (the run's verdict stands). */
export type Saved = { readonly file: string; readonly error?: undefined } | { readonly file?: undefined; readonly error: string };

/** saveTrace, with a failure returned rather than thrown: a result is printed before it is saved. */
export function trySaveTrace(dir: string, trace: TraceFile, opts: SaveOptions = {}): Saved {
  try {
    return { file: saveTrace(dir, trace, opts) };
  } catch (e) {
    return { error: `cannot write the trace into ${dir}: ${(e as Error)?.message ?? String(e)}` };
  }
}

/**
 * Reads and shape-checks a trace file: a regular file of at most MAX_TRACE_BYTES, nested at most
 * MAX_TRACE_DEPTH deep (read.ts), with every field of the right type (shape.ts).
 */
export function loadTrace(file: string): TraceFile {
  return checkTraceShape(readTraceJson(file, TRACE_HINT), file);
}

/** JSON with sorted object keys, for comparing shown states and labels regardless of key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x,
  );
}
