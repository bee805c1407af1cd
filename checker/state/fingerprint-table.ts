// The visited set of the exhaustive search: 64-bit fingerprints only, two Uint32Array words a slot
// [hi, lo], open addressing with linear probing. 8 bytes a slot; the load is kept between 0.5 and 0.75
// (the table grows by 1.5x), so it costs 10.7 to 16 bytes a visited state. Parent pointers for traces
// live elsewhere (search/parent-table.ts, indexed by discovery order), so no id is stored here.
// The home slot is taken from the high lane by multiply-shift (floor(hi * capacity / 2^32)), which works
// for any capacity, not only powers of two. The all-zero fingerprint marks an empty slot, so a real zero
// fingerprint is remapped to [0, 1].

export const MAX_LOAD = 0.75;
const GROWTH = 1.5;
const TWO32 = 4294967296;

/**
 * Whether fingerprint [hi, lo] (unsigned) is in the table words `t` of `end` words whose home-slot scale is
 * `scale` (capacity / 2^32).
 */
function probe(t: Uint32Array, end: number, scale: number, hi: number, lo: number): boolean {
  if (hi === 0 && lo === 0) lo = 1;
  let j = Math.floor(hi * scale) * 2;
  for (;;) {
    const h = t[j];
    const l = t[j + 1];
    if (h === hi && l === lo) return true;
    if (h === 0 && l === 0) return false;
    j += 2;
    if (j === end) j = 0;
  }
}

export class FingerprintTable {
  table: Uint32Array;
  capacity: number;
  /** Entries held. */
  size = 0;
  /** Entries allowed before the table must grow. */
  limit: number;
  private scale: number;

  /**
   * `shared`: keep the table in a SharedArrayBuffer, so other worker threads can read it (parallel search:
   * peers look fingerprints up while the owner is not writing).
   */
  constructor(
    initialCapacity = 1 << 12,
    private readonly shared = false,
  ) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.table = alloc(this.capacity * 2, shared);
    this.limit = Math.floor(this.capacity * MAX_LOAD);
    this.scale = this.capacity / TWO32;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Bytes the next growth allocates (the old table is freed only after the copy). */
  get growthBytes(): number {
    return Math.ceil(this.capacity * GROWTH) * 8;
  }

  /** Adds the fingerprint if absent; true if it was new. Grows the table itself when it is full. */
  add(hi: number, lo: number): boolean {
    if (this.size >= this.limit) this.grow();
    hi >>>= 0;
    lo >>>= 0;
    if (hi === 0 && lo === 0) lo = 1;
    const t = this.table;
    const cap = this.capacity;
    let j = Math.floor(hi * this.scale) * 2;
    const end = cap * 2;
    for (;;) {
      const h = t[j];
      const l = t[j + 1];
      if (h === hi && l === lo) return false;
      if (h === 0 && l === 0) {
        t[j] = hi;
        t[j + 1] = lo;
        this.size++;
        return true;
      }
      j += 2;
      if (j === end) j = 0;
    }
  }

  /** A read-only view of a table another thread owns (its buffer, capacity and size). */
  static view(buffer: SharedArrayBuffer, capacity: number): FingerprintTable {
    const v = new FingerprintTable(16);
    v.table = new Uint32Array(buffer);
    v.capacity = capacity;
    v.scale = capacity / TWO32;
    v.limit = Infinity;
    return v;
  }

  has(hi: number, lo: number): boolean {
    return probe(this.table, this.capacity * 2, this.scale, hi >>> 0, lo >>> 0);
  }

  grow(): void {
    const old = this.table;
    const cap = Math.ceil(this.capacity * GROWTH);
    const t = alloc(cap * 2, this.shared);
    const scale = cap / TWO32;
    const end = cap * 2;
    for (let i = 0; i < old.length; i += 2) {
      const hi = old[i];
      const lo = old[i + 1];
      if (hi === 0 && lo === 0) continue;
      let j = Math.floor(hi * scale) * 2;
      while (t[j] !== 0 || t[j + 1] !== 0) {
        j += 2;
        if (j === end) j = 0;
      }
      t[j] = hi;
      t[j + 1] = lo;
    }
    this.table = t;
    this.capacity = cap;
    this.scale = scale;
    this.limit = Math.floor(cap * MAX_LOAD);
  }
}

function alloc(words: number, shared: boolean): Uint32Array {
  return shared ? new Uint32Array(new SharedArrayBuffer(words * 4)) : new Uint32Array(words);
}
