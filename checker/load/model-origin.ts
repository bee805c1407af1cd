// Where a user's model came from, so that an error about it can name its file and, when the source shows
// it unambiguously, the line: the file each model was loaded from, the model each instance belongs to,
// the line of a field in the source, the model's frame of an exception, and the ModelError built from
// them. Used by the shape checks (model-checks.ts, step-checks.ts) and by every search that meets a
// model's exception.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError, type SourceLocation } from '../errors.ts';
import type { Model } from '../model.ts';


// ---------------------------------------------------------------------------------------------------------
// Where a model came from, so that errors can name its file (and a line, when the source shows one).

interface Origin {
  readonly name: string;
  /** Absolute path of the module the model was loaded from (unknown for a model built in code). */
  readonly file?: string;
  /** The directory paths are shown relative to. */
  readonly cwd: string;
}

const origins = new WeakMap<object, Origin>();

/** Records the file a user's model was loaded from (registry.ts). */
export function noteModelFile(model: Model, abs: string, cwd: string): void {
  origins.set(model, { name: model.name, file: abs, cwd });
}

/** Records which model an instance belongs to, so that errors found during a search can name it. */
export function noteInstance(inst: object, model: Model): void {
  origins.set(inst, origins.get(model) ?? { name: model.name, cwd: process.cwd() });
}

function originOf(x: unknown): Origin | undefined {
  return typeof x === 'object' && x !== null ? origins.get(x) : undefined;
}

function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

const sources = new Map<string, readonly string[] | null>();

function sourceLines(file: string): readonly string[] | null {
  if (!sources.has(file)) {
    try {
      sources.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      sources.set(file, null);
    }
  }
  return sources.get(file)!;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The line of the model's source where `key` is written as an object key or method (`key:`, `key(`,
 * `key?:`, or the shorthand `key,` / `key }`). Only an unambiguous answer counts: with no match or several
 * (a helper file, a type declaration as well), the error goes without a line rather than with a wrong one.
 */
export function locateKey(x: unknown, key: string): SourceLocation | undefined {
  const o = originOf(x);
  const lines = o?.file ? sourceLines(o.file) : null;
  if (!o?.file || !lines) return undefined;
  const strict = new RegExp(`(^|[^\\w$.'"\`])(['"]?)${escapeRe(key)}\\2\\s*\\??\\s*[:(]`);
  const loose = new RegExp(`(^|[{,]\\s*)${escapeRe(key)}\\s*(,|}|$)`);
  for (const re of [strict, loose]) {
    const hits: SourceLocation[] = [];
    lines.forEach((l, i) => {
      if (/^\s*(\/\/|\*)/.test(l)) return;
      const m = re.exec(l);
      if (m) hits.push({ file: shownPath(o.file!, o.cwd), line: i + 1, col: m.index + m[1].length + 1 });
    });
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

/** The checker's own folder (this file is in checker/load/): frames in it are never the model's. */
const checkerDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where an exception was thrown: the first stack frame outside the checker, node and node_modules. */
export function thrownAt(err: unknown, x?: unknown): SourceLocation | undefined {
  const stack = (err as Error | undefined)?.stack;
  if (typeof stack !== 'string') return undefined;
  const cwd = originOf(x)?.cwd ?? process.cwd();
  for (const line of stack.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('at ')) continue;
    const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/.exec(t);
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (!isAbsolute(file) || file.startsWith(checkerDir + sep) || file.includes(`${sep}node_modules${sep}`)) continue;
    return { file: shownPath(file, cwd), line: Number(m[2]), col: Number(m[3]) };
  }
  return undefined;
}

/** "model 'x': " (with its file when no line of it is known), to start a message with. */
export function who(x: unknown, loc: SourceLocation | undefined): string {
  const o = originOf(x);
  if (!o) return '';
  return o.file && !loc ? `model '${o.name}' (${shownPath(o.file, o.cwd)}): ` : `model '${o.name}': `;
}

/** A ModelError about model (or instance) `x`: its name, and the line of `key` in its source when found. */
export function modelError(x: unknown, key: string | undefined, message: string, hint?: string, stateId?: number): ModelError {
  const loc = key ? locateKey(x, key) : undefined;
  return new ModelError(who(x, loc) + message, hint, loc, stateId);
}

/** A short description of a value in an error message. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length}`;
  switch (typeof v) {
    case 'string':
      return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof v} ${String(v)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
  }
  if (typeof (v as { then?: unknown }).then === 'function') return 'a Promise';
  const keys = Object.keys(v as object);
  return keys.length === 0 ? 'an empty object' : `an object with fields ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

