// The explored state graph, kept for liveness and valence analysis: state ids from the visited set of
// 64-bit fingerprints (checker/state/fingerprint-set.ts), edges in compressed rows (CSR: the edges of state i are
// edgeTo/edgeAction[offsets[i] .. offsets[i+1])), one interned action id per edge, and one bit per labelling
// predicate per state. Full states are not kept: paths are rebuilt by re-running next() (see paths.ts).
// States are expanded breadth-first in id order, which is what makes the CSR layout possible.

import { ClabError, ModelError } from '../errors.ts';
import { fingerprinter, type Fingerprinter } from '../state/fingerprinter.ts';
import type { Action, Instance } from '../model.ts';
import { canonicalJson } from '../trace/trace-file.ts';
import { FingerprintSet } from '../state/fingerprint-set.ts';
import { modelFrame } from '../search/bfs.ts';
import { stopRequested, type StopReason } from '../search/interrupt.ts';
import { initProblem, stepsProblem } from '../load/step-checks.ts';

/** Action id of the implicit stutter step of a state with no successor. */
export const STUTTER = -1;
/** Target of an edge to a state that maxStates kept out of the graph (never followed). */
export const OUTSIDE = -1;

export interface StateGraph<S> {
  readonly inst: Instance<S>;
  readonly fp: Fingerprinter<S>;
  readonly visited: FingerprintSet;
  /** Number of states discovered. */
  readonly size: number;
  readonly offsets: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeAction: Int32Array;
  readonly edgeCount: number;
  readonly initial: readonly number[];
  readonly actions: readonly Action[];
  /** labels[k][id] = 1 when labelling predicate k holds in state id. */
  readonly labels: readonly Uint8Array[];
  /** Per state, the model's `terminal` verdict (1: an intended final state). */
  readonly terminal: Uint8Array;
  /** Per state, an extra 32-bit word computed by `word` (e.g. a bitmask of decided values). */
  readonly words?: Uint32Array;
  /** True when maxStates (or a stop request) stopped the exploration. */
  readonly truncated: boolean;
  /** Set when a stop request (Ctrl-C, the watchdog) ended discovery: the graph is truncated. */
  readonly stopped?: StopReason;
  readonly seconds: number;
}

/** A graph whose state type does not matter (for the algorithms that only walk ids and edges). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGraph = StateGraph<any>;

export interface GraphOptions<S> {
  readonly labels?: readonly ((s: S) => boolean)[];
  readonly word?: (s: S) => number;
  readonly maxStates?: number;
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let cap = a.length * 2;
  while (cap < need) cap *= 2;
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growU8(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Interns action labels: by object identity first (models often reuse label objects), else by content. */
export class ActionInterner {
  readonly actions: Action[] = [];
  private readonly byObject = new WeakMap<object, number>();
  private readonly byJson = new Map<string, number>();

  id(a: Action): number {
    const known = this.byObject.get(a);
    if (known !== undefined) return known;
    const key = canonicalJson(a);
    let id = this.byJson.get(key);
    if (id === undefined) {
      id = this.actions.length;
      this.actions.push(a);
      this.byJson.set(key, id);
    }
    this.byObject.set(a, id);
    return id;
  }

  /** The id of a label already seen, or -1. */
  find(a: Action): number {
    return this.byObject.get(a) ?? this.byJson.get(canonicalJson(a)) ?? -1;
  }
}

