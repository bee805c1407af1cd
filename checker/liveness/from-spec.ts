// Turns the spec language's compiled temporal properties (checker/language/ast.ts: formulas over compiled
// state predicates, fairness on processes or action kinds) into the liveness checker's properties.
// Supported shapes: always P, eventually P, always eventually P, P leadsto Q (also under `always`).

import { ClabError } from '../errors.ts';
import type { Fairness as SpecFairness, TemporalFormula, TemporalProperty as SpecProperty } from '../language/ast.ts';
import type { Fairness, TemporalProperty } from './types.ts';

type Pred = (s: unknown) => boolean;

export function fairnessFromSpec(f: SpecFairness): Fairness {
  return f.targetKind === 'process' ? { strength: f.strength, actor: f.target } : { strength: f.strength, kind: f.target };
}

const stateOf = (f: TemporalFormula<Pred>): Pred | undefined => (f.kind === 'state' ? f.pred : undefined);

export function propertyFromSpec(p: SpecProperty<Pred>): TemporalProperty<unknown> {
  const fairness = p.fairness.map(fairnessFromSpec);
  const base = { name: p.name, fairness };
  const f = p.formula;
  if (f.kind === 'leadsto') return { ...base, kind: 'leadsto', p: f.from, q: f.to };
  if (f.kind === 'eventually') {
    const s = stateOf(f.body);
    if (s) return { ...base, kind: 'eventually', p: s };
  }
  if (f.kind === 'always') {
    const s = stateOf(f.body);
    if (s) return { ...base, kind: 'always', p: s };
    if (f.body.kind === 'eventually') {
      const s2 = stateOf(f.body.body);
      if (s2) return { ...base, kind: 'always-eventually', p: s2 };
    }
    if (f.body.kind === 'leadsto') return { ...base, kind: 'leadsto', p: f.body.from, q: f.body.to };
  }
  throw new ClabError(
    `property '${p.name}': this temporal formula is not supported by the liveness checker`,
    'supported: always P, eventually P, always eventually P, P leadsto Q (P, Q state predicates)',
  );
}
