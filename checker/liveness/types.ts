// The vocabulary of liveness checking: temporal properties over state predicates, fairness assumptions on
// action labels, and what a check returns (a verdict per property, lasso counterexamples, deadlocks).

import type { Action } from '../model.ts';
import type { PathStep, Verdict, Bound } from '../explore/types.ts';

/** A state predicate as used by temporal properties. */
export type StatePredicate<S> = (s: S) => boolean;

/**
 * A temporal property over infinite runs (a run that reaches a state with no successor stays there
 * forever, by stuttering):
 *   always P            □P      every reachable state satisfies P (safety: a finite counterexample)
 *   eventually P        ◇P      every fair run from an initial state reaches a P state
 *   always-eventually P □◇P     every fair run visits P states infinitely often
 *   leadsto P Q         P ~> Q  on every fair run, every P state is followed (now or later) by a Q state
 */
export type TemporalProperty<S> = (
  | { readonly kind: 'always' | 'eventually' | 'always-eventually'; readonly p: StatePredicate<S> }
  | { readonly kind: 'leadsto'; readonly p: StatePredicate<S>; readonly q: StatePredicate<S> }
) & {
  readonly name: string;
  /** What the property says, for reports (e.g. `eventually decided`). */
  readonly description?: string;
  /** The fairness this property assumes; absent: the check's global fairness. */
  readonly fairness?: readonly Fairness[];
};

export type TemporalKind = TemporalProperty<unknown>['kind'];

/**
 * A fairness assumption on the actions whose label matches `kind` and/or `actor` (both absent: every action).
 *   weak   if such an action is enabled continuously from some point on, one is eventually taken;
 *   strong if such an action is enabled infinitely often, one is taken infinitely often.
 * `perAction`: one assumption for each distinct matching label instead of one for the whole class
 * (e.g. every single message is eventually delivered, not just some message).
 */
export interface Fairness {
  readonly strength: 'weak' | 'strong';
  readonly kind?: string;
  readonly actor?: string;
  readonly perAction?: boolean;
}

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
