// The readable, JSON-safe picture of a state that traces print and store: the model's show(), or the
// state itself with Sets, Maps and immutable.js collections turned into plain arrays and objects.

import type { Instance } from '../model.ts';
import { modelError } from '../load/model-origin.ts';
import { callShow } from '../load/step-checks.ts';

/**
 * Arrays longer than this are not shown: a sparse array's length can be 2^31 - 1 with one element, and
 * mapping it visited every index (a check spent four minutes on one such initial state before the
 * encoder refused it). No trace of a state this large could be read anyway.
 */
const MAX_SHOWN_LENGTH = 2 ** 24;

/** Thrown by toPlain for a state too large to show; showState words it as the model's fault. */
class TooLarge extends RangeError {}

export function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? v.toString() : v;
  if (Array.isArray(v)) {
    if (v.length > MAX_SHOWN_LENGTH) throw new TooLarge(`an array of length ${v.length} is too long to show (at most ${MAX_SHOWN_LENGTH.toLocaleString('en-US')} elements)`);
    return v.map(toPlain);
  }
  const o = v as { toJS?: () => unknown };
  if (typeof o.toJS === 'function') return toPlain(o.toJS());
  if (v instanceof Set) return [...v].map(toPlain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
}

/**
 * The state as traces show it. A show() that throws or gives no object, or a picture that cannot be made
 * plain data (a cycle or a nesting 100,000 deep overflows toPlain's recursion, a getter or a Proxy trap
 * of the model's throws while it is read, an array too long), is a ModelError naming show() or the state.
 */
export function showState<S>(inst: Instance<S>, s: S): Record<string, unknown> {
  const shown = inst.show ? callShow(inst, s) : s;
  let plain: unknown;
  try {
    plain = toPlain(shown);
  } catch (e) {
    // Anything else thrown here came from the model's own code run by reading the value.
    const why = e instanceof TooLarge ? e.message : e instanceof RangeError ? `${e.message} (it is cyclic or nested too deeply)` : `reading it threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    throw modelError(
      inst,
      inst.show ? 'show' : undefined,
      `${inst.show ? 'show() returned a picture that' : 'a state'} cannot be made plain data: ${why}`,
      inst.show ? 'show(s) must return plain, acyclic data (field → value)' : 'states must be plain, acyclic data (or give the model a show() that returns such a picture)',
    );
  }
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? (plain as Record<string, unknown>) : { state: plain };
}
