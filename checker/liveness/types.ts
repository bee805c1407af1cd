// The vocabulary of liveness checking: temporal properties over state predicates, fairness assumptions on
// action labels, and what a check returns (a verdict per property, lasso counterexamples, deadlocks).

import type { Action } from '../model.ts';
import type { PathStep, Verdict, Bound } from '../search/types.ts';

export type { Fairness, StatePredicate, TemporalKind, TemporalProperty } from './property.ts';
import type { Fairness, TemporalKind, TemporalProperty } from './property.ts';

export interface LivenessOptions<S> {
  readonly properties: readonly TemporalProperty<S>[];
  readonly fairness?: readonly Fairness[];
  readonly maxStates?: number;
  /** Symmetry reduction is not supported with liveness: asking for it is refused. */
  readonly symmetry?: boolean;
}

/** A counterexample. For temporal properties a lasso: steps[loopStart..] repeat forever. */
export interface Counterexample<S> {
  readonly steps: readonly PathStep<S>[];
  /**
   * Index of the step the cycle returns to. When loopStart < steps.length - 1 the last step's state equals
   * steps[loopStart]'s (the closing step is included). When loopStart === steps.length - 1 the last state has
   * no successor and the run stays there forever. Absent for a finite counterexample of `always P`.
   */
  readonly loopStart?: number;
}

export interface PropertyVerdict<S> {
  readonly name: string;
  readonly kind: TemporalKind;
  readonly result: Verdict;
  readonly counterexample?: Counterexample<S>;
}

export interface DeadlockReport<S> {
  /** Reachable states with no successor that the model does not declare terminal. */
  readonly count: number;
  /** States with no successor that the model declares as intended terminal states. */
  readonly terminal: number;
  /** A shortest path to an unintended deadlock, if any. */
  readonly path?: readonly PathStep<S>[];
}

export interface LivenessResult<S> {
  /** violation if some property is violated; incomplete if a bound stopped the exploration; else holds. */
  readonly result: Verdict;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly bound?: Bound;
  readonly properties: readonly PropertyVerdict<S>[];
  readonly deadlocks: DeadlockReport<S>;
  /** Fairness assumptions after expansion (one per class, or per matching label with perAction). */
  readonly fairnessConstraints: number;
}

/** The distinct action labels of a graph, by id. */
export type ActionTable = readonly Action[];
