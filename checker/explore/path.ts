// Rebuilds a trace from parent pointers: only fingerprints and parent ids are stored, so the states and
// actions along a path are recovered by re-running init() and next() and matching fingerprints.

import { ModelError } from '../errors.ts';
import type { Fingerprinter } from '../fingerprinter.ts';
import type { Instance } from '../model.ts';
import type { FingerprintSet } from '../visited.ts';
import type { PathStep } from './types.ts';

export function rebuildPath<S>(inst: Instance<S>, fp: Fingerprinter<S>, visited: FingerprintSet, parents: Int32Array, lastId: number): PathStep<S>[] {
  const ids: number[] = [];
  for (let id = lastId; id >= 0; id = parents[id]) ids.push(id);
  ids.reverse();
  const out = new Uint32Array(2);
  const idOf = (s: S) => {
    fp(s, out);
    return visited.get(out[0], out[1]);
  };
  const first = inst.init().find((s) => idOf(s) === ids[0]);
  if (first === undefined) throw new ModelError('could not rebuild the trace: init() changed between calls', 'init() must be pure');
  const path: PathStep<S>[] = [{ action: null, state: first }];
  for (let i = 1; i < ids.length; i++) {
    const step = inst.next(path[i - 1].state).find((st) => idOf(st.state) === ids[i]);
    if (!step) throw new ModelError('could not rebuild the trace: next() changed between calls', 'next() must be pure', undefined, ids[i - 1]);
    path.push(step);
  }
  return path;
}
