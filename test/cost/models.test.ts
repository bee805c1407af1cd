// The shipped models' costs, computed once (every cost description, as `clab cost` and README.md have them;
// the PBFT slot's literal worst case, 574,602 states, about 8 s of CPU, is the expensive part), then each
// figure against a count derived by hand from the protocol (formulas in the constants, not read from the
// engine): replicas per fault bound, messages per decision (fewest: only quorums answer; most: every
// correct process sends what it can before the first decision), message delays, unbounded worst cases.
// Last, README.md's cost tables must be exactly these reports' tables (npm run cost-table writes them).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { costTables } from '../../checker/cost/format.ts';
import { costReport, type CostReport, type ScenarioReport } from '../../checker/cost/report.ts';
import { modelCosts } from '../../models/cost/index.ts';
import { COST_END, COST_START, currentBlock } from '../../scripts/models-table/table.ts';

const reports = new Map<string, CostReport>();
beforeAll(async () => {
  for (const c of modelCosts) reports.set(c.model.name, await costReport(c));
}, 300_000);

const report = (model: string) => reports.get(model)!;
const scenario = (model: string, name: string): ScenarioReport => report(model).scenarios.find((s) => s.name === name)!;
const needed = (model: string) => report(model).replicas!.rows.map((r) => [r.faults, r.needed]);

describe('replicas needed for m faults (threshold search)', () => {
  it('OM: 3m+1 (n = 3 breaks IC2 for m = 1; n = 5, 6 break it for m = 2)', () => {
    expect(needed('om')).toEqual([[1, 4], [2, 7]]);
    expect(report('om').replicas!.rows[0].sizes.map((s) => s.verdict)).toEqual(['holds', 'violated', 'holds', 'holds']);
  });

  it('Paxos with crashed acceptors: 2m+1 (fewer leave no majority)', () => {
    expect(needed('paxos')).toEqual([[1, 3], [2, 5]]);
    expect(report('paxos').replicas!.rows[1].sizes.map((s) => s.verdict)).toEqual(['no decision', 'no decision', 'holds']);
  });

  it('PBFT: 3f+1 (n = 3f breaks agreement); trusted-BFT: 2f+1 (n = 2f is safe but cannot decide)', () => {
    expect(needed('pbft')).toEqual([[1, 4], [2, 7]]);
    expect(report('pbft').replicas!.rows[0].sizes[0]).toMatchObject({ size: 3, verdict: 'violated', detail: 'agreement (6 steps)' });
    expect(needed('trusted-bft')).toEqual([[1, 3], [2, 5]]);
    expect(report('trusted-bft').replicas!.rows.map((r) => r.sizes[0].verdict)).toEqual(['no decision', 'no decision']);
  });
});