export function buildGraph<S>(inst: Instance<S>, opts: GraphOptions<S> = {}): StateGraph<S> & { interner: ActionInterner } {
  const start = performance.now();
  const fp = fingerprinter(inst);
  const visited = new FingerprintSet(1 << 12);
  const interner = new ActionInterner();
  const preds = opts.labels ?? [];
  const maxStates = opts.maxStates ?? Infinity;
  const out = new Uint32Array(2);
  let offsets = new Int32Array(1 << 12);
  let edgeTo = new Int32Array(1 << 14);
  let edgeAction = new Int32Array(1 << 14);
  let labels = preds.map(() => new Uint8Array(1 << 12));
  let terminal = new Uint8Array(1 << 12);
  let words = opts.word ? new Uint32Array(1 << 12) : undefined;
  let edgeCount = 0;
  let truncated = false;
  let stopped: StopReason | undefined;
  let cap = maxStates;
  const queue: S[] = [];
  let head = 0;
  const initial: number[] = [];

  const discover = (s: S): number => {
    fp(s, out);
    if (visited.size >= cap) {
      const old = visited.get(out[0], out[1]);
      if (old < 0) truncated = true;
      return old;
    }
    const id = visited.add(out[0], out[1]);
    if (id < 0) return -1 - id;
    if (id >= terminal.length) {
      labels = labels.map((l) => growU8(l, id + 1));
      terminal = growU8(terminal, id + 1);
      if (words) {
        const w = new Uint32Array(terminal.length);
        w.set(words);
        words = w;
      }
    }
    for (let k = 0; k < preds.length; k++) labels[k][id] = preds[k](s) ? 1 : 0;
    terminal[id] = inst.terminal?.(s) ? 1 : 0;
    if (words) words[id] = opts.word!(s) >>> 0;
    queue.push(s);
    return id;
  };

  let expanding = -1;
  try {
    for (const s0 of inst.init()) {
      const id = discover(s0);
      if (id >= 0 && !initial.includes(id)) initial.push(id);
    }
    while (head < queue.length) {
      // A stop request ends discovery as maxStates does: the states already found are still expanded
      // (their edges to undiscovered states lead OUTSIDE), so a violation found in the cut graph is real.
      if ((head & 1023) === 0 && !stopped && (stopped = stopRequested())) cap = visited.size;
      const s = queue[head];
      expanding = head;
      offsets = grow(offsets, head + 2);
      offsets[head] = edgeCount;
      const succ = inst.next(s);
      for (const st of succ) {
        // An edge cut off by maxStates leads OUTSIDE: kept, so that what is enabled stays exact.
        const to = discover(st.state);
        edgeTo = grow(edgeTo, edgeCount + 1);
        edgeAction = grow(edgeAction, edgeCount + 1);
        edgeTo[edgeCount] = to < 0 ? OUTSIDE : to;
        edgeAction[edgeCount] = interner.id(st.action);
        edgeCount++;
      }
      if (succ.length === 0) {
        // No successor: the run stays here forever (an implicit stutter step, taken by no fairness class).
        edgeTo = grow(edgeTo, edgeCount + 1);
        edgeAction = grow(edgeAction, edgeCount + 1);
        edgeTo[edgeCount] = head;
        edgeAction[edgeCount] = STUTTER;
        edgeCount++;
      }
      queue[head] = undefined as unknown as S; // the state is no longer needed
      head++;
    }
  } catch (e) {
    if (e instanceof ClabError) throw e;
    // A malformed result (next() gave undefined, a step without a state) is named rather than blamed on the model's throw.
    const malformed = expanding >= 0 ? stepsProblem(inst, queue[expanding], expanding) : initProblem(inst);
    if (malformed) throw malformed;
    const err = e as Error;
    throw new ModelError(`the model threw an error: ${err?.message ?? String(e)}`, modelFrame(err), undefined, expanding >= 0 ? expanding : undefined);
  }
  // Every discovered state is expanded (maxStates stops discovery, not expansion).
  offsets = grow(offsets, head + 1);
  offsets[head] = edgeCount;
  const size = visited.size;
  return {
    inst,
    fp,
    visited,
    interner,
    size,
    offsets,
    edgeTo,
    edgeAction,
    edgeCount,
    initial,
    actions: interner.actions,
    labels,
    terminal,
    words,
    truncated,
    ...(stopped ? { stopped } : {}),
    seconds: (performance.now() - start) / 1000,
  };
}

/** Whether state `id` had no successor (its only edge is the implicit stutter). */
export function isDeadlock(g: AnyGraph, id: number): boolean {
  return g.offsets[id + 1] - g.offsets[id] === 1 && g.edgeAction[g.offsets[id]] === STUTTER;
}
