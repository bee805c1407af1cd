// Parent pointers for traces, indexed by discovery order (state id 0, 1, 2, ...): for each state, the id
// of the state it was first reached from (-1 for an initial state) and which successor of that state it
// was (its index in next(parent), or in init()). A trace is rebuilt by following parents up to an initial
// state and recomputing, step by step, the state the search reached (next() of the state as the search
// saw it, at the recorded index), then matching it by its words among the live successors (rebuildPath),
// so no fingerprint or state is stored per id: 6 bytes a state, in fixed-size chunks (no copying, no
// over-allocation beyond one chunk).

import { ModelError } from '../errors.ts';
import { Decoder } from '../state/decode.ts';
import { encodeState, sameWords, stateCodec } from '../state/fingerprinter.ts';
import type { Instance } from '../model.ts';
import type { PathStep } from './types.ts';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/** Successor indices from here up are kept in `bigIndex`. */
const WIDE = 0xffff;

export class ParentTable {
  private parents: Int32Array[] = [];
  private indices: Uint16Array[] = [];
  private bigIndex = new Map<number, number>();
  size = 0;

  /** Records the next id's parent and successor index; returns the id. */
  push(parent: number, index: number): number {
    const id = this.size++;
    const c = id >>> CHUNK_BITS;
    if (c === this.parents.length) {
      this.parents.push(new Int32Array(CHUNK));
      this.indices.push(new Uint16Array(CHUNK));
    }
    this.parents[c][id & MASK] = parent;
    if (index >= WIDE) {
      this.indices[c][id & MASK] = WIDE;
      this.bigIndex.set(id, index);
    } else this.indices[c][id & MASK] = index;
    return id;
  }

  parent(id: number): number {
    return this.parents[id >>> CHUNK_BITS][id & MASK];
  }

  index(id: number): number {
    const i = this.indices[id >>> CHUNK_BITS][id & MASK];
    return i === WIDE ? this.bigIndex.get(id)! : i;
  }

  /** Overwrites a state's parent (the parallel search keeps the smallest parent of a level). */
  set(id: number, parent: number, index: number): void {
    this.parents[id >>> CHUNK_BITS][id & MASK] = parent;
    if (index >= WIDE) {
      this.indices[id >>> CHUNK_BITS][id & MASK] = WIDE;
      this.bigIndex.set(id, index);
    } else this.indices[id >>> CHUNK_BITS][id & MASK] = index;
  }

  get bytes(): number {
    return this.parents.length * CHUNK * 6;
  }

  /** Ids from an initial state down to `id`, with the successor index of each. */
  chain(id: number): { ids: number[]; indices: number[] } {
    const ids: number[] = [];
    const indices: number[] = [];
    for (let x = id; x >= 0; x = this.parent(x)) {
      ids.push(x);
      indices.push(this.index(x));
    }
    return { ids: ids.reverse(), indices: indices.reverse() };
  }
}

/** What rebuilding a path needs to know about how the search saw its states. */
export interface RebuildOptions<S> {
  /**
   * The state as the search expanded it: decode(encode(s)) when it keeps its frontier as packed words, else
   * s itself. Successor indices were recorded in next() of that state.
   */
  readonly asSearched: (s: S) => S;
  /** The state's own words (the model's encode, or the generic encoder's), a copy. */
  readonly words: (s: S) => Uint32Array;
  /** Whether the search stored this state (its key fingerprint is in the visited set). */
  readonly seen?: (s: S) => boolean;
}

const RETRY = 'next() must be a pure function of the state\'s data: the same successors for equal states, whatever their representation';

/**
 * The path down the recorded successor indices, as live states: init()[indices[0]], then at each step the
 * successor of the previous live state that is the state the search reached there. That state is
 * recomputed as the search computed it (next() of the previous state as the search saw it, at the recorded
 * index) and matched by its words among next() of the live state, the recorded index tried first: when the
 * order of a model's successors depends on how a state was built (a Set filled in another order), the
 * index alone would pick another successor, and the trace could end in a state that breaks nothing.
 * Throws a ModelError when no successor matches or a state was never stored by the search.
 */
export function rebuildPath<S>(inst: Instance<S>, indices: readonly number[], how: RebuildOptions<S>): PathStep<S>[] {
  const inits = inst.init();
  const first = inits[indices[0]];
  if (first === undefined || (how.seen && !how.seen(first))) throw new ModelError('could not rebuild the trace: init() changed between calls', 'init() must be pure');
  const path: PathStep<S>[] = [{ action: null, state: first }];
  for (let k = 1; k < indices.length; k++) {
    const prev = path[k - 1].state;
    const reached = inst.next(how.asSearched(prev))[indices[k]];
    if (reached === undefined) throw new ModelError(`could not rebuild the trace: next() changed between calls (step ${k})`, RETRY);
    const target = how.words(reached.state);
    const live = inst.next(prev);
    const hint = live[indices[k]];
    const step = hint !== undefined && sameWords(how.words(hint.state), target) ? hint : live.find((st) => sameWords(how.words(st.state), target));
    if (step === undefined || (how.seen && !how.seen(step.state))) {
      throw new ModelError(`could not rebuild the trace: at step ${k}, no successor of the previous state is the state the search reached`, RETRY);
    }
    path.push(step);
  }
  return path;
}

/**
 * Checks a rebuilt path before it is printed: its last state must break (or, for a witness, satisfy) the
 * property the search found there. A model whose behaviour depends on more than its states' data can
 * rebuild into a path that ends elsewhere: that is reported, never printed as a counterexample.
 */
export function verifyPathEnd<S>(path: readonly PathStep<S>[], what: string, holds: (s: S) => boolean, expected: boolean): void {
  if (holds(path[path.length - 1].state) !== expected) {
    throw new ModelError(
      `could not rebuild the trace for ${what}: the rebuilt path ends in a state where it ${expected ? 'is false' : 'holds'}, where the search found it ${expected ? 'true' : 'false'} (the model is impure or not deterministic)`,
      RETRY,
    );
  }
}

/** How the search saw its states: as decode(encode(s)) when its frontier is packed (`packed`), else as is. */
export function rebuildOptions<S>(inst: Instance<S>, packed: boolean, seen?: (s: S) => boolean): RebuildOptions<S> {
  const words = (s: S) => encodeState(inst, s);
  const asSearched = packed
    ? (s: S) => {
        const w = words(s);
        // The model's decode(), or the generic decoder for a model without an encoding of its own.
        return stateCodec(inst).decode!(new Decoder().reset(w, 0, w.length));
      }
    : (s: S) => s;
  return { asSearched, words, seen };
}

