// The instructor's side of a check: models and specs named by the exercise (shipped models, or the
// instructor's own modules and specs inside the exercise or hidden folder), configured with the check's
// constants and variant. This is trusted code: it runs in the grader's process. Plans are cached per path,
// so a batch loads each instructor model once.

import { configure, loadPlan, type Configured } from '../load/configure.ts';
import type { CheckPlan } from '../load/plan.ts';
import type { ConstValue } from '../model.ts';
import type { ModelSource } from './manifest.ts';

const plans = new Map<string, Promise<CheckPlan>>();

/** The plan of a shipped model, an instructor's module or an instructor's spec (cached). */
export function instructorPlan(src: ModelSource): Promise<CheckPlan> {
  const target = src.spec ?? src.model!;
  let p = plans.get(target);
  if (!p) {
    p = loadPlan(target, process.cwd(), { typecheck: false });
    plans.set(target, p);
    // A failed load is not kept: the next grading tries again (and reports the same error).
    p.catch(() => plans.delete(target));
  }
  return p;
}

/** `{ n: 4 }` as the command line's `--const n=4`. */
export function constArgs(constants: Readonly<Record<string, ConstValue>>): string[] {
  return Object.entries(constants).map(([k, v]) => `${k}=${String(v)}`);
}

/**
 * A plan configured with exactly the check's variant (null: the correct model, whatever variant a spec
 * names) and constants (the others take the plan's or the model's defaults).
 */
export function configureFor(plan: CheckPlan, constants: Readonly<Record<string, ConstValue>>, variant: string | null, only: readonly string[] = []): Configured {
  const { variant: _ignored, ...rest } = plan;
  return configure(rest, constArgs(constants), variant ?? undefined, only);
}
