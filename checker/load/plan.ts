// A check plan: what to check, however it was asked for (a model name, a model file, or a .spec file).
// The CLI builds one from its arguments or from a spec, then instantiates, searches and reports.

import type { Predicate } from '../search/types.ts';
import type { TemporalProperty } from '../liveness/types.ts';
import type { ConstValue, Constants, Instance, Model } from '../model.ts';
import type { TypecheckResult } from './typecheck.ts';
import type { SourceLocation } from '../errors.ts';

/** Properties compiled for one instance. */
export interface CompiledProperties<S = unknown> {
  readonly invariants: readonly Predicate<S>[];
  readonly witnesses: readonly Predicate<S>[];
  /** Temporal properties with the fairness each assumes, checked on the state graph by checker/liveness. */
  readonly temporal?: readonly TemporalProperty<S>[];
  /** Properties stated but not checked by this search (e.g. temporal ones), with the reason. */
  readonly unchecked: readonly { readonly name: string; readonly reason: string }[];
  /** A spec's invariants written as an implication `P => Q`, watched for vacuity (P never true). */
  readonly implications?: readonly Implication[];
}

/**
 * An invariant `P => Q` whose checks note whether P was ever true: one that holds only because P never
 * was held vacuously, which usually means a mistyped premise or a model that never gets there.
 */
export interface Implication {
  readonly invariant: string;
  /** The premise as the spec's printer writes it. */
  readonly premise: string;
  /** Where the premise is in the spec. */
  readonly location: SourceLocation;
  /** True once the invariant was checked on a state where its premise held. */
  premiseSeen(): boolean;
}

export interface CheckPlan {
  readonly model: Model;
  /** How the model was named: a shipped model's name or a module path (recorded in traces). */
  readonly modelRef: string;
  readonly variant?: string;
  /** Constant overrides before the command line's --const (which win). */
  readonly constants: Readonly<Record<string, ConstValue>>;
  /** The spec file the plan came from, if any. */
  readonly spec?: string;
  /** Compiles the plan's properties; absent: the model's own invariants. */
  readonly properties?: (inst: Instance<unknown>, constants: Constants) => CompiledProperties;
  readonly bounds?: { readonly maxDepth?: number; readonly maxStates?: number };
  /** Search with the model's declared symmetry reduction, as `--symmetry` does (a spec's `symmetry` item). */
  readonly symmetry?: boolean;
  /** The type check the model file passed before it was loaded (absent: a shipped model, or not asked). */
  readonly typecheck?: TypecheckResult;
}
