// The counterexample file: a JSON document naming the model, variant, constants and property, with every
// step's action label and shown state. Written atomically (temp file + rename) so a result is never lost
// half-written; read back with shape checks so a malformed file is a clear error, not a crash.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ClabError } from '../errors.ts';
import type { Action, Constants } from '../model.ts';

export const TRACE_FORMAT = 'consensus-lab/trace';
export const TRACE_VERSION = 1;

export interface TraceStepJson {
  readonly action: Action | null;
  readonly state: unknown;
}

export interface TraceFile {
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  /** A shipped model's name, or a path to a model module (relative to the trace file's folder). */
  readonly model: string;
  readonly variant: string | null;
  readonly constants: Constants;
  /** The spec the property comes from, if any (path). */
  readonly spec?: string;
  readonly property: { readonly kind: 'invariant' | 'witness' | 'temporal'; readonly name: string };
  readonly steps: readonly TraceStepJson[];
  /**
   * Temporal counterexamples are lassos: steps[loopStart..] repeat forever. The last step's state equals
   * steps[loopStart]'s, or, when loopStart is the last index, that state has no successor and the run stays
   * there. Absent: a finite trace.
   */
  readonly loopStart?: number;
}

/** Writes `content` to `file` atomically, creating the folder. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function traceFileName(model: string, variant: string | null, property: string): string {
  const base = model.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');
  return [base, variant, property].filter(Boolean).join('-').replace(/[^A-Za-z0-9_.-]/g, '_') + '.json';
}

export function saveTrace(dir: string, trace: TraceFile): string {
  const file = join(dir, traceFileName(trace.model, trace.variant, trace.property.name));
  writeFileAtomic(file, JSON.stringify(trace, null, 2) + '\n');
  return file;
}

/** Reads and shape-checks a trace file. */
export function loadTrace(file: string): TraceFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ClabError(`cannot read trace file '${file}'`, 'check the path');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ClabError(`${file}: not valid JSON (${(e as Error).message})`, 'a trace file is what `clab check` writes under counterexamples/');
  }
  const bad = (what: string) => new ClabError(`${file}: malformed trace: ${what}`, 'a trace file is what `clab check` writes under counterexamples/');
  if (typeof data !== 'object' || data === null) throw bad('expected a JSON object');
  const t = data as Record<string, unknown>;
  if (t.format !== TRACE_FORMAT) throw bad(`"format" must be "${TRACE_FORMAT}"`);
  if (t.version !== TRACE_VERSION) throw bad(`unsupported "version" ${JSON.stringify(t.version)} (this clab reads ${TRACE_VERSION})`);
  if (typeof t.model !== 'string') throw bad('"model" must be a string');
  if (t.variant !== null && typeof t.variant !== 'string') throw bad('"variant" must be a string or null');
  if (typeof t.constants !== 'object' || t.constants === null || Array.isArray(t.constants)) throw bad('"constants" must be an object');
  const p = t.property as Record<string, unknown> | undefined;
  if (!p || (p.kind !== 'invariant' && p.kind !== 'witness' && p.kind !== 'temporal') || typeof p.name !== 'string') throw bad('"property" must be {kind: "invariant"|"witness"|"temporal", name}');
  if (!Array.isArray(t.steps) || t.steps.length === 0) throw bad('"steps" must be a non-empty array');
  if (t.loopStart !== undefined && (!Number.isInteger(t.loopStart) || (t.loopStart as number) < 0 || (t.loopStart as number) >= t.steps.length)) {
    throw bad(`"loopStart" must be a step index 0..${t.steps.length - 1}`);
  }
  t.steps.forEach((st: unknown, i: number) => {
    if (typeof st !== 'object' || st === null || !('state' in st) || !('action' in st)) throw bad(`step ${i} must have "action" and "state"`);
    const a = (st as { action: unknown }).action;
    if (i === 0 ? a !== null : typeof a !== 'object' || a === null || typeof (a as { kind?: unknown }).kind !== 'string') {
      throw bad(i === 0 ? 'step 0 (the initial state) must have "action": null' : `step ${i} has no action with a "kind"`);
    }
  });
  return data as TraceFile;
}

/** JSON with sorted object keys, for comparing shown states and labels regardless of key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x,
  );
}
