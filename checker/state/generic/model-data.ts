// What a state may hold when the model has no encode() of its own, and the error when it holds something
// else. Model data is: numbers, strings, booleans, null, undefined (and absent optional fields), bigints,
// arrays, plain objects (prototype Object.prototype or null), native Map and Set, and immutable.js
// collections (List, Stack, Map, OrderedMap, Set, OrderedSet) and Records. Anything else (a Date, a class
// instance, whose #private fields no encoder can see, a function, a symbol, a typed array, a lazy
// immutable.js Seq, a promise) is refused: encoding it by its visible fields would merge states the model
// can tell apart. The encoder throws NotModelData at the value; encodeValue turns it into a ModelError
// that names where in the state the value is (`state.nodes[2].since: a Date is not model data`).
// A plain object is its own enumerable string-keyed properties, in their order (Object.keys): symbol-keyed
// and non-enumerable properties are not part of a state.

import { StateEncodingError } from '../encoder.ts';

/**
 * A class whose instances are model data by an encoding of their own puts, under this symbol on its
 * prototype, a codec `{ encode(value, w), decode(r) }`: one object for all equal values (its identity is
 * the kind of value), whose words are canonical (equal values, equal words) and self-delimiting, and whose
 * decode() gives back an equal value. The model kit's sets and bags do (checker/model-kit/collections.ts).
 * decode() may give one object for equal values; where a native Set or a Map's keys need distinct ones,
 * the decoder copies it by its prototype and own enumerable fields (decode-value.ts, copyOf), so such a
 * class keeps its data in ordinary fields, not #private ones.
 */
export const OWN_CODEC: unique symbol = Symbol.for('consensus-lab.codec') as never;

/** The codec a value brings under OWN_CODEC, if it brings one. */
export function ownCodecOf(v: object): { encode(value: unknown, w: never): void; decode(r: never): unknown } | undefined {
  const c = (v as { [OWN_CODEC]?: unknown })[OWN_CODEC];
  return typeof c === 'object' && c !== null && typeof (c as { encode?: unknown }).encode === 'function' && typeof (c as { decode?: unknown }).decode === 'function'
    ? (c as { encode(value: unknown, w: never): void; decode(r: never): unknown })
    : undefined;
}

/** Thrown by the encoders at the offending value; never leaves encodeValue. */
export class NotModelData extends Error {
  constructor(
    readonly value: unknown,
    readonly why?: string,
  ) {
    super('not model data');
  }
}

export const IMMUTABLE = {
  record: '@@__IMMUTABLE_RECORD__@@',
  seq: '@@__IMMUTABLE_SEQ__@@',
  list: '@@__IMMUTABLE_LIST__@@',
  stack: '@@__IMMUTABLE_STACK__@@',
  map: '@@__IMMUTABLE_MAP__@@',
  set: '@@__IMMUTABLE_SET__@@',
  ordered: '@@__IMMUTABLE_ORDERED__@@',
  indexed: '@@__IMMUTABLE_INDEXED__@@',
  keyed: '@@__IMMUTABLE_KEYED__@@',
  collection: '@@__IMMUTABLE_ITERABLE__@@',
} as const;

const flag = (v: object, f: string): boolean => Boolean((v as Record<string, unknown>)[f]);

/** What the value is, in words, and what to store instead. */
function describe(v: unknown, why: string | undefined): { what: string; hint: string } {
  const hintData =
    'a state holds only model data: numbers, strings, booleans, null, undefined, bigints, arrays, plain objects, Map, Set, and immutable.js collections and Records';
  if (why) return { what: why, hint: hintData };
  if (typeof v === 'function') return { what: 'a function is not model data', hint: `${hintData}; keep functions in the model's code, not in its states` };
  if (typeof v === 'symbol') return { what: 'a symbol is not model data', hint: `${hintData}; use a string instead` };
  if (typeof v !== 'object' || v === null) return { what: `${String(v)} is not model data`, hint: hintData };
  if (v instanceof Date) return { what: 'a Date is not model data', hint: `${hintData}; store the time as a number (date.getTime()) or a logical clock` };
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
    const name = v.constructor?.name ?? 'typed array';
    return { what: `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name} is not model data`, hint: `${hintData}; use a plain array of numbers (Array.from(x)), or write an encode() for the model` };
  }
  if (flag(v, IMMUTABLE.seq)) return { what: 'an immutable.js Seq is not model data (it is lazy)', hint: `${hintData}; make it a collection first (.toList(), .toMap(), .toSet())` };
  if (flag(v, IMMUTABLE.collection)) return { what: 'this immutable.js collection is not model data', hint: hintData };
  if (typeof (v as { then?: unknown }).then === 'function') return { what: 'a promise is not model data', hint: `${hintData}; next() must build states synchronously` };
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  const name = proto?.constructor?.name;
  if (Array.isArray(v)) return { what: `an array of class ${name ?? '(anonymous)'} (a subclass of Array) is not model data`, hint: `${hintData}; use a plain array` };
  if (v instanceof Map || v instanceof Set) return { what: `an instance of ${name ?? 'a subclass'} (a subclass of ${v instanceof Map ? 'Map' : 'Set'}) is not model data`, hint: `${hintData}; use a plain ${v instanceof Map ? 'Map' : 'Set'}` };
  const known = ['WeakMap', 'WeakSet', 'RegExp', 'Error', 'WeakRef'];
  if (name && known.includes(name)) return { what: `a ${name} is not model data`, hint: hintData };
  return {
    what: name ? `an instance of class ${name} is not model data` : 'an object with a prototype other than Object.prototype is not model data',
    hint: `${hintData}; a class instance's #private fields and methods are invisible to the encoding: store its fields in a plain object ({ ...fields }) or an immutable.js Record, or write an encode() for the model`,
  };
}

