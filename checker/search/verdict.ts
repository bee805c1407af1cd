// The verdict of a configured run: what a search's result means once the run's other properties are
// counted ("holds" only when the search was complete and nothing was left unchecked, a complete search
// that never reached a `sometimes` target is a violation).

import type { Configured } from '../load/configure.ts';
import type { Implication } from '../load/plan.ts';
import type { SearchResult, Verdict } from './types.ts';

/** The run's verdict: a complete search with unchecked properties is still "incomplete". */
export function overallVerdict(cfg: Configured, r: SearchResult<unknown>): Verdict {
  if (r.result === 'holds' && unreachableWitnesses(cfg, r).length > 0) return 'violation';
  if (r.result === 'holds' && cfg.properties.unchecked.length > 0) return 'incomplete';
  return r.result;
}

/**
 * Spec invariants `P => Q` that hold only vacuously: a complete search checked every reachable state and P
 * was true on none. Known only from a single-core search (the one that reports coverage): the parallel
 * search's workers evaluate their own copies of the predicates.
 */
export function vacuousImplications(cfg: Configured, r: SearchResult<unknown>): Implication[] {
  if (r.result !== 'holds' || !r.coverage) return [];
  const checked = new Set(cfg.properties.invariants.map((p) => p.name));
  return (cfg.properties.implications ?? []).filter((i) => checked.has(i.invariant) && !i.premiseSeen());
}

/** `sometimes` witnesses that a complete search never reached: the spec is vacuous there, a failure. */
export function unreachableWitnesses(cfg: Configured, r: SearchResult<unknown>): string[] {
  return r.result === 'holds' ? cfg.properties.witnesses.filter((w) => !r.witnesses.has(w.name)).map((w) => w.name) : [];
}
