// One benchmark case in a process of its own (so peak RSS is this case's alone): runs the search with the
// model's invariants (single-core BFS, or the parallel BFS with `workers` > 1) and prints one JSON line of
// figures, including where the bytes went (fingerprint table, parent table, frontier).

import { loadModelFile, looksLikePath, shippedModel } from '../checker/load/registry.ts';
import { resolveConstants } from '../checker/load/constants.ts';
import { join } from 'node:path';
import { bfs } from '../checker/search/bfs.ts';
import type { SearchResult } from '../checker/search/types.ts';
import type { Instance } from '../checker/model.ts';

/** The instance without its hand-written encode/decode: the search then uses the generic encoding. */
function withoutCodec<S>(inst: Instance<S>): Instance<S> {
  const { encode: _e, decode: _d, ...rest } = inst;
  return rest;
}

const spec = JSON.parse(process.argv[2]) as { model: string; variant?: string; constants: Record<string, number>; workers?: number; generic?: boolean };
// A shipped model by name, or a model file by its path in the repository (examples/paxos.ts).
const model = looksLikePath(spec.model) ? await loadModelFile(spec.model, join(import.meta.dirname, '..')) : shippedModel(spec.model);
const constants = resolveConstants(model, spec.constants);
const inst = spec.generic ? withoutCodec(model.instantiate(constants, spec.variant)) : model.instantiate(constants, spec.variant);
const invariants = Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));
let r: SearchResult<unknown>;
// CPU seconds of the search (this thread and any workers): on a machine shared with other jobs, a rate by
// CPU time moves less than one by wall time.
const cpu0 = process.cpuUsage();
if (spec.workers && (spec.workers > 1 || process.env.CLAB_FORCE_PARALLEL)) {
  const { parallelBfs } = await import('../checker/search/parallel/parallel-bfs.ts');
  const consts = Object.entries(spec.constants).map(([k, v]) => `${k}=${v}`);
  r = await parallelBfs(inst, { target: spec.model, cwd: process.cwd(), consts, variant: spec.variant, only: [] }, { workers: spec.workers });
} else r = bfs(inst, { invariants: invariants, deadlock: true }); // deadlocks on, as `clab check` runs
const cpu = process.cpuUsage(cpu0);
const ru = process.resourceUsage();
const n = Math.max(1, r.distinctStates);
console.log(
  JSON.stringify({
    constants,
    result: r.result,
    distinctStates: r.distinctStates,
    statesGenerated: r.statesGenerated,
    depth: r.depth,
    seconds: r.seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    statesPerSecond: Math.round(r.distinctStates / r.seconds),
    visitedBytesPerState: r.visitedBytes / n,
    fingerprintBytesPerState: r.memory ? r.memory.fingerprintBytes / n : null,
    parentBytesPerState: r.memory ? r.memory.parentBytes / n : null,
    frontierPeakBytesPerState: r.memory ? r.memory.frontierPeakBytes / n : null,
    peakRssMiB: ru.maxRSS / 1024,
    phases: r.phases ?? null,
  }),
);
