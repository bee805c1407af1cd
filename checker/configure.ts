// The first stages of every command that checks something: load a plan (from a shipped model's name, a
// model file or a .spec file), then configure it (constants resolved, variant checked, model instantiated,
// properties compiled and selected). Engine-side, so worker threads and the CLI build instances alike.

import { resolve } from 'node:path';
import { parseConstArgs, resolveConstants } from './constants.ts';
import { ClabError, suggest } from './errors.ts';
import type { Predicate } from './explore/types.ts';
import type { Constants, Instance, Model } from './model.ts';
import type { CheckPlan, CompiledProperties } from './plan.ts';
import { resolveModel } from './registry.ts';

/** Stage 1: a plan from a model name, a model file or a spec file. */
export async function loadPlan(target: string, cwd: string): Promise<CheckPlan> {
  if (target.endsWith('.spec')) {
    const { loadSpecPlan } = await import('./spec/plan.ts');
    return loadSpecPlan(resolve(cwd, target), cwd);
  }
  const model = await resolveModel(target, cwd);
  return { model, modelRef: target, constants: {} };
}

export interface Configured {
  readonly plan: CheckPlan;
  readonly variant?: string;
  readonly constants: Constants;
  readonly instance: Instance<unknown>;
  readonly properties: CompiledProperties;
}

export function checkVariant(model: Model, variant: string | undefined): void {
  if (variant === undefined) return;
  const known = Object.keys(model.variants ?? {});
  if (!known.includes(variant)) throw new ClabError(`model '${model.name}' has no variant '${variant}'`, suggest(variant, known, 'variants'));
}

/** Stage 2: constants resolved, variant checked, model instantiated, properties compiled and selected. */
export function configure(plan: CheckPlan, constArgs: readonly string[], variantArg: string | undefined, only: readonly string[]): Configured {
  const variant = variantArg ?? plan.variant;
  checkVariant(plan.model, variant);
  const constants = resolveConstants(plan.model, { ...plan.constants, ...parseConstArgs(plan.model, constArgs) });
  const instance = plan.model.instantiate(constants, variant) as Instance<unknown>;
  const compiled = plan.properties ? plan.properties(instance, constants) : modelProperties(instance);
  let invariants = compiled.invariants;
  if (only.length > 0) {
    const names = invariants.map((p) => p.name);
    for (const n of only) if (!names.includes(n)) throw new ClabError(`unknown invariant '${n}'`, suggest(n, names, 'invariants'));
    invariants = invariants.filter((p) => only.includes(p.name));
  }
  return { plan, variant, constants, instance, properties: { ...compiled, invariants } };
}

export function modelProperties(inst: Instance<unknown>): CompiledProperties {
  const invariants: Predicate<unknown>[] = Object.entries(inst.invariants).map(([name, inv]) => ({ name, holds: inv.holds }));
  return { invariants, witnesses: [], unchecked: [] };
}
