// The .spec parser, built from typescript-parsec combinators and, for expressions, a few parsers of the
// same interface written by hand. The file is split into items at item keywords (which are reserved, so
// this is exact) and each item is parsed on its own: a mistake in one item is reported and the others are
// still parsed, so several errors show at once. Only short-circuiting combinators are used and every
// alternative is decided by its first token, so parsing is linear. Errors name the farthest token reached
// and everything that could have come there. Expressions: operators by precedence climbing on an explicit
// stack, so neither a long chain nor a run of `not`/`-`/`=>` recurses; brackets and keyword constructs
// recurse a few frames per level, and more than MAX_NESTING levels is a located error.
// One file of about 650 lines, on purpose: the grammar is read best whole, in the order of the language's
// description, and its hand-written expression parsers share the token cursor and the error recovery.

import {
  alt_sc,
  apply,
  kright,
  opt_sc,
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

/**
 * Zero or more `p`, as typescript-parsec's rep_sc but linear: rep_sc copies the list so far at every step,
 * which made a 40,000-element list or chain take seconds.
 */
function many<T>(p: Parser<TK, T>): Parser<TK, T[]> {
  return {
    parse(t) {
      const out: T[] = [];
      let cur = t;
      for (;;) {
        const r = p.parse(cur);
        if (!r.successful || r.candidates[0].nextToken === cur) {
          return { successful: true, candidates: [{ firstToken: t, nextToken: cur, result: out }], error: r.successful ? undefined : r.error };
        }
        out.push(r.candidates[0].result);
        cur = r.candidates[0].nextToken;
      }
    },
  };
}

// ---- expressions ----

const L = (t: Tok): Loc => locOf(t);

const expr = rule<TK, Expr>();

const binder: Parser<TK, Binder[]> = apply(seq(ident('a variable name'), many(kright(op(','), ident('a variable name'))), kw('in'), expr), ([first, more, , domain]) =>
  [first, ...more].map((n) => ({ name: n.text, nameLoc: L(n), domain })),
);
const binders: Parser<TK, Binder[]> = apply(seq(binder, many(kright(op(','), binder))), ([a, rest]) => [...a, ...rest.flat()]);

const intLit = apply(tk((t) => t.kind === TK.Int, 'an integer'), (t): Expr => ({ kind: 'int', value: Number(t.text), loc: L(t) }));
const strLit = apply(tk((t) => t.kind === TK.Str, 'a string'), (t): Expr => ({ kind: 'str', value: unquote(t.text), loc: L(t) }));
const boolLit = apply(tk((t) => t.kind === TK.Keyword && (t.text === 'true' || t.text === 'false'), 'true or false'), (t): Expr => ({ kind: 'bool', value: t.text === 'true', loc: L(t) }));

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
    const rest = many(kright(op(','), expr)).parse(cur);
    if (!rest.successful) return rest;
    return close({ kind: 'setlit', elems: [first, ...rest.candidates[0].result], loc }, rest.candidates[0].nextToken);
  },
};

/** Literals: the primaries that are one token. */
const atom: Parser<TK, Expr> = named(alt_sc(intLit, strLit, boolLit), 'an expression');

/**
 * A name, or a call `f(a, b)`: identifier `t` and what follows. Arguments that do not parse leave the name
 * alone (the call's `(` is then an unexpected token), with the expectations noted on the way: ',' or ')'
 * after an argument, ')' where the arguments stopped.
 */
function nameOrCall(t: Tok): ParserOutput<TK, Expr> {
  const open = t.next;
  const name = () => ok<Expr>({ kind: 'name', name: t.text, loc: L(t) }, t, open);
  if (!isOp(open, '(')) {
    note(open, 'an operator');
    return name();
  }
  const args: Expr[] = [];
  let cur = open!.next;
  if (!isOp(cur, ')')) {
    const first = expr.parse(cur);
    if (first.successful) {
      args.push(first.candidates[0].result);
      cur = first.candidates[0].nextToken;
      for (;;) {
        if (!isOp(cur, ',')) {
          note(cur, "','");
          break;
        }
        const x = expr.parse(cur!.next);
        if (!x.successful) break;
        args.push(x.candidates[0].result);
        cur = x.candidates[0].nextToken;
      }
    }
  }
  if (!isOp(cur, ')')) {
    note(cur, "')'");
    return name();
  }
  return ok<Expr>({ kind: 'call', fn: t.text, args, loc: L(t) }, t, cur!.next);
}

