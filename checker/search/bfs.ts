// Exhaustive breadth-first search with TLC's counting conventions:
//   distinct states  every distinct reachable state, initial states included;
//   states generated initial states plus every successor produced by every expanded state;
//   depth            number of BFS levels, initial states at level 1.
// Invariants are checked when a state is first reached, so the first violation found is at the lowest
// level: the rebuilt trace is a shortest counterexample.
// Memory: visited states are 64-bit fingerprints in a FingerprintTable (8 bytes a slot, 10.7-16 bytes a
// state) plus a ParentTable entry (parent id and successor index, 6 bytes a state); ids are discovery
// order, so a state's id is its position among the states found. Full states live only in the current
// and next frontier, as packed words when they can be decoded: by the model's decode(), or by the
// generic decoder for a model without an encoding of its own (search/frontier.ts).
// Traces are rebuilt down the recorded successor indices, each step matched by its words and the whole
// path checked before it is returned (parent-table.ts: rebuildPath, verifyPathEnd).

import { ClabError, ModelError } from '../errors.ts';
import { Encoder } from '../state/encode.ts';
import { hash64 } from '../state/fingerprint.ts';
import { FingerprintTable } from '../state/fingerprint-table.ts';
import { RecentFilter } from '../state/recent-filter.ts';
import { encodeState } from '../state/fingerprinter.ts';
import type { Instance, Step } from '../model.ts';
import { checkPurity, deepFreeze } from './purity.ts';
import { isPuritySample, PURITY_SAMPLE, stateWords } from './loop-setup.ts';
import { checkInits, initProblem, pathProblem } from '../load/step-checks.ts';
import { showState } from '../trace/show.ts';
import { checkDecode, Frontier } from './frontier.ts';
import { checkDecoded } from './decode-check.ts';
import { checkSymmetry } from './symmetry-check.ts';
import { CoverageCounter } from './coverage.ts';
import { placeEncodingError } from './encoding-errors.ts';
import { stopRequested } from './interrupt.ts';
import { MemoryGuard } from './memory.ts';
import { ParentTable, rebuildOptions, rebuildPath, verifyPathEnd, type RebuildOptions } from './parent-table.ts';
import { DEADLOCK, type Bound, type PathStep, type PhaseTimes, type Predicate, type SearchOptions, type SearchResult } from './types.ts';

/** Successors generated between two periodic checks at most (besides every 1024 expansions). */
const CHECK_EVERY_SUCCESSORS = 1 << 16;
/** One expansion in this many is timed phase by phase. */
const PHASE_SAMPLE = 63;

