// Loads a model instance and its invariants from a LoadSpec exactly as `clab check` does (same stages),
// for threads that must build their own instance: parallel-search and swarm-simulation workers.

import { configure, loadPlan } from '../load/configure.ts';
import type { Encoder } from '../state/encode.ts';
import type { Instance } from '../model.ts';
import type { LoadSpec } from './parallel/parallel-protocol.ts';
import type { Predicate } from './types.ts';

export interface Loaded {
  readonly instance: Instance<unknown>;
  readonly invariants: readonly Predicate<unknown>[];
  readonly canonical?: (s: unknown, w: Encoder) => void;
}

export async function loadInstance(spec: LoadSpec): Promise<Loaded> {
  const plan = await loadPlan(spec.target, spec.cwd);
  const cfg = configure(plan, spec.consts, spec.variant, spec.only);
  let canonical: Loaded['canonical'];
  if (spec.symmetry) {
    const { canonicalizer } = await import('../state/symmetry.ts');
    canonical = canonicalizer(cfg.instance);
  }
  return { instance: cfg.instance, invariants: cfg.properties.invariants, canonical };
}
