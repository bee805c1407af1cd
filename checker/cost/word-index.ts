// Exact interning of encoded states for the cost graph: node ids by the words a state encodes to, compared
// word for word (no fingerprints: a collision would merge two states' costs). Words are kept in one growing
// array and found through an open-addressing table of node ids, which costs a fraction of keying a Map by a
// string made of the words (PBFT's literal slot, 574,602 states: 10.5 s of CPU before, see the commit).

/** Node ids by their states' words. */
export class WordIndex {
  private words = new Uint32Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1 << 12);
  private table = new Int32Array(1 << 12).fill(-1);
  private mask = (1 << 12) - 1;
  size = 0;

  /** The id of these words, adding them as id `size` when new; `added` says which. */
  intern(w: Uint32Array, len: number): { id: number; added: boolean } {
    for (let slot = hashOf(w, 0, len) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id < 0) return { id: this.add(w, len, slot), added: true };
      if (this.same(id, w, len)) return { id, added: false };
    }
  }

  private same(id: number, w: Uint32Array, len: number): boolean {
    const start = this.starts[id];
    if (this.starts[id + 1] - start !== len) return false;
    for (let i = 0; i < len; i++) if (this.words[start + i] !== w[i]) return false;
    return true;
  }

  private add(w: Uint32Array, len: number, slot: number): number {
    const id = this.size++;
    while (this.used + len > this.words.length) this.words = grow(this.words, this.used);
    this.words.set(w.subarray(0, len), this.used);
    this.used += len;
    if (id + 2 > this.starts.length) this.starts = grow(this.starts, id + 1);
    this.starts[id + 1] = this.used;
    this.table[slot] = id;
    if (this.size * 2 > this.table.length) this.rehash();
    return id;
  }

  /** A table twice as large, every id placed again by its words' hash. */
  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    this.mask = this.table.length - 1;
    for (let id = 0; id < this.size; id++) {
      const start = this.starts[id];
      const len = this.starts[id + 1] - start;
      let slot = hashOf(this.words, start, len) & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}

/** FNV-1a over words a[start .. start+len), its high bits folded in (the table uses the low ones). */
function hashOf(a: Uint32Array, start: number, len: number): number {
  let h = 0x811c9dc5 ^ len;
  for (let i = start; i < start + len; i++) h = Math.imul(h ^ a[i], 0x01000193);
  return h ^ (h >>> 15);
}

function grow<T extends Uint32Array | Int32Array>(a: T, keep: number): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a.subarray(0, keep) as never);
  return b;
}
