// What a model's functions return, checked: init() gives a non-empty array of states, next() an array of
// { action, state } with well-formed action labels, show() an object, and an invariant's holds() a truth
// value. Run on the first states when a check is configured, on the search's sampled expansions, and
// after an exception, to say which result was malformed rather than blame the checker's TypeError.

import { ClabError, ModelError, nearest } from '../errors.ts';
import type { Instance } from '../model.ts';
import { describeValue, has, isObject, modelError, thrownAt, who } from './model-origin.ts';


// ---------------------------------------------------------------------------------------------------------
// What init(), next() and show() return.

/** Checks init()'s result: a non-empty array of defined states. */
export function checkInits(inits: unknown, inst: unknown): asserts inits is readonly unknown[] {
  if (!Array.isArray(inits)) {
    const hint =
      isObject(inits) && typeof (inits as { then?: unknown }).then === 'function'
        ? 'init() must not be async: return the array itself'
        : inits !== undefined && inits !== null && typeof inits === 'object' && typeof (inits as Iterable<unknown>)[Symbol.iterator] === 'function'
          ? 'return an array (e.g. [...states])'
          : 'init() must return an array of states; for one initial state write init: () => [state]';
    throw modelError(inst, 'init', `init() returned ${describeValue(inits)}, not an array of states`, hint);
  }
  if (inits.length === 0) throw modelError(inst, 'init', 'init() returned no initial states', 'init() must return at least one state: a model without initial states has no behaviour to check');
  const k = inits.findIndex((s) => s === undefined);
  if (k >= 0) throw modelError(inst, 'init', `initial state ${k} is undefined`, 'init() must return an array of states');
}

/** Why an action label is malformed, or undefined. */
function actionProblem(a: unknown): { message: string; hint: string } | undefined {
  const shape = "an action is { kind: 'sends', actor?: 'p1', message?: { type: '2a', ... }, detail?: '...' }";
  if (typeof a === 'string') return { message: `the action is the string ${JSON.stringify(a)}, not an action object`, hint: `write action: { kind: ${JSON.stringify(a)} }; ${shape}` };
  if (!isObject(a)) return { message: `the action is ${describeValue(a)}, not an action object`, hint: shape };
  if (typeof a.kind !== 'string' || a.kind === '') {
    const fields = Object.keys(a);
    return {
      message: a.kind === undefined ? "the action has no 'kind'" : `the action's kind is ${describeValue(a.kind)}, not a non-empty string`,
      hint: a.kind === undefined && fields.length ? `it has the fields ${fields.join(', ')}; the verb goes in 'kind', e.g. { kind: 'sends', actor: 'p1' }` : shape,
    };
  }
  for (const f of ['actor', 'detail'] as const) {
    if (a[f] !== undefined && typeof a[f] !== 'string') return { message: `the action's ${f} is ${describeValue(a[f])}, not a string`, hint: shape };
  }
  const msgs: [string, unknown][] = a.message !== undefined ? [['message', a.message]] : [];
  if (a.received !== undefined) {
    if (!Array.isArray(a.received)) return { message: `the action's received is ${describeValue(a.received)}, not an array of messages`, hint: shape };
    msgs.push(...a.received.map((m, k): [string, unknown] => [`received[${k}]`, m]));
  }
  for (const [where, m] of msgs) {
    if (!isObject(m) || typeof m.type !== 'string') return { message: `the action's ${where} is ${describeValue(m)}, not a message { type, ...fields }`, hint: shape };
  }
  return undefined;
}

/**
 * Checks next()'s result: an array of { action, state } with a well-formed action label and a defined
 * state. `stateId` is the state's id in the search, so the error can say how it was reached.
 */
export function checkSteps(list: unknown, inst: unknown, stateId?: number): void {
  const stepShape = "a step is { action: { kind: 'sends', ... }, state: <the next state> }";
  if (!Array.isArray(list)) {
    const hint =
      isObject(list) && typeof (list as { then?: unknown }).then === 'function'
        ? 'next() must not be async: return the array itself'
        : isObject(list) && 'action' in list && 'state' in list
          ? 'wrap the step in an array: return [{ action, state }]'
          : list !== null && typeof list === 'object' && typeof (list as Iterable<unknown>)[Symbol.iterator] === 'function'
            ? 'return an array (e.g. [...steps]), not an iterator'
            : 'next(s) must return an array of { action, state }: [] when no step is enabled';
    throw modelError(inst, 'next', `next() returned ${describeValue(list)}, not an array of steps`, hint, stateId);
  }
  for (let k = 0; k < list.length; k++) {
    const st: unknown = list[k];
    if (!isObject(st)) {
      throw modelError(inst, 'next', `step ${k} of next() is ${describeValue(st)}, not { action, state }`, typeof st === 'string' ? `write { action: { kind: ${JSON.stringify(st)} }, state }; ${stepShape}` : stepShape, stateId);
    }
    for (const f of ['action', 'state'] as const) {
      if (st[f] === undefined) {
        const near = nearest(f, Object.keys(st));
        throw modelError(inst, 'next', `step ${k} of next() has no '${f}'`, near && near !== f ? `did you mean '${f}' (it has '${near}')?` : stepShape, stateId);
      }
    }
    const p = actionProblem(st.action);
    if (p) throw modelError(inst, 'next', `step ${k} of next(): ${p.message}`, p.hint, stateId);
  }
}

