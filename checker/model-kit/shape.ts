// Shapes: what a value of a model's state is, declared once, from which the kit derives the canonical
// encoding (equal values write equal words, different values different words), its inverse, a readable
// picture for traces and the renaming of process ids (symmetry). A model built from these shapes gets a
// fast, correct encode/decode without writing one.
//
// Values stay plain readonly data (numbers, strings, plain objects, arrays, and the kit's immutable sets and
// bags); the shape is a separate description, so reading a field of a state costs what reading a literal
// costs. Nothing is frozen: reading a frozen object is many times slower on Node 20, so immutability is by
// convention (readonly types), as in the rest of the model API.
//
// A finite shape (bounded ints, booleans, enums, ids of a sort, records and unions of those) also numbers
// its values 0..card-1 (`ord` / `val`): that is how sets and bags of messages keep a canonical order and
// encode a member as one word.

import type { Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';

/**
 * How to rename process ids: for each sort name, perm[i] is the new id of member i. Sorts not listed keep
 * their ids.
 */
export type Renaming = Readonly<Record<string, readonly number[]>>;

export interface Shape<T> {
  /** What the shape is, in words, for error messages: `int 0..4`, `acceptor`, `set of message`. */
  readonly describe: string;
  /** Sort names whose ids occur in values of this shape (renaming touches only these). */
  readonly sorts: readonly string[];
  /** Writes the value's canonical words. Throws a ShapeError naming what is wrong with a value it does not describe. */
  encode(x: T, w: Encoder): void;
  /** Reads back what `encode` wrote. */
  decode(r: Decoder): T;
  /** A readable, JSON-serialisable picture (ids by name, messages as `{type, ...}`). */
  show(x: T): unknown;
  /** The value with process ids renamed (identity for shapes whose `sorts` miss every renamed sort). */
  rename(x: T, ren: Renaming): T;
}

/** A shape with finitely many values, numbered 0..card-1 in a canonical order. */
export interface FiniteShape<T> extends Shape<T> {
  readonly card: number;
  /** The value's number, 0..card-1; throws a ShapeError for a value outside the shape. */
  ord(x: T): number;
  /** The value numbered i (the same object every time for object values: they are shared, never copied). */
  val(i: number): T;
  /**
   * Set when the values are exactly the integers min..max, encoded as one `int` word and numbered x - min:
   * records and messages then check and write such fields inline (model-kit/generate.ts).
   */
  readonly intRange?: { readonly min: number; readonly max: number };
}

/** A value that does not fit its shape; `path` says where in the state (`.acc[1].maxBal`). */
export class ShapeError extends Error {
  readonly path: string[] = [];
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'ShapeError';
  }
  /** Adds the enclosing step of the path (called while the error travels up through records and lists). */
  within(step: string): this {
    this.path.unshift(step);
    this.message = `state${this.path.join('')}: ${this.problem}`;
    return this;
  }
}

/** Re-throws `e` with one more step of path when it is a ShapeError. */
export function rethrowWithin(e: unknown, step: string): never {
  if (e instanceof ShapeError) throw e.within(step);
  throw e;
}

export function describeValue(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === undefined) return 'undefined';
  if (typeof x === 'object' && x !== null) {
    try {
      const j = JSON.stringify(x);
      return j.length > 60 ? `${j.slice(0, 57)}...` : j;
    } catch {
      return 'an object';
    }
  }
  return String(x);
}

/** `a record`, `an int 0..4`: the shape's description with its article, for messages. */
export const article = (describe: string): string => (/^[aeiou]/i.test(describe) ? `an ${describe}` : `a ${describe}`);

export const noSorts: readonly string[] = [];

/** The union of several lists of sort names, without repeats. */
export function sortsOf(parts: readonly Shape<unknown>[]): readonly string[] {
  const all = new Set<string>();
  for (const p of parts) for (const s of p.sorts) all.add(s);
  return [...all];
}

/** Whether renaming `ren` can change a value of `shape` (it renames a sort the shape mentions). */
export function touches(shape: Shape<unknown>, ren: Renaming): boolean {
  for (const s of shape.sorts) if (ren[s] !== undefined) return true;
  return false;
}
