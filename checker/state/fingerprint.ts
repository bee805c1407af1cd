// 64-bit state fingerprints, computed as two independent 32-bit lanes (a MurmurHash3-style lane and an
// xxHash32-style lane) over the canonical encoding, with Math.imul only: no BigInt on the hot path.
// Collision odds are reported at the end of a run (n²/2^65 for n distinct states).

/** Hash `words[0..len)` into `out[0]` (high lane) and `out[1]` (low lane). */
export function hash64(words: Uint32Array, len: number, out: Uint32Array): void {
  let a = 0x9747b28c ^ len;
  let b = (0x165667b1 + 0x27d4eb2f + len) | 0;
  for (let i = 0; i < len; i++) {
    const w = words[i];
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    a ^= k;
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    b = (b + Math.imul(w, 0xc2b2ae3d)) | 0;
    b = Math.imul((b << 17) | (b >>> 15), 0x27d4eb2f);
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 15;
  b = Math.imul(b, 0x85ebca77);
  b ^= b >>> 13;
  b = Math.imul(b, 0x165667b1);
  b ^= b >>> 16;
  out[0] = a;
  out[1] = b;
}

/** Probability that some two of `n` distinct states share a 64-bit fingerprint (birthday bound). */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * (n - 1)) / 2 / 2 ** 64);
}
