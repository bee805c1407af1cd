// Structural equality of model data (checker/state/same-data.ts), which the decode check relies on: the
// first differing path, numbers compared with Object.is, collections compared by content.

import { List, Map as IMap, OrderedSet, Record, Set as ISet } from 'immutable';
import { describe, expect, it } from 'vitest';
import { brief, firstDifference } from '../../checker/state/same-data.ts';

const where = (a: unknown, b: unknown) => {
  const d = firstDifference(a, b);
  return d && `${d.path}: ${brief(d.left)} vs ${brief(d.right)}`;
};

describe('firstDifference', () => {
  it('finds the first differing path in plain data', () => {
    expect(where({ ballot: 4294967295, acc: [1, 2] }, { ballot: -1, acc: [1, 2] })).toBe('.ballot: 4294967295 vs -1');
    expect(where({ acc: [{ maxBal: 1 }, { maxBal: 2 }] }, { acc: [{ maxBal: 1 }, { maxBal: 3 }] })).toBe('.acc[1].maxBal: 2 vs 3');
    expect(where({ 'a-b': 1 }, { 'a-b': 2 })).toBe('["a-b"]: 1 vs 2');
    expect(where([1, 2], [1, 2, 3])).toBe(': [1,2] vs [1,2,3]');
    expect(where({ a: 1, b: undefined }, { a: 1 })).toBeUndefined();
    expect(where({ a: 1 }, { a: 1, c: 0 })).toBe('.c: undefined vs 0');
  });

  it('compares numbers with Object.is: -0 is not 0, NaN is NaN', () => {
    expect(where({ x: -0 }, { x: 0 })).toBe('.x: -0 vs 0');
    expect(where({ x: NaN }, { x: NaN })).toBeUndefined();
    expect(where({ x: 1n }, { x: 1n })).toBeUndefined();
    expect(where({ x: '1' }, { x: 1 })).toBe('.x: "1" vs 1');
  });

  it('compares Sets and Maps by content, whatever order they were filled in', () => {
    expect(where(new Set([3, 1, 2]), new Set([1, 2, 3]))).toBeUndefined();
    expect(where(new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }]))).toBeUndefined();
    expect(where({ s: new Set([1, 2]) }, { s: new Set([1, 3]) })).toBe('.s: Set(2) vs Set(2)');
    expect(where(new Map([['a1', 1], ['a2', 2]]), new Map([['a2', 2], ['a1', 1]]))).toBeUndefined();
    expect(where({ m: new Map([['a1', { b: 1 }]]) }, { m: new Map([['a1', { b: 2 }]]) })).toBe('.m.get("a1").b: 1 vs 2');
    expect(where(new Set([1]), [1])).toBe(': Set(1) vs [1]');
  });

  it('compares immutable.js collections by value, ordered ones in order', () => {
    expect(where(ISet([1, 2]), ISet([2, 1]))).toBeUndefined();
    expect(where(List([{ a: 1 }]), List([{ a: 1 }]))).toBeUndefined();
    expect(where(List([{ a: 1 }]), List([{ a: 2 }]))).toBe('[0].a: 1 vs 2');
    expect(where(OrderedSet([1, 2]), OrderedSet([2, 1]))).toBe('[0]: 1 vs 2');
    expect(where(IMap({ x: [1] }), IMap({ x: [2] }))).toBe('.get("x")[0]: 1 vs 2');
    const R = Record({ ballot: 0 });
    expect(where(R({ ballot: -1 }), R({ ballot: -1 }))).toBeUndefined();
    expect(where(R({ ballot: 4294967295 }), R({ ballot: -1 }))).toBe('.ballot: 4294967295 vs -1');
  });

  it('tells class instances from plain objects', () => {
    class Node {
      constructor(readonly id: number) {}
    }
    expect(where(new Node(1), new Node(1))).toBeUndefined();
    expect(where(new Node(1), { id: 1 })).toBe(': Node {"id":1} vs {"id":1}');
    expect(where(Object.create(null), {})).toBeUndefined();
  });
});
