// What symmetry reduction costs: for each symmetric case, the search without reduction (per state), with
// the model's signatures (the sort-based canonical form, per orbit) and with the whole group tried
// (the model's symmetry without its signatures, per orbit), each the best CPU time of a few runs in one
// process (CPU time, not wall time: the machine is shared and other jobs stretch wall time). The goal is
// a cost per orbit within 3x of the unreduced cost per state. The orbit counts of both canonical forms are
// printed side by side: they must be equal (and a difference fails the bench).
// `npm run bench` prints one line per case from runSymmetryCost; run this file alone for just those lines.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConstants } from '../checker/load/constants.ts';
import type { Instance, Model } from '../checker/model.ts';
import { bfs } from '../checker/search/bfs.ts';
import { canonicalizer } from '../checker/state/symmetry.ts';
import paxos from '../models/paxos.ts';
import voting from '../models/voting.ts';

export interface SymmetryCost {
  readonly name: string;
  readonly states: number;
  readonly orbits: number;
  readonly wholeGroupOrbits: number;
  readonly usPerState: number;
  readonly usPerOrbit: number;
  readonly usPerOrbitWholeGroup: number;
}

const CASES: [string, Model, Record<string, number>][] = [
  ['voting A3 V2 B3', voting, { ballots: 3 }],
  ['voting A4 V2 B3', voting, { acceptors: 4, values: 2, ballots: 3 }],
  ['voting A4 V3 B3', voting, { acceptors: 4, values: 3, ballots: 3 }],
  ['paxos A3 P2 B3', paxos, {}],
  ['paxos A4 P2 B3', paxos, { acceptors: 4, maxBallot: 3 }],
];

function cpuMs<T>(f: () => T): [number, T] {
  const t0 = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(t0);
  return [(d.user + d.system) / 1000, r];
}

export function measureSymmetryCost(runs = 3): SymmetryCost[] {
  return CASES.map(([name, model, constants]) => {
    const inst = model.instantiate(resolveConstants(model, constants)) as Instance<unknown>;
    const whole: Instance<unknown> = { ...inst, symmetry: { sorts: inst.symmetry!.sorts, apply: inst.symmetry!.apply } };
    const invariants = Object.entries(inst.invariants).map(([n, i]) => ({ name: n, holds: i.holds }));
    const best = [Infinity, Infinity, Infinity];
    const counts = [0, 0, 0];
    for (let r = 0; r < runs; r++) {
      [undefined, canonicalizer(inst), canonicalizer(whole)].forEach((canonical, k) => {
        const [ms, res] = cpuMs(() => bfs(k === 2 ? whole : inst, { invariants, canonical, phaseTimes: false }));
        best[k] = Math.min(best[k], ms);
        counts[k] = res.distinctStates;
      });
    }
    return {
      name,
      states: counts[0],
      orbits: counts[1],
      wholeGroupOrbits: counts[2],
      usPerState: (best[0] * 1000) / counts[0],
      usPerOrbit: (best[1] * 1000) / counts[1],
      usPerOrbitWholeGroup: (best[2] * 1000) / counts[2],
    };
  });
}

export function formatSymmetryCost(c: SymmetryCost): string {
  const f = (x: number) => x.toLocaleString('en-US');
  return (
    `symmetry ${c.name}: ${f(c.states)} states ${c.usPerState.toFixed(2)} µs/state; signatures ${f(c.orbits)} orbits ${c.usPerOrbit.toFixed(2)} µs/orbit ` +
    `(${(c.usPerOrbit / c.usPerState).toFixed(2)}x); whole group ${f(c.wholeGroupOrbits)} orbits ${c.usPerOrbitWholeGroup.toFixed(2)} µs/orbit (${(c.usPerOrbitWholeGroup / c.usPerState).toFixed(2)}x)` +
    (c.orbits === c.wholeGroupOrbits ? '' : '  ORBIT COUNTS DIFFER')
  );
}

/** The measurement in a fresh process (so earlier cases' garbage and compiled code do not weigh on it). */
export function runSymmetryCost(root: string): SymmetryCost[] | undefined {
  const child = spawnSync(process.execPath, [join(root, 'bin/run-ts.js'), join(root, 'bench/symmetry-cost.ts'), '--json'], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) {
    console.error(`bench symmetry cost failed:\n${child.stderr}`);
    return undefined;
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as SymmetryCost[];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const costs = measureSymmetryCost();
  console.log(process.argv.includes('--json') ? JSON.stringify(costs) : costs.map(formatSymmetryCost).join('\n'));
}
