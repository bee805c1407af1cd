// A growable buffer of candidate-state records for the parallel search, moved between threads by
// transferring its ArrayBuffer. Record: [hi, lo, parentRank, successorIndex, parentRef, length, words...]:
// the fingerprint, the discovery key (rank of the parent in its level, index among its successors) that
// orders the records of a level exactly as the single-core search would meet them, the parent's global
// ref for the trace, and the state's encoded words.

import { Encoder } from '../encode.ts';
import { hash64 } from '../fingerprint.ts';
import { grown } from './frontier.ts';

export const RECORD_HEADER = 6;

export class Outbox {
  words: Uint32Array;
  used = 0;

  /** A new buffer of `capacity` words, or `reuse` (a spent buffer sent back) when it is large enough. */
  constructor(capacity = 1 << 12, reuse?: ArrayBuffer) {
    this.words = reuse && reuse.byteLength >= capacity * 4 ? new Uint32Array(reuse) : new Uint32Array(capacity);
  }

  /** Bytes the next record of `len` words would allocate (0 if it fits). */
  growthFor(len: number): number {
    return this.used + len + RECORD_HEADER > this.words.length ? this.words.length * 8 : 0;
  }

  push(hi: number, lo: number, parentRank: number, index: number, parentRef: number, src: Uint32Array, len: number): void {
    let u = this.used;
    if (u + len + RECORD_HEADER > this.words.length) this.words = grown(this.words, u, len + RECORD_HEADER);
    const w = this.words;
    w[u++] = hi;
    w[u++] = lo;
    w[u++] = parentRank;
    w[u++] = index;
    w[u++] = parentRef;
    w[u++] = len;
    for (let i = 0; i < len; i++) w[u++] = src[i];
    this.used = u;
  }
}

/**
 * The initial states as records, one outbox per owner (fingerprint lo % workers): key (0, index in init()),
 * `parentRef` as the record's parent reference, the concrete encoding as its words.
 */
export function initialOutboxes<S>(inits: readonly S[], keyFn: (s: S, w: Encoder) => void, encodeFn: (s: S, w: Encoder) => void, workers: number, parentRef: number): Outbox[] {
  const boxes = Array.from({ length: workers }, () => new Outbox());
  const enc = new Encoder();
  const concrete = new Encoder();
  const out = new Uint32Array(2);
  inits.forEach((s, j) => {
    enc.reset();
    keyFn(s, enc);
    hash64(enc.words, enc.length, out);
    concrete.reset();
    encodeFn(s, concrete);
    boxes[out[1] % workers].push(out[0], out[1], 0, j, parentRef, concrete.words, concrete.length);
  });
  return boxes;
}
