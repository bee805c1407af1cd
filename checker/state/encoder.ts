// The word buffer every encoding writes into: a model's hand-written `encode(state, w)`, the model helper
// library's encodings and the generic structural encoder (generic/). Fingerprints are hashes of these
// words, so a write that silently changed its value (a negative number through u32, 2.5 through int)
// could give two different states the same words and merge them: every write is range-checked, and a
// value outside its method's range is a ModelError (exit 2) rather than a wrong "holds". One comparison a
// write: measured on the bench (see the commit that added it), within the noise of a hand-written Paxos.

import { ModelError } from '../errors.ts';

/**
 * A state that cannot be encoded: a write out of its method's range in a model's encode() ('encode'), or a
 * value that is not model data met by the generic encoder ('data'). The search adds where it happened.
 */
export class StateEncodingError extends ModelError {
  constructor(
    message: string,
    hint: string,
    readonly origin: 'encode' | 'data',
  ) {
    super(message, hint);
  }
}

/** A reusable, growable word buffer. `reset()` before each state; read `words[0..length)`. */
export class Encoder {
  words: Uint32Array;
  length = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64w = new Uint32Array(this.f64.buffer);

  constructor(initial = 256) {
    this.words = new Uint32Array(Math.max(4, initial));
  }

  reset(): this {
    this.length = 0;
    return this;
  }

  /** Makes room for `n` more words (the generic encoder then stores into `words` directly). */
  reserve(n: number): void {
    if (this.length + n <= this.words.length) return;
    let size = this.words.length * 2;
    while (size < this.length + n) size *= 2;
    const bigger = new Uint32Array(size);
    bigger.set(this.words.subarray(0, this.length));
    this.words = bigger;
  }

  /** One 32-bit word: an integer in 0..2^32-1 (a negative or fractional number is an error: use int or float). */
  u32(x: number): void {
    // The check is the one comparison a write costs; the refusal is a call, so u32 stays small enough
    // to be inlined into a model's encode().
    const y = x >>> 0;
    if (y !== x) refuseU32(x);
    if (this.length === this.words.length) this.reserve(1);
    this.words[this.length++] = y;
  }

  /** One word holding a signed 32-bit integer, -2^31..2^31-1. */
  int(x: number): void {
    const y = x | 0;
    if (y !== x) refuseInt(x);
    if (this.length === this.words.length) this.reserve(1);
    this.words[this.length++] = y;
  }

  bool(x: boolean): void {
    if (x !== true && x !== false) refuseBool(x);
    if (this.length === this.words.length) this.reserve(1);
    this.words[this.length++] = x ? 1 : 0;
  }

  /** A list of signed 32-bit integers, length-prefixed. */
  ints(xs: readonly number[]): void {
    const n = xs.length;
    this.reserve(n + 1);
    const words = this.words;
    let at = this.length;
    words[at++] = n;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      if ((x | 0) !== x) throw badWrite('ints', x, 'an integer in -2147483648..2147483647', 'every element of ints() must be a 32-bit integer; write others one by one with float()', i);
      words[at++] = x;
    }
    this.length = at;
  }

  /** A number of any kind, exactly (two words of its float64 bits; every NaN writes the same words). */
  float(x: number): void {
    if (typeof x !== 'number') throw badWrite('float', x, 'a number', 'write a bigint, a string or another value with the method for it');
    this.reserve(2);
    if (x !== x) {
      this.words[this.length++] = 0x7ff80000;
      this.words[this.length++] = 0;
      return;
    }
    this.f64[0] = x;
    this.words[this.length++] = this.f64w[0];
    this.words[this.length++] = this.f64w[1];
  }

  /** A string, length-prefixed, one word per UTF-16 code unit. */
  str(s: string): void {
    if (typeof s !== 'string') throw badWrite('str', s, 'a string', 'convert the value to a string first, or write it with the method for its type');
    const n = s.length;
    this.reserve(n + 1);
    const words = this.words;
    let at = this.length;
    words[at++] = n;
    for (let i = 0; i < n; i++) words[at++] = s.charCodeAt(i);
    this.length = at;
  }

  /** A copy of the encoded words. */
  snapshot(): Uint32Array {
    return this.words.slice(0, this.length);
  }
}

function shown(x: unknown): string {
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x);
  if (typeof x === 'bigint') return `${x}n`;
  if (x === null || x === undefined || typeof x === 'boolean') return String(x);
  return Array.isArray(x) ? 'an array' : `a ${typeof x}`;
}

function badWrite(method: string, x: unknown, range: string, hint: string, index?: number): StateEncodingError {
  const what = index === undefined ? shown(x) : `element ${index} = ${shown(x)}`;
  return new StateEncodingError(`encode() wrote ${what} with ${method}(), which takes ${range}: two different states could get the same words`, hint, 'encode');
}

function refuseU32(x: unknown): never {
  throw badWrite('u32', x, 'an integer in 0..4294967295', 'write a signed value with int(), any other number with float()');
}

function refuseInt(x: unknown): never {
  throw badWrite('int', x, 'an integer in -2147483648..2147483647', 'write a larger or fractional number with float()');
}

function refuseBool(x: unknown): never {
  throw badWrite('bool', x, 'true or false', 'write a number with u32() or int(); a truthy value through bool() would merge states');
}