const fail = <T>(): ParserOutput<TK, T> => ({ successful: false, error: { kind: 'Error', pos: undefined, message: 'expected' } });

/** `t` if it is the keyword or operator `text`; otherwise notes `what` there (as `kw`/`op` would). */
function expectTok(t: Tok | undefined, kind: TK, text: string, what = `'${text}'`): Tok | undefined {
  if (t && t.kind === kind && t.text === text) return t;
  note(t, what);
  return undefined;
}

/**
 * A primary expression. The forms that contain expressions (brackets, braces, `if`, quantifiers, temporal
 * operators) are parsed here by hand rather than by combinators, so that each level of nesting costs a few
 * stack frames, not a dozen; they are decided by their first token as before, with the same expectations.
 */
const primary: Parser<TK, Expr> = {
  parse(t) {
    if (!t) return atom.parse(t);
    if (t.kind === TK.Op && t.text === '(') {
      const e = expr.parse(t.next);
      if (!e.successful) return e;
      const c = expectTok(e.candidates[0].nextToken, TK.Op, ')');
      return c ? ok(e.candidates[0].result, t, c.next) : fail();
    }
    if (t.kind === TK.Op && t.text === '{') return braces.parse(t);
    if (t.kind === TK.Ident) return nameOrCall(t);
    if (t.kind !== TK.Keyword) return atom.parse(t);
    const loc = L(t);
    switch (t.text) {
      case 'if': {
        const c = expr.parse(t.next);
        if (!c.successful) return c;
        const th = expectTok(c.candidates[0].nextToken, TK.Keyword, 'then');
        if (!th) return fail();
        const a = expr.parse(th.next);
        if (!a.successful) return a;
        const el = expectTok(a.candidates[0].nextToken, TK.Keyword, 'else');
        if (!el) return fail();
        const b = expr.parse(el.next);
        if (!b.successful) return b;
        return ok<Expr>({ kind: 'if', cond: c.candidates[0].result, then: a.candidates[0].result, else: b.candidates[0].result, loc }, t, b.candidates[0].nextToken);
      }
      case 'forall':
      case 'exists': {
        const bs = binders.parse(t.next);
        if (!bs.successful) return bs;
        const colon = expectTok(bs.candidates[0].nextToken, TK.Op, ':');
        if (!colon) return fail();
        const body = expr.parse(colon.next);
        if (!body.successful) return body;
        return ok<Expr>({ kind: 'quant', q: t.text, binders: bs.candidates[0].result, body: body.candidates[0].result, loc }, t, body.candidates[0].nextToken);
      }
      case 'always':
      case 'eventually': {
        const arg = expr.parse(t.next);
        if (!arg.successful) return arg;
        return ok<Expr>({ kind: 'temporal', op: t.text, arg: arg.candidates[0].result, loc }, t, arg.candidates[0].nextToken);
      }
      default:
        return atom.parse(t);
    }
  },
};

/** A primary followed by any number of `.field` and `[index]`, applied left to right (in a loop). */
const postfix: Parser<TK, Expr> = {
  parse(t) {
    const p = primary.parse(t);
    if (!p.successful) return p;
    let e = p.candidates[0].result;
    let cur = p.candidates[0].nextToken;
    for (;;) {
      if (isOp(cur, '.')) {
        const f = cur!.next;
        if (f?.kind !== TK.Ident) {
          note(f, 'a field name');
          break;
        }
        e = { kind: 'field', target: e, field: f.text, loc: L(f) };
        cur = f.next;
        continue;
      }
      note(cur, 'an operator');
      if (!isOp(cur, '[')) break;
      const i = expr.parse(cur!.next);
      if (!i.successful) break;
      const close = expectTok(i.candidates[0].nextToken, TK.Op, ']');
      if (!close) break;
      e = { kind: 'index', target: e, index: i.candidates[0].result, loc: L(cur!) };
      cur = close.next;
    }
    return ok(e, t, cur);
  },
};

/**
 * Binding strength of each binary operator (higher binds tighter; printer.ts uses the same table) and how
 * a chain of it groups: `left` (a - b - c is (a - b) - c), `right` (a => b => c is a => (b => c)) or `none`
 * (a = b = c is an error). Prefix `not` sits between `and` (5) and the comparisons (7): `not a = b` is
 * not (a = b), and `not` may start an operand of `and`, `or`, `=>`, `<=>` and `leadsto` only. Prefix `-`
 * binds tighter than every binary operator and may start any operand.
 */
