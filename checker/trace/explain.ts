// Why a violating state breaks its invariant, in lines printed under the trace (`clab check`, `clab
// simulate`). The lines come from the predicate's optional `explain` (checker/search/types.ts): a model
// invariant's own (checker/model.ts `Invariant.explain`, e.g. Paxos's chosen values by ballot and quorum)
// or a spec invariant's, which evaluates the parts of its expression (checker/language/explain.ts).
// The verdict and the trace are already printed when this runs, so nothing here may hide them: an
// explanation that throws or returns something other than lines of text becomes a one-line note, and a
// long one is cut, so a model cannot flood the report.

import type { Predicate } from '../search/types.ts';
import { elide } from './elide.ts';
import { safeText } from './safe-text.ts';

/** At most this many lines of explanation are printed (the rest are counted). */
export const MAX_EXPLAIN_LINES = 40;
/** Each line is cut to this many characters. */
const MAX_LINE = 200;

/**
 * The lines explaining why `state` breaks the invariant named `name` among `invariants`: a heading and the
 * explanation indented, or nothing when the invariant has no explanation (or gives no lines).
 */
export function explainViolation(invariants: readonly Predicate<unknown>[], name: string, state: unknown): string[] {
  const why = explanation(invariants, name, state);
  if (why.length === 0) return [];
  // A note (explain() misbehaved) is printed alone, without the heading.
  if (why.length === 1 && why[0].startsWith('(no explanation: ')) return [`    ${why[0]}`];
  return [`Why ${safeText(name)} is false:`, ...why.map((l) => `    ${l}`)];
}

/**
 * The explanation's lines themselves (made printable, cut to MAX_EXPLAIN_LINES and a count of the rest),
 * for `--json`; a one-line note when explain() throws or returns no lines of text; [] without one.
 */
export function explanation(invariants: readonly Predicate<unknown>[], name: string, state: unknown): string[] {
  const p = invariants.find((q) => q.name === name);
  if (!p?.explain) return [];
  let lines: unknown;
  try {
    lines = p.explain(state);
  } catch (e) {
    return [`(no explanation: explain() of ${safeText(name)} threw an error: ${elide(safeText((e as Error)?.message ?? String(e)), MAX_LINE)})`];
  }
  if (!Array.isArray(lines) || !lines.every((l) => typeof l === 'string')) {
    return [`(no explanation: explain() of ${safeText(name)} returned ${Array.isArray(lines) ? 'an array that is not all strings' : typeof lines}, not an array of lines)`];
  }
  // safeText writes a newline as `\x0a`: one line stays one line.
  const out = (lines as string[]).slice(0, MAX_EXPLAIN_LINES).map((l) => elide(safeText(l), MAX_LINE));
  const more = lines.length - MAX_EXPLAIN_LINES;
  if (more > 0) out.push(`... and ${more} more line${more === 1 ? '' : 's'}`);
  return out;
}
