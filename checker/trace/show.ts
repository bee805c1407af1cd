// The readable, JSON-safe picture of a state that traces print and store: the model's show(), or the
// state itself with Sets, Maps and immutable.js collections turned into plain arrays and objects.

import type { Instance } from '../model.ts';
import { callShow } from '../model-checks.ts';

export function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? v.toString() : v;
  if (Array.isArray(v)) return v.map(toPlain);
  const o = v as { toJS?: () => unknown };
  if (typeof o.toJS === 'function') return toPlain(o.toJS());
  if (v instanceof Set) return [...v].map(toPlain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
}

/** The state as traces show it. A show() that throws or gives no object is a ModelError naming show(). */
export function showState<S>(inst: Instance<S>, s: S): Record<string, unknown> {
  const shown = inst.show ? callShow(inst, s) : s;
  const plain = toPlain(shown);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? (plain as Record<string, unknown>) : { state: plain };
}
