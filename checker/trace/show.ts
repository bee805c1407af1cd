// The readable, JSON-safe picture of a state that traces print and store: the model's show(), or the
// state itself with Sets, Maps and immutable.js collections turned into plain arrays and objects.

import type { Instance } from '../model.ts';
import { modelError } from '../load/model-origin.ts';
import { callShow } from '../load/step-checks.ts';

export function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? v.toString() : v;
  if (Array.isArray(v)) return v.map(toPlain);
  const o = v as { toJS?: () => unknown };
  if (typeof o.toJS === 'function') return toPlain(o.toJS());
  if (v instanceof Set) return [...v].map(toPlain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
}

/**
 * The state as traces show it. A show() that throws or gives no object, or a picture that cannot be made
 * plain data (a cycle overflows toPlain's recursion), is a ModelError naming show() or the state.
 */
export function showState<S>(inst: Instance<S>, s: S): Record<string, unknown> {
  const shown = inst.show ? callShow(inst, s) : s;
  let plain: unknown;
  try {
    plain = toPlain(shown);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw modelError(
      inst,
      inst.show ? 'show' : undefined,
      `${inst.show ? 'show() returned a picture that' : 'a state'} cannot be made plain data: ${e.message}`,
      inst.show ? 'show(s) must return plain, acyclic data (field → value)' : 'states must be plain, acyclic data (or give the model a show() that returns such a picture)',
    );
  }
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? (plain as Record<string, unknown>) : { state: plain };
}
