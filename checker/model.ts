// The model API: what a protocol module exports so the checker can explore it.
// A model is a plain object. It declares its constants (with defaults and bounds), optional named buggy
// variants, and builds, for one choice of constants and variant, an Instance: initial states, a labelled
// successor function, invariants, views and a canonical encoding. The checker knows nothing else about it.

import type { Decoder } from './state/decode.ts';
import type { Encoder } from './state/encode.ts';
import type { TemporalProperty } from './liveness/property.ts';

/** A value a constant can take. */
export type ConstValue = number | boolean | string;

/**
 * Declaration of one named constant: its type, default, bounds and meaning. Checked when a model file is
 * loaded: the kind is one of these three, an int's default is an integer within min..max, an enum's
 * default is one of its values. Any name is allowed (`constructor` and `toString` included).
 */
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
  /**
   * Optional: why `s` breaks the invariant, in lines for people, derived from the state alone (Paxos: which
   * values were chosen, by which quorums, at which ballots). `clab check` and `clab simulate` print them
   * under "Why:" after a violation's trace; it is called only on a violating state, so it may assume the
   * invariant is false there. An exception or a value that is not an array of strings is printed as a note
   * and changes nothing else: the verdict and the trace stand.
   */
  readonly explain?: (s: S) => readonly string[];
}

/**
 * A model bound to concrete constants and a variant: everything the search needs. The checker enforces
 * these rules on a user's model (checker/load/model-checks.ts) and reports a breach as a ModelError (exit 2)
 * naming the function or field: fully on the first initial states when a check is configured and on the
 * search's sampled expansions, and again on the path to the state being expanded when the search fails.
 */
export interface Instance<S> {
  /** The initial states: an array of at least one (not a Promise, not a single state). */
  init(): readonly S[];
  /**
   * Every labelled successor of `s`: an array (empty when nothing is enabled) of { action, state }, each
   * action an object with a non-empty string `kind`, each state defined. Must be pure: same input, same
   * output, `s` untouched.
   */
  next(s: S): readonly Step<S>[];
  /**
   * The invariants by name, each { description, holds }; holds returns a boolean (not a Promise). A
   * model needs at least one invariant or temporal property (or a spec stating some) to be checked.
   */
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
   * Optional symmetry (checker/state/symmetry.ts): sorts whose members are interchangeable, and how to rename
   * them in a state. `apply(s, perms)` gets one permutation per listed sort (perms[k][i] = new id of
   * member i of sorts[k]) and returns the renamed state (a new state; `s` untouched). Used only when
   * symmetry reduction is asked for, and then checked on a sample of states (checker/search/
   * symmetry-check.ts): the identity changes nothing, renamings compose, and invariants and next() do not
   * depend on the names.
   * `signatures(s, k)` (optional, for speed): one number per member of sorts[k] that describes the member
   * without naming any member of a listed sort, so that renaming moves it with its member (e.g. an
   * acceptor's ballot and how many votes it cast, not which acceptors it heard from). Members are then
   * put in signature order and only tied members are tried in every order: the same orbits, with one
   * renaming a state instead of the whole group when the signatures tell the members apart. The result
   * is read before the next call, so one scratch array may be returned each time.
   */
  readonly symmetry?: {
    readonly sorts: readonly string[];
    apply(s: S, perms: readonly (readonly number[])[]): S;
    signatures?(s: S, sort: number): ArrayLike<number>;
  };
  /**
   * A readable, JSON-serialisable picture of a state for traces: an object field → value (a show() that
   * throws or returns anything else is a ModelError). Defaults to the state.
   */
  show?(s: S): Readonly<Record<string, unknown>>;
  /**
   * Intended final states (e.g. "every correct process has decided", "the bounded ballots are used up").
   * A reachable state with no successor that this does not call terminal is a deadlock, and, as in TLC,
   * a deadlock is a violation: `clab check` (breadth-first, one core or --workers), `sweep` and
   * `simulate` report it under the name "deadlock" with a shortest trace (simulate: the walk), exit 1,
   * unless run with --no-deadlock; `clab replay` of such a trace confirms that its last state still has
   * no successor and is not terminal. Only states with no successor are asked, so it may say true of
   * more states than those. The liveness check still counts deadlocks among the states it explores when
   * --no-deadlock leaves them to it (a warning with a path to one: a run that reaches one stays there
   * forever). Omitted: no state is terminal, every dead end is a deadlock.
   */
  terminal?(s: S): boolean;
  /** Temporal properties the model states about itself, each with the fairness it assumes (checker/liveness). */
  readonly temporal?: readonly TemporalProperty<S>[];
}

/** A protocol module's export. */
export interface Model<S = any> {
  readonly name: string;
  readonly summary: string;
  /**
   * Optional: the subject the model belongs to (e.g. "Byzantine agreement", "Atomic commit"). `clab list`
   * groups models under their topics, in the order topics first appear; models without one come last.
   */
  readonly topic?: string;
  readonly constants: Readonly<Record<string, ConstantDecl>>;
  /** Named buggy variants: name → what is wrong. The correct protocol is the variant `undefined`. */
  readonly variants?: Readonly<Record<string, string>>;
  /**
   * Fault assumptions the model supports: fault kind → the constant bounding it, e.g. `{ crash: 'maxCrashes' }`.
   * A spec's `faults crash <= 1` sets that constant to 1.
   */
  readonly faults?: Readonly<Record<string, string>>;
  /** Cross-constant validation; return a message for an invalid combination, undefined for a valid one. */
  validate?(c: Constants): string | undefined;
  /** The instance for these constants; must not throw for constants the declarations and validate allow. */
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
