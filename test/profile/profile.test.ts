// --profile (checker/profile/): exact counts per action and per part from wrapping the instance, the
// same search result as without it, times that are figures (not asserted against the clock), and the report
// after the verdict in text and in --json.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { Profiler } from '../../checker/profile/profile.ts';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import natural from '../../examples/paxos.ts';
import packed from '../../models/paxos.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import type { Model } from '../../checker/model.ts';

const root = join(import.meta.dirname, '..', '..');

function profile(m: Model) {
  const inst = m.instantiate({ acceptors: 3, proposers: 2, maxBallot: 2 }, undefined);
  const p = new Profiler(inst);
  const r = bfs(p.instance, p.options({ invariants: invariantsOf(inst), puritySample: 0 }));
  return { r, report: p.report(r), plain: bfs(inst, { invariants: invariantsOf(inst), puritySample: 0 }) };
}

describe('Profiler', () => {
  it('a model built with actions({...}): exact calls and successors per action function, the same result', () => {
    const { r, report, plain } = profile(natural);
    expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual([plain.result, plain.distinctStates, plain.statesGenerated, plain.depth]);
    expect([r.distinctStates, r.statesGenerated]).toEqual([1777, 10417]);
    expect(report.actionTime).toBe('measured');
    // Every state is expanded once; Phase1a offers one step per ballot in every state. The other counts are
    // the packed model's too (the next test): two implementations agree on them.
    expect(report.actions.map((a) => [a.name, a.calls, a.successors])).toEqual([
      ['phase1a', 1777, 2 * 1777],
      ['phase1b', 1777, 1200],
      ['phase2a', 1777, 574],
      ['phase2b', 1777, 5088],
    ]);
    expect(report.actions.reduce((t, a) => t + a.successors!, 0)).toBe(r.statesGenerated - 1);
    const phase = Object.fromEntries(report.phases.map((p) => [p.name, p]));
    expect(Object.keys(phase)).toEqual(['next()', 'encode', 'decode', 'invariants', 'search', 'waiting']);
    // The parts, the search's own CPU time and the time it waited for a processor make up its seconds.
    expect(report.phases.reduce((t, p) => t + p.seconds, 0)).toBeGreaterThanOrEqual(r.seconds - 1e-9);
    expect([phase['next()'].calls, phase['next()'].successors, phase.decode.calls, phase.invariants.calls]).toEqual([1777, 10416, 1777, 2 * 1777]);
    expect(report.predicates.map((p) => [p.name, p.calls])).toEqual([
      ['agreement', 1777],
      ['validity', 1777],
    ]);
    expect(report.encoder).toBe('model');
    expect(report.sampleSize).toBe(512);
    for (const t of [...report.phases, ...report.actions, ...report.predicates]) expect(t.seconds).toBeGreaterThanOrEqual(0);
    expect(report.actions.reduce((t, a) => t + a.seconds, 0)).toBeCloseTo(phase['next()'].seconds, 9);
  });

  it('any other next(): successors counted by action kind and message type, next() time shared by them', () => {
    const { r, report } = profile(packed);
    expect(report.actionTime).toBe('attributed');
    expect(Object.fromEntries(report.actions.map((a) => [a.name, a.successors]))).toEqual({
      'sends 1a': 2 * 1777,
      'promises, sends 1b': 1200,
      'sends 2a': 574,
      'accepts, sends 2b': 5088,
    });
    const next = report.phases.find((p) => p.name === 'next()')!;
    expect(report.actions.reduce((t, a) => t + a.seconds, 0)).toBeCloseTo(next.seconds, 9);
    expect(next.successors).toBe(r.statesGenerated - 1);
  });
});

describe('clab check --profile', () => {
  const cli = async (...args: string[]) => {
    const io = memoryIo(root);
    const code = await main(['check', ...args, '--out', mkdtempSync(join(tmpdir(), 'clab-profile-')), '--quiet'], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  it('prints the profile after the verdict, one row per action function', async () => {
    const r = await cli('examples/paxos.ts', '--no-typecheck', '--const', 'maxBallot=2', '--profile');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const verdict = lines.findIndex((l) => l.startsWith('✓ 2 invariant(s) hold'));
    const head = lines.findIndex((l) => l.startsWith('profile (one core): '));
    expect(verdict).toBeGreaterThan(0);
    expect(head).toBeGreaterThan(verdict);
    expect(lines[head + 1].split(/\s+/).filter(Boolean)).toEqual(['phase', 'seconds', 'share', 'calls', 'per', 'call']);
    // 'waiting' (wall time other jobs had the processor) is printed only when it is 1% of the time or more.
    const actions = lines.indexOf('actions (each action function of actions({...}) timed):');
    const phases = lines.slice(head + 2, actions).map((l) => l.trim().split(/\s+/)[0]);
    expect(phases.filter((p) => p !== 'waiting')).toEqual(['next()', 'encode', 'decode', 'invariants', 'search']);
    expect(lines.slice(actions + 2, actions + 6).map((l) => l.trim().split(/\s+/)[0])).toEqual(['phase1a', 'phase1b', 'phase2a', 'phase2b']);
    expect(lines.length).toBe(actions + 6);
  }, 30_000);

  it('--json carries the profile; a shipped model gets it by action kind', async () => {
    const r = await cli('paxos', '--const', 'maxBallot=2', '--profile', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect([j.result, j.distinctStates, j.statesGenerated]).toEqual(['holds', 1777, 10417]);
    expect(j.profile.actionTime).toBe('attributed');
    expect(j.profile.encoder).toBe('model');
    expect(j.profile.phases.map((p: { name: string }) => p.name)).toEqual(['next()', 'encode', 'decode', 'invariants', 'search', 'waiting']);
    expect(j.profile.actions.map((a: { name: string }) => a.name).sort()).toEqual(['accepts, sends 2b', 'promises, sends 1b', 'sends 1a', 'sends 2a']);
    expect(j.profile.predicates.map((p: { name: string; calls: number }) => [p.name, p.calls])).toEqual([
      ['agreement', 1777],
      ['validity', 1777],
    ]);
  }, 30_000);
});
