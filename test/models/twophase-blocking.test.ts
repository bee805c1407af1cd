// Two-phase commit with a crashing coordinator (models/twophase-blocking.ts): exact counts cross-checked
// against an independent enumeration (twophase-blocking-reference.ts); the blocking lassos of plain 2PC and
// of cooperative termination, exact in shape; termination holding in the Paxos Commit-style version and
// failing once too many acceptors crash; `consistent` holding everywhere; the goldens replayed and the
// specs checked through the CLI; the wait golden's chart.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../checker/charts/chart.ts';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { checkLiveness } from '../../checker/liveness/check.ts';
import type { Action, Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { encodeState } from '../../checker/state/fingerprinter.ts';
import { fromTraceFile } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';
import blocking, { type BlockingState } from '../../models/twophase-blocking.ts';
import { referenceCounts, type RefConfig } from './twophase-blocking-reference.ts';

const root = resolve(import.meta.dirname, '../..');
const DEFAULTS = { rms: 2, acceptors: 3, tmCrashes: 1, acceptorCrashes: 1 };
type Variant = 'wait' | 'cooperative' | 'backup-ignores-reports' | undefined;
const inst = (variant: Variant, c: Partial<typeof DEFAULTS> = {}) => blocking.instantiate({ ...DEFAULTS, ...c }, variant) as Instance<BlockingState>;
const safety = (i: Instance<BlockingState>) => bfs(i, { invariants: [{ name: 'consistent', holds: i.invariants.consistent.holds }] });
const live = (i: Instance<BlockingState>) => checkLiveness(i, { properties: i.temporal! });
const words = (i: Instance<BlockingState>, s: BlockingState) => Array.from(encodeState(i, s)).join(',');
const stepText = (st: { readonly action: Action | null }) => `${st.action!.actor} ${st.action!.kind}`;

describe('counts: the checker and an independent enumeration agree', () => {
  // [variant, constants, distinct, generated (transitions + the initial state), depth, stuck states]
  const cases: [Variant, Partial<typeof DEFAULTS>, number, number, number, number][] = [
    ['wait', {}, 115, 371, 11, 11],
    ['wait', { rms: 3 }, 577, 2665, 15, 33],
    ['wait', { tmCrashes: 0 }, 61, 196, 10, 0],
    ['cooperative', {}, 390, 1114, 15, 3],
    ['cooperative', { rms: 3 }, 7795, 32127, 24, 3],
    [undefined, { acceptorCrashes: 0 }, 5665, 29119, 20, 0],
    [undefined, { acceptors: 1 }, 842, 3410, 16, 14],
  ];
  for (const [variant, c, distinct, generated, depth, stuck] of cases) {
    it(`${variant ?? 'correct'} ${JSON.stringify(c)}: ${distinct} / ${generated} / ${depth}, consistent holds`, () => {
      const r = safety(inst(variant, c));
      expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', distinct, generated, depth]);
      const ref = referenceCounts({ mode: variant ?? 'paxos', ...DEFAULTS, ...c } as RefConfig);
      expect(ref).toEqual({ distinct, transitions: generated - 1, depth, stuck });
    }, 30_000);
  }
});

describe('variant wait (plain 2PC): the TM crashes after telling r1, r2 waits forever', () => {
  const i = inst('wait');
  const r = live(i);
  const p = r.properties[0];
  const cx = p.counterexample!;

  it('termination violated by a lasso of 9 steps back to step 8; no deadlock', () => {
    expect(p).toMatchObject({ name: 'termination', kind: 'eventually', result: 'violation' });
    expect([cx.steps.length - 1, cx.loopStart]).toEqual([9, 8]);
    expect(words(i, cx.steps[9].state)).toBe(words(i, cx.steps[8].state));
    expect(r.deadlocks).toEqual({ count: 0, terminal: 6 });
  });
  it('the prefix: both prepare, the TM commits, tells r1 only, crashes; the cycle: r2 times out and waits', () => {
    expect(cx.steps.slice(1).map(stepText)).toEqual([
      'r1 prepares, sends',
      'r2 prepares, sends',
      'TM receives',
      'TM receives',
      'TM decides',
      'TM sends',
      'r1 receives',
      'env crashes',
      'r2 times out, waits',
    ]);
    expect(cx.steps[8].state.rm).toEqual([2, 1]); // r1 committed, r2 prepared
  });
  it('without the crash (tmCrashes 0) plain 2PC terminates', () => {
    expect(live(inst('wait', { tmCrashes: 0 })).properties[0].result).toBe('holds');
  });
});

describe('variant cooperative: still blocks when every participant is prepared and the TM told no one', () => {
  const i = inst('cooperative');
  const r = live(i);
  const p = r.properties[0];
  const cx = p.counterexample!;

  it('termination violated by a lasso of 10 steps back to step 8 (both participants ask, forever)', () => {
    expect(p).toMatchObject({ name: 'termination', result: 'violation' });
    expect([cx.steps.length - 1, cx.loopStart]).toEqual([10, 8]);
    expect(words(i, cx.steps[10].state)).toBe(words(i, cx.steps[8].state));
    expect(cx.steps.slice(9).map(stepText)).toEqual(['r1 times out, sends', 'r2 times out, sends']);
    expect(cx.steps[8].action).toMatchObject({ actor: 'env', kind: 'crashes', detail: 'TM' });
    // The TM had decided commit, and both participants are prepared: neither can answer the other.
    expect(cx.steps[8].state).toMatchObject({ rm: [1, 1], tm: 1 });
  });
  it("the blocking the wait variant showed is gone: r2 learns r1's commit", () => {
    // The wait lasso's loop state, replayed under cooperative termination, can still reach everyone decided.
    const steps = live(inst('wait')).properties[0].counterexample!.steps;
    let s = steps[8].state;
    const ask = i.next(s).find((st) => st.action.actor === 'r2')!;
    expect(ask.action).toMatchObject({ kind: 'times out, sends', message: { type: 'Ask', from: 'r2' } });
    s = ask.state;
    const answer = i.next(s).find((st) => st.action.actor === 'r1')!;
    expect(answer.action).toMatchObject({ kind: 'receives', message: { type: 'Ask', from: 'r2' }, detail: 'answers Commit(to=r2)' });
    const learn = i.next(answer.state).find((st) => st.action.actor === 'r2' && st.action.kind === 'receives')!;
    expect(learn.state.rm).toEqual([2, 2]);
  });
  it('with three participants too: 14 steps back to step 11', () => {
    const cx3 = live(inst('cooperative', { rms: 3 })).properties[0].counterexample!;
    expect([cx3.steps.length - 1, cx3.loopStart]).toEqual([14, 11]);
    expect(cx3.steps[11].state.rm).toEqual([1, 1, 1]);
  });
});

describe('the correct version: acceptors record the decision, B finishes from a majority', () => {
  it('acceptors 1 (no majority survives a crash): violated, 13 steps back to step 11', () => {
    const p = live(inst(undefined, { acceptors: 1 })).properties[0];
    expect(p.result).toBe('violation');
    const cx = p.counterexample!;
    expect([cx.steps.length - 1, cx.loopStart]).toEqual([13, 11]);
    expect(cx.steps[11].state.crashed).toBe(0b11); // the TM and a1
  });
  it('no acceptor crash: termination holds on 5,665 states', () => {
    const r = live(inst(undefined, { acceptorCrashes: 0 }));
    expect([r.distinctStates, r.properties[0].result]).toEqual([5665, 'holds']);
  });
});

describe('variant backup-ignores-reports: the Paxos rule B must follow', () => {
  it('consistent violated after 16 steps: r1 learns abort (ballot 1), r2 commit (ballot 0); the golden is this run and replays', async () => {
    const r = safety(inst('backup-ignores-reports'));
    expect(r.result).toBe('violation');
    expect(r.violation!.invariant).toBe('consistent');
    expect(r.violation!.path.length - 1).toBe(16);
    const last = r.violation!.path[16];
    expect(last.state.rm).toEqual([3, 2]);
    expect(r.violation!.path[11].action).toMatchObject({ actor: 'B', kind: 'receives 1b quorum', detail: 'from a1,a2, sends 2a(b=1, v=abort)' });
    // a2's report said commit (it voted at step 9, before promising at step 10): the correct B proposes commit there.
    const correct = inst(undefined);
    expect(correct.next(r.violation!.path[10].state).find((st) => st.action.actor === 'B')!.action.detail).toBe('from a1,a2, sends 2a(b=1, v=commit)');
    const file = 'counterexamples/twophase-blocking-backup-ignores-reports-consistent.json';
    const golden = JSON.parse(readFileSync(join(root, file), 'utf8'));
    expect(golden.steps.map((st: { action: unknown }) => st.action)).toEqual(r.violation!.path.map((p) => p.action));
    const io = memoryIo(root);
    expect(await main(['replay', file, '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ result: 'reproduced', length: 16 });
  }, 30_000);
  it('its whole graph (no invariant checked, acceptorCrashes 0) agrees with the reference: 5,825 / 29,543 / 20', () => {
    const r = bfs(inst('backup-ignores-reports', { acceptorCrashes: 0 }), { invariants: [] });
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([5825, 29543, 20]);
    const ref = referenceCounts({ mode: 'paxos', ignoreReports: true, ...DEFAULTS, acceptorCrashes: 0 });
    expect([ref.distinct, ref.transitions + 1, ref.depth]).toEqual([5825, 29543, 20]);
  }, 30_000);
});

describe('through the CLI', () => {
  const out = () => mkdtempSync(join(tmpdir(), 'clab-2pc-blocking-'));
  it('specs/twophase-blocking.spec (defaults: the TM and one of three acceptors may crash): holds on 22,660 states, witnesses reachable', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'specs/twophase-blocking.spec', '--json', '--quiet', '--out', out()], io)).toBe(0);
    const j = JSON.parse(io.stdout[0]);
    expect(j).toMatchObject({ result: 'holds', distinctStates: 22660, statesGenerated: 120889, depth: 21, invariants: ['consistent', 'oneOutcome', 'commitChosen'] });
    expect(j.temporal).toEqual([{ name: 'termination', kind: 'eventually', result: 'holds' }]);
    expect(j.witnesses.map((w: { name: string; reachable: boolean; length: number }) => [w.name, w.reachable, w.length])).toEqual([
      ['commitAfterCrash', true, 10],
      ['backupCommits', true, 12],
      ['backupAborts', true, 12],
    ]);
  }, 60_000);
  it('specs/twophase-blocking-cooperative.spec: the same lasso (10 steps, loopStart 8), exit 1; the blocking configuration is reachable', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'specs/twophase-blocking-cooperative.spec', '--json', '--quiet', '--out', out()], io)).toBe(1);
    const j = JSON.parse(io.stdout[0]);
    expect(j).toMatchObject({ result: 'violation', distinctStates: 390, variant: 'cooperative' });
    expect(j.violation).toMatchObject({ property: 'termination', kind: 'temporal', length: 10, loopStart: 8 });
    expect(j.witnesses.map((w: { name: string; reachable: boolean; length: number }) => [w.name, w.reachable, w.length])).toEqual([
      ['committedAfterCrash', true, 10],
      ['allPreparedTmDown', true, 3],
    ]);
  }, 30_000);
  it("the wait golden's chart: three delivered messages, the TM's crash at step 8, the cycle from step 8", () => {
    const chart = buildChart(fromTraceFile(loadTrace(join(root, 'counterexamples/twophase-blocking-wait-termination.json'))));
    expect(chart.processes).toEqual(['r1', 'r2', 'TM']);
    expect(chart.arrows.map((a) => `${a.from}>${a.to} ${a.sendStep}-${a.receiveStep} ${a.label}`)).toEqual([
      'r1>TM 1-3 Prepared(from=r1, to=TM)',
      'r2>TM 2-4 Prepared(from=r2, to=TM)',
      'TM>r1 6-7 Commit(from=TM, to=r1)',
    ]);
    expect(chart.crashes).toEqual([{ process: 'TM', step: 8 }]);
    expect(chart.loopStart).toBe(8);
  });
  for (const [variant, length, loopStart] of [
    ['wait', 9, 8],
    ['cooperative', 10, 8],
  ] as const) {
    it(`--variant ${variant}: the lasso (${length} steps, loopStart ${loopStart}), exit 1; the committed golden replays`, async () => {
      const io = memoryIo(root);
      expect(await main(['check', 'twophase-blocking', '--variant', variant, '--json', '--quiet', '--out', out()], io)).toBe(1);
      expect(JSON.parse(io.stdout[0]).violation).toMatchObject({ property: 'termination', kind: 'temporal', length, loopStart });
      const rep = memoryIo(root);
      expect(await main(['replay', `counterexamples/twophase-blocking-${variant}-termination.json`, '--json'], rep)).toBe(1);
      expect(JSON.parse(rep.stdout[0])).toMatchObject({ result: 'reproduced', length, loopStart });
    }, 30_000);
  }
});
