// One single-core search in a worker thread, for bench/thread-ceiling.ts: the same search as
// bench/measure.ts runs with one core, reporting its search seconds to the parent.

import { parentPort, workerData } from 'node:worker_threads';
import { resolveConstants } from '../checker/load/constants.ts';
import { bfs } from '../checker/search/bfs.ts';
import { shippedModel } from '../checker/load/registry.ts';

const spec = workerData as { model: string; variant?: string; constants: Record<string, number> };
const model = shippedModel(spec.model);
const inst = model.instantiate(resolveConstants(model, spec.constants), spec.variant);
const invariants = Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));
const r = bfs(inst, { invariants: invariants });
parentPort!.postMessage({ distinctStates: r.distinctStates, seconds: r.seconds });
