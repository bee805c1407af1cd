// A shipped model instantiated for a parallel-search test: the instance, its invariants as predicates, and
// the load description worker threads use to build their own instance of the same configuration.

import { resolveConstants } from '../../checker/load/constants.ts';
import { shippedModel } from '../../checker/load/registry.ts';

export const parallelSetup = (model: string, consts: Record<string, number>, variant?: string) => {
  const m = shippedModel(model);
  const inst = m.instantiate(resolveConstants(m, consts), variant);
  const invariants = Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));
  const load = { target: model, cwd: process.cwd(), consts: Object.entries(consts).map(([k, v]) => `${k}=${v}`), variant, only: [] };
  return { inst, invariants, load };
};
