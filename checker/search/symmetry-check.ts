// Checks a model's declared symmetry on a state the search samples (the purity sample: the first 16
// expansions, then one in 997), since symmetry reduction trusts it completely: an `apply` that returns
// garbage collapsed every state into one orbit and the search said "holds". Each check is necessary for
// the reduced search to answer what the full one would:
//   - the identity renaming gives the same state (the same words);
//   - renamings compose: renaming by g, then by h, is renaming by h∘g (apply is a group action);
//   - every invariant and witness has the same value in s and in s renamed, by every renaming when the
//     group has at most 24, else by a generating set and g (else the reduction can hide a violation in a
//     representative it never looks at);
//   - next() commutes with renaming: the successors of s renamed are the successors of s, renamed;
//   - the signatures (when declared) move with their members, so the sort-based canonical form is exact;
//   - apply leaves s untouched.
// The renamings tried are pseudo-random, different on each sampled state, and fixed by the state's
// sample number, so a run is reproducible. A breach is a ModelError naming what failed.

import { describeValue, modelError } from '../load/model-origin.ts';
import { Encoder, encodeValue } from '../state/encode.ts';
import { brief, firstDifference } from '../state/same-data.ts';
import { formatAction } from '../trace/values.ts';
import type { Instance, Step } from '../model.ts';
import type { Predicate } from './types.ts';

type Perms = readonly (readonly number[])[];

/** Checks inst.symmetry on `s` (whose successors `succ` the search computed); throws a ModelError. */
export function checkSymmetry<S>(inst: Instance<S>, s: S, succ: readonly Step<S>[], predicates: readonly Predicate<S>[], stateId: number, sampleNo: number): void {
  const sym = inst.symmetry;
  if (!sym) return; // a canonical form given without a declared symmetry (tests): nothing to check
  const sortNames = sym.sorts;
  const sizes = sortNames.map((name) => inst.sorts?.[name]?.length ?? 0);
  const id = stateId >= 0 ? stateId : undefined;
  const fail = (key: string, what: string, hint?: string) => modelError(inst, key, what, hint, id);
  const words = (t: S, what: string): string => {
    const w = new Encoder(64);
    try {
      if (inst.encode) inst.encode(t, w);
      else encodeValue(t, w);
    } catch (e) {
      throw fail('apply', `symmetry.apply returned a state that cannot be encoded (${what}): ${(e as Error)?.message ?? String(e)}`);
    }
    return Array.from(w.words.subarray(0, w.length)).join(',');
  };
  const apply = (t: S, perms: Perms, what: string): S => {
    const r = sym.apply(t, perms);
    if (r === undefined || r === null) throw fail('apply', `symmetry.apply returned ${String(r)} (${what})`, 'apply(s, perms) must return the renamed state');
    return r;
  };
  const shown = (perms: Perms) => perms.map((p, k) => `${sortNames[k]} ${p.map((to, i) => `${names(k)[i]}→${names(k)[to]}`).join(' ')}`).join(', ');
  const names = (k: number) => inst.sorts?.[sortNames[k]] ?? [];

  // The model's own code run on a renamed state: an exception there means apply built no valid state.
  const onRenamed = <T>(f: () => T, what: string, r: Perms): T => {
    try {
      return f();
    } catch (e) {
      throw fail('apply', `${what} threw an error on the state renamed by (${shown(r)}): ${(e as Error)?.message ?? String(e)}`, 'apply(s, perms) must return a state of the model, with every member renamed');
    }
  };
  const before = words(s, 's');
  const identity = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const same = apply(s, identity, 'the identity');
  if (words(same, 'the identity') !== before) {
    const d = firstDifference(same, s);
    throw fail('apply', `symmetry.apply with identity permutations changed the state: ${d ? `apply(s, identity)${d.path}: ${brief(d.left)}, s${d.path}: ${brief(d.right)}` : 'it encodes differently'}`, 'apply(s, perms) must rename member i of sort k to perms[k][i] and change nothing else');
  }
  const rng = lcg(sampleNo * 2654435761 + 12345);
  // g moves some member of every sort that has two (an identity g would test nothing).
  const g = sizes.map((n) => shuffle(n, rng)).map((p) => (p.length > 1 && p.every((x, i) => x === i) ? [p[1], p[0], ...p.slice(2)] : p));
  const h = sizes.map((n) => shuffle(n, rng));
  const hg = g.map((p, k) => p.map((x) => h[k][x]));
  const sg = apply(s, g, shown(g));
  const sgh = apply(sg, h, `${shown(g)}, then ${shown(h)}`);
  if (words(sgh, 'two renamings') !== words(apply(s, hg, shown(hg)), shown(hg))) {
    throw fail(
      'apply',
      `symmetry.apply is not a renaming: renaming by (${shown(g)}) and then by (${shown(h)}) differs from renaming once by (${shown(hg)})`,
      'apply(s, perms) must give member i of sort k the new id perms[k][i], in every part of the state',
    );
  }
  // Every renaming when the group is small (up to 24), else a generating set and g: an invariant is
  // checked against each, so one that names a member is found on the first state where it matters.
  const groupSize = sizes.reduce((a, n) => a * factorial(n), 1);
  const renamings: Perms[] = groupSize <= 24 ? wholeGroup(sizes) : [g, ...generators(sizes)];
  for (const r of renamings) {
    const sr = r === g ? sg : apply(s, r, shown(r));
    for (const p of predicates) {
      const a = p.holds(s);
      if (onRenamed(() => p.holds(sr), `'${p.name}'`, r) !== a) {
        throw fail(
          'apply',
          `'${p.name}' is not symmetric: it ${a ? 'holds' : 'is false'} in a state and ${a ? 'is false' : 'holds'} in the same state renamed by (${shown(r)})`,
          'under symmetry reduction every invariant and witness must be true or false alike for renamed states (it may not name a member); check it without --symmetry',
        );
      }
    }
  }
  if (sizes.some((n) => n > 1)) {
    const renamedSuccessors = new Map<string, number>();
    for (const st of succ) {
      const k = words(apply(st.state, g, shown(g)), shown(g));
      renamedSuccessors.set(k, (renamedSuccessors.get(k) ?? 0) + 1);
    }
    const theirs = onRenamed(() => inst.next(sg), 'next()', g);
    const extra = theirs.find((st) => {
      const k = words(st.state, 'a successor');
      const n = renamedSuccessors.get(k) ?? 0;
      renamedSuccessors.set(k, n - 1);
      return n <= 0;
    });
    if (extra || theirs.length !== succ.length) {
      throw fail(
        'apply',
        `next() does not commute with symmetry.apply: ${extra ? `the state renamed by (${shown(g)}) has the successor '${label(extra.action)}', which is no renamed successor of the state` : `the state has ${succ.length} successors, renamed by (${shown(g)}) ${theirs.length}`}`,
        'apply must rename every part of the state that names a member (messages included), and next() must treat the members of a symmetric sort alike',
      );
    }
  }
  if (typeof sym.signatures === 'function') {
    for (let k = 0; k < sizes.length; k++) {
      // Copies: a model may hand back one scratch array, refilled by its next call.
      const mine = Array.from(sym.signatures(s, k) ?? []);
      const theirs = Array.from(sym.signatures(sg, k) ?? []);
      if (mine.length !== sizes[k] || theirs.length !== sizes[k]) throw fail('signatures', signaturesMessage(k, `${mine.length} numbers`, sizes[k], sortNames[k]), SIGNATURES_HINT);
      // NaN is neither less than nor equal to anything: members ordered by it land in an order that
      // depends on the state's names, and the search counted 24 orbits where there are 9.
      const all = [...mine, ...theirs];
      const bad = all.findIndex((x) => typeof x !== 'number' || Number.isNaN(x));
      if (bad >= 0) {
        const x = all[bad];
        throw fail('signatures', `symmetry.signatures(s, ${k}) gave ${typeof x === 'number' ? 'NaN' : describeValue(x)} for a member of sort ${sortNames[k]}, not a number`, SIGNATURES_HINT);
      }
      for (let i = 0; i < sizes[k]; i++) {
        if (!Object.is(mine[i], theirs[g[k][i]])) {
          throw fail(
            'signatures',
            `symmetry.signatures does not follow its members: ${names(k)[i]} of sort ${sortNames[k]} has signature ${mine[i]}, but renamed to ${names(k)[g[k][i]]} by (${shown(g)}) it has ${theirs[g[k][i]]}`,
            "a member's signature must describe it without naming any member of a symmetric sort (e.g. counts, its own ballots; not which acceptors it heard from)",
          );
        }
      }
    }
  }
  if (words(s, 's') !== before) throw fail('apply', 'symmetry.apply changed the state it was given', 'build the renamed state from copies');
}

