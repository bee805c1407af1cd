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
export const SHARED_GROWTH = 1.5;
/** Smallest capacity: leaves (1 - SHARED_MAX_LOAD) * 2^14 = 4,096 slots for inserts past the limit. */
export const SHARED_MIN_CAPACITY = 1 << 14;

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
        Atomics.store(t, j + 1, lo);
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

/** Inserts the entries in slots [from, to) of table `old` into `t` (each thread of a rebuild takes a part). */
export function rehash(old: Uint32Array, from: number, to: number, t: Uint32Array, capacity: number): void {
  const end = capacity * 2;
  const scale = scaleOf(capacity);
  for (let i = from * 2; i < to * 2; i += 2) {
    const hi = old[i];
    if (hi !== 0) insertShared(t, end, scale, hi, old[i + 1]);
  }
}
