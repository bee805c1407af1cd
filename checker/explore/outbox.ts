// A growable buffer of candidate-state records for the parallel search, moved between threads by
// transferring its ArrayBuffer. Record: [hi, lo, parentRef, successorIndex, length, words...].

export const RECORD_HEADER = 5;

export class Outbox {
  words: Uint32Array;
  used = 0;

  constructor(capacity = 1 << 12) {
    this.words = new Uint32Array(capacity);
  }

  /** Bytes the next record of `len` words would allocate (0 if it fits). */
  growthFor(len: number): number {
    return this.used + len + RECORD_HEADER > this.words.length ? this.words.length * 8 : 0;
  }

  push(hi: number, lo: number, parentRef: number, index: number, src: Uint32Array, len: number): void {
    if (this.used + len + RECORD_HEADER > this.words.length) {
      let n = this.words.length * 2;
      while (n < this.used + len + RECORD_HEADER) n *= 2;
      const bigger = new Uint32Array(n);
      bigger.set(this.words.subarray(0, this.used));
      this.words = bigger;
    }
    const w = this.words;
    let u = this.used;
    w[u++] = hi;
    w[u++] = lo;
    w[u++] = parentRef;
    w[u++] = index;
    w[u++] = len;
    for (let i = 0; i < len; i++) w[u++] = src[i];
    this.used = u;
  }
}
