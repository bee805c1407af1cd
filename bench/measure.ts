// One benchmark case in a process of its own (so peak RSS is this case's alone): runs the BFS with the
// model's invariants and prints one JSON line of figures.

import { shippedModel } from '../checker/registry.ts';
import { resolveConstants } from '../checker/constants.ts';
import { bfs } from '../checker/explore/bfs.ts';

const spec = JSON.parse(process.argv[2]) as { model: string; variant?: string; constants: Record<string, number> };
const model = shippedModel(spec.model);
const constants = resolveConstants(model, spec.constants);
const inst = model.instantiate(constants, spec.variant);
const invariants = Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));
const r = bfs(inst, { invariants });
const ru = process.resourceUsage();
console.log(
  JSON.stringify({
    constants,
    result: r.result,
    distinctStates: r.distinctStates,
    statesGenerated: r.statesGenerated,
    depth: r.depth,
    seconds: r.seconds,
    statesPerSecond: Math.round(r.distinctStates / r.seconds),
    visitedBytesPerState: r.visitedBytes / r.distinctStates,
    peakRssMiB: ru.maxRSS / 1024,
  }),
);
