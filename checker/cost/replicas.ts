// Replicas needed for m faults, found by a threshold search over the number of replicas (as `clab sweep`
// finds "smallest n that holds", checker/sweep/threshold.ts): a size holds when the model's properties
// hold there (a full check, checker/testing's checkModel) and a decision stays reachable from every initial
// state while the faulty processes stay silent (their faulty steps left out; for crash faults the model has
// no constant for, every set of at most m crashable actors silenced from the start). Safety alone is not
// the bound everywhere: without equivocation one slot is safe even at n = 2f, and what needs 2f+1 is that
// the correct replicas can still gather a quorum.

import type { ConstValue, Model } from '../model.ts';
import { resolveConstants } from '../load/constants.ts';
import { rowThreshold } from '../sweep/threshold.ts';
import { checkModel } from '../testing/index.ts';
import { buildGraph } from './graph.ts';
import { coReachable } from './paths.ts';
import type { CostProbe, ReplicaSearch } from './types.ts';

export interface SizeVerdict {
  readonly size: number;
  /** holds; or why not: a property's name, 'no decision' (with silent faulty processes), 'invalid' (validate refuses). */
  readonly verdict: 'holds' | 'violated' | 'no decision' | 'invalid';
  readonly detail?: string;
}

export interface ReplicaRow {
  readonly faults: number;
  readonly sizes: readonly SizeVerdict[];
  /** Smallest size from which every larger size tried holds; null if none. */
  readonly needed: number | null;
}

export async function replicasNeeded(model: Model<any>, search: ReplicaSearch): Promise<ReplicaRow[]> {
  const rows: ReplicaRow[] = [];
  for (const row of search.rows) {
    const sizes: SizeVerdict[] = [];
    for (const size of row.sizes) sizes.push(await sizeVerdict(model, { ...search, safety: { ...search.safety, ...row.safety } }, size, row.faults));
    const from = rowThreshold(row.sizes, sizes.map((s) => (s.verdict === 'holds' ? 'holds' : s.verdict === 'invalid' ? 'skipped' : 'violation')));
    rows.push({ faults: row.faults, sizes, needed: typeof from === 'number' ? from : null });
  }
  return rows;
}

async function sizeVerdict(model: Model<any>, search: ReplicaSearch, size: number, faults: number): Promise<SizeVerdict> {
  const at: Record<string, ConstValue> = { [search.size]: size, ...(search.faults ? { [search.faults]: faults } : {}) };
  const safetyConstants = { ...search.safety, ...at };
  if (model.validate?.(resolveConstants(model, safetyConstants))) return { size, verdict: 'invalid', detail: model.validate(resolveConstants(model, safetyConstants)) };
  const safety = await checkModel(model, { constants: safetyConstants });
  if (safety.verdict !== 'holds') return { size, verdict: 'violated', detail: `${safety.violated ?? safety.verdict}${safety.traceLength !== undefined ? ` (${safety.traceLength} steps)` : ''}` };
  const c = resolveConstants(model, { ...search.liveness, ...at });
  const inst = model.instantiate(c);
  const probe: CostProbe<unknown> = search.probe(c);
  const silencedSets = search.crashable ? subsets(search.crashable(c), faults) : [[]];
  for (const silenced of silencedSets) {
    const g = buildGraph(inst, probe, { noFaultySteps: true, noFaultyInits: false, silenced: new Set(silenced) });
    const live = coReachable(g);
    const stuck = g.inits.find((i) => !live[i.node] && (search.livenessFrom?.(i.state) ?? true));
    if (stuck !== undefined) {
      const who = silenced.length > 0 ? `${silenced.join(', ')} crashed` : 'the faulty processes silent';
      return { size, verdict: 'no decision', detail: `no decision reachable with ${who}` };
    }
  }
  return { size, verdict: 'holds' };
}

/** Every subset of `xs` with at most k members. */
function subsets(xs: readonly string[], k: number): string[][] {
  const out: string[][] = [[]];
  for (const x of xs) for (const s of out.slice()) if (s.length < k) out.push([...s, x]);
  return out;
}
