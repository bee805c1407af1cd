// Symmetry reduction. A model may declare sorts whose members are interchangeable (acceptors, values,
// ...) and a function renaming them in a state (Instance.symmetry). The canonical representative of a
// state's orbit is the renaming with the smallest encoding over the whole group (every combination of
// permutations of every declared sort), so two states get the same key exactly when some renaming maps
// one onto the other: true orbits, independent of exploration order. The cost is |group| encodings per
// state (3! x 3! = 36 for Voting), so it pays off only when the reduction is large.

import { ClabError } from '../errors.ts';
import { Encoder, encodeValue } from './encode.ts';
import type { Instance } from '../model.ts';

/** All permutations of 0..n-1, identity first. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) for (let i = n - 1; i >= 0; i--) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  out.sort((a, b) => (a.every((x, i) => x === i) ? -1 : b.every((x, i) => x === i) ? 1 : 0));
  return out;
}

/** Writes the smallest encoding of any renaming of `s`; null if the instance declares no symmetry. */
export function canonicalizer<S>(inst: Instance<S>): (s: S, w: Encoder) => void {
  const sym = inst.symmetry;
  if (!sym) throw new ClabError('this model declares no symmetry', 'symmetry reduction needs the model to declare `symmetry: { sorts, apply }` (see checker/model.ts)');
  const sizes = sym.sorts.map((name) => {
    const members = inst.sorts?.[name];
    if (!members) throw new ClabError(`the model's symmetry names sort '${name}', which it does not declare in sorts`);
    return members.length;
  });
  // The group: the product of the full permutation groups of the sorts.
  let group: number[][][] = [[]];
  for (const n of sizes) {
    const ps = permutations(n);
    group = group.flatMap((g) => ps.map((p) => [...g, p]));
  }
  const encodeFn = inst.encode ? inst.encode.bind(inst) : (s: S, w: Encoder) => encodeValue(s, w);
  const best = new Encoder();
  const trial = new Encoder();
  return (s, w) => {
    best.reset();
    encodeFn(s, best);
    for (let g = 1; g < group.length; g++) {
      trial.reset();
      encodeFn(sym.apply(s, group[g]), trial);
      if (lessThan(trial, best)) {
        best.reset();
        for (let i = 0; i < trial.length; i++) best.u32(trial.words[i]);
      }
    }
    for (let i = 0; i < best.length; i++) w.u32(best.words[i]);
  };
}

function lessThan(a: Encoder, b: Encoder): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.words[i] !== b.words[i]) return a.words[i] < b.words[i];
  return a.length < b.length;
}
