// Reading back the packed words an `encode` wrote, so the search can keep its frontier as words in one
// typed array (no live objects for the garbage collector to trace) and rebuild a state only when it is
// expanded. A model that supplies `decode` must read exactly what its `encode` wrote, in the same order.

export class Decoder {
  words: Uint32Array = new Uint32Array(0);
  pos = 0;
  end = 0;

  /** Point the decoder at words[start..end). */
  reset(words: Uint32Array, start: number, end: number): this {
    this.words = words;
    this.pos = start;
    this.end = end;
    return this;
  }

  /** The next word as an unsigned 32-bit number. */
  u32(): number {
    return this.words[this.pos++];
  }

  /** The next word as a signed 32-bit int (what `Encoder.int` wrote). */
  int(): number {
    return this.words[this.pos++] | 0;
  }

  bool(): boolean {
    return this.words[this.pos++] !== 0;
  }

  /** A length-prefixed list of small ints (what `Encoder.ints` wrote). */
  ints(): number[] {
    const n = this.words[this.pos++];
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.words[this.pos++] | 0;
    return out;
  }

  /** Words left to read. */
  get remaining(): number {
    return this.end - this.pos;
  }
}
