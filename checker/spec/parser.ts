// The .spec parser, built from typescript-parsec combinators. The file is split into items at item
// keywords (which are reserved, so this is exact) and each item is parsed on its own: a mistake in one item
// is reported and the others are still parsed, so several errors show at once. Only short-circuiting
// combinators are used and every alternative is decided by its first token, so parsing is linear.
// Errors name the farthest token reached and everything that could have come there.

import {
  alt_sc,
  apply,
  kleft,
  kmid,
  kright,
  opt_sc,
  rep_sc,
  rule,
  seq,
  type Parser,
  type ParserOutput,
} from 'typescript-parsec';
import type { Binder, BinOp, ConstValueNode, Expr, Item, Loc, Spec } from './ast.ts';
import { diag, type Diagnostic } from './diagnostics.ts';
import { nearest } from '../errors.ts';
import { EXPR_KEYWORDS, ITEM_KEYWORDS, link, locOf, TK, tokenize, unquote, type Tok } from './lexer.ts';

// ---- expectation tracking: the farthest failure and what was expected there ----

let farthest = -1;
let farthestTok: Tok | undefined;
let expected: string[] = [];

function note(t: Tok | undefined, what: string): void {
  const at = t ? t.pos.index : Number.MAX_SAFE_INTEGER;
  if (at > farthest) {
    farthest = at;
    farthestTok = t;
    expected = [what];
  } else if (at === farthest && !expected.includes(what)) expected.push(what);
}

const farthestToken = (): Tok | undefined => farthestTok;

/** A token satisfying `test`, described as `what` in errors. */
function tk(test: (t: Tok) => boolean, what: string): Parser<TK, Tok> {
  return {
    parse(t) {
      if (t && test(t)) return { successful: true, candidates: [{ firstToken: t, nextToken: t.next, result: t }], error: undefined };
      note(t, what);
      return { successful: false, error: { kind: 'Error', pos: t?.pos, message: what } };
    },
  };
}
const op = (text: string, what = `'${text}'`) => tk((t) => t.kind === TK.Op && t.text === text, what);
const kw = (text: string, what = `'${text}'`) => tk((t) => t.kind === TK.Keyword && t.text === text, what);
const ident = (what = 'a name') => tk((t) => t.kind === TK.Ident, what);
/** Contextual words (`variant`, `weak`, `strong`): identifiers with a given text. */
const word = (text: string) => tk((t) => t.kind === TK.Ident && t.text === text, `'${text}'`);

/** Reports `p`'s failures at its first token as the single expectation `what`. */
function named<T>(p: Parser<TK, T>, what: string): Parser<TK, T> {
  return {
    parse(t) {
      const saved = { farthest, farthestTok, expected: expected.slice() };
      const out = p.parse(t);
      const start = t ? t.pos.index : Number.MAX_SAFE_INTEGER;
      if (!out.successful && farthest === start) {
        ({ farthest, farthestTok } = saved);
        expected = saved.expected;
        note(t, what);
      }
      return out;
    },
  };
}

// ---- expressions ----

const L = (t: Tok): Loc => locOf(t);

const expr = rule<TK, Expr>();

const binder: Parser<TK, Binder[]> = apply(seq(ident('a variable name'), rep_sc(kright(op(','), ident('a variable name'))), kw('in'), expr), ([first, more, , domain]) =>
  [first, ...more].map((n) => ({ name: n.text, nameLoc: L(n), domain })),
);
const binders: Parser<TK, Binder[]> = apply(seq(binder, rep_sc(kright(op(','), binder))), ([a, rest]) => [...a, ...rest.flat()]);

const intLit = apply(tk((t) => t.kind === TK.Int, 'an integer'), (t): Expr => ({ kind: 'int', value: Number(t.text), loc: L(t) }));
const strLit = apply(tk((t) => t.kind === TK.Str, 'a string'), (t): Expr => ({ kind: 'str', value: unquote(t.text), loc: L(t) }));
const boolLit = apply(tk((t) => t.kind === TK.Keyword && (t.text === 'true' || t.text === 'false'), 'true or false'), (t): Expr => ({ kind: 'bool', value: t.text === 'true', loc: L(t) }));
const args = apply(kmid(op('(', 'an operator'), opt_sc(apply(seq(expr, rep_sc(kright(op(','), expr))), ([a, r]) => [a, ...r])), op(')')), (xs) => xs ?? []);
const nameOrCall = apply(seq(ident(), opt_sc(args)), ([t, a]): Expr => (a ? { kind: 'call', fn: t.text, args: a, loc: L(t) } : { kind: 'name', name: t.text, loc: L(t) }));
const paren = kmid(op('('), expr, op(')'));

