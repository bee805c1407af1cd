// Fast paths for the commonest comprehension shape over records: a predicate that is a conjunction of
// `x.f = k` tests, where x is the comprehension's variable and each k is a constant, another bound variable
// or its field (e.g. `size({m in sent2b : m.b = b and m.v = v})`). The keys cannot depend on x, so they are
// read once before the loop and each element is tested with plain property reads: no closure call per
// element. Reading a constant or a variable cannot fail, so reading the keys early changes no result.

/** A key: a constant, bound variable `slot`, or field `f` of bound variable `slot`. */
export type Key = { readonly k: 'const'; readonly v: unknown } | { readonly k: 'var'; readonly slot: number } | { readonly k: 'field'; readonly slot: number; readonly f: string };

/** The conjunction `x[fields[j]] === keys[j]` for every j. */
export interface KeyTests {
  readonly fields: readonly string[];
  readonly keys: readonly Key[];
}

function readKey(k: Key, vars: readonly unknown[]): unknown {
  return k.k === 'const' ? k.v : k.k === 'var' ? vars[k.slot] : (vars[k.slot] as Record<string, unknown>)[k.f];
}

type Records = readonly Record<string, unknown>[];

/** How many elements of the domain pass the tests (the domain is a set: no duplicates). */
export function keyedCount(domain: (s: unknown) => unknown, t: KeyTests, vars: readonly unknown[]): (s: unknown) => number {
  const [f0, f1] = t.fields;
  const [k0, k1] = t.keys;
  if (t.fields.length === 1) {
    return (s) => {
      const xs = domain(s) as Records;
      const w0 = readKey(k0, vars);
      let n = 0;
      for (let i = 0; i < xs.length; i++) if (xs[i][f0] === w0) n++;
      return n;
    };
  }
  if (t.fields.length === 2) {
    return (s) => {
      const xs = domain(s) as Records;
      const w0 = readKey(k0, vars);
      const w1 = readKey(k1, vars);
      let n = 0;
      for (let i = 0; i < xs.length; i++) if (xs[i][f0] === w0 && xs[i][f1] === w1) n++;
      return n;
    };
  }
  const want = new Array<unknown>(t.keys.length);
  return (s) => {
    const xs = domain(s) as Records;
    for (let j = 0; j < want.length; j++) want[j] = readKey(t.keys[j], vars);
    let n = 0;
    next: for (let i = 0; i < xs.length; i++) {
      for (let j = 0; j < want.length; j++) if (xs[i][t.fields[j]] !== want[j]) continue next;
      n++;
    }
    return n;
  };
}

/** The elements of the domain that pass the tests, in order. */
export function keyedFilter(domain: (s: unknown) => unknown, t: KeyTests, vars: readonly unknown[]): (s: unknown) => unknown[] {
  const n = t.fields.length;
  const want = new Array<unknown>(n);
  return (s) => {
    const xs = domain(s) as Records;
    for (let j = 0; j < n; j++) want[j] = readKey(t.keys[j], vars);
    const out: unknown[] = [];
    next: for (let i = 0; i < xs.length; i++) {
      for (let j = 0; j < n; j++) if (xs[i][t.fields[j]] !== want[j]) continue next;
      out.push(xs[i]);
    }
    return out;
  };
}
