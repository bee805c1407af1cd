// `npm run bench`: our checker next to Spin and Rumur on the same models, in one invocation. For each case
// it runs ours in a fresh process (single core, and with --workers N also the parallel search), then the
// peers' compiled checkers (bench/peers.ts), and prints distinct states, seconds, distinct states per
// second, bytes per state, peak RSS, whether the state counts agree, and our speed as a ratio of Spin's.
// With workers it also measures the machine's parallel ceiling (bench/ceiling.ts) and reports the
// parallel speedup raw and as a fraction of that ceiling; the ceiling is measured again next to each
// parallel case, and the load average printed, since other jobs on the machine move both. Next to it,
// the model's own thread ceiling (bench/thread-ceiling.ts): the same single-core search run alone and
// then twice at once in two threads of one process.
//   --json        one JSON array: {model, config, ours, spin, rumur, ratioToSpin, ...} per case
//   --large       add the big cases (twophase rms=9, 10.3M states; rms=10, 61.5M states): minutes
//   --only S      cases whose name contains S
//   --workers N   also run the parallel search with N workers (default 2; 1 = skip)
//   --no-peers    ours only
// After the cases: the spec cost, symmetry reduction's cost per orbit (bench/symmetry-cost.ts), the OM sweep.
// The cases marked `generic` run the same model with its hand-written encode/decode removed, after the
// hand-written case they are compared with, and print the generic encoding's rate, memory and phase
// times as ratios of it.

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cases, type BenchCase } from './cases.ts';
import { measureCeiling } from './ceiling.ts';
import { ensurePeerTools, runRumur, runSpin, type PeerRun } from './peers.ts';
import { formatSpecCost, runSpecCost } from './spec-cost.ts';
import { runOmSweepBench } from './bft-sweep.ts';
import { formatSymmetryCost, runSymmetryCost } from './symmetry-cost.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    large: { type: 'boolean' },
    only: { type: 'string' },
    workers: { type: 'string' },
    'no-peers': { type: 'boolean' },
  },
});
const root = join(import.meta.dirname, '..');
const selected = cases.filter((c) => (values.large || !c.large) && (!values.only || c.name.includes(values.only)));
const workers = values.workers === undefined ? 2 : Number(values.workers);
const log = (s: string) => (values.json ? process.stderr.write(s + '\n') : console.log(s));
const f = (x: number) => Math.round(x).toLocaleString('en-US');

interface Ours {
  distinctStates: number;
  statesGenerated: number;
  depth: number;
  seconds: number;
  cpuSeconds?: number;
  statesPerSecond: number;
  visitedBytesPerState: number;
  fingerprintBytesPerState: number | null;
  parentBytesPerState: number | null;
  frontierPeakBytesPerState: number | null;
  peakRssMiB: number;
  phases: Record<string, number> | null;
}

