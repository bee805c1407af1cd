// An exercise's manifest (exercise.json) and hidden checks (checks.json), read and checked field by field:
// the format docs/exercises.md describes. Every problem is a ClabError naming the file and the field
// (`exercise.json: checks[2].points: expected a non-negative integer`), and unknown fields are refused, so
// a typo in a check never makes it pass silently.

import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readBounded } from '../bounded-read.ts';
import { ClabError } from '../errors.ts';
import type { ConstValue } from '../model.ts';

export const EXERCISE_FORMAT = 'consensus-lab/exercise';
export const EXERCISE_VERSION = 1;
export const MANIFEST = 'exercise.json';
export const HIDDEN_CHECKS = 'checks.json';

export type Visibility = 'public' | 'hidden';

/** Where a check's model comes from: a shipped name or an instructor's module, or a spec naming one. */
export interface ModelSource {
  /** A shipped model's name, or an absolute path to the instructor's module. */
  readonly model?: string;
  /** Absolute path to the instructor's spec. */
  readonly spec?: string;
}

interface CheckBase {
  readonly name: string;
  readonly title: string;
  readonly points: number;
  readonly visibility: Visibility;
  /** The folder the check's paths are relative to (the exercise's, or the hidden folder). */
  readonly dir: string;
}

export interface ReplayTraceCheck extends CheckBase, ModelSource {
  readonly kind: 'replay-trace';
  readonly file: string;
  readonly variant: string | null;
  readonly constants: Readonly<Record<string, ConstValue>>;
  readonly property: { readonly kind: 'invariant' | 'deadlock' | 'temporal'; readonly name: string };
  readonly maxSteps: number;
}

export interface ModelCheckCheck extends CheckBase {
  readonly kind: 'model-check';
  readonly file: string;
  /** Absolute path to the instructor's spec. */
  readonly properties: string;
  readonly constants: Readonly<Record<string, ConstValue>>;
  readonly variant: string | null;
  readonly expect: 'holds' | 'violated';
  readonly invariants?: readonly string[];
  readonly maxStates: number;
  readonly deadlock: boolean;
}

export interface SpecInvariantCheck extends CheckBase {
  readonly kind: 'spec-invariant';
  readonly file: string;
  readonly constants: Readonly<Record<string, ConstValue>>;
  readonly buggy: { readonly model: string; readonly variant: string | null };
  readonly correct: { readonly model: string; readonly variant: string | null };
  readonly invariant?: string;
  readonly maxStates: number;
}

export type Compute =
  | ({ readonly kind: 'threshold'; readonly param: string; readonly from: number; readonly to: number; readonly constants: Readonly<Record<string, ConstValue>>; readonly variant: string | null; readonly invariants?: readonly string[]; readonly maxStates: number } & ModelSource)
  | ({ readonly kind: 'bivalent'; readonly constants: Readonly<Record<string, ConstValue>>; readonly variant: string | null; readonly maxStates: number } & ModelSource)
  | { readonly kind: 'equals'; readonly value: unknown };

export interface AnswerCheck extends CheckBase {
  readonly kind: 'answer';
  readonly file: string;
  readonly field: string;
  readonly compute: Compute;
}

export type Check = ReplayTraceCheck | ModelCheckCheck | SpecInvariantCheck | AnswerCheck;
export type CheckKind = Check['kind'];

export interface Exercise {
  /** Absolute path of the exercise folder. */
  readonly dir: string;
  readonly title: string;
  readonly handout: string;
  readonly submission: readonly string[];
  /** Public checks, then the manifest's hidden ones, then the hidden folder's, in order. */
  readonly checks: readonly Check[];
}

/** The largest manifest read (a manifest is a page of JSON). */
const MAX_MANIFEST_BYTES = 1 << 20;

type Json = Record<string, unknown>;

