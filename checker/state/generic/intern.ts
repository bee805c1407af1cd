// The tables behind the ids in the generic encoding's head words (tags.ts): object shapes (ordered key
// lists), short strings (atoms), immutable.js Record types, and one empty collection of each immutable.js
// kind for the decoder to build from. One set of tables for the whole process, filled on first sight and
// never changed after, so a value gets the same words every time it is encoded in this process, whichever
// encoder (the general one, a compiled one, a symmetry canonicaliser) writes it.

import type { Decoder } from '../decode.ts';
import type { Encoder } from '../encoder.ts';
import { PAYLOAD_LIMIT } from './tags.ts';

// ---------------------------------------------------------------------------------------------------------
// Object shapes: the ordered own enumerable string keys of a plain object.

const shapes: (readonly string[])[] = [];
/**
 * Shape ids by first key (then compared key by key: property names are interned strings, so a comparison
 * is a pointer test), since the general encoder asks for an object's shape on every plain object.
 */
const byFirstKey = new Map<string, number[]>();

/**
 * Key lists interned at most: a model whose objects have ever new keys (ids of messages as keys, say)
 * would otherwise grow the table without end. Past it, a new key list is written out with its object
 * (tags.ts, KeyedObject), and a list stays what it was first (an id, or written out) for the process.
 */
let shapeLimit = 1 << 20;

/** For tests: a smaller table. */
export function limitShapesForTests(n: number): void {
  shapeLimit = n;
}

/** The id of an ordered key list (new ids from 0 up), or -1 if it is written out (the table is full). */
export function shapeId(keys: readonly string[]): number {
  const first = keys.length > 0 ? keys[0] : '';
  let ids = byFirstKey.get(first);
  if (ids === undefined) {
    ids = [];
    byFirstKey.set(first, ids);
  }
  for (let i = 0; i < ids.length; i++) if (sameKeys(shapes[ids[i]], keys)) return ids[i];
  const id = shapes.length;
  if (id >= shapeLimit || id >= PAYLOAD_LIMIT) return -1;
  shapes.push(Object.freeze([...keys]));
  ids.push(id);
  return id;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function shapeKeys(id: number): readonly string[] {
  return shapes[id];
}

// ---------------------------------------------------------------------------------------------------------
// Atoms: strings of up to ATOM_MAX_LENGTH units get one word, while the table has room. A string is an atom
// for the rest of the process once interned, and never one if first seen after the table filled, so each
// string has one encoding; the cap keeps a model that makes endless distinct strings from growing the table.

export const ATOM_MAX_LENGTH = 64;
const ATOM_LIMIT = 1 << 16;
const atomIds = new Map<string, number>();
const atoms: string[] = [];

/** The string's atom id, or -1 if it is written out in full. */
export function atomId(s: string): number {
  const id = atomIds.get(s);
  if (id !== undefined) return id;
  if (s.length > ATOM_MAX_LENGTH || atoms.length >= ATOM_LIMIT) return -1;
  atoms.push(s);
  atomIds.set(s, atoms.length - 1);
  return atoms.length - 1;
}

export function atomString(id: number): string {
  return atoms[id];
}

// ---------------------------------------------------------------------------------------------------------
// immutable.js Record types, by their class: two Record types with the same field names stay distinct.

export interface RecordType {
  readonly make: (values: Record<string, unknown>) => unknown;
  readonly keys: readonly string[];
}

const recordIds = new Map<unknown, number>();
const recordTypes: RecordType[] = [];

/** The id of a Record value's type (its class). */
export function recordTypeId(rec: { toObject(): Record<string, unknown> }): number {
  const ctor = Object.getPrototypeOf(rec).constructor as new (values: Record<string, unknown>) => unknown;
  let id = recordIds.get(ctor);
  if (id === undefined) {
    id = recordTypes.length;
    recordTypes.push({ make: (values) => new ctor(values), keys: Object.freeze(Object.keys(rec.toObject())) });
    recordIds.set(ctor, id);
  }
  return id;
}

export function recordType(id: number): RecordType {
  return recordTypes[id];
}

// ---------------------------------------------------------------------------------------------------------
// One empty immutable.js collection per tag, taken from the first value of that kind encoded, so that the
// decoder builds collections of the model's own immutable.js (whichever copy of the package it loaded).

const empties: unknown[] = [];

export function noteEmpty(tag: number, collection: { clear(): unknown }): void {
  if (empties[tag] === undefined) empties[tag] = collection.clear();
}

export function emptyOf(tag: number): unknown {
  return empties[tag];
}

// ---------------------------------------------------------------------------------------------------------
// Codecs of classes that bring their own (model-data.ts, OWN_CODEC), by identity.

export interface OwnCodec {
  encode(value: unknown, w: Encoder): void;
  decode(r: Decoder): unknown;
}

const ownIds = new Map<OwnCodec, number>();
const owns: OwnCodec[] = [];

export function ownCodecId(codec: OwnCodec): number {
  let id = ownIds.get(codec);
  if (id === undefined) {
    id = owns.length;
    owns.push(codec);
    ownIds.set(codec, id);
  }
  return id;
}

export function ownCodec(id: number): OwnCodec {
  return owns[id];
}