function ok<T>(value: T, first: Tok | undefined, next: Tok | undefined): ParserOutput<TK, T> {
  return { successful: true, candidates: [{ firstToken: first, nextToken: next, result: value }], error: undefined };
}
const isOp = (t: Tok | undefined, text: string) => t !== undefined && t.kind === TK.Op && t.text === text;

/**
 * Braces: `{}`, `{a, b}`, `{x in S : p}` (filter) and `{e : x in S, ...}` (image). Decided after the first
 * expression: `:` after `x in S` (x written bare, not in parentheses) starts a filter's predicate, `:`
 * after anything else starts an image's binders.
 */
const braces: Parser<TK, Expr> = {
  parse(t) {
    const open = op('{').parse(t);
    if (!open.successful) return open;
    const loc = L(open.candidates[0].result);
    let cur = open.candidates[0].nextToken;
    const close = (e: Expr, at: Tok | undefined): ParserOutput<TK, Expr> => {
      const c = op('}').parse(at);
      return c.successful ? ok(e, t, c.candidates[0].nextToken) : c;
    };
    if (isOp(cur, '}')) return ok<Expr>({ kind: 'setlit', elems: [], loc }, t, cur!.next);
    const bareName = cur?.kind === TK.Ident;
    const f = expr.parse(cur);
    if (!f.successful) return f;
    const first = f.candidates[0].result;
    cur = f.candidates[0].nextToken;
    if (isOp(cur, ':')) {
      if (bareName && first.kind === 'binary' && first.op === 'in' && first.left.kind === 'name') {
        const p = expr.parse(cur!.next);
        if (!p.successful) return p;
        const binder = { name: first.left.name, nameLoc: first.left.loc, domain: first.right };
        return close({ kind: 'filter', binder, pred: p.candidates[0].result, loc }, p.candidates[0].nextToken);
      }
      const b = binders.parse(cur!.next);
      if (!b.successful) return b;
      return close({ kind: 'image', expr: first, binders: b.candidates[0].result, loc }, b.candidates[0].nextToken);
    }
    const rest = rep_sc(kright(op(','), expr)).parse(cur);
    if (!rest.successful) return rest;
    return close({ kind: 'setlit', elems: [first, ...rest.candidates[0].result], loc }, rest.candidates[0].nextToken);
  },
};

const primary: Parser<TK, Expr> = named(
  alt_sc(
    intLit,
    strLit,
    boolLit,
    nameOrCall,
    paren,
    braces,
    apply(seq(kw('if'), expr, kw('then'), expr, kw('else'), expr), ([t, c, , a, , b]): Expr => ({ kind: 'if', cond: c, then: a, else: b, loc: L(t) })),
    apply(seq(tk((t) => t.kind === TK.Keyword && (t.text === 'forall' || t.text === 'exists'), 'forall or exists'), binders, op(':'), expr), ([t, bs, , body]): Expr => ({
      kind: 'quant',
      q: t.text as 'forall' | 'exists',
      binders: bs,
      body,
      loc: L(t),
    })),
    apply(seq(tk((t) => t.kind === TK.Keyword && (t.text === 'always' || t.text === 'eventually'), 'always or eventually'), expr), ([t, arg]): Expr => ({
      kind: 'temporal',
      op: t.text as 'always' | 'eventually',
      arg,
      loc: L(t),
    })),
  ),
  'an expression',
);

type Postfix = { tag: 'field'; t: Tok } | { tag: 'index'; t: Tok; e: Expr };
const postfix = apply(
  seq(
    primary,
    rep_sc(
      alt_sc(
        apply(kright(op('.', 'an operator'), ident('a field name')), (t): Postfix => ({ tag: 'field', t })),
        apply(seq(op('[', 'an operator'), expr, op(']')), ([t, e]): Postfix => ({ tag: 'index', t, e })),
      ),
    ),
  ),
  ([p, ps]) =>
    ps.reduce<Expr>((acc, x) => (x.tag === 'field' ? { kind: 'field', target: acc, field: x.t.text, loc: L(x.t) } : { kind: 'index', target: acc, index: x.e, loc: L(x.t) }), p),
);

