// Symmetry reduction. A model may declare sorts whose members are interchangeable (acceptors, values,
// ...) and a function renaming them in a state (Instance.symmetry). The canonical representative of a
// state's orbit is the renaming with the smallest encoding among a set of candidate renamings that depends
// only on the orbit, so two states get the same key exactly when some renaming maps one onto the other:
// true orbits, independent of exploration order.
//   Without signatures the candidates are the whole group (every combination of permutations of every
// declared sort): |group| apply-and-encode calls a state (3! x 3! = 36 for Voting, 4! x 3! = 144 with four
// acceptors and three values).
//   With `signatures` (a number per member that names no member, so renaming the state moves it with its
// member), the candidates are the renamings that put each sort's members in ascending signature order:
// one renaming when the signatures differ, every order of the tied members otherwise. The candidate set
// of a renamed state is the same set of states (the renamings compose), so the minimum is the same: the
// orbits are exactly those of the whole group, at a fraction of the cost. checker/search/symmetry-check.ts
// checks, on the search's sample, that apply is a renaming and the signatures follow their members.

import { ClabError } from '../errors.ts';
import { Encoder, encodeValue } from './encode.ts';
import { hash64 } from './fingerprint.ts';
import type { Instance } from '../model.ts';

/** All permutations of 0..n-1, identity first. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) for (let i = n - 1; i >= 0; i--) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  out.sort((a, b) => (a.every((x, i) => x === i) ? -1 : b.every((x, i) => x === i) ? 1 : 0));
  return out;
}

/** The sizes of the sorts a model's symmetry permutes (throws a ClabError when it declares none). */
export function symmetrySizes<S>(inst: Instance<S>): number[] {
  const sym = inst.symmetry;
  if (!sym) throw new ClabError('this model declares no symmetry', 'symmetry reduction needs the model to declare `symmetry: { sorts, apply }` (see checker/model.ts)');
  return sym.sorts.map((name) => {
    const members = inst.sorts?.[name];
    if (!members) throw new ClabError(`the model's symmetry names sort '${name}', which it does not declare in sorts`);
    return members.length;
  });
}

/**
 * symmetry.signatures(s, k) gave no array of one number per member of sort k: the canonical form cannot
 * order the members (it read past the end, or threw a TypeError blamed on the model). The search words
 * it as the model's error (loop-setup.ts).
 */
export class SignaturesError extends Error {
  constructor(
    readonly sort: number,
    readonly got: string,
    readonly size: number,
  ) {
    super(`symmetry.signatures(s, ${sort}) gave ${got} for the ${size} members of sort number ${sort}`);
    this.name = 'SignaturesError';
  }
}