/** The error for a NotModelData met while encoding `root`: where the value is, what it is, what to do. */
export function notModelDataError(root: unknown, e: NotModelData): StateEncodingError {
  const where = pathOf(root, e.value) ?? 'state';
  const { what, hint } = describe(e.value, e.why);
  return new StateEncodingError(`${where}: ${what}`, hint, 'data');
}

/**
 * The error for a state nested deeper than the encoder's recursion can go (a list kept as nested pairs,
 * 100,000 deep): it was reported as the model throwing 'Maximum call stack size exceeded'.
 */
export function tooDeepError(): StateEncodingError {
  return new StateEncodingError('state: nested too deeply to encode (the stack ran out)', 'a state is a tree of bounded depth: keep a long list as an array, not as nested pairs', 'data');
}

/** The error for a state that contains itself (the encoder would recurse without end), or undefined. */
export function cycleError(root: unknown): StateEncodingError | undefined {
  const where = cycleAt(root);
  return where === undefined ? undefined : new StateEncodingError(`${where}: the state contains itself (a cycle through this value)`, 'a state is a tree of values: store an id or an index instead of a reference back up the state', 'data');
}

// ---------------------------------------------------------------------------------------------------------
// Paths inside a state, for the messages: state.nodes[2].since, state.votes.get("a1"), state.msgs{#3}.

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function keyPart(k: string): string {
  return identifier.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

function shortKey(k: unknown): string {
  if (typeof k === 'string') return JSON.stringify(k.length > 30 ? k.slice(0, 30) + '…' : k);
  if (typeof k === 'number' || typeof k === 'boolean' || k === null || k === undefined) return String(k);
  if (typeof k === 'bigint') return `${k}n`;
  return '…';
}

/** The children of a container as [path part, value], in the order the encoder visits them. */
function children(v: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) v.forEach((x, i) => out.push([`[${i}]`, x]));
  else if (proto === Object.prototype || proto === null) for (const k of Object.keys(v)) out.push([keyPart(k), (v as Record<string, unknown>)[k]]);
  else if (v instanceof Map) {
    let i = 0;
    for (const [k, x] of v) {
      out.push([`{key #${i}}`, k], [`.get(${shortKey(k)})`, x]);
      i++;
    }
  } else if (v instanceof Set) {
    let i = 0;
    for (const x of v) out.push([`{#${i++}}`, x]);
  } else if (flag(v, IMMUTABLE.record)) {
    const o = (v as { toObject(): Record<string, unknown> }).toObject();
    for (const k of Object.keys(o)) out.push([keyPart(k), o[k]]);
  } else if (flag(v, IMMUTABLE.collection) && !flag(v, IMMUTABLE.seq)) {
    const c = v as { forEach(f: (x: unknown, k: unknown) => void): void };
    let i = 0;
    if (flag(v, IMMUTABLE.map)) {
      c.forEach((x, k) => {
        out.push([`{key #${i++}}`, k], [`.get(${shortKey(k)})`, x]);
      });
    } else if (flag(v, IMMUTABLE.set)) c.forEach((x) => void out.push([`{#${i++}}`, x]));
    else c.forEach((x) => void out.push([`.get(${i++})`, x]));
  }
  return out;
}

/** The path from the root to the first occurrence of `target` (by identity), depth first. */
function pathOf(root: unknown, target: unknown): string | undefined {
  return firstPath(root, (v) => v === target || (typeof v === 'number' && Number.isNaN(v) && Number.isNaN(target)));
}

/** The path to the first value met again inside itself, or undefined. */
function cycleAt(root: unknown): string | undefined {
  return firstPath(root, (v, onPath) => typeof v === 'object' && v !== null && onPath.has(v));
}

/** The path to the first value, depth first, that `hit` picks (given the objects on the way to it). */
function firstPath(root: unknown, hit: (v: unknown, onPath: ReadonlySet<object>) => boolean): string | undefined {
  const onPath = new Set<object>();
  const walk = (v: unknown, path: string): string | undefined => {
    if (hit(v, onPath)) return path;
    if (typeof v !== 'object' || v === null || onPath.has(v)) return undefined;
    onPath.add(v);
    for (const [part, x] of children(v)) {
      const found = walk(x, path + part);
      if (found) return found;
    }
    onPath.delete(v);
    return undefined;
  };
  return walk(root, 'state');
}
