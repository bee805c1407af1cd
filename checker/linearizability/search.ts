// The search for a linearization: Wing & Gong's algorithm with Lowe's memoisation. It extends an order
// one operation at a time, choosing among the minimal operations (those no remaining completed operation
// precedes in real time), applies each to the specification and goes on while the result matches (a
// pending operation may take effect with any result, or never). It succeeds when every completed
// operation is in the order, and remembers each (set of operations taken, specification state) it has
// explored so no configuration is searched twice. Operations are a bit mask: at most 31 per history.

import type { Operation } from './history.ts';
import type { SequentialSpec } from './spec.ts';

export const MAX_OPERATIONS = 31;

/** Where the search got furthest before every way on failed: the order so far and what came next. */
export interface DeepestFailure {
  readonly prefix: readonly Operation[];
  /** Each operation that could come next, with the result the specification gives it there. */
  readonly next: readonly { readonly op: Operation; readonly expected: unknown }[];
}

export interface SearchOutcome {
  /** A linearization (completed operations and the pending ones that took effect), or undefined. */
  readonly order?: readonly Operation[];
  /** Set when there is no linearization. */
  readonly deepest?: DeepestFailure;
}

const sameJson = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

export function linearize<S, A, R>(ops: readonly Operation<A, R>[], spec: SequentialSpec<S, A, R>): SearchOutcome {
  if (ops.length > MAX_OPERATIONS) throw new RangeError(`a history of ${ops.length} operations: the linearizability search handles at most ${MAX_OPERATIONS}`);
  const key = spec.key ?? ((s: S) => JSON.stringify(s) ?? 'undefined');
  const same = spec.sameResult ?? sameJson;
  let completed = 0;
  ops.forEach((o, i) => {
    if (!o.pending) completed |= 1 << i;
  });
  const seen = new Set<string>();
  const prefix: Operation<A, R>[] = [];
  let deepest: { prefix: Operation[]; next: { op: Operation; expected: unknown }[] } = { prefix: [], next: [] };
  let deepestLength = -1;

  const dfs = (taken: number, state: S): boolean => {
    if ((taken & completed) === completed) return true;
    const memo = `${taken}|${key(state)}`;
    if (seen.has(memo)) return false;
    seen.add(memo);
    // An operation can come next unless a remaining completed operation returned before it was invoked.
    let firstReturn = Infinity;
    for (let i = 0; i < ops.length; i++) if (!((taken >>> i) & 1) && ops[i].ret < firstReturn) firstReturn = ops[i].ret;
    for (let i = 0; i < ops.length; i++) {
      if ((taken >>> i) & 1) continue;
      const o = ops[i];
      if (o.call > firstReturn) continue;
      const after = spec.apply(state, o.op, o.arg);
      if (o.pending || same(after.result, o.result)) {
        prefix.push(o);
        if (dfs(taken | (1 << i), after.state)) return true;
        prefix.pop();
      } else if (prefix.length > deepestLength) {
        deepestLength = prefix.length;
        deepest = { prefix: prefix.slice(), next: [{ op: o, expected: after.result }] };
      } else if (prefix.length === deepestLength && prefix.every((p, k) => p === deepest.prefix[k])) {
        deepest.next.push({ op: o, expected: after.result });
      }
    }
    return false;
  };
  return dfs(0, spec.init) ? { order: prefix.slice() } : { deepest };
}

/**
 * The results `ops[target]` returns in some linearization of `ops` that includes it, as JSON strings
 * (the target's own result is ignored: it is treated as pending). Explores every linearization, with the
 * same memoisation keyed also by the target's result once it is taken.
 */
export function possibleResults<S, A, R>(ops: readonly Operation<A, R>[], spec: SequentialSpec<S, A, R>, target: number): Set<string> {
  if (ops.length > MAX_OPERATIONS) throw new RangeError(`a history of ${ops.length} operations: the linearizability search handles at most ${MAX_OPERATIONS}`);
  const key = spec.key ?? ((s: S) => JSON.stringify(s) ?? 'undefined');
  const same = spec.sameResult ?? sameJson;
  let needed = 1 << target;
  ops.forEach((o, i) => {
    if (!o.pending) needed |= 1 << i;
  });
  const seen = new Set<string>();
  const found = new Set<string>();
  const dfs = (taken: number, state: S, result: string | undefined): void => {
    if ((taken & needed) === needed) {
      found.add(result!);
      return;
    }
    const memo = `${taken}|${result}|${key(state)}`;
    if (seen.has(memo)) return;
    seen.add(memo);
    let firstReturn = Infinity;
    for (let i = 0; i < ops.length; i++) if (i !== target && !((taken >>> i) & 1) && ops[i].ret < firstReturn) firstReturn = ops[i].ret;
    for (let i = 0; i < ops.length; i++) {
      if ((taken >>> i) & 1) continue;
      const o = ops[i];
      if (o.call > firstReturn) continue;
      const after = spec.apply(state, o.op, o.arg);
      if (i === target) dfs(taken | (1 << i), after.state, JSON.stringify(after.result) ?? 'undefined');
      else if (o.pending || same(after.result, o.result)) dfs(taken | (1 << i), after.state, result);
    }
  };
  dfs(0, spec.init, undefined);
  return found;
}
