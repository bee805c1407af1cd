// The model API: what a protocol module exports so the checker can explore it.
// A model is a plain object. It declares its constants (with defaults and bounds), optional named buggy
// variants, and builds, for one choice of constants and variant, an Instance: initial states, a labelled
// successor function, invariants, views and a canonical encoding. The checker knows nothing else about it.

import type { Decoder } from './decode.ts';
import type { Encoder } from './encode.ts';
import type { TemporalProperty } from './liveness/types.ts';

/** A value a constant can take. */
export type ConstValue = number | boolean | string;

/** Declaration of one named constant: its type, default, bounds and meaning. */
export type ConstantDecl =
  | { readonly kind: 'int'; readonly default: number; readonly min?: number; readonly max?: number; readonly description: string }
  | { readonly kind: 'bool'; readonly default: boolean; readonly description: string }
  | { readonly kind: 'enum'; readonly default: string; readonly values: readonly string[]; readonly description: string };

/** Constants after defaults and overrides are applied. */
export type Constants = Readonly<Record<string, ConstValue>>;

/** A scalar that can appear in an action label or a message field. */
export type Scalar = number | string | boolean | null;

/** A message as printed in traces: `2a(b=3, v=1)` is `{ type: '2a', b: 3, v: 1 }`. */
export interface MessageLabel {
  readonly type: string;
  readonly [field: string]: Scalar | undefined;
}

/**
 * A structured action label. Traces print it as `<actor> <kind> <message> <detail>`,
 * e.g. `p1 sends 2a(b=3, v=1)` or `a2 crashes`. Two successors of one state may share a label only if
 * they differ in some other way the replayer can see (their shown states).
 */
export interface Action {
  /** What happens, as a verb: `sends`, `receives`, `decides`, `crashes`, `prepares`, ... */
  readonly kind: string;
  /** Who acts: `p1`, `a2`, `TM`. */
  readonly actor?: string;
  /** The message sent or received, if any. */
  readonly message?: MessageLabel;
  /** Anything else worth printing (e.g. `from a3`, `value 1`). */
  readonly detail?: string;
  /**
   * Messages this step read when they are not its `message` (e.g. the 1a a promise answers, the 1b quorum a
   * 2a is based on). Optional; sequence charts draw an arrow from each one's sender to `actor`.
   */
  readonly received?: readonly MessageLabel[];
}

/** One labelled successor. */
export interface Step<S> {
  readonly action: Action;
  readonly state: S;
}

/** Types of views, so the spec language can type-check expressions before any search. */
export type ViewType =
  | { readonly kind: 'bool' }
  | { readonly kind: 'int' }
  | { readonly kind: 'string' }
  /** Identifiers of one sort (acceptors, values, ...): at run time small ints, printed with `names`. */
  | { readonly kind: 'id'; readonly sort: string }
  | { readonly kind: 'set'; readonly elem: ViewType }
  | { readonly kind: 'seq'; readonly elem: ViewType }
  | { readonly kind: 'map'; readonly key: ViewType; readonly value: ViewType }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, ViewType>> };

/**
 * A named derived value of a state. Runtime representation by type: bool → boolean, int → number,
 * string → string, id → number, set → readonly array of distinct elements, seq → readonly array,
 * map → ReadonlyMap, record → plain object.
 */
export interface View<S> {
  readonly type: ViewType;
  readonly description?: string;
  readonly get: (s: S) => unknown;
}

/** A named invariant: a predicate every reachable state must satisfy. */
export interface Invariant<S> {
  readonly description: string;
  readonly holds: (s: S) => boolean;
}

/** A model bound to concrete constants and a variant: everything the search needs. */
export interface Instance<S> {
  /** The initial states (at least one). */
  init(): readonly S[];
  /** Every labelled successor of `s`. Must be pure: same input, same output, `s` untouched. */
  next(s: S): readonly Step<S>[];
  readonly invariants: Readonly<Record<string, Invariant<S>>>;
  readonly views?: Readonly<Record<string, View<S>>>;
  /** Sorts of identifiers used by views (e.g. `acceptor: ['a1','a2','a3']`). */
  readonly sorts?: Readonly<Record<string, readonly string[]>>;
  /**
   * Canonical encoding: equal states must write equal words, different states different words.
   * Omitted: the generic structural encoder is used (slower, still sound).
   */
  encode?(s: S, w: Encoder): void;
  /**
   * Optional inverse of `encode`: rebuild the state from the words `encode` wrote (read them in the same
   * order). With it the search keeps its frontier as packed words and parallel workers exchange states.
   */
  decode?(r: Decoder): S;
  /**
   * Optional symmetry (checker/symmetry.ts): sorts whose members are interchangeable, and how to rename
   * them in a state. `apply(s, perms)` gets one permutation per listed sort (perms[k][i] = new id of
   * member i of sorts[k]) and returns the renamed state. Used only when symmetry reduction is asked for.
   */
  readonly symmetry?: { readonly sorts: readonly string[]; apply(s: S, perms: readonly (readonly number[])[]): S };
  /** A readable, JSON-serialisable picture of a state for traces (field → value). Defaults to the state. */
  show?(s: S): Readonly<Record<string, unknown>>;
  /**
   * Intended final states (e.g. "every correct process has decided"): a reachable state with no successor
   * is reported as a deadlock unless this says it is terminal. Omitted: every such state is a deadlock.
   */
  terminal?(s: S): boolean;
  /** Temporal properties the model states about itself, each with the fairness it assumes (checker/liveness). */
  readonly temporal?: readonly TemporalProperty<S>[];
}

/** A protocol module's export. */
export interface Model<S = any> {
  readonly name: string;
  readonly summary: string;
  readonly constants: Readonly<Record<string, ConstantDecl>>;
  /** Named buggy variants: name → what is wrong. The correct protocol is the variant `undefined`. */
  readonly variants?: Readonly<Record<string, string>>;
  /**
   * Fault assumptions the model supports: fault kind → the constant bounding it, e.g. `{ crash: 'maxCrashes' }`.
   * A spec's `faults crash <= 1` sets that constant to 1.
   */
  readonly faults?: Readonly<Record<string, string>>;
  /** Cross-constant validation; return a message for an invalid combination. */
  validate?(c: Constants): string | undefined;
  instantiate(c: Constants, variant?: string): Instance<S>;
}

/** Identity helper that gives a model literal its type. */
export function defineModel<S>(m: Model<S>): Model<S> {
  return m;
}

/** True if `x` looks like a Model (used when loading a user's module). */
export function isModel(x: unknown): x is Model {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return typeof m.name === 'string' && typeof m.instantiate === 'function' && typeof m.constants === 'object' && m.constants !== null;
}