const BINARY: ReadonlyMap<string, { readonly prec: number; readonly assoc: 'left' | 'right' | 'none' }> = new Map([
  ['leadsto', { prec: 1, assoc: 'none' }],
  ['<=>', { prec: 2, assoc: 'none' }],
  ['=>', { prec: 3, assoc: 'right' }],
  ['or', { prec: 4, assoc: 'left' }],
  ['and', { prec: 5, assoc: 'left' }],
  ...(['=', '!=', '<', '<=', '>', '>=', 'in', 'notin', 'subset'] as const).map((o) => [o, { prec: 7, assoc: 'none' }] as const),
  ['..', { prec: 8, assoc: 'none' }],
  ['union', { prec: 9, assoc: 'left' }],
  ['minus', { prec: 9, assoc: 'left' }],
  ['inter', { prec: 10, assoc: 'left' }],
  ['+', { prec: 11, assoc: 'left' }],
  ['-', { prec: 11, assoc: 'left' }],
  ['*', { prec: 12, assoc: 'left' }],
  ['/', { prec: 12, assoc: 'left' }],
  ['%', { prec: 12, assoc: 'left' }],
]);
const NOT_PREC = 6;

const binaryOp = (t: Tok | undefined) => (t !== undefined && (t.kind === TK.Op || t.kind === TK.Keyword) ? BINARY.get(t.text) : undefined);

/** An operator waiting for its right operand: a binary operator with its left operand, or a prefix `not`. */
interface Pending {
  /** The binding strength the enclosing operand is parsed at. */
  readonly min: number;
  readonly op: Tok;
  /** Undefined for `not`. */
  readonly left: Expr | undefined;
}

/**
 * Operators and operands: precedence climbing with an explicit stack instead of recursion (one rule per
 * precedence level would recurse about fifty calls deep for every bracket, and once per `not`, `-` and `=>`
 * of a chain). Accepts exactly the grammar of one left-associative, right-associative or non-associative
 * rule per level, and notes the same expectations ('an operator' after every operand), so it errs at the
 * same token with the same message. Long chains (`p1 and p2 and ...`) are parsed in a loop.
 */
const operators: Parser<TK, Expr> = {
  parse(start) {
    const stack: Pending[] = [];
    let min = 0;
    let cur = start;
    for (;;) {
      // An operand: prefix `not` where it may stand, then any number of prefix `-`, then a postfix expression.
      if (min <= NOT_PREC && cur?.kind === TK.Keyword && cur.text === 'not') {
        stack.push({ min, op: cur, left: undefined });
        min = NOT_PREC;
        cur = cur.next;
        continue;
      }
      const minus: Tok[] = [];
      while (isOp(cur, '-')) {
        minus.push(cur!);
        cur = cur!.next;
      }
      const p = postfix.parse(cur);
      if (!p.successful) return p;
      let left = p.candidates[0].result;
      cur = p.candidates[0].nextToken;
      for (let i = minus.length - 1; i >= 0; i--) left = { kind: 'unary', op: '-', arg: left, loc: L(minus[i]) };
      // Operators: take the next one if it binds at least as tightly as this operand's context allows,
      // otherwise the operand is complete and becomes the right operand of the operator waiting for it.
      let max = Infinity;
      for (;;) {
        note(cur, 'an operator');
        const info = binaryOp(cur);
        if (info && info.prec >= min && info.prec <= max) {
          stack.push({ min, op: cur!, left });
          min = info.assoc === 'right' ? info.prec : info.prec + 1;
          cur = cur!.next;
          break;
        }
        const w = stack.pop();
        if (!w) return ok(left, start, cur);
        if (w.left === undefined) {
          left = { kind: 'unary', op: 'not', arg: left, loc: L(w.op) };
          max = NOT_PREC - 1;
        } else {
          const wi = BINARY.get(w.op.text)!;
          left = { kind: 'binary', op: w.op.text as BinOp, left: w.left, right: left, loc: L(w.op) };
          // After `a = b` no other comparison may follow; after `a + b` another `+` may.
          max = wi.assoc === 'none' ? wi.prec - 1 : wi.prec;
        }
        min = w.min;
      }
    }
  },
};

