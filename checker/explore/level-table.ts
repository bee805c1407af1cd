// The states one parallel-search worker (parallel-worker.ts) adds in the level being built: fingerprint ->
// entry index in the level (level-entries.ts). The main visited set stays frozen while a level is
// expanded, so other workers can read it; this small table takes the level's new fingerprints meanwhile
// and is emptied when the level is done. Open addressing, linear probing, 12 bytes a slot ([hi, lo] in one
// array, the value in another, read only on a hit that needs it), load at most three quarters (kept small
// so that it stays in cache), home slot from the low bits of hi.
/** findOrAdd's answer when the fingerprint was absent (and has been added). */
export const ADDED = -1;

export class LevelTable {
  slots: Uint32Array;
  values: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 12) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.slots = new Uint32Array(cap * 2);
    this.values = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get bytes(): number {
    return this.slots.byteLength + this.values.byteLength;
  }

  /** The value stored for the fingerprint, or ADDED after storing `value` for it. */
  findOrAdd(hi: number, lo: number, value: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.size * 4 >= this.mask * 3) this.grow();
    const t = this.slots;
    const mask = this.mask;
    let k = hi & mask;
    for (;;) {
      const j = k * 2;
      const h = t[j];
      const l = t[j + 1];
      if (h === hi && l === lo) return this.values[k];
      if (h === 0 && l === 0) {
        t[j] = hi;
        t[j + 1] = lo;
        this.values[k] = value;
        this.size++;
        return ADDED;
      }
      k = (k + 1) & mask;
    }
  }

  /** Empties the table, keeping its capacity (or shrinking it when the last level was much smaller). */
  clear(): void {
    const cap = this.mask + 1;
    if (cap > 1 << 16 && this.size * 8 < cap) {
      const smaller = 1 << Math.ceil(Math.log2(Math.max(1 << 12, this.size * 4)));
      this.slots = new Uint32Array(smaller * 2);
      this.values = new Uint32Array(smaller);
      this.mask = smaller - 1;
    } else this.slots.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const old = this.slots;
    const oldValues = this.values;
    const cap = (this.mask + 1) * 2;
    const t = new Uint32Array(cap * 2);
    const values = new Uint32Array(cap);
    const mask = cap - 1;
    for (let i = 0; i < oldValues.length; i++) {
      const hi = old[2 * i];
      const lo = old[2 * i + 1];
      if (hi === 0 && lo === 0) continue;
      let k = hi & mask;
      while (t[k * 2] !== 0 || t[k * 2 + 1] !== 0) k = (k + 1) & mask;
      t[k * 2] = hi;
      t[k * 2 + 1] = lo;
      values[k] = oldValues[i];
    }
    this.slots = t;
    this.values = values;
    this.mask = mask;
  }
}