/** Writes the smallest encoding of any renaming of `s` (see the file's header). */
export function canonicalizer<S>(inst: Instance<S>): (s: S, w: Encoder) => void {
  const sizes = symmetrySizes(inst);
  const sym = inst.symmetry!;
  const encodeFn = inst.encode ? inst.encode.bind(inst) : (s: S, w: Encoder) => encodeValue(s, w);
  const best = new Encoder();
  const trial = new Encoder();
  /** Keeps the smaller of `best` and the encoding of `t` in `best`; `first`: nothing kept yet. */
  const consider = (t: S, first: boolean) => {
    if (first) {
      best.reset();
      encodeFn(t, best);
      return;
    }
    trial.reset();
    encodeFn(t, trial);
    if (lessThan(trial, best)) copy(trial, best);
  };
  const emit = (w: Encoder) => {
    for (let i = 0; i < best.length; i++) w.u32(best.words[i]);
  };
  if (typeof sym.signatures !== 'function') {
    let group: number[][][] = [[]];
    for (const n of sizes) {
      const ps = permutations(n);
      group = group.flatMap((g) => ps.map((p) => [...g, p]));
    }
    return cached(encodeFn, (s, w, own) => {
      copy(own, best);
      for (let g = 1; g < group.length; g++) consider(sym.apply(s, group[g]), false);
      emit(w);
    });
  }
  const signatures = sym.signatures.bind(sym);
  const K = sizes.length;
  const perms: number[][] = sizes.map((n) => new Array<number>(n));
  const orders: number[][] = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const permsOf: number[][][] = [];
  const permsOfSize = (n: number) => (permsOf[n] ??= permutations(n));
  // Tied runs of members: [sort, start position, length] per run of two or more.
  const ties: number[] = [];
  const counters: number[] = [];
  const swap: number[][] = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  /**
   * Drops the tied runs whose members are interchangeable in `s` itself: when swapping the run's first two
   * members and rotating the run (a generating pair of its permutations) both leave s's words unchanged,
   * every permutation of the run fixes s, so every arrangement of the run gives the same state and one is
   * enough. Members that nothing tells apart (the acceptors of an initial state, values nobody voted for)
   * then cost two renamings instead of n! of them.
   */
  const dropFixedRuns = (s: S, own: Encoder) => {
    let kept = 0;
    for (let r = 0; r < ties.length; r += 3) {
      const k = ties[r];
      const start = ties[r + 1];
      const len = ties[r + 2];
      const order = orders[k];
      const p = swap[k];
      let fixed = true;
      for (let g = 0; fixed && g < (len > 2 ? 2 : 1); g++) {
        // g = 0: the transposition of the run's first two members; g = 1: the run's rotation.
        if (g === 0) {
          p[order[start]] = order[start + 1];
          p[order[start + 1]] = order[start];
        } else for (let i = 0; i < len; i++) p[order[start + i]] = order[start + ((i + 1) % len)];
        trial.reset();
        encodeFn(sym.apply(s, swapPerms[k]), trial);
        for (let i = 0; i < len; i++) p[order[start + i]] = order[start + i];
        fixed = sameWords(trial, own);
      }
      if (!fixed) {
        ties[kept++] = k;
        ties[kept++] = start;
        ties[kept++] = len;
      }
    }
    ties.length = kept;
  };
  /** Per sort k: the permutations with sort k's swap (filled in place) and the identity for the others. */
  const identities = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const swapPerms = sizes.map((_, k) => identities.map((id, j) => (j === k ? swap[k] : id)));
  return cached(encodeFn, (s, w, own) => {
    ties.length = 0;
    let identity = true;
    for (let k = 0; k < K; k++) {
      const sig = signatures(s, k);
      const order = orders[k];
      const n = order.length;
      if (sig === null || typeof sig !== 'object' || sig.length !== n) throw new SignaturesError(k, sig === null || typeof sig !== 'object' ? String(sig) : `${sig.length} numbers`, n);
      // Insertion sort by signature (sorts are small), stable.
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = 1; i < n; i++) {
        const m = order[i];
        const x = sig[m];
        let j = i - 1;
        while (j >= 0 && sig[order[j]] > x) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = m;
      }
      const perm = perms[k];
      for (let j = 0; j < n; j++) {
        perm[order[j]] = j;
        if (order[j] !== j) identity = false;
      }
      for (let j = 0; j < n; ) {
        let e = j + 1;
        while (e < n && sig[order[e]] === sig[order[j]]) e++;
        if (e - j > 1) ties.push(k, j, e - j);
        j = e;
      }
    }
    if (ties.length > 0) dropFixedRuns(s, own);
    if (ties.length === 0) {
      if (identity) copy(own, best);
      else consider(sym.apply(s, perms), true);
      return emit(w);
    }
    // Every arrangement of the tied runs left: a mixed-radix counter over the runs' permutations.
    const runs = ties.length / 3;
    counters.length = runs;
    counters.fill(0);
    let first = true;
    for (;;) {
      for (let r = 0; r < runs; r++) {
        const k = ties[3 * r];
        const start = ties[3 * r + 1];
        const p = permsOfSize(ties[3 * r + 2])[counters[r]];
        for (let i = 0; i < p.length; i++) perms[k][orders[k][start + i]] = start + p[i];
      }
      if (!isIdentity(perms)) consider(sym.apply(s, perms), first);
      else if (first) copy(own, best);
      else if (lessThan(own, best)) copy(own, best);
      first = false;
      let r = 0;
      while (r < runs && ++counters[r] === permsOfSize(ties[3 * r + 2]).length) counters[r++] = 0;
      if (r === runs) break;
    }
    emit(w);
  });
}

/** Entries of the canonical-form cache, and the words an entry holds (a state and its canonical form). */
const CACHE_BITS = 12;
const SLOT = 64;

/**
 * `canonical` behind a small direct-mapped cache from a state's own words to its canonical words (which
 * it is given, encoded once for both): most
 * successors are states met a moment ago (siblings and cousins of one level), and their canonical form
 * costs renamings that their own words do not. An entry is used only when its words equal the state's,
 * so the cache never changes an answer; a state whose words do not fit a slot is not cached.
 */
function cached<S>(encodeFn: (s: S, w: Encoder) => void, canonical: (s: S, w: Encoder, own: Encoder) => void): (s: S, w: Encoder) => void {
  const slots = new Uint32Array((1 << CACHE_BITS) * SLOT);
  const own = new Encoder();
  const result = new Encoder();
  const h = new Uint32Array(2);
  return (s, w) => {
    own.reset();
    encodeFn(s, own);
    const n = own.length;
    hash64(own.words, n, h);
    const base = (h[0] >>> (32 - CACHE_BITS)) * SLOT;
    if (slots[base] === n + 1) {
      let i = 0;
      while (i < n && slots[base + 2 + i] === own.words[i]) i++;
      if (i === n) {
        const m = slots[base + 1];
        for (let j = 0; j < m; j++) w.u32(slots[base + 2 + n + j]);
        return;
      }
    }
    result.reset();
    canonical(s, result, own);
    const m = result.length;
    for (let j = 0; j < m; j++) w.u32(result.words[j]);
    if (n + m + 2 > SLOT) return;
    slots[base] = n + 1;
    slots[base + 1] = m;
    for (let i = 0; i < n; i++) slots[base + 2 + i] = own.words[i];
    for (let j = 0; j < m; j++) slots[base + 2 + n + j] = result.words[j];
  };
}

function copy(from: Encoder, to: Encoder): void {
  to.reset();
  for (let i = 0; i < from.length; i++) to.u32(from.words[i]);
}

function isIdentity(perms: readonly (readonly number[])[]): boolean {
  for (const p of perms) for (let i = 0; i < p.length; i++) if (p[i] !== i) return false;
  return true;
}

function sameWords(a: Encoder, b: Encoder): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.words[i] !== b.words[i]) return false;
  return true;
}

function lessThan(a: Encoder, b: Encoder): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.words[i] !== b.words[i]) return a.words[i] < b.words[i];
  return a.length < b.length;
}