/**
 * How deeply expressions may nest: brackets, call arguments, indexes, field accesses, operands of `not`,
 * `-`, `always`, `eventually` and `if`, each binder of a quantifier or comprehension, and the right operand of
 * every binary operator (so each `=>` of a right-associative chain) count one level; the left operand of a
 * binary operator counts none, so a left-associative chain of any length is one level. Every pass over
 * expressions (type checking, code generation, printing) recurses at most this deep, which fits the
 * default stack with a wide margin (test/language/hostile.test.ts checks each construct at this depth).
 */
export const MAX_NESTING = 256;

/** Thrown by the parser at the token where brackets or keyword constructs nest too deeply. */
class TooDeep {
  constructor(readonly at: Tok | undefined) {}
}

let nesting = 0;

expr.setPattern({
  parse(t) {
    if (nesting >= MAX_NESTING) throw new TooDeep(t);
    nesting++;
    try {
      return operators.parse(t);
    } finally {
      nesting--;
    }
  },
});

const tooDeepMessage = `expressions nested too deeply (more than ${MAX_NESTING} levels)`;
const tooDeepHint = 'name parts of the expression with `define` items, or write it flatter (a chain like `a and b and c` is one level however long)';

/** The first node of `root` nested more than MAX_NESTING levels deep (see MAX_NESTING), found without recursion. */
export function tooDeepNode(root: Expr): Expr | undefined {
  // Nodes to visit and their depths, as two stacks (nothing allocated per node).
  const nodes: Expr[] = [root];
  const depths: number[] = [1];
  const add = (x: Expr, d: number) => {
    nodes.push(x);
    depths.push(d);
  };
  const binders = (bs: readonly Binder[], d: number) => {
    for (let i = 0; i < bs.length; i++) add(bs[i].domain, d + 1 + i);
  };
  while (nodes.length > 0) {
    const e = nodes.pop()!;
    const d = depths.pop()!;
    if (d > MAX_NESTING) return e;
    switch (e.kind) {
      case 'int':
      case 'bool':
      case 'str':
      case 'name':
        break;
      case 'field':
        add(e.target, d + 1);
        break;
      case 'index':
        add(e.index, d + 1);
        add(e.target, d + 1);
        break;
      case 'call':
        for (const x of e.args) add(x, d + 1);
        break;
      case 'unary':
      case 'temporal':
        add(e.arg, d + 1);
        break;
      case 'binary':
        add(e.right, d + 1);
        add(e.left, d);
        break;
      case 'if':
        add(e.else, d + 1);
        add(e.then, d + 1);
        add(e.cond, d + 1);
        break;
      case 'quant':
        add(e.body, d + 1 + e.binders.length);
        binders(e.binders, d);
        break;
      case 'setlit':
        for (const x of e.elems) add(x, d + 1);
        break;
      case 'filter':
        add(e.pred, d + 2);
        add(e.binder.domain, d + 1);
        break;
      case 'image':
        add(e.expr, d + 1 + e.binders.length);
        binders(e.binders, d);
        break;
    }
  }
  return undefined;
}


// ---- items ----

const namePart = tk((t) => t.kind === TK.Ident || t.kind === TK.Keyword || t.kind === TK.Int, 'a name');
/** Names of models, variants and specs may contain dashes: `ignore-accepted`. */
const dashedName = apply(seq(ident(), many(kright(op('-', "'-'"), namePart))), ([a, rest]) => ({ text: [a, ...rest].map((x) => x.text).join('-'), loc: { ...L(a), len: rest.length ? rest[rest.length - 1].pos.columnEnd - a.pos.columnBegin : a.text.length } }));

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
  apply(seq(op('{'), opt_sc(seq(scalarConst, many(kright(op(','), scalarConst)))), op('}')), ([t, body]): ConstValueNode => ({ kind: 'set', elems: body ? [body[0], ...body[1]] : [], loc: L(t) })),
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
  nesting = 0;
  const first = link(chunk);
  let out: ParserOutput<TK, Item>;
  try {
    out = item.parse(first);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    const t = e.at ?? chunk[chunk.length - 1];
    return { diagnostics: [diag(L(t), tooDeepMessage, tooDeepHint)] };
  }
  let leftover: Tok | undefined;
  if (out.successful) {
    const done = out.candidates.find((c) => c.nextToken === undefined);
    if (done) {
      const it = done.result;
      const deep = 'expr' in it ? tooDeepNode(it.expr) : undefined;
      if (deep) return { diagnostics: [diag(deep.loc, tooDeepMessage, tooDeepHint)] };
      return { item: it, diagnostics: [] };
    }
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
