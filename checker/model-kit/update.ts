// Updates of immutable records and arrays with structural sharing: a copy of what changes, the rest shared
// with the original, and the original itself when nothing changes. Returning the original matters for
// speed: a step whose state is its parent object is a self-loop the search counts without encoding it, and
// a model built from these (and the kit's sets, whose `add` of a member returns the same set) gets that for
// free: `assign(s, { msgs: s.msgs.add(m) })` is `s` when m was sent already.

/** `o` with the fields of `patch` replaced: a new object if some field changes, `o` itself otherwise. */
export function assign<T extends object>(o: T, patch: Partial<T>): T {
  for (const k in patch) {
    if (o[k] !== patch[k]) return { ...o, ...patch };
  }
  return o;
}

/** `xs` with element i replaced by x: a copy if it changes, `xs` itself otherwise. */
export function setAt<T>(xs: readonly T[], i: number, x: T): readonly T[] {
  if (!(i >= 0 && i < xs.length && Math.floor(i) === i)) throw new RangeError(`setAt: index ${i} outside 0..${xs.length - 1}`);
  if (xs[i] === x) return xs;
  const out = xs.slice();
  out[i] = x;
  return out;
}

/** `xs` with element i replaced by f(xs[i]) (the same array when f returns the element itself). */
export function updateAt<T>(xs: readonly T[], i: number, f: (x: T) => T): readonly T[] {
  return setAt(xs, i, f(xs[i]));
}
