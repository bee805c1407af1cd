// What a temporal property and a fairness assumption are: the part of liveness checking that a model
// declares (Instance.temporal), kept apart from the checker's results so that the model API imports no
// checker internals.

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
