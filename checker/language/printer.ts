// The normalised text of a spec: one item per line, single spaces, comments dropped, and parentheses
// exactly where precedence needs them. `clab parse` prints it; parsing it gives back the same tree
// (a property test checks this on random trees).

import { leftSpine, type BinOp, type Binder, type ConstValueNode, type Expr, type Item, type Spec } from './ast.ts';

/** Binding strength of each binary operator, and which operand may repeat the operator unparenthesised. */
const BIN: Record<BinOp, { prec: number; assoc: 'left' | 'right' | 'none' }> = {
  leadsto: { prec: 1, assoc: 'none' },
  '<=>': { prec: 2, assoc: 'none' },
  '=>': { prec: 3, assoc: 'right' },
  or: { prec: 4, assoc: 'left' },
  and: { prec: 5, assoc: 'left' },
  '=': { prec: 7, assoc: 'none' },
  '!=': { prec: 7, assoc: 'none' },
  '<': { prec: 7, assoc: 'none' },
  '<=': { prec: 7, assoc: 'none' },
  '>': { prec: 7, assoc: 'none' },
  '>=': { prec: 7, assoc: 'none' },
  in: { prec: 7, assoc: 'none' },
  notin: { prec: 7, assoc: 'none' },
  subset: { prec: 7, assoc: 'none' },
  '..': { prec: 8, assoc: 'none' },
  union: { prec: 9, assoc: 'left' },
  minus: { prec: 9, assoc: 'left' },
  inter: { prec: 10, assoc: 'left' },
  '+': { prec: 11, assoc: 'left' },
  '-': { prec: 11, assoc: 'left' },
  '*': { prec: 12, assoc: 'left' },
  '/': { prec: 12, assoc: 'left' },
  '%': { prec: 12, assoc: 'left' },
};
const NOT = 6;
const NEG = 13;
const POSTFIX = 14;
const ATOM = 15;

/** How tightly `e` binds as printed without parentheses (0: open to the right, like `forall`). */
function prec(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      return BIN[e.op].prec;
    case 'unary':
      return e.op === 'not' ? NOT : NEG;
    case 'field':
    case 'index':
      return POSTFIX;
    case 'quant':
    case 'if':
    case 'temporal':
      return 0;
    default:
      return ATOM;
  }
}

const str = (s: string) => JSON.stringify(s);

function at(e: Expr, min: number): string {
  const t = printExpr(e);
  return prec(e) < min ? `(${t})` : t;
}

function binders(bs: readonly Binder[]): string {
  const groups: string[] = [];
  for (let i = 0; i < bs.length; i++) {
    // Consecutive binders over the same domain object were written `x, y in S`.
    const names = [bs[i].name];
    while (i + 1 < bs.length && bs[i + 1].domain === bs[i].domain) names.push(bs[++i].name);
    groups.push(`${names.join(', ')} in ${printExpr(bs[i].domain)}`);
  }
  return groups.join(', ');
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'int':
      return String(e.value);
    case 'bool':
      return String(e.value);
    case 'str':
      return str(e.value);
    case 'name':
      return e.name;
    case 'field':
      return `${at(e.target, POSTFIX)}.${e.field}`;
    case 'index':
      return `${at(e.target, POSTFIX)}[${printExpr(e.index)}]`;
    case 'call':
      return `${e.fn}(${e.args.map(printExpr).join(', ')})`;
    case 'unary':
      return e.op === 'not' ? `not ${at(e.arg, NOT)}` : `-${at(e.arg, NEG)}`;
    case 'temporal':
      return `${e.op} ${printExpr(e.arg)}`;
    case 'binary': {
      // The left spine in a loop (ast.ts leftSpine): a chain of any length prints without deep recursion.
      const { base, nodes } = leftSpine(e);
      let text = printExpr(base);
      let left: Expr = base;
      for (const n of nodes) {
        const { prec: p, assoc } = BIN[n.op];
        const l = prec(left) < (assoc === 'left' ? p : p + 1) ? `(${text})` : text;
        text = `${l} ${n.op} ${at(n.right, assoc === 'right' ? p : p + 1)}`;
        left = n;
      }
      return text;
    }
    case 'if':
      return `if ${printExpr(e.cond)} then ${printExpr(e.then)} else ${printExpr(e.else)}`;
    case 'quant':
      return `${e.q} ${binders(e.binders)}: ${printExpr(e.body)}`;
    case 'setlit':
      return `{${e.elems.map(printExpr).join(', ')}}`;
    case 'filter':
      // The domain binds tighter than `in`, or `{x in a and b : p}` would read as an image.
      return `{${e.binder.name} in ${at(e.binder.domain, BIN['..'].prec)} : ${printExpr(e.pred)}}`;
    case 'image': {
      // `{(x in S) : ...}` keeps its parentheses, or it would read as a filter.
      const head = e.expr.kind === 'binary' && e.expr.op === 'in' && e.expr.left.kind === 'name' ? `(${printExpr(e.expr)})` : printExpr(e.expr);
      return `{${head} : ${binders(e.binders)}}`;
    }
  }
}

export function printConstValue(v: ConstValueNode): string {
  switch (v.kind) {
    case 'int':
      return String(v.value);
    case 'bool':
      return String(v.value);
    case 'name':
      return v.name;
    case 'str':
      return str(v.value);
    case 'range':
      return `${v.lo}..${v.hi}`;
    case 'set':
      return `{${v.elems.map(printConstValue).join(', ')}}`;
  }
}

const PATH = /^\.\.?\/[A-Za-z0-9_.\/-]*$/;

export function printItem(it: Item): string {
  switch (it.kind) {
    case 'spec':
      return `spec ${it.name}`;
    case 'model':
      return `model ${it.isPath && !PATH.test(it.ref) ? str(it.ref) : it.ref}${it.variant !== undefined ? ` variant ${it.variant}` : ''}`;
    case 'const':
      return `const ${it.name} = ${printConstValue(it.value)}`;
    case 'define':
      return `define ${it.name} = ${printExpr(it.expr)}`;
    case 'faults':
      return `faults ${it.fault} <= ${it.max}`;
    case 'bound':
      return `bound ${it.bound} <= ${it.max}`;
    case 'symmetry':
      return 'symmetry';
    case 'fair':
      return `fair ${it.strength} ${it.targetIsString ? str(it.target) : it.target}`;
    case 'invariant':
    case 'sometimes':
    case 'property':
      return `${it.kind} ${it.name}: ${printExpr(it.expr)}`;
  }
}

export function printSpec(spec: Spec): string {
  return spec.items.map(printItem).join('\n') + '\n';
}