/** Reads one field at a time, refusing what it does not expect, with the file and the field in every message. */
class Reader {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly o: Json,
    /** The exercise's folder, when reading a hidden folder's checks. */
    readonly exerciseDir?: string,
  ) {}

  fail(field: string | undefined, msg: string, hint?: string): never {
    const at = field === undefined ? this.path : this.path ? `${this.path}.${field}` : field;
    throw new ClabError(`${this.file}: ${at ? `${at}: ` : ''}${msg}`, hint);
  }

  has(k: string): boolean {
    return Object.hasOwn(this.o, k) && this.o[k] !== undefined;
  }

  only(keys: readonly string[]): void {
    for (const k of Object.keys(this.o)) if (!keys.includes(k)) this.fail(undefined, `unknown field '${k}'`, `the fields here are: ${keys.join(', ')}`);
  }

  string(k: string, opt?: false): string;
  string(k: string, opt: true): string | undefined;
  string(k: string, opt = false): string | undefined {
    if (!this.has(k)) return opt ? undefined : this.fail(k, 'missing');
    const v = this.o[k];
    if (typeof v !== 'string' || v.length === 0) this.fail(k, 'expected a non-empty string');
    return v as string;
  }

  int(k: string, dflt?: number, min = 0): number {
    if (!this.has(k)) return dflt ?? this.fail(k, 'missing');
    const v = this.o[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) this.fail(k, `expected an integer >= ${min}`);
    return v as number;
  }

  bool(k: string, dflt: boolean): boolean {
    if (!this.has(k)) return dflt;
    const v = this.o[k];
    if (typeof v !== 'boolean') this.fail(k, 'expected true or false');
    return v as boolean;
  }

  oneOf<T extends string>(k: string, values: readonly T[], dflt?: T): T {
    if (!this.has(k) && dflt !== undefined) return dflt;
    const v = this.string(k);
    if (!values.includes(v as T)) this.fail(k, `expected one of ${values.map((x) => `"${x}"`).join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  /** A variant name or null (absent: null). */
  variant(k = 'variant'): string | null {
    if (!this.has(k) || this.o[k] === null) return null;
    return this.string(k);
  }

  constants(k = 'constants'): Readonly<Record<string, ConstValue>> {
    if (!this.has(k)) return {};
    const v = this.o[k];
    if (!isObject(v)) this.fail(k, 'expected an object of constants, e.g. { "n": 4 }');
    const out: Record<string, ConstValue> = Object.create(null);
    for (const [name, x] of Object.entries(v)) {
      if (typeof x !== 'number' && typeof x !== 'boolean' && typeof x !== 'string') this.fail(`${k}.${name}`, 'expected a number, boolean or string');
      out[name] = x;
    }
    return out;
  }

  strings(k: string): readonly string[] | undefined {
    if (!this.has(k)) return undefined;
    const v = this.o[k];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x.length > 0)) this.fail(k, 'expected a non-empty array of names');
    return v as string[];
  }

  object(k: string): Reader {
    const v = this.o[k];
    if (!isObject(v)) this.fail(k, 'expected an object');
    return new Reader(this.file, this.path ? `${this.path}.${k}` : k, v, this.exerciseDir);
  }

  /**
   * A path relative to `dir` (the declaring file's folder), made absolute; it must exist, inside `dir` or
   * inside the exercise's folder (a hidden folder's checks may use the exercise's models and specs).
   */
  path_(k: string, dir: string, opt = false): string | undefined {
    const p = this.string(k, true);
    if (p === undefined) return opt ? undefined : this.fail(k, 'missing');
    const abs = resolve(dir, p);
    if (!inside(dir, abs) && !(this.exerciseDir !== undefined && inside(this.exerciseDir, abs))) this.fail(k, `'${p}' is outside the folder ${dir}`, "paths in a check are relative to the folder of the file declaring it, and stay inside it (or inside the exercise's folder)");
    if (!existsSync(abs)) this.fail(k, `'${p}' does not exist (looked for ${abs})`);
    return abs;
  }

  /** A model: a shipped model's name (no slash, no extension) or a path to a module inside `dir`. */
  model(k: string, dir: string): string {
    const m = this.string(k);
    if (/^[A-Za-z0-9_-]+$/.test(m)) return m;
    return this.path_(k, dir)!;
  }

  /** A submission file name: relative, no `..`. */
  submissionFile(k: string): string {
    const f = this.string(k);
    if (!safeRelative(f)) this.fail(k, `'${f}' is not a path inside the submission folder`);
    return f;
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function inside(dir: string, abs: string): boolean {
  const rel = relative(dir, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** A relative path that stays in its folder (no `..` part, not absolute, no backslash or NUL). */
export function safeRelative(p: string): boolean {
  return !isAbsolute(p) && !p.includes('\\') && !p.includes('\0') && p.split('/').every((part) => part !== '..' && part !== '') && p.length <= 200;
}

const COMMON = ['name', 'title', 'points', 'visibility', 'kind'];
const NAME = /^[a-z0-9][a-z0-9-]*$/;

function modelSource(r: Reader, dir: string): ModelSource {
  if (r.has('model') === r.has('spec')) r.fail(undefined, "give exactly one of 'model' (a shipped name or a module path) and 'spec' (a .spec path)");
  return r.has('model') ? { model: r.model('model', dir) } : { spec: r.path_('spec', dir)! };
}

function readCheck(r: Reader, dir: string, visibility: Visibility | undefined): Check {
  const name = r.string('name');
  if (!NAME.test(name) || name.length > 60) r.fail('name', `'${name}' is not an identifier (lower-case letters, digits and '-')`);
  const vis: Visibility = visibility ?? r.oneOf<Visibility>('visibility', ['public', 'hidden']);
  const base = { name, title: r.string('title'), points: r.int('points'), visibility: vis, dir };
  const kind = r.oneOf('kind', ['replay-trace', 'model-check', 'spec-invariant', 'answer']);
  const fields = (more: string[]) => r.only([...COMMON.filter((k) => visibility === undefined || k !== 'visibility'), ...more]);
  switch (kind) {
    case 'replay-trace': {
      fields(['file', 'model', 'spec', 'variant', 'constants', 'property', 'maxSteps']);
      const p = r.object('property');
      p.only(['kind', 'name']);
      const pk = p.oneOf('kind', ['invariant', 'deadlock', 'temporal']);
      return { ...base, kind, file: r.submissionFile('file'), ...modelSource(r, dir), variant: r.variant(), constants: r.constants(), property: { kind: pk, name: pk === 'deadlock' ? (p.string('name', true) ?? 'deadlock') : p.string('name') }, maxSteps: r.int('maxSteps', 1000, 1) };
    }
    case 'model-check': {
      fields(['file', 'properties', 'constants', 'variant', 'expect', 'invariants', 'maxStates', 'deadlock']);
      const invariants = r.strings('invariants');
      return { ...base, kind, file: r.submissionFile('file'), properties: r.path_('properties', dir)!, constants: r.constants(), variant: r.variant(), expect: r.oneOf('expect', ['holds', 'violated']), ...(invariants ? { invariants } : {}), maxStates: r.int('maxStates', 100_000, 1), deadlock: r.bool('deadlock', false) };
    }
    case 'spec-invariant': {
      fields(['file', 'model', 'constants', 'buggy', 'correct', 'invariant', 'maxStates']);
      const dflt = r.has('model') ? r.model('model', dir) : undefined;
      const side = (k: string) => {
        const s = r.object(k);
        s.only(['model', 'variant']);
        const model = s.has('model') ? s.model('model', dir) : (dflt ?? s.fail('model', "missing (and the check has no 'model')"));
        return { model, variant: s.variant() };
      };
      const invariant = r.string('invariant', true);
      return { ...base, kind, file: r.submissionFile('file'), constants: r.constants(), buggy: side('buggy'), correct: side('correct'), ...(invariant ? { invariant } : {}), maxStates: r.int('maxStates', 100_000, 1) };
    }
    case 'answer': {
      fields(['file', 'field', 'compute']);
      return { ...base, kind, file: r.submissionFile('file'), field: r.string('field'), compute: readCompute(r.object('compute'), dir) };
    }
  }
}

function readCompute(c: Reader, dir: string): Compute {
  const kind = c.oneOf('kind', ['threshold', 'bivalent', 'equals']);
  switch (kind) {
    case 'threshold': {
      c.only(['kind', 'model', 'spec', 'param', 'from', 'to', 'constants', 'variant', 'invariants', 'maxStates']);
      const from = c.int('from');
      const to = c.int('to');
      if (to < from || to - from > 50) c.fail('to', `expected from <= to <= from + 50, got ${from}..${to}`);
      const invariants = c.strings('invariants');
      return { kind, ...modelSource(c, dir), param: c.string('param'), from, to, constants: c.constants(), variant: c.variant(), ...(invariants ? { invariants } : {}), maxStates: c.int('maxStates', 1_000_000, 1) };
    }
    case 'bivalent':
      c.only(['kind', 'model', 'spec', 'constants', 'variant', 'maxStates']);
      return { kind, ...modelSource(c, dir), constants: c.constants(), variant: c.variant(), maxStates: c.int('maxStates', 1_000_000, 1) };
    case 'equals':
      c.only(['kind', 'value']);
      if (!Object.hasOwn(c.o, 'value')) c.fail('value', 'missing');
      return { kind, value: c.o.value };
  }
}

function readJson(file: string, shown: string): unknown {
  const read = readBounded(file, MAX_MANIFEST_BYTES);
  if (!('bytes' in read)) {
    const why = read.refused === 'missing' ? 'not found' : read.refused === 'too-large' ? `larger than ${MAX_MANIFEST_BYTES} bytes` : read.refused === 'not-regular' ? `${read.kind}, not a regular file` : read.message;
    throw new ClabError(`${shown}: ${why}`);
  }
  try {
    return JSON.parse(read.bytes.toString('utf8'));
  } catch (e) {
    throw new ClabError(`${shown}: not valid JSON: ${(e as Error).message}`);
  }
}

function readChecks(r: Reader, key: string, dir: string, visibility: Visibility | undefined): Check[] {
  const v = r.o[key];
  if (!Array.isArray(v)) r.fail(key, 'expected an array of checks');
  return v.map((c, i) => {
    if (!isObject(c)) r.fail(`${key}[${i}]`, 'expected an object');
    return readCheck(new Reader(r.file, `${key}[${i}]`, c, r.exerciseDir), dir, visibility);
  });
}

/** The hidden checks of a folder (its checks.json), each hidden, paths relative to the folder. */
export function loadHiddenChecks(dir: string, exerciseDir?: string): Check[] {
  const file = join(dir, HIDDEN_CHECKS);
  const data = readJson(file, file);
  if (!isObject(data)) throw new ClabError(`${file}: expected an object with a 'checks' array`);
  const r = new Reader(file, '', data, exerciseDir);
  r.only(['checks']);
  return readChecks(r, 'checks', dir, 'hidden');
}

/**
 * Reads an exercise: its manifest, and the hidden checks of `hiddenDir` (given: `--hidden DIR`; absent: the
 * exercise's tests/hidden/ when it has a checks.json).
 */
export function loadExercise(dirArg: string, hiddenDir?: string): Exercise {
  const dir = resolve(dirArg);
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) throw new ClabError(`${dirArg} is not an exercise: it has no ${MANIFEST}`, 'an exercise is a folder with exercise.json (see docs/exercises.md)');
  const data = readJson(file, file);
  if (!isObject(data)) throw new ClabError(`${file}: expected an object`);
  const r = new Reader(file, '', data);
  r.only(['format', 'version', 'title', 'handout', 'submission', 'checks']);
  if (data.format !== EXERCISE_FORMAT) r.fail('format', `expected "${EXERCISE_FORMAT}"`);
  if (data.version !== EXERCISE_VERSION) r.fail('version', `expected ${EXERCISE_VERSION}`);
  const title = r.string('title');
  const handout = r.path_('handout', dir)!;
  const sub = data.submission;
  if (!Array.isArray(sub) || sub.length === 0 || !sub.every((f) => typeof f === 'string' && safeRelative(f))) r.fail('submission', 'expected a non-empty array of file names inside the submission folder');
  const checks = readChecks(r, 'checks', dir, undefined);
  const hidden = hiddenDir !== undefined ? resolve(hiddenDir) : join(dir, 'tests', 'hidden');
  if (hiddenDir !== undefined && !existsSync(join(hidden, HIDDEN_CHECKS))) throw new ClabError(`--hidden ${hiddenDir}: no ${HIDDEN_CHECKS} there`, 'a hidden folder holds checks.json (see docs/exercises.md)');
  if (existsSync(join(hidden, HIDDEN_CHECKS))) checks.push(...loadHiddenChecks(hidden, dir));
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.name)) throw new ClabError(`${dirArg}: two checks are named '${c.name}'`, 'every check of an exercise, hidden ones included, needs its own name');
    seen.add(c.name);
  }
  const files = new Set(sub as string[]);
  for (const c of checks) if (!files.has(c.file)) throw new ClabError(`${c.visibility === 'hidden' ? join(c.dir, HIDDEN_CHECKS) : file}: check '${c.name}' reads '${c.file}', which 'submission' does not list`);
  return { dir, title, handout, submission: sub as string[], checks };
}