const unaryMinus = rule<TK, Expr>();
unaryMinus.setPattern(alt_sc(apply(seq(op('-', 'an expression'), unaryMinus), ([t, a]): Expr => ({ kind: 'unary', op: '-', arg: a, loc: L(t) })), postfix));

const opTok = (ops: readonly string[]) =>
  tk((t) => (t.kind === TK.Op || t.kind === TK.Keyword) && ops.includes(t.text), 'an operator');

/** A left-associative binary level. */
function leftAssoc(sub: Parser<TK, Expr>, ops: readonly string[]): Parser<TK, Expr> {
  return apply(seq(sub, rep_sc(seq(opTok(ops), sub))), ([a, rest]) =>
    rest.reduce<Expr>((l, [t, r]) => ({ kind: 'binary', op: t.text as BinOp, left: l, right: r, loc: L(t) }), a),
  );
}
/** A non-associative level: at most one operator. */
function nonAssoc(sub: Parser<TK, Expr>, ops: readonly string[]): Parser<TK, Expr> {
  return apply(seq(sub, opt_sc(seq(opTok(ops), sub))), ([a, rest]): Expr => (rest ? { kind: 'binary', op: rest[0].text as BinOp, left: a, right: rest[1], loc: L(rest[0]) } : a));
}

const mul = leftAssoc(unaryMinus, ['*', '/', '%']);
const add = leftAssoc(mul, ['+', '-']);
const inter = leftAssoc(add, ['inter']);
const union = leftAssoc(inter, ['union', 'minus']);
const range = nonAssoc(union, ['..']);
const cmp = nonAssoc(range, ['=', '!=', '<', '<=', '>', '>=', 'in', 'notin', 'subset']);
const not = rule<TK, Expr>();
not.setPattern(alt_sc(apply(seq(kw('not', 'an expression'), not), ([t, a]): Expr => ({ kind: 'unary', op: 'not', arg: a, loc: L(t) })), cmp));
const and = leftAssoc(not, ['and']);
const or = leftAssoc(and, ['or']);
const implies = rule<TK, Expr>();
implies.setPattern(apply(seq(or, opt_sc(seq(opTok(['=>']), implies))), ([a, rest]): Expr => (rest ? { kind: 'binary', op: '=>', left: a, right: rest[1], loc: L(rest[0]) } : a)));
const equiv = nonAssoc(implies, ['<=>']);
const leadsto = nonAssoc(equiv, ['leadsto']);
expr.setPattern(leadsto);


// ---- items ----

const namePart = tk((t) => t.kind === TK.Ident || t.kind === TK.Keyword || t.kind === TK.Int, 'a name');
/** Names of models, variants and specs may contain dashes: `ignore-accepted`. */
const dashedName = apply(seq(ident(), rep_sc(kright(op('-', "'-'"), namePart))), ([a, rest]) => ({ text: [a, ...rest].map((x) => x.text).join('-'), loc: { ...L(a), len: rest.length ? rest[rest.length - 1].pos.columnEnd - a.pos.columnBegin : a.text.length } }));

const signedInt = apply(seq(opt_sc(op('-', 'an integer')), tk((t) => t.kind === TK.Int, 'an integer')), ([m, t]) => ({ value: m ? -Number(t.text) : Number(t.text), loc: m ? { ...L(m), len: t.pos.columnEnd - m.pos.columnBegin } : L(t) }));

const scalarConst: Parser<TK, ConstValueNode> = named(
  alt_sc(
    apply(seq(signedInt, opt_sc(kright(op('..', "'..'"), signedInt))), ([lo, hi]): ConstValueNode => (hi ? { kind: 'range', lo: lo.value, hi: hi.value, loc: lo.loc } : { kind: 'int', value: lo.value, loc: lo.loc })),
    apply(tk((t) => t.kind === TK.Keyword && (t.text === 'true' || t.text === 'false'), 'true or false'), (t): ConstValueNode => ({ kind: 'bool', value: t.text === 'true', loc: L(t) })),
    apply(ident(), (t): ConstValueNode => ({ kind: 'name', name: t.text, loc: L(t) })),
    apply(tk((t) => t.kind === TK.Str, 'a string'), (t): ConstValueNode => ({ kind: 'str', value: unquote(t.text), loc: L(t) })),
  ),
  'a value (an integer, a range like 1..3, a name, a string, or a set like {a, b})',
);
const constValue: Parser<TK, ConstValueNode> = named(alt_sc(
  apply(seq(op('{'), opt_sc(seq(scalarConst, rep_sc(kright(op(','), scalarConst)))), op('}')), ([t, body]): ConstValueNode => ({ kind: 'set', elems: body ? [body[0], ...body[1]] : [], loc: L(t) })),
  scalarConst,
), 'a value (an integer, a range like 1..3, a name, a string, or a set like {a, b})');

