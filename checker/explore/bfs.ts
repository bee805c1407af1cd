// Exhaustive breadth-first search with TLC's counting conventions:
//   distinct states  every distinct reachable state, initial states included;
//   states generated initial states plus every successor produced by every expanded state;
//   depth            number of BFS levels, initial states at level 1.
// Invariants are checked when a state is first reached, so the first violation found is at the lowest
// level: the rebuilt trace is a shortest counterexample. Only 64-bit fingerprints and parent ids are kept
// for visited states; full states live only in the current and next frontier.

import { ClabError, ModelError } from '../errors.ts';
import { encodeState, fingerprinter } from '../fingerprinter.ts';
import type { Instance, Step } from '../model.ts';
import { checkPurity, deepFreeze } from '../purity.ts';
import { FingerprintSet } from '../visited.ts';
import { rebuildPath } from './path.ts';
import { showState } from '../trace/show.ts';
import type { Bound, PathStep, Predicate, SearchOptions, SearchResult } from './types.ts';

export function bfs<S>(inst: Instance<S>, opts: SearchOptions<S>): SearchResult<S> {
  const start = performance.now();
  const fp = fingerprinter(inst);
  const visited = new FingerprintSet(1 << 12);
  let parents = new Int32Array(1 << 12);
  const out = new Uint32Array(2);
  const invariants = opts.invariants;
  const pendingWitnesses: Predicate<S>[] = [...(opts.witnesses ?? [])];
  const witnessIds = new Map<string, number>();
  const maxStates = opts.maxStates ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const deadline = opts.timeLimit !== undefined ? start + opts.timeLimit * 1000 : Infinity;
  const puritySample = opts.puritySample ?? 997;
  const freeze = opts.freeze ?? false;

  let generated = 0;
  let depth = 0;
  let bound: Bound | undefined;
  let violated: { invariant: string; id: number } | undefined;
  let current: S[] = [];
  let currentIds: number[] = [];
  let next: S[] = [];
  let nextIds: number[] = [];
  let expanded = 0;
  let nextProgress = start + 1000;
  let expandingId = -1;

  /** Records a newly reached state; returns false when the search must stop. */
  const discover = (s: S, parent: number): boolean => {
    fp(s, out);
    const id = visited.add(out[0], out[1]);
    if (id < 0) return true;
    if (id >= parents.length) {
      const bigger = new Int32Array(parents.length * 2);
      bigger.set(parents);
      parents = bigger;
    }
    parents[id] = parent;
    for (let i = 0; i < invariants.length; i++) {
      if (!invariants[i].holds(s)) {
        violated = { invariant: invariants[i].name, id };
        return false;
      }
    }
    for (let i = pendingWitnesses.length - 1; i >= 0; i--) {
      if (pendingWitnesses[i].holds(s)) {
        witnessIds.set(pendingWitnesses[i].name, id);
        pendingWitnesses.splice(i, 1);
      }
    }
    next.push(s);
    nextIds.push(id);
    return true;
  };

  try {
    // Level 1: the initial states.
    const inits = inst.init();
    generated += inits.length;
    for (const s0 of inits) {
      if (freeze) deepFreeze(s0);
      if (visited.size >= maxStates) {
        bound = 'max-states';
        break;
      }
      if (!discover(s0, -1)) break;
    }
    if (next.length > 0) depth = 1;

    search: while (!violated && !bound && next.length > 0) {
      [current, next] = [next, current];
      [currentIds, nextIds] = [nextIds, currentIds];
      next.length = 0;
      nextIds.length = 0;
      const expandingLevel = depth;
      for (let i = 0; i < current.length; i++) {
        const s = current[i];
        expandingId = currentIds[i];
        const sample = puritySample > 0 && (expanded < 16 || expanded % puritySample === 0);
        const before = sample ? encodeState(inst, s) : undefined;
        const succ: readonly Step<S>[] = inst.next(s);
        if (sample) checkPurity(inst, s, expandingId, before!, succ);
        expanded++;
        generated += succ.length;
        for (let j = 0; j < succ.length; j++) {
          const t = succ[j].state;
          if (freeze) deepFreeze(t);
          if (expandingLevel >= maxDepth) {
            // Do not store level maxDepth+1, but notice whether it would hold anything new.
            fp(t, out);
            if (visited.get(out[0], out[1]) < 0) bound = 'max-depth';
            continue;
          }
          if (visited.size >= maxStates) {
            fp(t, out);
            if (visited.get(out[0], out[1]) < 0) {
              bound = 'max-states';
              break search;
            }
            continue;
          }
          if (!discover(t, expandingId)) break search;
        }
        if ((expanded & 1023) === 0) {
          const now = performance.now();
          if (now > deadline) {
            bound = 'time-limit';
            break search;
          }
          if (opts.onProgress && now >= nextProgress) {
            nextProgress = now + 1000;
            opts.onProgress({
              distinctStates: visited.size,
              statesGenerated: generated,
              queue: current.length - i - 1 + next.length,
              depth,
              seconds: (now - start) / 1000,
            });
          }
        }
      }
      if (next.length > 0) depth++;
      current.length = 0;
      currentIds.length = 0;
    }
  } catch (e) {
    if (e instanceof ClabError && !(e instanceof ModelError)) throw e;
    const err =
      e instanceof ModelError
        ? e
        : new ModelError(`the model threw an error: ${(e as Error)?.message ?? String(e)}`, modelFrame(e as Error), undefined, expandingId >= 0 ? expandingId : undefined);
    if (err.stateId !== undefined && err.trace === undefined) {
      try {
        err.trace = rebuildPath(inst, fp, visited, parents, err.stateId).map((st) => ({ action: st.action, state: showState(inst, st.state) }));
      } catch {
        // The path cannot be rebuilt from an impure model; the error message stands on its own.
      }
    }
    throw err;
  }

  const seconds = (performance.now() - start) / 1000;
  const pathTo = (id: number): PathStep<S>[] => rebuildPath(inst, fp, visited, parents, id);
  const witnesses = new Map<string, readonly PathStep<S>[]>();
  for (const [name, id] of witnessIds) witnesses.set(name, pathTo(id));
  const v = violated as { invariant: string; id: number } | undefined;
  return {
    result: v ? 'violation' : bound ? 'incomplete' : 'holds',
    distinctStates: visited.size,
    statesGenerated: generated,
    depth: v ? Math.max(depth, pathTo(v.id).length) : depth,
    seconds,
    bound: v ? undefined : bound,
    visitedBytes: visited.bytes + parents.byteLength,
    violation: v ? { invariant: v.invariant, path: pathTo(v.id) } : undefined,
    witnesses,
  };
}

/** The first stack frame outside the checker, to say where in the model an exception came from. */
export function modelFrame(err: Error | undefined): string | undefined {
  const lines = err?.stack?.split('\n').slice(1) ?? [];
  const frame = lines.find((l) => !l.includes('/checker/') && !l.includes('node:'));
  return frame ? `thrown ${frame.trim()}` : undefined;
}
