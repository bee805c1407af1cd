// The grader's canonical form of the child's answers, written without JSON.stringify's replacer, tells two
// parsed JSON values apart exactly when canonicalJson (trace-file.ts) does: the same states become one node.
// (The texts differ only in where integer-like keys go: an object built by canonicalJson's replacer lists
// them first, as every JS object does.)

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalData } from '../../checker/grade/sandbox/validate.ts';
import { canonicalJson } from '../../checker/trace/trace-file.ts';

const parsed = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** The same value with every object's keys in reverse order. */
function reversed(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(reversed);
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
}

it('the same key order or not, equal exactly when canonicalJson says so', () => {
  const value = fc.jsonValue({ maxDepth: 3 });
  fc.assert(
    fc.property(value, value, (a, b) => {
      const [x, y] = [parsed(a), parsed(b)];
      expect(canonicalData(reversed(x))).toBe(canonicalData(x));
      expect(canonicalData(x) === canonicalData(y)).toBe(canonicalJson(x) === canonicalJson(y));
    }),
    { numRuns: 500, seed: 16 },
  );
  // Pairs that are equal but for key order, or differ in one leaf: one generated from the other.
  fc.assert(
    fc.property(value, (a) => {
      const x = parsed(a);
      expect(canonicalData(x) === canonicalData(parsed(reversed(x)))).toBe(true);
      expect(canonicalData({ v: x }) === canonicalData({ v: [x] })).toBe(false);
    }),
    { numRuns: 300, seed: 17 },
  );
  expect(canonicalData(JSON.parse('{"b":[1,{"d":-0,"c":"x"}],"a":null}'))).toBe('{"a":null,"b":[1,{"c":"x","d":0}]}');
});