export function bfs<S>(inst: Instance<S>, opts: SearchOptions<S>): SearchResult<S> {
  const start = performance.now();
  const { encode: encodeFn, key: keyFn, decode: decodeFn } = stateWords(inst, opts.canonical);
  const symmetric = opts.canonical !== undefined;
  const enc = new Encoder();
  const concreteEnc = symmetric ? new Encoder() : enc;
  const out = new Uint32Array(2);
  const table = new FingerprintTable(1 << 12);
  const recent = new RecentFilter();
  const parents = new ParentTable();
  const guard = new MemoryGuard(opts.memoryBudget);
  const freeze = opts.freeze ?? false;
  const encoded = decodeFn !== undefined && !freeze;
  let current = new Frontier(decodeFn, encoded);
  let next = new Frontier(decodeFn, encoded);
  let frontierPeak = 0;
  const invariants = opts.invariants;
  const pendingWitnesses: Predicate<S>[] = [...(opts.witnesses ?? [])];
  const symmetryPredicates = [...invariants, ...(opts.witnesses ?? [])];
  const witnessIds = new Map<string, number>();
  const maxStates = opts.maxStates ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const deadline = opts.timeLimit !== undefined ? start + opts.timeLimit * 1000 : Infinity;
  const puritySample = opts.puritySample ?? PURITY_SAMPLE;
  const timePhases = opts.phaseTimes ?? true;
  const phase = { successors: 0, fingerprints: 0, invariants: 0, decode: 0, sampled: 0 };
  /** Milliseconds spent growing the table (timed exactly, kept out of the sampled phases). */
  let growMs = 0;

  let generated = 0;
  let depth = 0;
  let bound: Bound | undefined;
  let violated: { invariant: string; id: number; deadlock?: true } | undefined;
  // --all-violations: the first (shallowest) violating state per invariant; the search goes on.
  const allViolations = opts.allViolations ?? false;
  const violations = new Map<string, number>();
  // Deadlocks (TLC's default): a state with no successor that the model does not call terminal. Checked
  // once an expansion, on the rare states with no successor, so the loop pays one comparison.
  const deadlockCheck = opts.deadlock ?? false;
  let deadlockId: number | undefined;
  const violationKinds = invariants.length + (deadlockCheck ? 1 : 0);
  // Coverage (coverage.ts): new states per action, always (counted where a new state is recorded, which
  // costs far more); successors per action only when asked (`countFired`: read on every successor, it
  // cost 18-21% on TwoPhase).
  const coverage = new CoverageCounter();
  const countFired = opts.countFired ?? false;
  let initialStates = 0;
  let expanded = 0;
  let checkAt = CHECK_EVERY_SUCCESSORS;
  let expandingId = -1;

  /** Records a newly reached state (its key words are in `enc`); false when the search must stop. */
  const record = (t: S, parent: number, index: number, action?: Step<S>['action']): boolean => {
    const id = parents.push(parent, index);
    if (action !== undefined) coverage.fresh[coverage.slotOf(action)]++;
    for (let i = 0; i < invariants.length; i++) {
      if (!invariants[i].holds(t)) {
        if (!allViolations) {
          violated = { invariant: invariants[i].name, id };
          return false;
        }
        if (!violations.has(invariants[i].name)) {
          violations.set(invariants[i].name, id);
          violated ??= { invariant: invariants[i].name, id };
          if (violations.size + (deadlockId !== undefined ? 1 : 0) === violationKinds) return false;
        }
      }
    }
    for (let i = pendingWitnesses.length - 1; i >= 0; i--) {
      if (pendingWitnesses[i].holds(t)) {
        witnessIds.set(pendingWitnesses[i].name, id);
        pendingWitnesses.splice(i, 1);
      }
    }
    if (symmetric && encoded) {
      concreteEnc.reset();
      encodeFn(t, concreteEnc);
    }
    if (encoded && isPuritySample(id, puritySample)) checkDecoded(inst, t, concreteEnc.words, concreteEnc.length, id);
    if (encoded && next.growthFor(concreteEnc.length) > 0 && guard.wouldExceed(next.growthFor(concreteEnc.length))) {
      bound = 'memory';
      return false;
    }
    next.push(t, concreteEnc.words, concreteEnc.length);
    return true;
  };

  /** Fingerprint of `t` into out[0..1] (its key words stay in `enc`). */
  const fingerprint = (t: S): void => {
    enc.reset();
    keyFn(t, enc);
    hash64(enc.words, enc.length, out);
  };

  /** Makes room in the table for one more state; false if that would pass the memory budget. */
  const roomForOne = (): boolean => {
    if (table.size < table.limit) return true;
    if (guard.wouldExceed(table.growthBytes)) {
      bound = 'memory';
      return false;
    }
    const g0 = performance.now();
    table.grow();
    growMs += performance.now() - g0;
    return true;
  };

  try {
    // Level 1: the initial states.
    const inits = inst.init();
    checkInits(inits, inst);
    generated += inits.length;
    for (let j = 0; j < inits.length; j++) {
      const s0 = inits[j];
      if (freeze) deepFreeze(s0);
      fingerprint(s0);
      if (table.has(out[0], out[1])) continue;
      if (table.size >= maxStates) {
        bound = 'max-states';
        break;
      }
      if (!roomForOne()) break;
      table.add(out[0], out[1]);
      initialStates++;
      if (!record(s0, -1, j)) break;
    }
    if (next.count > 0) depth = 1;
    let levelStart = 0;
    let lastMemoryCheck = 0;

    search: while ((!violated || allViolations) && !bound && next.count > 0) {
      [current, next] = [next, current];
      next.clear();
      if (current.bytes > frontierPeak) frontierPeak = current.bytes;
      const expandingLevel = depth;
      const n = current.count;
      const words = current.words;
      let pos = 0;
      for (let i = 0; i < n; i++) {
        expandingId = levelStart + i;
        const sample = isPuritySample(expanded, puritySample);
        const timed = timePhases && !sample && (expanded & PHASE_SAMPLE) === 0;
        const growBefore = growMs;
        let t0 = timed ? performance.now() : 0;
        let s: S;
        if (encoded) {
          s = current.decodeAt(pos);
        } else s = current.objects[i];
        let before: Uint32Array | undefined;
        if (sample) {
          before = encodeState(inst, s);
          if (encoded) checkDecode(words, pos, before, expandingId);
        }
        if (encoded) pos += words[pos] + 1;
        if (timed) {
          const t = performance.now();
          phase.decode += t - t0;
          t0 = t;
        }
        const succ: readonly Step<S>[] = inst.next(s);
        if (sample) checkPurity(inst, s, expandingId, before!, succ);
        if (sample && symmetric) checkSymmetry(inst, s, succ, symmetryPredicates, expandingId, expanded);
        let tInv = 0;
        if (timed) {
          const t = performance.now();
          phase.successors += t - t0;
          t0 = t;
        }
        expanded++;
        // One check an expansion, none a successor: a result without a numeric length (not an array) would
        // otherwise turn the count into NaN silently; the catch below names what was wrong.
        if (typeof succ.length !== 'number') throw new TypeError('next() did not return an array');
        generated += succ.length;
        // Outside the successor loop (coverage.ts says why): one call an expansion, and only when asked.
        if (countFired) coverage.countFired(succ);
        if (succ.length === 0 && deadlockCheck && deadlockId === undefined && !(inst.terminal?.(s) ?? false)) {
          // Levels are expanded in order, so this is a shallowest deadlocked state.
          deadlockId = expandingId;
          violated ??= { invariant: DEADLOCK, id: expandingId, deadlock: true };
          if (!allViolations || violations.size + 1 === violationKinds) break search;
        }
        for (let j = 0; j < succ.length; j++) {
          const t = succ[j].state;
          // A successor that is its parent, by reference (a self-loop), is already in the visited set.
          if (t === s) continue;
          if (freeze) deepFreeze(t);
          enc.reset();
          keyFn(t, enc);
          hash64(enc.words, enc.length, out);
          if (recent.has(out[0], out[1])) continue;
          if (expandingLevel >= maxDepth) {
            // Do not store level maxDepth+1, but notice whether it would hold anything new.
            if (!table.has(out[0], out[1])) bound = 'max-depth';
            continue;
          }
          if (table.size >= table.limit) {
            if (table.has(out[0], out[1])) continue;
            if (table.size >= maxStates) {
              bound = 'max-states';
              break search;
            }
            if (!roomForOne()) break search;
          }
          if (table.size >= maxStates) {
            if (!table.has(out[0], out[1])) {
              bound = 'max-states';
              break search;
            }
            continue;
          }
          const added = table.add(out[0], out[1]);
          recent.note(out[0], out[1]);
          if (!added) continue;
          if (timed) {
            const ti = performance.now();
            const ok = record(t, expandingId, j, succ[j].action);
            tInv += performance.now() - ti;
            if (!ok) break search;
          } else if (!record(t, expandingId, j, succ[j].action)) break search;
        }
        if (timed) {
          const loop = performance.now() - t0 - (growMs - growBefore);
          phase.fingerprints += loop - tInv;
          phase.invariants += tInv;
          phase.sampled++;
        }
        // The periodic check: every 1024 expansions, and sooner after many successors (a state with a
        // million successors must not postpone the time and memory checks by a thousand expansions).
        const many = generated >= checkAt;
        if ((expanded & 1023) === 0 || many) {
          checkAt = generated + CHECK_EVERY_SUCCESSORS;
          const now = performance.now();
          const stop = now > deadline ? 'time-limit' : stopRequested();
          if (stop) {
            bound = stop;
            break search;
          }
          // Reading memory use costs tens of microseconds: at most every 20 ms, unless many successors came.
          if (many || now - lastMemoryCheck > 20) {
            lastMemoryCheck = now;
            if (guard.wouldExceed()) {
              bound = 'memory';
              break search;
            }
          }
          if (opts.onProgress) {
            opts.onProgress({
              distinctStates: table.size,
              statesGenerated: generated,
              queue: n - i - 1 + next.count,
              depth,
              seconds: (now - start) / 1000,
            });
          }
        }
      }
      levelStart += n;
      if (next.count > 0) depth++;
      if (next.bytes > frontierPeak) frontierPeak = next.bytes;
      current.clear();
      current.shrink();
    }
  } catch (caught) {
    const e = placeEncodingError(caught, inst, expandingId);
    if (e instanceof ClabError && !(e instanceof ModelError)) throw e;
    // An exception that is not the checker's own verdict may come from a malformed result (next() gave
    // undefined, a step without a state, ...): checking the path to the state being expanded names it.
    const malformed = e instanceof ModelError ? undefined : expandingId >= 0 ? pathProblem(inst, parents.chain(expandingId).ids, parents.chain(expandingId).indices, rebuildOptions(inst, encoded).asSearched) : initProblem(inst);
    const err =
      malformed ??
      (e instanceof ModelError
        ? e
        : new ModelError(`the model threw an error: ${(e as Error)?.message ?? String(e)}`, modelFrame(e as Error), undefined, expandingId >= 0 ? expandingId : undefined));
    if (err.stateId !== undefined && err.trace === undefined && err.stateId < parents.size) {
      try {
        err.trace = pathTo(inst, parents, err.stateId, rebuildOptions(inst, encoded)).map((st) => ({ action: st.action, state: showState(inst, st.state) }));
      } catch {
        // The path cannot be rebuilt from an impure model; the error message stands on its own.
      }
    }
    throw err;
  }

  const seconds = (performance.now() - start) / 1000;
  guard.sample();
  const seen = (s: S): boolean => {
    fingerprint(s);
    return table.has(out[0], out[1]);
  };
  const how = rebuildOptions(inst, encoded, seen);
  // A rebuilt path is checked before it is returned: it must end where the search found the property.
  const traced = (id: number, pred: Predicate<S> | undefined, expected: boolean, what: string): PathStep<S>[] => {
    const path = pathTo(inst, parents, id, how);
    if (pred) verifyPathEnd(path, `${what} ${pred.name}`, pred.holds, expected);
    return path;
  };
  const invariantNamed = (name: string) => invariants.find((p) => p.name === name);
  const witnesses = new Map<string, readonly PathStep<S>[]>();
  for (const [name, id] of witnessIds) witnesses.set(name, traced(id, opts.witnesses?.find((w) => w.name === name), true, 'sometimes'));
  // A deadlock's path must end in a state with no successor that is not terminal.
  const live: Predicate<S> = { name: DEADLOCK, holds: (s) => inst.next(s).length > 0 || Boolean(inst.terminal?.(s)) };
  const predicateOf = (x: { invariant: string; deadlock?: true }) => (x.deadlock ? live : invariantNamed(x.invariant));
  const v = violated as { invariant: string; id: number; deadlock?: true } | undefined;
  const vpath = v ? traced(v.id, predicateOf(v), false, v.deadlock ? 'the' : 'invariant') : undefined;
  const all: { invariant: string; id: number; deadlock?: true }[] = [...violations].map(([invariant, id]) => ({ invariant, id }));
  if (deadlockId !== undefined) all.splice(v?.deadlock ? 0 : all.length, 0, { invariant: DEADLOCK, id: deadlockId, deadlock: true });
  return {
    result: v ? 'violation' : bound ? 'incomplete' : 'holds',
    distinctStates: table.size,
    statesGenerated: generated,
    depth: vpath ? Math.max(depth, vpath.length) : depth,
    seconds,
    bound: v ? undefined : bound,
    visitedBytes: table.bytes + parents.bytes,
    memory: { fingerprintBytes: table.bytes, parentBytes: parents.bytes, frontierPeakBytes: frontierPeak, peakRssBytes: guard.peakRss },
    phases: timePhases ? scalePhases(phase, seconds, growMs / 1000) : undefined,
    violation: v ? { invariant: v.invariant, path: vpath!, ...(v.deadlock ? { deadlock: true as const } : {}) } : undefined,
    ...(allViolations
      ? { violations: all.map((x) => ({ invariant: x.invariant, path: x.id === v?.id ? vpath! : traced(x.id, predicateOf(x), false, x.deadlock ? 'the' : 'invariant'), ...(x.deadlock ? { deadlock: true as const } : {}) })) }
      : {}),
    witnesses,
    coverage: coverage.result(initialStates, countFired),
  };
}

function pathTo<S>(inst: Instance<S>, parents: ParentTable, id: number, how: RebuildOptions<S>): PathStep<S>[] {
  return rebuildPath(inst, parents.chain(id).indices, how);
}

/**
 * The sampled phase times as a split of the search's own seconds (sampling proportions are kept; timer
 * overhead on the sampled expansions would otherwise inflate the absolute figures).
 */
function scalePhases(p: { successors: number; fingerprints: number; invariants: number; decode: number; sampled: number }, seconds: number, growth: number): PhaseTimes {
  const sum = p.successors + p.fingerprints + p.invariants + p.decode;
  const k = sum > 0 ? Math.max(0, seconds - growth) / sum : 0;
  return { successors: p.successors * k, fingerprints: p.fingerprints * k, invariants: p.invariants * k, decode: p.decode * k, tableGrowth: growth };
}

/** The first stack frame outside the checker, to say where in the model an exception came from. */
export function modelFrame(err: Error | undefined): string | undefined {
  const lines = err?.stack?.split('\n').slice(1) ?? [];
  const frame = lines.find((l) => !l.includes('/checker/') && !l.includes('node:'));
  return frame ? `thrown ${frame.trim()}` : undefined;
}