const propertyItem = (k: 'invariant' | 'sometimes' | 'property') =>
  apply(seq(kw(k), ident(`a name for the ${k}`), op(':'), expr), ([, n, , e]): Item => ({ kind: k, name: n.text, expr: e, loc: L(n) }));

const item: Parser<TK, Item> = alt_sc(
  apply(seq(kw('spec'), dashedName), ([, n]): Item => ({ kind: 'spec', name: n.text, loc: n.loc })),
  apply(
    seq(
      kw('model'),
      alt_sc(
        apply(tk((t) => t.kind === TK.Path || t.kind === TK.Str, 'a model name or a path like ./model.ts'), (t) => ({ text: t.kind === TK.Str ? unquote(t.text) : t.text, loc: L(t), isPath: true })),
        apply(named(dashedName, 'a model name or a path like ./model.ts'), (n) => ({ ...n, isPath: false })),
      ),
      opt_sc(kright(word('variant'), dashedName)),
    ),
    ([, m, v]): Item => ({ kind: 'model', ref: m.text, isPath: m.isPath, loc: m.loc, ...(v ? { variant: v.text, variantLoc: v.loc } : {}) }),
  ),
  apply(seq(kw('const'), ident('a constant name'), op('='), constValue), ([, n, , v]): Item => ({ kind: 'const', name: n.text, value: v, loc: L(n) })),
  apply(seq(kw('define'), ident('a name for the definition'), op('='), expr), ([, n, , e]): Item => ({ kind: 'define', name: n.text, expr: e, loc: L(n) })),
  apply(seq(kw('faults'), ident('a fault kind (crash, byzantine, ...)'), op('<='), tk((t) => t.kind === TK.Int, 'an integer')), ([, k, , m]): Item => ({ kind: 'faults', fault: k.text, max: Number(m.text), loc: L(k), maxLoc: L(m) })),
  apply(seq(kw('bound'), ident('depth or states'), op('<='), tk((t) => t.kind === TK.Int, 'an integer')), ([, k, , m]): Item => ({ kind: 'bound', bound: k.text, max: Number(m.text), loc: L(k), maxLoc: L(m) })),
  propertyItem('invariant'),
  propertyItem('sometimes'),
  propertyItem('property'),
  apply(seq(kw('fair'), alt_sc(word('weak'), word('strong')), alt_sc(ident('a process or an action kind'), tk((t) => t.kind === TK.Str, 'a process or an action kind'))), ([, s, t]): Item => ({
    kind: 'fair',
    strength: s.text as 'weak' | 'strong',
    target: t.kind === TK.Str ? unquote(t.text) : t.text,
    targetIsString: t.kind === TK.Str,
    loc: L(t),
  })),
  apply(kw('symmetry'), (t): Item => ({ kind: 'symmetry', loc: L(t) })),
);

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

/** Unbalanced brackets in one item, reported at the bracket itself. */
function bracketErrors(chunk: readonly Tok[], what: string): Diagnostic[] {
  const stack: Tok[] = [];
  for (const t of chunk) {
    if (t.kind !== TK.Op) continue;
    if (OPEN[t.text]) stack.push(t);
    else if (CLOSE.has(t.text)) {
      const o = stack.pop();
      if (!o) return [diag(L(t), `unmatched '${t.text}'`, 'remove it, or add the opening bracket it closes')];
      if (OPEN[o.text] !== t.text) return [diag(L(t), `'${o.text}' at ${o.pos.rowBegin}:${o.pos.columnBegin} is closed by '${t.text}'`, `expected '${OPEN[o.text]}'`)];
    }
  }
  const o = stack.pop();
  return o ? [diag(L(o), `unclosed '${o.text}': no matching '${OPEN[o.text]}' before the end of the ${what}`)] : [];
}