/** Calls show() and checks it gives an object (field → value). */
export function callShow<S>(inst: Instance<S>, s: S): unknown {
  let shown: unknown;
  try {
    shown = inst.show!(s);
  } catch (e) {
    if (e instanceof ClabError) throw e;
    const loc = thrownAt(e, inst);
    throw new ModelError(`${who(inst, loc)}show() threw an error: ${(e as Error)?.message ?? String(e)}`, 'show(s) must return a readable picture of any reachable state', loc);
  }
  if (!isObject(shown)) throw modelError(inst, 'show', `show() returned ${describeValue(shown)}, not an object field → value`, 'show(s) returns e.g. { round: s.round, decided: [...s.decided] }');
  return shown;
}

/**
 * Calls an invariant's holds() on a state and checks its answer can be read as a truth value. The search
 * reads truthiness, so `undefined` (a body in braces without `return`) would read as "violated" on every
 * state, and a Promise (an async holds) or a function as "holds" on every state, whatever the model does.
 */
export function checkHolds(inst: unknown, name: string, holds: (s: unknown) => unknown, s: unknown): void {
  let v: unknown;
  try {
    v = holds(s);
  } catch (e) {
    if (e instanceof ClabError) throw e;
    const loc = thrownAt(e, inst);
    throw new ModelError(`${who(inst, loc)}invariant '${name}' threw an error on an initial state: ${(e as Error)?.message ?? String(e)}`, undefined, loc);
  }
  const thenable = typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
  if (v === undefined || thenable || typeof v === 'function') {
    const hint = thenable ? 'holds(s) must not be async: return the boolean itself' : v === undefined ? 'holds(s) must return true or false (a function body in braces needs `return`)' : 'holds(s) must return true or false: call the function';
    throw modelError(inst, name, `invariant '${name}': holds() returned ${describeValue(v)}, not a boolean`, hint);
  }
}

// ---------------------------------------------------------------------------------------------------------
// After an exception: was it a malformed result rather than the model's own throw?

/** A shape error in init()'s result, or undefined (also when init() throws: that is the model's own error). */
export function initProblem<S>(inst: Instance<S>): ModelError | undefined {
  try {
    checkInits(inst.init(), inst);
    return undefined;
  } catch (e) {
    return e instanceof ModelError ? e : undefined;
  }
}

/** A shape error in next(s)'s result, or undefined. */
export function stepsProblem<S>(inst: Instance<S>, s: S, stateId?: number): ModelError | undefined {
  // An undefined state comes from a step without one: the search stored it and failed when expanding it.
  if (s === undefined) return modelError(inst, 'next', "a step of next() has no 'state' (the search met an undefined state)", "a step is { action: { kind: 'sends', ... }, state: <the next state> }");
  try {
    checkSteps(inst.next(s), inst, stateId);
    return undefined;
  } catch (e) {
    return e instanceof ModelError ? e : undefined;
  }
}

/**
 * Replays init() and next() down a recorded path (state ids and successor indices, as ParentTable.chain
 * gives them) and checks every result on the way, including the last state's successors: the first
 * malformed one, or undefined. A successor without a state, for example, only fails when the search
 * expands that undefined state, one level after the step that was wrong. `asSearched` gives each state as
 * the search expanded it (decoded from its words, when the search keeps them packed), since the recorded
 * indices are positions in next() of that state.
 */
export function pathProblem<S>(inst: Instance<S>, ids: readonly number[], indices: readonly number[], asSearched: (s: S) => S = (s) => s): ModelError | undefined {
  try {
    const inits = inst.init();
    checkInits(inits, inst);
    if (ids.length === 0) return undefined;
    let s = inits[indices[0]];
    for (let k = 0; k < ids.length; k++) {
      const list = inst.next(asSearched(s));
      checkSteps(list, inst, ids[k]);
      if (k + 1 < ids.length) s = list[indices[k + 1]].state;
    }
    return undefined;
  } catch (e) {
    return e instanceof ModelError ? e : undefined;
  }
}
