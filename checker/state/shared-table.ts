// The visited set shared by all threads of the parallel search's fast mode: one open-addressing table of
// 64-bit fingerprints in a SharedArrayBuffer, two Uint32Array words a slot [hi, lo], linear probing, home
// slot by multiply-shift on hi (as in fingerprint-table.ts). Any thread may insert at any time: a slot is
// claimed by compare-and-swap of its hi word from 0, then its lo word is published; a reader that finds
// the hi word it is looking for with lo still 0 waits the few instructions until lo appears. So an empty
// slot is hi = 0 and a published one has lo != 0: fingerprints with a zero lane are remapped (key()),
// which merges them with one other fingerprint each, a change in collision odds of about 2^-32 relative.
// The table does not grow by itself: threads stop inserting at `limit` (parallel-fast.ts pauses the
// search), and the table is rebuilt bigger by all threads at once (rehash()).

const TWO32 = 4294967296;
/** Stored in place of a zero lane (any fixed nonzero word). */
const ZERO_LANE = 0x9e3779b9;

export const SHARED_MAX_LOAD = 0.75;
const SHARED_GROWTH = 1.5;
/** Smallest capacity: leaves (1 - SHARED_MAX_LOAD) * 2^14 = 4,096 slots for inserts past the limit. */
export const SHARED_MIN_CAPACITY = 1 << 14;

/** The capacity a full table of `capacity` slots is rebuilt with. */
export function grownCapacity(capacity: number): number {
  return Math.ceil(capacity * SHARED_GROWTH);
}

/** The stored word for a fingerprint lane (never 0). */
export function key(lane: number): number {
  return lane === 0 ? ZERO_LANE : lane >>> 0;
}

/** Adds [hi, lo] (already passed through key()) to table `t` of `end` words; true if it was absent. */
export function insertShared(t: Uint32Array, end: number, scale: number, hi: number, lo: number): boolean {
  let j = Math.floor(hi * scale) * 2;
  for (;;) {
    let h = t[j];
    if (h === 0) {
      h = Atomics.compareExchange(t, j, 0, hi);
      if (h === 0) {
        // A plain store: readers wait for it with Atomics.load, and an atomic store would cost a full
        // fence on every new state.
        t[j + 1] = lo;
        return true;
      }
    }
    if (h === hi) {
      let l = t[j + 1];
      while (l === 0) l = Atomics.load(t, j + 1);
      if (l === lo) return false;
    }
    j += 2;
    if (j === end) j = 0;
  }
}

/** Whether [hi, lo] (through key()) is in the table; only while no thread inserts. */
export function hasShared(t: Uint32Array, end: number, scale: number, hi: number, lo: number): boolean {
  let j = Math.floor(hi * scale) * 2;
  for (;;) {
    const h = t[j];
    if (h === 0) return false;
    if (h === hi && t[j + 1] === lo) return true;
    j += 2;
    if (j === end) j = 0;
  }
}

/** Home-slot scale of a table of `capacity` slots. */
export function scaleOf(capacity: number): number {
  return capacity / TWO32;
}

/**
 * Part `part` of `parts` of rebuilding table `old` (capacity `oldCapacity`) into the empty table `t`
 * (capacity `capacity`), with plain stores. Part k owns the fingerprints whose hi word lies in the k-th
 * of `parts` equal ranges; since home slots grow with hi in both tables, it reads a contiguous run of the
 * old table (plus the entries that spilled past it, up to the next empty slot) and writes a contiguous
 * region of the new one. An entry whose probe would leave the region is not written (another part may be
 * writing there) but returned, for whoever runs the parts to add once they are all done (rehashRest).
 */
export function rehashPart(old: Uint32Array, oldCapacity: number, t: Uint32Array, capacity: number, part: number, parts: number): number[] {
  const loHi = Math.ceil((part * TWO32) / parts);
  const hiHi = Math.ceil(((part + 1) * TWO32) / parts);
  const last = part + 1 === parts;
  const oldEnd = oldCapacity * 2;
  const oldScale = scaleOf(oldCapacity);
  const scale = scaleOf(capacity);
  const regionEnd = last ? capacity * 2 : Math.floor(hiHi * scale) * 2;
  // This part's entries have home slots in [first, stop) of the old table and may sit past stop (wrapping
  // round the end), up to the next empty slot.
  const first = Math.floor(loHi * oldScale) * 2;
  const stop = last ? oldEnd : Math.floor(hiHi * oldScale) * 2;
  const spilled: number[] = [];
  for (let p = first; p - first < oldEnd; p += 2) {
    const i = p >= oldEnd ? p - oldEnd : p;
    const hi = old[i];
    if (hi === 0) {
      if (p >= stop) break;
      continue;
    }
    if (hi < loHi || hi >= hiHi) continue;
    let j = Math.floor(hi * scale) * 2;
    while (j < regionEnd && t[j] !== 0) j += 2;
    if (j < regionEnd) {
      t[j] = hi;
      t[j + 1] = old[i + 1];
    } else spilled.push(hi, old[i + 1]);
  }
  return spilled;
}

/** Adds the entries rehashPart left out (pairs hi, lo), once every part is done. */
export function rehashRest(t: Uint32Array, capacity: number, spilled: readonly number[]): void {
  const end = capacity * 2;
  const scale = scaleOf(capacity);
  for (let k = 0; k < spilled.length; k += 2) insertShared(t, end, scale, spilled[k], spilled[k + 1]);
}

/** The whole rebuild on one thread. */
export function rehash(old: Uint32Array, oldCapacity: number, t: Uint32Array, capacity: number): void {
  rehashRest(t, capacity, rehashPart(old, oldCapacity, t, capacity, 0, 1));
}
