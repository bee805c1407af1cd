// Linearizability of a history against a sequential specification: the verdict with a witness order, or,
// when there is none, an explanation small enough to read. The explanation starts from the culprit, the
// operation whose response first made the history non-linearizable (histories are prefix-closed, so that
// response is well defined), and keeps of the operations before it only those that change what the
// culprit could have returned. Then the furthest the search got on that core: the order that fits, and
// the operation whose result the specification contradicts there.

import { callText, describeOperation, operationsOf, precedes, resultText, type History, type Operation } from './history.ts';
import { linearize, possibleResults, type DeepestFailure } from './search.ts';
import type { SequentialSpec } from './spec.ts';

export type LinearizabilityResult<A = unknown, R = unknown> =
  | {
      readonly linearizable: true;
      /** Completed operations and the pending ones that took effect, in an order that explains every result. */
      readonly order: readonly Operation<A, R>[];
    }
  | {
      readonly linearizable: false;
      /** The operation whose response first made the history non-linearizable (e.g. the stale read). */
      readonly culprit: Operation<A, R>;
      /**
       * The culprit and the operations before its response it needs: without any other one of them, the
       * culprit could return other results than it could (e.g. the stale read and the write it missed).
       */
      readonly core: readonly Operation<A, R>[];
      /** On the core: the longest order that fits, and the operations that could not follow it. */
      readonly deepest: DeepestFailure;
      /** Lines for people: the culprit, the core, then where the furthest order breaks. */
      readonly explanation: readonly string[];
    };

/** Whether the history is linearizable (no explanation computed). Throws HistoryError on a malformed history. */
export function isLinearizable<S, A, R>(history: History<A, R>, spec: SequentialSpec<S, A, R>): boolean {
  return linearize(operationsOf(history), spec).order !== undefined;
}

export function checkLinearizability<S, A, R>(history: History<A, R>, spec: SequentialSpec<S, A, R>): LinearizabilityResult<A, R> {
  const outcome = linearize(operationsOf(history), spec);
  if (outcome.order) return { linearizable: true, order: outcome.order as Operation<A, R>[] };
  // Histories are prefix-closed: the first response after which the prefix is not linearizable is the culprit's.
  let end = 0;
  let ops: Operation<A, R>[] = [];
  for (; end < history.length; end++) {
    if (history[end].type !== 'return') continue;
    ops = operationsOf(history.slice(0, end + 1));
    if (!linearize(ops, spec).order) break;
  }
  const culprit = ops.find((o) => o.ret === end)!;
  // The results the culprit could have returned, given the operations before its response: an operation
  // may go when the culprit could return exactly the same results without it (so its actual result is
  // still unexplained, and what explains the rest is still there). A write the stale read missed stays
  // (without it the read could return the stale value); so does a write a read returned (without it
  // that read is a value from nowhere, nothing could explain it).
  const allowed = (core: readonly Operation<A, R>[]) =>
    possibleResults(
      core.map((o) => (o === culprit ? { ...o, pending: true, result: undefined, ret: Infinity } : o)),
      spec,
      core.indexOf(culprit),
    );
  const wanted = allowed(ops);
  const sameSet = (a: Set<string>) => a.size === wanted.size && [...a].every((r) => wanted.has(r));
  // Dropping one operation can make another droppable: repeat until none of the core can go.
  let core = ops;
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const o of core) {
      if (o === culprit) continue;
      const without = core.filter((c) => c !== o);
      if (sameSet(allowed(without))) {
        core = without;
        dropped = true;
      }
    }
  }
  const deepest = linearize(core, spec).deepest!;
  return { linearizable: false, culprit, core, deepest, explanation: explain(culprit, core, deepest) };
}

function explain(culprit: Operation, core: readonly Operation[], deepest: DeepestFailure): string[] {
  const lines = [`not linearizable: no order that respects real time explains ${describeOperation(culprit)}, given these operations:`];
  for (const o of core) {
    const before = core.filter((p) => precedes(p, o));
    lines.push(`  ${describeOperation(o)}${before.length ? ` (invoked after ${before.map(callText).join(', ')} returned)` : ''}`);
  }
  const next = deepest.next.map(({ op, expected }) => `${callText(op)} should return ${resultText(expected)} but returned ${resultText(op.result)}`);
  const order = deepest.prefix.map((o) => describeOperation(o)).join('; ');
  lines.push(deepest.prefix.length ? `the longest order that fits: ${order}; then ${next.join(', or ')}` : `no operation can come first: ${next.join(', or ')}`);
  return lines;
}
