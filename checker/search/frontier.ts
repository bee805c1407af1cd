// A BFS level's states. When the states' words can be read back (the model's decode(), or the generic
// decoder for a model without its own encoding), a state is kept as its encoded words in one growable
// Uint32Array ([length, words...] per state): a few bytes a state and nothing for the garbage collector
// to trace, which is where object frontiers spend much of their time. Otherwise (a model with an
// encode() but no decode(), or --debug-freeze) the state objects are kept in an array.

import { Decoder } from '../state/decode.ts';
import { ModelError } from '../errors.ts';

export class Frontier<S> {
  /** Encoded mode: [len, w0, ..., w(len-1)] per state. */
  words: Uint32Array;
  /** Words used. */
  used = 0;
  /** Words the level held before the last clear(). */
  private lastUsed = 0;
  /** Object mode: the states. */
  readonly objects: S[] = [];
  count = 0;
  private readonly decoder = new Decoder();

  constructor(
    /** Reads a state back from its words (the model's decode(), or the generic decoder). */
    private readonly decode: ((r: Decoder) => S) | undefined,
    readonly encoded: boolean,
  ) {
    this.words = new Uint32Array(encoded ? 1 << 12 : 0);
  }

  /** Bytes held (encoded words, or an estimate of 8 bytes a reference for objects). */
  get bytes(): number {
    return this.encoded ? this.words.byteLength : this.objects.length * 8;
  }

  /** Bytes the next push of `len` words would allocate (0 if it fits). */
  growthFor(len: number): number {
    return this.encoded && this.used + len + 1 > this.words.length ? this.words.length * 8 : 0;
  }

  push(s: S, words: Uint32Array, len: number): void {
    if (this.encoded) return this.pushWords(words, 0, len);
    this.count++;
    this.objects.push(s);
  }

  /** Encoded mode: appends the state whose words are src[from..from+len) (no subarray to allocate). */
  pushWords(src: Uint32Array, from: number, len: number): void {
    this.count++;
    if (this.used + len + 1 > this.words.length) this.words = grown(this.words, this.used, len + 1);
    const w = this.words;
    let u = this.used;
    w[u++] = len;
    for (let i = 0; i < len; i++) w[u++] = src[from + i];
    this.used = u;
  }

  /** Encoded mode: the state whose record starts at word `pos` (its length word). */
  decodeAt(pos: number): S {
    const len = this.words[pos];
    return this.decode!(this.decoder.reset(this.words, pos + 1, pos + 1 + len));
  }

  clear(): void {
    this.lastUsed = this.used;
    this.count = 0;
    this.used = 0;
    this.objects.length = 0;
  }

  /**
   * Frees most of a large buffer once the levels it holds have become much smaller than it (keeps memory
   * near the live frontier). Measured against the words the last level used (kept by clear()), so a
   * buffer of about the right size is kept from level to level instead of being regrown (each regrowth
   * copies the level and faults in fresh pages).
   */
  shrink(): void {
    const n = this.encoded ? shrunkLength(this.words.length, Math.max(this.used, this.lastUsed)) : 0;
    if (n > 0) this.words = new Uint32Array(n);
  }
}

/** The length to cut a frontier buffer of `length` words down to when its levels need only `need`, or 0 to keep it. */
export function shrunkLength(length: number, need: number): number {
  return length > 1 << 16 && need < length / 4 ? Math.max(1 << 12, need * 2) : 0;
}

/**
 * A copy of `words[0..used)` in a buffer with room for `need` more words: at least twice as long, made by
 * `alloc` (plain by default). For the growable word buffers (the frontiers), called only when full.
 */
export function grown(words: Uint32Array, used: number, need: number, alloc: (n: number) => Uint32Array = (n) => new Uint32Array(n)): Uint32Array {
  let n = words.length * 2;
  while (n < used + need) n *= 2;
  const bigger = alloc(n);
  bigger.set(words.subarray(0, used));
  return bigger;
}

/** A model's decode must give back a state that encodes to the very words it was decoded from. */
export function checkDecode(words: Uint32Array, pos: number, reencoded: Uint32Array, stateId: number): void {
  const len = words[pos];
  let same = len === reencoded.length;
  for (let i = 0; same && i < len; i++) same = words[pos + 1 + i] === reencoded[i];
  if (!same) {
    throw new ModelError(
      'the model\'s decode() does not invert its encode(): a decoded state encodes to different words',
      'decode() must read back exactly the words encode() wrote, in the same order',
      undefined,
      stateId,
    );
  }
}