describe('messages and delays per decision', () => {
  it('OM(1), n = 4: 9 messages and 2 delays, with or without traitors', () => {
    expect(scenario('om', 'OM(1)')).toMatchObject({ failureFree: { most: { messages: 9, delays: 2 } }, worst: { kind: 'bounded', run: { messages: 9, delays: 2 } } });
  });

  it('Paxos, A = 3: phase 1 + 2 is A + q + A + q (to 3 1b) and 4 delays; phase 1 in advance A + q, 2 delays', () => {
    const A = 3;
    const q = 2;
    expect(scenario('paxos', 'phase 1 + phase 2').failureFree).toMatchObject({ fewest: { messages: A + q + A + q, delays: 4 }, most: { messages: A + A + A + q, delays: 4 } });
    expect(scenario('paxos', 'phase 1 done in advance').failureFree).toMatchObject({ fewest: { messages: A + q, delays: 2 }, most: { messages: A + q, delays: 2 } });
  });

  it('duelling proposers: the worst case grows with every ballot, so it is unbounded', () => {
    const w = scenario('paxos', 'two proposers (duelling)').worst;
    expect(w).toMatchObject({ kind: 'unbounded', why: 'growth', constant: 'maxBallot', bounded: { messages: 35 } });
    if (w?.kind === 'unbounded' && w.why === 'growth') expect(w.byBound.map((b) => b.messages)).toEqual([13, 24, 35]);
  });

  it('Fast Paxos, n = 3, one client: the fast round takes one message delay fewer than a classic one', () => {
    const N = 3;
    const qf = 3;
    const qc = 2;
    const fast = scenario('fast-paxos', 'fast round').failureFree;
    const classic = scenario('fast-paxos', 'classic round, phase 1 done in advance').failureFree;
    // propose to coordinator and acceptors, 2a (any, or the value) to the acceptors, 2b of a quorum.
    expect(fast).toMatchObject({ fewest: { messages: N + 1 + N + qf, delays: 2 }, most: { messages: N + 1 + N + qf, delays: 2 } });
    expect(classic).toMatchObject({ fewest: { messages: N + 1 + N + qc, delays: 3 }, most: { messages: N + 1 + N + qc, delays: 3 } });
    if (fast?.most !== 'unbounded' && classic?.most !== 'unbounded') expect(fast!.most.delays).toBe(classic!.most.delays - 1);
    const w = scenario('fast-paxos', 'two clients (collision, classic recovery)').worst;
    expect(w).toMatchObject({ kind: 'unbounded', why: 'growth', constant: 'rounds', bounded: { messages: 25 } });
  });

  it('Multi-Paxos, A = 3, one leader: phase 1 once, then one 2a/2b round per command (2k+3 delays)', () => {
    const A = 3;
    const q = 2;
    const k = 4;
    const run = (fewest: number, most: number, delays: number) => ({ fewest: { messages: fewest, delays }, most: { messages: most, delays } });
    // 1a, 1b (a quorum to all), per command a 2a and the 2b (a quorum to all), the last decision's commit.
    expect(scenario('multi-paxos', '1 command').failureFree).toMatchObject(run(A + q + (A + q) + A, A + A + (A + A) + A, 5));
    expect(scenario('multi-paxos', '4 commands, piggybacked').failureFree).toMatchObject(run(A + q + k * (A + q) + A, A + A + k * (A + A) + A, 2 * k + 3));
    // Without piggybacking every decision is a commit of its own: k-1 more broadcasts.
    expect(scenario('multi-paxos', '4 commands, separate decisions').failureFree).toMatchObject(run(A + q + k * (A + q) + k * A, A + A + k * (A + A) + k * A, 2 * k + 3));
    const w = scenario('multi-paxos', 'two proposers, leader change').worst;
    expect(w).toMatchObject({ kind: 'unbounded', why: 'growth', constant: 'maxBallot' });
    if (w?.kind === 'unbounded' && w.why === 'growth') expect(w.byBound.map((b) => b.messages)).toEqual([15, 27, 39]);
  });

  it('paxos-duel: a message-sending cycle before any decision', () => {
    expect(report('paxos-duel').scenarios[0].worst).toMatchObject({ kind: 'unbounded', why: 'cycle', perTurn: 24, states: 647 });
  });

  it('trusted-BFT slot, n = 3: pre-prepare n-1, prepares (q-1 to n-1 backups)(n-1), commits (q to n)(n-1); 3 delays', () => {
    const n = 3;
    const q = 2;
    const r = scenario('trusted-bft', 'one slot');
    expect(r.failureFree).toMatchObject({ fewest: { messages: (n - 1) * (1 + (q - 1) + q), delays: 3 }, most: { messages: (n - 1) * (1 + (n - 1) + n), delays: 3 } });
    // A faulty backup sends each kind once to each correct replica (no equivocation): no more than a correct one.
    expect(r.worst).toMatchObject({ kind: 'bounded', run: { messages: (n - 1) * (1 + (n - 1) + n), delays: 3 } });
  });

  it('PBFT slot, n = 4: 18 to 24 failure-free; worst case 30, the faulty backup sending both values', () => {
    const n = 4;
    const q = 3;
    const r = scenario('pbft', 'one slot');
    expect(r.failureFree).toMatchObject({ fewest: { messages: (n - 1) * (1 + (q - 1) + q), delays: 3 }, most: { messages: (n - 1) * (1 + (n - 1) + n), delays: 3 } });
    // Pre-prepare n-1; two correct backups' prepares and every correct replica's commit, n-1 each; the faulty
    // backup's prepare and commit with each of the two values to each of the n-1 correct replicas.
    expect(r.worst).toMatchObject({ kind: 'bounded', run: { messages: (n - 1) * (1 + (n - 2) + (n - 1)) + 2 * 2 * (n - 1), delays: 3 }, states: 574_602 });
  });

  it('two-phase commit, 3 RMs: n Prepared + n Commit, 2 delays', () => {
    expect(scenario('twophase', 'commit').failureFree).toMatchObject({ fewest: { messages: 6, delays: 2 }, most: { messages: 6, delays: 2 } });
  });
});

describe('README.md', () => {
  it("has exactly these reports' tables between its cost markers", () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(currentBlock(readme, COST_START, COST_END)).toBe(costTables([...reports.values()]));
  });
});