/** The words for signatures that are not one number per member (here and in the canonical form's check). */
export function signaturesMessage(k: number, got: string, size: number, sortName: string): string {
  return `symmetry.signatures(s, ${k}) gave ${got} for the ${size} members of sort ${sortName}`;
}
export const SIGNATURES_HINT = 'signatures(s, k) must return one number (not NaN) per member of sorts[k], in the order of inst.sorts';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Every element of the product of the sorts' permutation groups (small groups only). */
function wholeGroup(sizes: readonly number[]): number[][][] {
  let group: number[][][] = [[]];
  for (const n of sizes) group = group.flatMap((g) => allPerms(n).map((p) => [...g, p]));
  return group;
}

function allPerms(n: number): number[][] {
  if (n === 0) return [[]];
  return allPerms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** For each sort with two members or more: the swap of its first two members and its rotation (they generate its permutations). */
function generators(sizes: readonly number[]): number[][][] {
  const id = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const out: number[][][] = [];
  sizes.forEach((n, k) => {
    if (n < 2) return;
    const swap = id.map((p) => [...p]);
    swap[k] = [1, 0, ...id[k].slice(2)];
    out.push(swap);
    if (n > 2) {
      const rot = id.map((p) => [...p]);
      rot[k] = id[k].map((i) => (i + 1) % n);
      out.push(rot);
    }
  });
  return out;
}

function label(a: unknown): string {
  try {
    return formatAction(a as never);
  } catch {
    return String(a);
  }
}

/** A small deterministic generator in 0..1 (the renamings tried must not depend on Math.random). */
function lcg(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function shuffle(n: number, rnd: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}
