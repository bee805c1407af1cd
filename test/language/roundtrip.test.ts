// Printing then parsing is the identity on random syntax trees (locations aside): the printer puts
// parentheses wherever precedence needs them, and every construct has one normal form.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Binder, BinOp, ConstValueNode, Expr, Item, Spec } from '../../checker/language/ast.ts';
import { KEYWORDS } from '../../checker/language/lexer.ts';
import { parseExpr, parseSpec } from '../../checker/language/parser.ts';
import { printExpr, printSpec } from '../../checker/language/printer.ts';

const loc = { line: 1, col: 1, len: 1 };
const NAMES = ['a', 'b', 'x', 'y1', 'rms', 'msgs_2a', 'weak', 'variant', 'strong', 'Foo', '_z', 'forallx', 'inter_', 'notin2'];
for (const n of NAMES) if (KEYWORDS.has(n)) throw new Error(`test name ${n} is a keyword`);
const name = fc.constantFrom(...NAMES);
const BINOPS: BinOp[] = ['leadsto', '<=>', '=>', 'or', 'and', '=', '!=', '<', '<=', '>', '>=', 'in', 'notin', 'subset', '..', 'union', 'minus', 'inter', '+', '-', '*', '/', '%'];

const { expr } = fc.letrec<{ expr: Expr; binder: Binder }>((tie) => {
  const e = () => tie('expr') as fc.Arbitrary<Expr>;
  const binder = tie('binder') as fc.Arbitrary<Binder>;
  const leaf = fc.oneof(
    fc.nat({ max: 100000 }).map((value): Expr => ({ kind: 'int', value, loc })),
    fc.boolean().map((value): Expr => ({ kind: 'bool', value, loc })),
    fc.string({ maxLength: 6 }).map((value): Expr => ({ kind: 'str', value, loc })),
    name.map((n): Expr => ({ kind: 'name', name: n, loc })),
  );
  return {
    binder: fc.record({ name, nameLoc: fc.constant(loc), domain: e() }),
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constant('field'), target: e(), field: name, loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('index'), target: e(), index: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('call'), fn: name, args: fc.array(e(), { maxLength: 3 }), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('unary'), op: fc.constantFrom('not' as const, '-' as const), arg: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('temporal'), op: fc.constantFrom('always' as const, 'eventually' as const), arg: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('binary'), op: fc.constantFrom(...BINOPS), left: e(), right: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('if'), cond: e(), then: e(), else: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('quant'), q: fc.constantFrom('forall' as const, 'exists' as const), binders: fc.array(binder, { minLength: 1, maxLength: 3 }), body: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('setlit'), elems: fc.array(e(), { maxLength: 3 }), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('filter'), binder, pred: e(), loc: fc.constant(loc) }),
      fc.record({ kind: fc.constant('image'), expr: e(), binders: fc.array(binder, { minLength: 1, maxLength: 2 }), loc: fc.constant(loc) }),
    ) as fc.Arbitrary<Expr>,
  };
});

const dashed = fc.tuple(name, fc.array(fc.oneof(name, fc.constantFrom('in', 'if', '2', '10')), { maxLength: 2 })).map(([a, r]) => [a, ...r].join('-'));
const scalarConst: fc.Arbitrary<ConstValueNode> = fc.oneof(
  fc.integer({ min: -50, max: 50 }).map((value): ConstValueNode => ({ kind: 'int', value, loc })),
  fc.boolean().map((value): ConstValueNode => ({ kind: 'bool', value, loc })),
  name.map((n): ConstValueNode => ({ kind: 'name', name: n, loc })),
  fc.string({ maxLength: 5 }).map((value): ConstValueNode => ({ kind: 'str', value, loc })),
  fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 9 })).map(([lo, hi]): ConstValueNode => ({ kind: 'range', lo, hi, loc })),
);
const constValue = fc.oneof(scalarConst, fc.array(scalarConst, { maxLength: 4 }).map((elems): ConstValueNode => ({ kind: 'set', elems, loc })));

const item: fc.Arbitrary<Item> = fc.oneof(
  dashed.map((n): Item => ({ kind: 'spec', name: n, loc })),
  fc.record({ ref: fc.oneof(dashed, fc.constantFrom('./m.ts', '../models/x-y.ts', 'my model.ts')), variant: fc.option(dashed, { nil: undefined }) }).map(({ ref, variant }): Item => {
    const isPath = ref.includes('.ts');
    return variant === undefined ? { kind: 'model', ref, isPath, loc } : { kind: 'model', ref, isPath, variant, variantLoc: loc, loc };
  }),
  fc.record({ n: name, v: constValue }).map(({ n, v }): Item => ({ kind: 'const', name: n, value: v, loc })),
  fc.record({ k: name, m: fc.nat(1000) }).map(({ k, m }): Item => ({ kind: 'faults', fault: k, max: m, loc, maxLoc: loc })),
  fc.record({ k: name, m: fc.nat(1000) }).map(({ k, m }): Item => ({ kind: 'bound', bound: k, max: m, loc, maxLoc: loc })),
  fc.record({ k: fc.constantFrom('invariant' as const, 'sometimes' as const, 'property' as const), n: name, e: expr }).map(({ k, n, e }): Item => ({ kind: k, name: n, expr: e, loc })),
  fc.record({ n: name, e: expr }).map(({ n, e }): Item => ({ kind: 'define', name: n, expr: e, loc })),
  fc.constant<Item>({ kind: 'symmetry', loc }),
  fc.record({ s: fc.constantFrom('weak' as const, 'strong' as const), t: fc.oneof(name.map((x) => [x, false] as const), fc.string({ maxLength: 5 }).map((x) => [x, true] as const)) }).map(
    ({ s, t }): Item => ({ kind: 'fair', strength: s, target: t[0], targetIsString: t[1], loc }),
  ),
);

/** The tree without source locations. */
function strip(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(strip);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([k]) => !['loc', 'nameLoc', 'variantLoc', 'maxLoc'].includes(k)).map(([k, v]) => [k, strip(v)]));
  return x;
}

describe('print then parse', () => {
  it('is the identity on random expressions', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = printExpr(e);
        const r = parseExpr(text);
        expect(r.diagnostics, text).toEqual([]);
        expect(strip(r.expr)).toEqual(strip(e));
      }),
      { numRuns: 1500 },
    );
  });

  it('is the identity on random specs', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        const spec: Spec = { items };
        const text = printSpec(spec);
        const r = parseSpec(text);
        expect(r.diagnostics, text).toEqual([]);
        expect(strip(r.spec)).toEqual(strip(spec));
      }),
      { numRuns: 500 },
    );
  });

  it('normalises precedence: needed parentheses kept, redundant ones dropped', () => {
    const norm = (s: string) => printExpr(parseExpr(s).expr!);
    expect(norm('((a + b)) * c')).toBe('(a + b) * c');
    expect(norm('a + (b * c)')).toBe('a + b * c');
    expect(norm('a => (b => c)')).toBe('a => b => c');
    expect(norm('(a => b) => c')).toBe('(a => b) => c');
    expect(norm('not (a = b)')).toBe('not a = b');
    expect(norm('(forall x in S: p) and q')).toBe('(forall x in S: p) and q');
    expect(norm('{(x in S) : y in T}')).toBe('{(x in S) : y in T}');
    expect(norm('{x in S : y in T}')).toBe('{x in S : y in T}');
    expect(norm('always eventually p')).toBe('always eventually p');
  });
});
