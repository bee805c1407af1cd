// The first stages of every command that checks something: load a plan (from a shipped model's name, a
// model file or a .spec file), then configure it (constants resolved, variant checked, model instantiated
// and its instance checked against the model API, properties compiled and selected). Engine-side, so
// worker threads and the CLI build instances alike.

import { isAbsolute, relative, resolve } from 'node:path';
import { nameTable, parseConstArgs, resolveConstants } from './constants.ts';
import { ClabError, ModelError, suggest } from '../errors.ts';
import type { Predicate } from '../search/types.ts';
import type { ConstValue, Constants, Instance, Model } from '../model.ts';
import { instantiateChecked } from './model-checks.ts';
import { locateKey, thrownAt } from './model-origin.ts';
import { checkHolds, checkInits, checkSteps } from './step-checks.ts';
import type { CheckPlan, CompiledProperties } from './plan.ts';
import { resolveModel, typecheckOf, type LoadOptions } from './registry.ts';
import { showState } from '../trace/show.ts';

/** Stage 1: a plan from a model name, a model file or a spec file (a model file type-checked if asked). */
export async function loadPlan(target: string, cwd: string, opts: LoadOptions = {}): Promise<CheckPlan> {
  if (target.endsWith('.spec')) {
    const { loadSpecPlan } = await import('../language/plan.ts');
    return loadSpecPlan(resolve(cwd, target), cwd, 'codegen', opts);
  }
  const model = await resolveModel(target, cwd, opts);
  const typecheck = opts.typecheck ? typecheckOf(model) : undefined;
  return { model, modelRef: target, constants: {}, ...(typecheck ? { typecheck } : {}) };
}

export interface Configured {
  readonly plan: CheckPlan;
  readonly variant?: string;
  readonly constants: Constants;
  readonly instance: Instance<unknown>;
  readonly properties: CompiledProperties;
}

export interface ConfigureOptions {
  /**
   * Refuse a plan with nothing to check: no invariant, witness or temporal property (default true). Only
   * a command that steps through a model without checking it (the explorer) has a use for such a plan.
   */
  readonly requireProperties?: boolean;
}

export function checkVariant(model: Model, variant: string | undefined): void {
  if (variant === undefined) return;
  const known = Object.keys(model.variants ?? {});
  if (!known.includes(variant)) throw new ClabError(`model '${model.name}' has no variant '${variant}'`, suggest(variant, known, 'variants'));
}

/** Initial states whose successors are checked when a plan is configured (the search samples the rest). */
const PROBED_INITS = 16;

/** Stage 2: constants resolved, variant checked, model instantiated, properties compiled and selected. */
export function configure(plan: CheckPlan, constArgs: readonly string[], variantArg: string | undefined, only: readonly string[], opts: ConfigureOptions = {}): Configured {
  const variant = variantArg ?? plan.variant;
  checkVariant(plan.model, variant);
  const overrides = Object.assign(nameTable<ConstValue>(), plan.constants, parseConstArgs(plan.model, constArgs));
  const constants = resolveConstants(plan.model, overrides);
  const instance = instantiateChecked(plan.model, constants, variant);
  const compiled = plan.properties ? plan.properties(instance, constants) : modelProperties(instance);
  if (opts.requireProperties ?? true) requireProperties(plan, instance, compiled);
  probe(instance, compiled);
  let invariants = compiled.invariants;
  if (only.length > 0) {
    const names = invariants.map((p) => p.name);
    for (const n of only) if (!names.includes(n)) throw new ClabError(`unknown invariant '${n}'`, suggest(n, names, 'invariants'));
    invariants = invariants.filter((p) => only.includes(p.name));
  }
  return { plan, variant, constants, instance, properties: { ...compiled, invariants } };
}

/** A plan that states nothing to check would "hold" whatever the model does: refused. */
function requireProperties(plan: CheckPlan, inst: Instance<unknown>, p: CompiledProperties): void {
  const temporal = p.temporal ?? inst.temporal ?? [];
  if (p.invariants.length + p.witnesses.length + temporal.length + p.unchecked.length > 0) return;
  if (plan.spec) {
    const rel = relative(process.cwd(), plan.spec);
    const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : plan.spec;
    throw new ClabError(`spec ${shown} states no invariant, sometimes or property: nothing to check`, 'add e.g. `invariant agreement: size(chosen) <= 1` to the spec');
  }
  throw new ClabError(
    `model '${plan.model.name}' declares no invariants or properties: nothing to check`,
    'add an invariant to the instance, e.g. invariants: { typeOK: { description: "...", holds: (s) => ... } }, a temporal property, or check it with a .spec file that states some',
    locateKey(inst, 'invariants'),
  );
}

/**
 * Runs the model once on its first states: init() gives states, next() gives well-formed steps, show()
 * an object and each invariant a truth value. A broken model fails here, before any search, with the
 * function named, rather than as a TypeError (or a wrong count) somewhere in whichever command runs.
 */
function probe(inst: Instance<unknown>, p: CompiledProperties): void {
  let inits: unknown;
  try {
    inits = inst.init();
  } catch (e) {
    throw modelThrew(inst, 'init()', e);
  }
  checkInits(inits, inst);
  showState(inst, inits[0]);
  for (const s of inits.slice(0, PROBED_INITS)) {
    let steps: unknown;
    try {
      steps = inst.next(s);
    } catch (e) {
      throw modelThrew(inst, 'next()', e, s);
    }
    try {
      checkSteps(steps, inst);
    } catch (e) {
      if (e instanceof ModelError) e.trace ??= [{ action: null, state: showState(inst, s) }];
      throw e;
    }
  }
  // The model's own invariants (a spec's compiled ones are booleans by construction).
  for (const [name, inv] of Object.entries(inst.invariants)) if (p.invariants.some((q) => q.holds === inv.holds)) checkHolds(inst, name, inv.holds, inits[0]);
}

/** The model's own exception from a probe, worded as the search words it, with the initial state it met. */
function modelThrew(inst: Instance<unknown>, fn: string, e: unknown, s?: unknown): ClabError {
  if (e instanceof ClabError) return e;
  const err = new ModelError(`the model threw an error in ${fn}: ${(e as Error)?.message ?? String(e)}`, undefined, thrownAt(e, inst));
  if (s !== undefined) err.trace = [{ action: null, state: showState(inst, s) }];
  return err;
}

export function modelProperties(inst: Instance<unknown>): CompiledProperties {
  const invariants: Predicate<unknown>[] = Object.entries(inst.invariants).map(([name, inv]) => ({ name, holds: inv.holds, ...(inv.explain ? { explain: inv.explain } : {}) }));
  return { invariants, witnesses: [], unchecked: [] };
}
