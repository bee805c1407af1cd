// Checks that a model keeps the API's promises: next() returns well-formed steps (model-checks.ts), leaves
// its input untouched and gives the same successors every time. Run on a sample of states during every
// search (cheap), on every state in tests, and with deep-freezing in debug mode so that a mutation throws
// where it happens.

import { ModelError } from '../errors.ts';
import { encodeState, sameWords } from '../state/fingerprinter.ts';
import type { Instance, Step } from '../model.ts';
import { checkSteps } from '../load/step-checks.ts';


/**
 * Checks the shape of `first`, the successor list already computed from s (`before` is s's encoding taken
 * before that call), then calls next(s) again around encodings of s and compares. Throws ModelError on a
 * breach. (stateId -1: the caller cannot say how the state was reached.)
 */
export function checkPurity<S>(inst: Instance<S>, s: S, stateId: number, before: Uint32Array, first: readonly Step<S>[]): void {
  checkSteps(first, inst, stateId >= 0 ? stateId : undefined);
  const afterFirst = encodeState(inst, s);
  if (!sameWords(before, afterFirst)) {
    throw new ModelError(
      'the model mutated a state: next() changed the state it was given',
      'build successors from copies (e.g. [...arr], {...obj}) instead of assigning into the current state',
      undefined,
      stateId,
    );
  }
  const second = inst.next(s);
  checkSteps(second, inst, stateId >= 0 ? stateId : undefined);
  const sameList =
    second.length === first.length &&
    first.every(
      (st, i) => JSON.stringify(st.action) === JSON.stringify(second[i].action) && sameWords(encodeState(inst, st.state), encodeState(inst, second[i].state)),
    );
  if (!sameList) {
    throw new ModelError(
      'the model is nondeterministic: next() gave different successors for the same state',
      'next() must be a pure function of its state and constants (no Math.random, clocks or shared mutable data)',
      undefined,
      stateId,
    );
  }
}

/** Recursively freezes plain data (debug mode: a model that mutates a state then throws at once). */
export function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}
