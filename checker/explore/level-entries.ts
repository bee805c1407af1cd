// The states one parallel-search worker adds in the level being built (parallel-worker.ts), one entry
// each in creation order (entry e has local id levelBase + e): its fingerprint, its discovery key
// (parent rank * KEY_SPAN + successor index; the smallest key seen so far), which source gave that key
// (0: this worker's own expansion, s >= 1: the s-th incoming batch), where its words sit in the next
// frontier, and which invariant it breaks (0: none). Each source meets keys in ascending order, so
// finish() gets the level's key order by merging, per source, the entries whose key that source gave.

/** Discovery key = parentRank * KEY_SPAN + successorIndex (exact in a double for ranks below 2^32). */
export const KEY_SPAN = 2 ** 21;

export class LevelEntries {
  count = 0;
  keys = new Float64Array(1 << 12);
  source = new Uint8Array(1 << 12);
  fps = new Uint32Array(2 << 12);
  offsets = new Uint32Array(1 << 12);
  broken = new Uint8Array(1 << 12);
  /** Per incoming source s >= 1: the entries it gave a key to, in the order it gave them. */
  private lists: Uint32Array[] = [];
  private listUsed: number[] = [];

  /** Starts a level with `sources` incoming sources besides the own expansion. */
  reset(sources: number): void {
    this.count = 0;
    while (this.lists.length < sources + 1) this.lists.push(new Uint32Array(1 << 10));
    this.listUsed = new Array(sources + 1).fill(0);
  }

  /** A new entry; returns its index. */
  add(hi: number, lo: number, key: number, source: number, offset: number, broken: number): number {
    const e = this.count;
    if (e === this.keys.length) this.grow();
    this.keys[e] = key;
    this.source[e] = source;
    this.fps[2 * e] = hi;
    this.fps[2 * e + 1] = lo;
    this.offsets[e] = offset;
    this.broken[e] = broken;
    this.count = e + 1;
    if (source > 0) this.note(source, e);
    return e;
  }

  /** Gives entry `e` the smaller key `key` from incoming source `source`. */
  lower(e: number, key: number, source: number): void {
    this.keys[e] = key;
    this.source[e] = source;
    this.note(source, e);
  }

  /**
   * The entries in ascending key order: each source's list, stale entries (whose key a later source
   * lowered) skipped, merged. Writes the sorted keys into `sortedKeys` and the entries into `order`.
   */
  finish(order: Uint32Array, sortedKeys: Float64Array): void {
    const keys = this.keys;
    const source = this.source;
    const nSources = this.listUsed.length;
    const at = new Array<number>(nSources).fill(0);
    // Source 0's list is implicit: the entries it created, in creation order (ascending keys).
    const ownEnd = this.count;
    let out = 0;
    for (;;) {
      let best = -1;
      let bestKey = Infinity;
      let bestEntry = 0;
      for (let s = 0; s < nSources; s++) {
        let p = at[s];
        let e = -1;
        if (s === 0) {
          while (p < ownEnd && source[p] !== 0) p++;
          if (p < ownEnd) e = p;
        } else {
          const list = this.lists[s];
          const used = this.listUsed[s];
          // An entry is in a source's list at most once: a source's records come in ascending key order,
          // so only its first record of a state can add or lower it.
          while (p < used && source[list[p]] !== s) p++;
          if (p < used) e = list[p];
        }
        at[s] = p;
        if (e >= 0 && keys[e] < bestKey) {
          bestKey = keys[e];
          best = s;
          bestEntry = e;
        }
      }
      if (best < 0) break;
      order[out] = bestEntry;
      sortedKeys[out++] = bestKey;
      at[best]++;
    }
  }

  private note(s: number, e: number): void {
    let list = this.lists[s];
    const u = this.listUsed[s];
    if (u === list.length) {
      const bigger = new Uint32Array(list.length * 2);
      bigger.set(list);
      this.lists[s] = list = bigger;
    }
    list[u] = e;
    this.listUsed[s] = u + 1;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const keys = new Float64Array(n);
    keys.set(this.keys);
    this.keys = keys;
    const source = new Uint8Array(n);
    source.set(this.source);
    this.source = source;
    const fps = new Uint32Array(2 * n);
    fps.set(this.fps);
    this.fps = fps;
    const offsets = new Uint32Array(n);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const broken = new Uint8Array(n);
    broken.set(this.broken);
    this.broken = broken;
  }
}
