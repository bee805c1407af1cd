// One exhaustive search for a check, and its verdict in a sentence: the grader's use of the engine's
// breadth-first search (checker/search/), with the check's state bound and no deadlock report unless asked.

import type { Configured } from '../load/configure.ts';
import { search } from '../search/search.ts';
import type { SearchResult } from '../search/types.ts';
import { showState } from '../trace/show.ts';
import { traceLines } from './plain.ts';

/**
 * A search with the check's state bound and, for predicates a submission wrote (which could make one state
 * cost any time), the time limit in seconds.
 */
export async function searchFor(cfg: Configured, maxStates: number, timeLimit?: number): Promise<SearchResult<unknown>> {
  return search(cfg.instance, { invariants: cfg.properties.invariants, maxStates, ...(timeLimit !== undefined ? { timeLimit } : {}), deadlock: false, puritySample: 0, phaseTimes: false });
}

/** `holds on 20 states`, `mutualExclusion is violated after 6 steps`, `incomplete: more than 1,000 states`. */
export function verdictText(r: SearchResult<unknown>, maxStates: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (r.violation) return r.violation.deadlock ? `a deadlock is reached after ${r.violation.path.length - 1} steps` : `${r.violation.invariant} is violated after ${r.violation.path.length - 1} steps`;
  if (r.result === 'incomplete') return `no verdict: the search stopped at ${r.bound === 'max-states' ? `the bound of ${n(maxStates)} states` : r.bound === 'time-limit' ? 'the time limit' : (r.bound ?? 'a bound')}`;
  return `every invariant holds on all ${n(r.distinctStates)} reachable states`;
}

/** The violation's (shortest, breadth-first) trace as feedback lines. */
export function violationLines(cfg: Configured, r: SearchResult<unknown>): string[] {
  if (!r.violation) return [];
  return traceLines(r.violation.path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })));
}
