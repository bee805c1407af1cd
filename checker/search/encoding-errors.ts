// Where a state that cannot be encoded came from, for the error message: a value that is not model data
// (generic/model-data.ts) is in a state init() or next() returned, so the error names that function's
// line in the model file; a write out of range is in the model's encode(), named by its frame in the
// stack. Either way the search's trace to the state being expanded is shown with it.

import { StateEncodingError } from '../state/encoder.ts';
import { modelError, thrownAt, who } from '../load/model-origin.ts';
import { ModelError } from '../errors.ts';

/** `e` with the model's name, its place in the model file and the state being expanded, if it is an encoding error. */
export function placeEncodingError(e: unknown, inst: unknown, expandingId: number): unknown {
  if (!(e instanceof StateEncodingError) || e.stateId !== undefined) return e;
  const stateId = expandingId >= 0 ? expandingId : undefined;
  const from = expandingId >= 0 ? 'in a state next() returned' : 'in an initial state';
  if (e.origin === 'data') return modelError(inst, expandingId >= 0 ? 'next' : 'init', `${e.message} (${from})`, e.hint, stateId);
  const loc = thrownAt(e, inst);
  return new ModelError(`${who(inst, loc)}${e.message} (${from})`, e.hint, loc, stateId);
}
