// Parent pointers for traces, indexed by discovery order (state id 0, 1, 2, ...): for each state, the id
// of the state it was first reached from (-1 for an initial state) and which successor of that state it
// was (its index in next(parent), or in init()). A trace is rebuilt by following parents up to an initial
// state and replaying init()/next() down the recorded indices, so no fingerprint or state is stored per
// id: 6 bytes a state, in fixed-size chunks (no copying, no over-allocation beyond one chunk).

import { ModelError } from '../errors.ts';
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

/**
 * Replays init()[indices[0]], then next(previous)[indices[k]] for each later index. `seen` (if given)
 * confirms each state was visited; a miss means init() or next() is not deterministic.
 */
export function replayIndices<S>(inst: Instance<S>, indices: readonly number[], seen?: (s: S) => boolean): PathStep<S>[] {
  const inits = inst.init();
  const first = inits[indices[0]];
  if (first === undefined || (seen && !seen(first))) throw new ModelError('could not rebuild the trace: init() changed between calls', 'init() must be pure');
  const path: PathStep<S>[] = [{ action: null, state: first }];
  for (let k = 1; k < indices.length; k++) {
    const step = inst.next(path[k - 1].state)[indices[k]];
    if (step === undefined || (seen && !seen(step.state))) throw new ModelError('could not rebuild the trace: next() changed between calls', 'next() must be pure');
    path.push(step);
  }
  return path;
}
