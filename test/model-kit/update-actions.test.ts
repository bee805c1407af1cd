// Structural-sharing updates (the original comes back when nothing changes) and next() from named actions.

import { describe, expect, it } from 'vitest';
import { actions, assign, namedActions, setAt, updateAt } from '../../checker/model-kit/index.ts';
import type { Step } from '../../checker/model.ts';

describe('assign, setAt, updateAt', () => {
  it('return the original when nothing changes, a copy sharing the rest otherwise', () => {
    const inner = { x: 1 };
    const o = { a: 1, b: inner };
    expect(assign(o, { a: 1 })).toBe(o);
    expect(assign(o, { b: inner })).toBe(o);
    const o2 = assign(o, { a: 2 });
    expect(o2).toEqual({ a: 2, b: inner });
    expect(o2.b).toBe(inner);
    expect(o).toEqual({ a: 1, b: inner });
    const xs = [inner, { x: 2 }] as const;
    expect(setAt(xs, 0, inner)).toBe(xs);
    const ys = setAt(xs, 1, { x: 3 });
    expect(ys).toEqual([{ x: 1 }, { x: 3 }]);
    expect(ys[0]).toBe(inner);
    expect(updateAt(xs, 0, (e) => e)).toBe(xs);
    expect(updateAt([1, 2], 1, (e) => e + 1)).toEqual([1, 3]);
    expect(() => setAt([1, 2], 2, 5)).toThrow('setAt: index 2 outside 0..1');
  });
});

describe('actions', () => {
  it('calls the actions in the order given and keeps them by name for the profiler', () => {
    const inc = (s: number, out: Step<number>[]) => out.push({ action: { kind: 'inc' }, state: s + 1 });
    const twice = (s: number, out: Step<number>[]) => {
      if (s > 0) out.push({ action: { kind: 'double' }, state: s * 2 }, { action: { kind: 'square' }, state: s * s });
    };
    const next = actions<number>({ inc, twice });
    expect(next(0).map((st) => st.state)).toEqual([1]);
    expect(next(3).map((st) => [st.action.kind, st.state])).toEqual([['inc', 4], ['double', 6], ['square', 9]]);
    expect(namedActions<number>(next)?.map((a) => a.name)).toEqual(['inc', 'twice']);
    expect(namedActions<number>(next)?.[1].fn).toBe(twice);
    expect(namedActions((s: number) => [s])).toBeUndefined();
    expect(() => actions({ bad: 3 as never })).toThrow("actions: 'bad' is not a function");
  });
});
