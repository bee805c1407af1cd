// A BFS level's states as one thread of the parallel fast mode finds them, readable by every thread: the
// encoded words ([length, words...] per state, as in frontier.ts) in a SharedArrayBuffer, cut into chunks
// of CHUNK states. The next level is the union of all threads' frontiers, and the threads share its work
// out chunk by chunk (an atomic counter per frontier, parallel-fast-worker.ts), so no thread idles while
// another still has a long level to expand.

import { grown, shrunkLength } from '../frontier.ts';

/** States a chunk holds (the workers claim several at once while many are left). */
export const CHUNK = 64;
/**
 * The first SMALL_LEVEL states of a frontier come in chunks of SMALL_CHUNK, so that a small level (the
 * first levels of every search) is still shared out between the threads.
 */
const SMALL_LEVEL = 256;
const SMALL_CHUNK = 4;

/** A frontier as other threads see it (its buffer is never written again while they read it). */
export interface FrontierInfo {
  readonly buffer: SharedArrayBuffer;
  readonly used: number;
  readonly count: number;
  /** Word offset where each chunk starts. */
  readonly starts: readonly number[];
}

const sharedWords = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(n * 4));

export class SharedFrontier {
  words: Uint32Array = sharedWords(1 << 12);
  used = 0;
  count = 0;
  starts: number[] = [];
  /** Words the level held before the last clear() (see Frontier.shrink). */
  private lastUsed = 0;

  /** Bytes held. */
  get bytes(): number {
    return this.words.byteLength;
  }

  /** Bytes the next push of `len` words would allocate (0 if it fits). */
  growthFor(len: number): number {
    return this.used + len + 1 > this.words.length ? this.words.length * 8 : 0;
  }

  pushWords(src: Uint32Array, from: number, len: number): void {
    if ((this.count & (this.count < SMALL_LEVEL ? SMALL_CHUNK - 1 : CHUNK - 1)) === 0) this.starts.push(this.used);
    this.count++;
    if (this.used + len + 1 > this.words.length) this.words = grown(this.words, this.used, len + 1, sharedWords);
    const w = this.words;
    let u = this.used;
    w[u++] = len;
    for (let i = 0; i < len; i++) w[u++] = src[from + i];
    this.used = u;
  }

  info(): FrontierInfo {
    return { buffer: this.words.buffer as SharedArrayBuffer, used: this.used, count: this.count, starts: this.starts };
  }

  /** Empties the frontier for the next level but one; frees most of a buffer far larger than its levels. */
  clear(): void {
    const need = Math.max(this.used, this.lastUsed);
    this.lastUsed = this.used;
    this.used = 0;
    this.count = 0;
    this.starts = [];
    const n = shrunkLength(this.words.length, need);
    if (n > 0) this.words = sharedWords(n);
  }
}
