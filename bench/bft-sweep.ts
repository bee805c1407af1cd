// Benchmark: the required OM resilience sweep (m = 1 with n = 3..7, m = 2 with n = 5..7), every cell an
// exhaustive BFS through the CLI's own stages. bench/main.ts calls runOmSweepBench() and reports it.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configure, loadPlan } from '../checker/load/configure.ts';
import { bfs } from '../checker/search/bfs.ts';
import type { Verdict } from '../checker/search/types.ts';

export interface OmSweepCell {
  readonly n: number;
  readonly m: number;
  readonly result: Verdict;
  readonly distinctStates: number;
  readonly seconds: number;
}

export const OM_SWEEP_CELLS: readonly (readonly [number, number])[] = [
  [3, 1], [4, 1], [5, 1], [6, 1], [7, 1],
  [5, 2], [6, 2], [7, 2],
];

export async function runOmSweepBench(): Promise<{ cells: OmSweepCell[]; totalSeconds: number }> {
  const start = performance.now();
  const plan = await loadPlan('om', process.cwd());
  const cells: OmSweepCell[] = [];
  for (const [n, m] of OM_SWEEP_CELLS) {
    const cfg = configure(plan, [`n=${n}`, `m=${m}`], undefined, []);
    const r = bfs(cfg.instance, { invariants: cfg.properties.invariants });
    cells.push({ n, m, result: r.result, distinctStates: r.distinctStates, seconds: Math.round(r.seconds * 1000) / 1000 });
  }
  return { cells, totalSeconds: Math.round(performance.now() - start) / 1000 };
}

// Run directly: node bin/run-ts.js bench/bft-sweep.ts
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = await runOmSweepBench();
  for (const c of r.cells) console.log(`OM n=${c.n} m=${c.m}: ${c.result.padEnd(9)} ${String(c.distinctStates).padStart(7)} states ${c.seconds.toFixed(3)} s`);
  console.log(`total ${r.totalSeconds.toFixed(3)} s`);
}
