// A fingerprint → id map: 64-bit fingerprints in one open-addressing table (linear probing) of interleaved
// Uint32Array words [hi, lo, id], ids dense (0, 1, 2, ... in discovery order). The liveness checker needs
// it to number the states of the graph it stores; the breadth-first search, which only needs membership,
// uses the leaner FingerprintTable (fingerprint-table.ts). About 12 bytes a slot, load ≤ 0.75.
// The all-zero fingerprint marks an empty slot, so a real zero fingerprint is remapped to [0, 1].

const MAX_LOAD = 0.75;

export class FingerprintSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1 << 4;
    while (cap < initialCapacity) cap *= 2;
    this.table = new Uint32Array(cap * 3);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /**
   * The word index of fingerprint [hi, lo]'s slot: where it is, or the empty slot where it would go
   * (`hi` and `lo` as given: the zero fingerprint already remapped).
   */
  private slotOf(hi: number, lo: number): number {
    const t = this.table;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const j = slot * 3;
      const h = t[j];
      const l = t[j + 1];
      if ((h === 0 && l === 0) || (h === hi >>> 0 && l === lo >>> 0)) return j;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Insert a fingerprint with the next id if absent. Returns the new id, or `-1 - existingId` if present.
   */
  add(hi: number, lo: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.count + 1 > (this.mask + 1) * MAX_LOAD) this.grow();
    const t = this.table;
    const j = this.slotOf(hi, lo);
    if (t[j] !== 0 || t[j + 1] !== 0) return -1 - t[j + 2];
    t[j] = hi;
    t[j + 1] = lo;
    t[j + 2] = this.count;
    return this.count++;
  }

  /** The id of a fingerprint, or -1. */
  get(hi: number, lo: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    const j = this.slotOf(hi, lo);
    return this.table[j] === 0 && this.table[j + 1] === 0 ? -1 : this.table[j + 2];
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const t = new Uint32Array(cap * 3);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 3) {
      const hi = old[j];
      const lo = old[j + 1];
      if (hi === 0 && lo === 0) continue;
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (t[slot * 3] !== 0 || t[slot * 3 + 1] !== 0) slot = (slot + 1) & mask;
      t[slot * 3] = hi;
      t[slot * 3 + 1] = lo;
      t[slot * 3 + 2] = old[j + 2];
    }
    this.table = t;
    this.mask = mask;
  }
}
