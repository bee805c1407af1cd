// The syntax tree of a .spec file. Shared by the parser (which builds it), the printer (which turns it back
// into normalised text), the type checker and the compiler. Every node carries the source location of the
// token that best names it, so errors can point at it. The temporal property types at the bottom are the
// interface a future liveness checker consumes.

/** 1-based line and column of a node's key token, and how many columns to underline. */
export interface Loc {
  readonly line: number;
  readonly col: number;
  readonly len: number;
}

export type BinOp =
  | 'leadsto'
  | '<=>'
  | '=>'
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'notin'
  | 'subset'
  | '..'
  | 'union'
  | 'minus'
  | 'inter'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface Binder {
  readonly name: string;
  readonly nameLoc: Loc;
  readonly domain: Expr;
}

export type Expr =
  | { readonly kind: 'int'; readonly value: number; readonly loc: Loc }
  | { readonly kind: 'bool'; readonly value: boolean; readonly loc: Loc }
  | { readonly kind: 'str'; readonly value: string; readonly loc: Loc }
  | { readonly kind: 'name'; readonly name: string; readonly loc: Loc }
  | { readonly kind: 'field'; readonly target: Expr; readonly field: string; readonly loc: Loc }
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr; readonly loc: Loc }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly loc: Loc }
  | { readonly kind: 'unary'; readonly op: 'not' | '-'; readonly arg: Expr; readonly loc: Loc }
  /** `always e` / `eventually e`: only allowed in a `property`. */
  | { readonly kind: 'temporal'; readonly op: 'always' | 'eventually'; readonly arg: Expr; readonly loc: Loc }
  | { readonly kind: 'binary'; readonly op: BinOp; readonly left: Expr; readonly right: Expr; readonly loc: Loc }
  | { readonly kind: 'if'; readonly cond: Expr; readonly then: Expr; readonly else: Expr; readonly loc: Loc }
  | { readonly kind: 'quant'; readonly q: 'forall' | 'exists'; readonly binders: readonly Binder[]; readonly body: Expr; readonly loc: Loc }
  /** `{a, b, c}` (possibly empty). */
  | { readonly kind: 'setlit'; readonly elems: readonly Expr[]; readonly loc: Loc }
  /** `{x in S : p}`: the elements of S satisfying p. */
  | { readonly kind: 'filter'; readonly binder: Binder; readonly pred: Expr; readonly loc: Loc }
  /** `{e : x in S, y in T}`: the set of values of e. */
  | { readonly kind: 'image'; readonly expr: Expr; readonly binders: readonly Binder[]; readonly loc: Loc };

/** The value of a `const` item: a literal, a range or a set of literals. */
export type ConstValueNode =
  | { readonly kind: 'int'; readonly value: number; readonly loc: Loc }
  | { readonly kind: 'bool'; readonly value: boolean; readonly loc: Loc }
  | { readonly kind: 'name'; readonly name: string; readonly loc: Loc }
  | { readonly kind: 'str'; readonly value: string; readonly loc: Loc }
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number; readonly loc: Loc }
  | { readonly kind: 'set'; readonly elems: readonly ConstValueNode[]; readonly loc: Loc };

export type PropertyKind = 'invariant' | 'sometimes' | 'property';

export type Item =
  | { readonly kind: 'spec'; readonly name: string; readonly loc: Loc }
  | { readonly kind: 'model'; readonly ref: string; readonly isPath: boolean; readonly variant?: string; readonly variantLoc?: Loc; readonly loc: Loc }
  | { readonly kind: 'const'; readonly name: string; readonly value: ConstValueNode; readonly loc: Loc }
  | { readonly kind: 'faults'; readonly fault: string; readonly max: number; readonly loc: Loc; readonly maxLoc: Loc }
  | { readonly kind: 'bound'; readonly bound: string; readonly max: number; readonly loc: Loc; readonly maxLoc: Loc }
  | { readonly kind: PropertyKind; readonly name: string; readonly expr: Expr; readonly loc: Loc }
  /** `define name = expr`: a named expression over the state, usable wherever a view is; evaluated at most once a state. */
  | { readonly kind: 'define'; readonly name: string; readonly expr: Expr; readonly loc: Loc }
  /** `fair weak X` / `fair strong X`: X is a process (a sort element's name) or an action kind (a string). */
  | { readonly kind: 'fair'; readonly strength: 'weak' | 'strong'; readonly target: string; readonly targetIsString: boolean; readonly loc: Loc }
  /** `symmetry`: search with the symmetry reduction the model declares (as `clab check --symmetry`). */
  | { readonly kind: 'symmetry'; readonly loc: Loc };

export interface Spec {
  readonly items: readonly Item[];
}

// ---- Temporal properties, as type-checked, for the liveness checker ----

/** A temporal formula over state predicates `P`: an `Expr` after type checking, or a compiled predicate. */
export type TemporalFormula<P = Expr> =
  | { readonly kind: 'always'; readonly body: TemporalFormula<P> }
  | { readonly kind: 'eventually'; readonly body: TemporalFormula<P> }
  | { readonly kind: 'leadsto'; readonly from: P; readonly to: P }
  | { readonly kind: 'state'; readonly pred: P };

export interface Fairness {
  readonly strength: 'weak' | 'strong';
  /** A process name (an element of one of the instance's sorts) or an action kind. */
  readonly target: string;
  readonly targetKind: 'process' | 'action';
}

export interface TemporalProperty<P = Expr> {
  readonly name: string;
  readonly formula: TemporalFormula<P>;
  readonly fairness: readonly Fairness[];
}

// ---- Walking long operator chains without recursion ----

export type BinaryExpr = Extract<Expr, { readonly kind: 'binary' }>;

/**
 * The left spine of a binary expression: `a + b - c` is (a + b) - c, whose spine is the nodes [a + b, (a + b) - c]
 * (innermost first) above the operand `a`. Left-associative chains (`p1 and p2 and ... and p1000`) nest to
 * the left as deep as they are long, so every pass over expressions walks this spine in a loop and recurses
 * only into right operands and other children: its recursion depth is the nesting depth the parser limits
 * (MAX_NESTING in parser.ts), never the length of a chain.
 */
export function leftSpine(e: BinaryExpr): { readonly base: Expr; readonly nodes: readonly BinaryExpr[] } {
  const nodes: BinaryExpr[] = [];
  let x: Expr = e;
  while (x.kind === 'binary') {
    nodes.push(x);
    x = x.left;
  }
  nodes.reverse();
  return { base: x, nodes };
}