const ITEM_LIST = ITEM_KEYWORDS.join(', ');

function orList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

function describeTok(t: Tok): string {
  return t.kind === TK.Str ? `string ${t.text}` : `'${t.text}'`;
}

/** Parses one item's tokens; a located error if they do not form the item. */
function parseItem(chunk: readonly Tok[], prevLine: number): { item?: Item; diagnostics: Diagnostic[] } {
  const head = chunk[0];
  const what = head.kind === TK.Keyword ? head.text : 'item';
  const brackets = bracketErrors(chunk, what);
  if (brackets.length) return { diagnostics: brackets };
  farthest = -1;
  farthestTok = undefined;
  expected = [];
  const first = link(chunk);
  const out = item.parse(first);
  let leftover: Tok | undefined;
  if (out.successful) {
    const done = out.candidates.find((c) => c.nextToken === undefined);
    if (done) return { item: done.result, diagnostics: [] };
    leftover = out.candidates[0].nextToken;
    note(leftover, `the end of the ${what}`);
  }
  if (head.kind !== TK.Keyword) {
    const near = head.kind === TK.Ident ? nearest(head.text, ITEM_KEYWORDS) : undefined;
    return { diagnostics: [diag(L(head), `unexpected ${describeTok(head)}; expected an item (${ITEM_LIST})`, near ? `did you mean '${near}'?` : undefined)] };
  }
  const at = farthestToken();
  const exp = `expected ${orList(expected)}`;
  if (!at) {
    const last = chunk[chunk.length - 1];
    const loc = { line: last.pos.rowEnd, col: last.pos.columnEnd, len: 1 };
    return { diagnostics: [diag(loc, `unexpected end of the ${what}; ${exp}`, keywordHint(chunk, chunk.length))] };
  }
  const idx = chunk.findIndex((t) => t.pos.index === at.pos.index);
  let hint = keywordHint(chunk, idx);
  if (!hint && at.kind === TK.Ident && (idx === 0 || chunk[idx - 1].pos.rowEnd < at.pos.rowBegin || at.pos.rowBegin > prevLine)) {
    const near = nearest(at.text, ITEM_KEYWORDS);
    if (near && near !== at.text) hint = `did you mean '${near}'? (items start with ${ITEM_LIST})`;
  }
  if (!hint && at.kind === TK.Keyword && expected.some((e) => e.startsWith('a name'))) hint = `'${at.text}' is a reserved word`;
  return { diagnostics: [diag(L(at), `unexpected ${describeTok(at)}; ${exp}`, hint)] };
}

/** "'foral' is not a keyword": the token before position `idx` is a misspelt expression keyword. */
function keywordHint(chunk: readonly Tok[], idx: number): string | undefined {
  const prev = chunk[idx - 1];
  if (!prev || prev.kind !== TK.Ident || prev.text.length < 3) return undefined;
  const near = nearest(prev.text, EXPR_KEYWORDS.filter((k) => k.length > 2));
  return near && near !== prev.text ? `'${prev.text}' is not a keyword; did you mean '${near}'?` : undefined;
}

export interface ParseResult {
  readonly spec: Spec;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses a whole file: every item that parses, and a diagnostic for each one that does not. */
export function parseSpec(source: string): ParseResult {
  const { tokens, diagnostics } = tokenize(source);
  const items: Item[] = [];
  const ds: Diagnostic[] = [...diagnostics];
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || (tokens[i].kind === TK.Keyword && (ITEM_KEYWORDS as readonly string[]).includes(tokens[i].text))) {
      const chunk = tokens.slice(start, i);
      const prevLine = start > 0 ? tokens[start - 1].pos.rowEnd : 0;
      const r = parseItem(chunk, prevLine);
      if (r.item) items.push(r.item);
      ds.push(...r.diagnostics);
      start = i;
    }
  }
  return { spec: { items }, diagnostics: ds };
}

/** Parses a single expression (tests, tools). */
export function parseExpr(source: string): { expr?: Expr; diagnostics: readonly Diagnostic[] } {
  const r = parseSpec(`invariant _e: ${source}`);
  const it = r.spec.items[0];
  return { expr: it && it.kind === 'invariant' ? it.expr : undefined, diagnostics: r.diagnostics };
}