function runOurs(c: BenchCase, w = 1): Ours | undefined {
  // With the V8 flag `clab` runs with (bin/clab.js), for one core and for workers alike.
  const child = spawnSync(process.execPath, ['--max-old-space-size=20000', '--single-threaded-gc', join(root, 'bin/run-ts.js'), join(root, 'bench/measure.ts'), JSON.stringify({ ...c, workers: w })], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) {
    console.error(`bench case ${c.name} (workers ${w}) failed:\n${child.stderr}`);
    process.exitCode = 1;
    return undefined;
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Ours;
}

/** The model's own thread ceiling (bench/thread-ceiling.ts), in a fresh process with `clab`'s V8 flag. */
function threadCeiling(c: BenchCase, w: number): { alone: number; together: number[]; ceiling: number } | undefined {
  const child = spawnSync(process.execPath, ['--max-old-space-size=20000', '--single-threaded-gc', join(root, 'bin/run-ts.js'), join(root, 'bench/thread-ceiling.ts'), JSON.stringify({ ...c, workers: w })], {
    cwd: root,
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    console.error(`thread ceiling for ${c.name} failed:\n${child.stderr}`);
    return undefined;
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

function peer(name: string, f: () => PeerRun): PeerRun | { error: string } {
  try {
    return f();
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    log(`  ${name}: failed: ${msg}`);
    return { error: msg };
  }
}

const tools = values['no-peers'] ? { spin: false, rumur: false, note: 'skipped (--no-peers)' } : ensurePeerTools(log);
if (tools.note) log(`peers: ${tools.note}; printing ours alone where a peer is missing`);
const ceiling = workers > 1 ? await measureCeiling(workers) : undefined;
if (ceiling) log(`parallel ceiling (trivially parallel hashing loop, ${workers} threads): ${ceiling.speedup.toFixed(2)}x`);

const rows = [];
/** Each case's single-core rate in this run, by name (for comparedWith). */
const rates = new Map<string, { wall: number; cpu?: number }>();
/** Each case's single-core figures in this run, by name (for comparedWith's memory and phase ratios). */
const handWritten = new Map<string, Ours>();
const ratioOf = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? `${(a / b).toFixed(2)}x` : 'n/a');
for (const c of selected) {
  const ours = runOurs(c);
  if (!ours) continue;
  const agrees = c.expectedStates === undefined ? null : ours.distinctStates === c.expectedStates;
  if (agrees === false) process.exitCode = 1;
  log(
    `${c.name.padEnd(17)} ours   ${f(ours.distinctStates).padStart(11)} states ${f(ours.statesGenerated).padStart(12)} generated depth ${String(ours.depth).padStart(2)} ` +
      `${ours.seconds.toFixed(2).padStart(6)} s (CPU ${ours.cpuSeconds?.toFixed(2)} s) ${f(ours.statesPerSecond).padStart(9)} states/s  ${ours.visitedBytesPerState.toFixed(1)} B/state visited ` +
      `(${ours.fingerprintBytesPerState?.toFixed(1)} fingerprints + ${ours.parentBytesPerState?.toFixed(1)} parents; frontier peak ${ours.frontierPeakBytesPerState?.toFixed(1)})  ` +
      `RSS ${f(ours.peakRssMiB)} MiB` +
      (agrees === null ? '' : agrees ? `  = ${c.source}` : `  ≠ ${c.source} (${f(c.expectedStates!)})`),
  );
  // Beside the rate ratio printed below: where the compared case's memory and time went (the generic
  // encoding's goal is memory within 1.5x of the hand-written one's).
  handWritten.set(c.name, ours);
  const hand = c.comparedWith ? handWritten.get(c.comparedWith) : undefined;
  if (hand)
    log(
      `${''.padEnd(17)} against ${c.comparedWith}: peak RSS ${(ours.peakRssMiB / hand.peakRssMiB).toFixed(2)}x, fingerprint phase ${ratioOf(ours.phases?.fingerprints, hand.phases?.fingerprints)}, ` +
        `decode ${ratioOf(ours.phases?.decode, hand.phases?.decode)}, successors ${ratioOf(ours.phases?.successors, hand.phases?.successors)}, frontier peak ${ratioOf(ours.frontierPeakBytesPerState, hand.frontierPeakBytesPerState)}`,
    );
  let parallel:
    | (Ours & { speedup: number; fractionOfCeiling: number | null; ceiling: number | null; threadCeiling: number | null; loadAverage: number })
    | undefined;
  if (workers > 1 && !c.serialOnly && (c.expectedStates ?? ours.distinctStates) >= 1e6) {
    const load = loadavg()[0];
    const p = runOurs(c, workers);
    const ceiling = await measureCeiling(workers);
    const threads = threadCeiling(c, workers);
    if (p) {
      const speedup = p.statesPerSecond / ours.statesPerSecond;
      parallel = { ...p, speedup, fractionOfCeiling: speedup / ceiling.speedup, ceiling: ceiling.speedup, threadCeiling: threads?.ceiling ?? null, loadAverage: load };
      if (p.distinctStates !== ours.distinctStates || p.statesGenerated !== ours.statesGenerated || p.depth !== ours.depth) process.exitCode = 1;
      log(
        `${''.padEnd(17)} ours×${workers} ${f(p.distinctStates).padStart(11)} states ${f(p.statesGenerated).padStart(12)} generated depth ${String(p.depth).padStart(2)} ` +
          `${p.seconds.toFixed(2).padStart(6)} s ${f(p.statesPerSecond).padStart(9)} states/s  speedup ${speedup.toFixed(2)}x` +
          ` (${((100 * speedup) / ceiling.speedup).toFixed(0)}% of the ${ceiling.speedup.toFixed(2)}x ceiling measured next to it)` +
          `  RSS ${f(p.peakRssMiB)} MiB  load average ${load.toFixed(2)}`,
      );
      if (threads)
        log(
          `${''.padEnd(17)} ${workers} independent single-core searches in ${workers} threads of one process: ${threads.together.map((t) => t.toFixed(2)).join(' s, ')} s ` +
            `against ${threads.alone.toFixed(2)} s alone, a ${threads.ceiling.toFixed(2)}x ceiling for threads on this model (ours×${workers} reaches ${((100 * speedup) / threads.ceiling).toFixed(0)}% of it)`,
        );
    }
  }
  const spin = c.peers?.spin && tools.spin ? peer('spin', () => runSpin(c.peers!.spin!)) : undefined;
  const rumur = c.peers?.rumur && tools.rumur ? peer('rumur', () => runRumur(c.peers!.rumur!)) : undefined;
  for (const p of [spin, rumur]) {
    if (!p || 'error' in p) continue;
    const same = p.distinctStates === ours.distinctStates;
    if (!same) process.exitCode = 1;
    log(
      `${''.padEnd(17)} ${p.tool.padEnd(6)} ${f(p.distinctStates).padStart(11)} states ${f(p.transitions).padStart(12)} transitions        ` +
        `${p.seconds.toFixed(2).padStart(6)} s ${f(p.statesPerSecond).padStart(9)} states/s  ${p.bytesPerState.toFixed(1)} B/state (RSS)  ` +
        `RSS ${f(p.peakRssMiB)} MiB  ${same ? 'same count' : 'DIFFERENT COUNT'}  ours/${p.tool} ${(ours.statesPerSecond / p.statesPerSecond).toFixed(2)}`,
    );
  }
  const ratio = (p: PeerRun | { error: string } | undefined) => (p && !('error' in p) ? ours.statesPerSecond / p.statesPerSecond : null);
  // A case compared with another of this run (the natural Paxos with the packed one): its rate as a fraction.
  // Also by CPU seconds, which other jobs on a shared machine move less than wall seconds.
  const base = c.comparedWith ? rates.get(c.comparedWith) : undefined;
  const ratioToCompared: number | null = base ? ours.statesPerSecond / base.wall : null;
  const cpuRate = ours.cpuSeconds ? ours.distinctStates / ours.cpuSeconds : undefined;
  const cpuRatioToCompared: number | null = base?.cpu && cpuRate ? cpuRate / base.cpu : null;
  if (base)
    log(
      `${''.padEnd(17)} ${(ratioToCompared! * 100).toFixed(0)}% of ${c.comparedWith}'s rate (${f(ours.statesPerSecond)} against ${f(base.wall)} states/s in this run)` +
        (cpuRatioToCompared !== null ? `; by CPU time ${(cpuRatioToCompared * 100).toFixed(0)}% (${f(cpuRate!)} against ${f(base.cpu!)} states per CPU second)` : '') +
        `; load average ${loadavg()[0].toFixed(2)}`,
    );
  rates.set(c.name, { wall: ours.statesPerSecond, cpu: cpuRate });
  rows.push({
    model: c.model,
    case: c.name,
    config: c.constants,
    ours: {
      distinctStates: ours.distinctStates,
      statesGenerated: ours.statesGenerated,
      depth: ours.depth,
      seconds: ours.seconds,
      cpuSeconds: ours.cpuSeconds,
      statesPerSecond: ours.statesPerSecond,
      bytesPerState: ours.visitedBytesPerState,
      fingerprintBytesPerState: ours.fingerprintBytesPerState,
      parentBytesPerState: ours.parentBytesPerState,
      frontierPeakBytesPerState: ours.frontierPeakBytesPerState,
      peakRssMiB: ours.peakRssMiB,
      phases: ours.phases,
    },
    parallel: parallel
      ? { workers, distinctStates: parallel.distinctStates, seconds: parallel.seconds, statesPerSecond: parallel.statesPerSecond, speedup: parallel.speedup, ceiling: parallel.ceiling, fractionOfCeiling: parallel.fractionOfCeiling, threadCeiling: parallel.threadCeiling, peakRssMiB: parallel.peakRssMiB, loadAverage: parallel.loadAverage }
      : null,
    spin: spin ?? (c.peers?.spin ? { error: tools.note ?? 'not run' } : null),
    rumur: rumur ?? (c.peers?.rumur ? { error: tools.note ?? 'not run' } : null),
    ratioToSpin: ratio(spin),
    ratioToRumur: ratio(rumur),
    expectedStates: c.expectedStates ?? null,
    expectedFrom: c.source ?? null,
    agrees,
    comparedWith: c.comparedWith ?? null,
    ratioToCompared,
    cpuRatioToCompared,
  });
}
// The cost of stating Paxos's invariants in specs/paxos.spec instead of TypeScript (bench/spec-cost.ts).
if (!values.only || 'paxos spec cost'.includes(values.only)) {
  const specCost = runSpecCost(root);
  if (specCost) log(formatSpecCost(specCost));
  else process.exitCode = 1;
}
// What symmetry reduction costs per orbit, against the unreduced cost per state (bench/symmetry-cost.ts).
if (!values.only || 'symmetry cost'.includes(values.only)) {
  const costs = runSymmetryCost(root);
  if (!costs || costs.some((c) => c.orbits !== c.wholeGroupOrbits)) process.exitCode = 1;
  for (const c of costs ?? []) log(formatSymmetryCost(c));
}
// The required OM resilience sweep (issue: under 60 s on this machine's two cores), every cell exhaustive.
if (!values.only || 'om sweep'.includes(values.only)) {
  const om = await runOmSweepBench();
  const cells = om.cells.map((c) => `n=${c.n} m=${c.m} ${c.result} ${c.distinctStates.toLocaleString('en-US')} st ${c.seconds.toFixed(3)} s`);
  log(`om sweep (m=1: n=3..7, m=2: n=5..7): ${om.totalSeconds.toFixed(2)} s in all; ${cells.join('; ')}`);
}
if (values.json) console.log(JSON.stringify(rows, null, 2));
