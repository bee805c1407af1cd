// coordinator-election: exact counts, equal to an independent naive enumeration
// (coordinator-election-reference.ts); each buggy variant caught with its exact shortest trace, which is
// the committed golden and replays; the fence is what rejects the golden's last step; the spec's verdicts
// and witnesses; the spec's invariants agree with the model's on every reachable state.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../checker/charts/chart.ts';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { compileSpec, loadSpecFile } from '../../checker/language/plan.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import type { Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { Decoder } from '../../checker/state/decode.ts';
import { Encoder } from '../../checker/state/encode.ts';
import { fromTraceFile } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';
import { canonicalizer } from '../../checker/state/symmetry.ts';
import model, { type ElectionState } from '../../models/coordinator-election.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import { referenceElection, type RefConfig, type RefVariant } from './coordinator-election-reference.ts';

const root = join(import.meta.dirname, '..', '..');
const DEFAULTS: RefConfig = { coordinators: 2, servers: 1, sessionTimeout: 3, maxDrift: 1, maxTicks: 4 };
const instance = (k: Partial<RefConfig>, variant?: string) => model.instantiate({ ...DEFAULTS, ...k }, variant) as Instance<ElectionState>;
const check = (k: Partial<RefConfig>, variant?: string, puritySample?: number) => {
  const inst = instance(k, variant);
  return bfs(inst, { invariants: invariantsOf(inst), puritySample });
};
/** The variants' checks at the defaults, run once for the tests that read them. */
const atDefaults = new Map<string, ReturnType<typeof check>>();
const checkDefaults = (variant: string) => atDefaults.get(variant) ?? atDefaults.set(variant, check({}, variant)).get(variant)!;

/** Every reachable state (the search's own enumeration). */
function reachable(inst: Instance<ElectionState>): ElectionState[] {
  const states: ElectionState[] = [];
  const r = bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }] });
  expect(states.length).toBe(r.distinctStates);
  return states;
}

// Small configurations: [constants, distinct, generated, depth] of the correct protocol.
const SMALL: [Partial<RefConfig>, number, number, number][] = [
  [{ coordinators: 1, sessionTimeout: 2, maxTicks: 2 }, 194, 461, 19],
  [{ sessionTimeout: 2, maxDrift: 0, maxTicks: 2 }, 1734, 6137, 20],
  [{ sessionTimeout: 2, maxTicks: 2 }, 3004, 10979, 20],
];

describe('coordinator-election, the correct protocol (fenced, lease with a drift margin)', () => {
  for (const [k, distinct, generated, depth] of SMALL) {
    it(`${JSON.stringify(k)}: both invariants hold on ${distinct} states, as the naive enumeration counts`, () => {
      const r = check(k);
      expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', distinct, generated, depth]);
      expect(referenceElection({ ...DEFAULTS, ...k }, undefined).explore()).toEqual({ distinct, generated, depth });
    }, 30_000);
  }

  it('maxTicks = 3: 6,420 states, depth 21; the defaults (maxTicks = 4): 21,468 states, depth 29', () => {
    const r3 = check({ maxTicks: 3 });
    expect([r3.result, r3.distinctStates, r3.statesGenerated, r3.depth]).toEqual(['holds', 6420, 24514, 21]);
    const r = check({});
    expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', 21468, 86824, 29]);
  }, 30_000);

  it('coordinator and server symmetry: as many orbits as the naive enumeration finds among its states (2,260 states, 621 orbits)', () => {
    const k = { servers: 2, sessionTimeout: 2, maxDrift: 1, maxTicks: 1 };
    const inst = instance(k);
    expect(check(k).distinctStates).toBe(2260);
    const r = bfs(inst, { invariants: invariantsOf(inst), canonical: canonicalizer(inst) });
    expect([r.result, r.distinctStates]).toEqual(['holds', 621]);
    expect(referenceElection({ ...DEFAULTS, ...k }, undefined).orbits()).toBe(621);
  });

  it('decode reads back exactly what encode wrote, and next() is pure (same successors twice, its input untouched), on every state of a small instance', () => {
    const k = { sessionTimeout: 2, maxDrift: 0, maxTicks: 2 };
    expect(check(k, undefined, 1).result).toBe('holds');
    const inst = instance(k);
    const w = new Encoder();
    for (const s of reachable(inst)) {
      w.reset();
      inst.encode!(s, w);
      const words = w.snapshot();
      expect(inst.decode!(new Decoder().reset(words, 0, words.length))).toEqual(s);
    }
  });
});

describe('the buggy variants: the shortest trace, the same in the naive enumeration', () => {
  const cases: [RefVariant, string, Partial<RefConfig>, number][] = [
    ['no-fencing', 'singleCoordinatorAccepted', {}, 15],
    ['no-fencing', 'singleCoordinatorAccepted', { sessionTimeout: 2, maxTicks: 2 }, 14],
    ['no-fencing', 'singleCoordinatorAccepted', { coordinators: 1, sessionTimeout: 2, maxTicks: 2 }, 15],
    ['lease-without-drift-margin', 'leaseWithinSession', {}, 6],
    ['lease-without-drift-margin', 'leaseWithinSession', { sessionTimeout: 2, maxTicks: 2 }, 5],
  ];
  for (const [variant, property, k, length] of cases) {
    it(`${variant} ${JSON.stringify(k)}: ${property} violated after ${length} steps`, () => {
      const r = Object.keys(k).length === 0 ? checkDefaults(variant!) : check(k, variant);
      expect(r.result).toBe('violation');
      expect(r.violation!.invariant).toBe(property);
      expect(r.violation!.path.length - 1).toBe(length);
      expect(referenceElection({ ...DEFAULTS, ...k }, variant).explore()).toEqual({ violated: property, at: length });
    });
  }

  it('without a drift bound the lease needs no margin: lease-without-drift-margin holds when maxDrift = 0', () => {
    const k = { sessionTimeout: 2, maxDrift: 0, maxTicks: 2 };
    expect([check(k, 'lease-without-drift-margin').result, check(k, 'lease-without-drift-margin').distinctStates]).toEqual(['holds', 1734]);
  });
});

describe('the committed counterexamples', () => {
  const goldens: [string, string, number][] = [
    ['no-fencing', 'singleCoordinatorAccepted', 15],
    ['lease-without-drift-margin', 'leaseWithinSession', 6],
  ];
  for (const [variant, property, length] of goldens) {
    it(`${variant}: the golden is this run's shortest trace and replays (exit 1)`, async () => {
      const file = join(root, 'counterexamples', `coordinator-election-${variant}-${property}.json`);
      const golden = JSON.parse(readFileSync(file, 'utf8'));
      expect([golden.model, golden.variant, golden.property.name, golden.steps.length]).toEqual(['coordinator-election', variant, property, length + 1]);
      const r = checkDefaults(variant);
      expect(golden.steps.map((s: { action: unknown }) => s.action)).toEqual(r.violation!.path.map((p) => p.action));
      expect(await main(['replay', file], memoryIo(root))).toBe(1);
    });
  }

  it('the "slow, not dead" trace: pause, expiry, successor obeyed, resumption, stale command executed', () => {
    const golden = JSON.parse(readFileSync(join(root, 'counterexamples', 'coordinator-election-no-fencing-singleCoordinatorAccepted.json'), 'utf8'));
    const said = golden.steps.slice(1).map((s: { action: { actor: string; kind: string } }) => `${s.action.actor} ${s.action.kind}`);
    expect(said).toEqual([
      'c1 connects',
      'c1 creates /leader',
      'c1 finds its lease valid',
      'c1 pauses',
      'zk ticks',
      'zk ticks',
      'zk ticks',
      'c2 connects',
      'c2 creates /leader',
      'c2 finds its lease valid',
      'c2 sends',
      's1 receives',
      'c1 resumes',
      'c1 sends',
      's1 receives',
    ]);
    expect(golden.steps[7].action.detail).toBe("to time 3; c1's session expires: /leader deleted");
  });

  it("the golden's chart: one lifeline per process, the successor's command and then the stale one arrive at s1", () => {
    const chart = buildChart(fromTraceFile(loadTrace(join(root, 'counterexamples', 'coordinator-election-no-fencing-singleCoordinatorAccepted.json'))));
    expect(chart.processes).toEqual(['c1', 'c2', 'zk', 's1']);
    expect(chart.arrows.map((a) => `${a.from}->${a.to} ${a.sendStep}->${a.receiveStep} ${a.label}`)).toEqual([
      'c2->s1 11->12 command(epoch=2, from=c2, to=s1)',
      'c1->s1 14->15 command(epoch=1, from=c1, to=s1)',
    ]);
    expect(chart.highlight).toMatchObject({ step: 15, violation: true });
  });

  it('with fencing the same steps stop at the last one: the server rejects the stale command (replay exit 2)', async () => {
    const golden = JSON.parse(readFileSync(join(root, 'counterexamples', 'coordinator-election-no-fencing-singleCoordinatorAccepted.json'), 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'clab-coord-'));
    const fenced = join(dir, 'fenced.json');
    writeFileSync(fenced, JSON.stringify({ ...golden, variant: null }));
    const io = memoryIo(root);
    expect(await main(['replay', fenced], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('step 15');

    // The fenced protocol's own step there: the same delivery, rejected.
    const inst = instance({});
    let s = inst.init()[0];
    for (const step of golden.steps.slice(1, 15)) s = inst.next(s).find((t) => JSON.stringify(t.action) === JSON.stringify(step.action))!.state;
    const last = inst.next(s).filter((t) => t.action.actor === 's1');
    expect(last.map((t) => t.action.detail)).toEqual(['and rejects it (epoch 1 < 2)']);
  });
});

describe('specs/coordinator-election.spec', () => {
  const run = async (...args: string[]) => {
    const io = memoryIo(root);
    const code = await main(args, io);
    return { code, json: code <= 1 ? JSON.parse(io.stdout.join('\n')) : undefined, err: io.stderr };
  };

  it('holds with maxTicks = 3; both witnesses are reached (a successor obeyed, a stale command arriving)', async () => {
    const r = await run('check', 'specs/coordinator-election.spec', '--const', 'maxTicks=3', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ result: 'holds', distinctStates: 6420, invariants: ['singleCoordinatorAccepted', 'leaseWithinSession', 'holderLeads'] });
    expect(r.json.witnesses).toEqual([
      { name: 'successorObeyed', reachable: true, length: 11 },
      { name: 'staleCommandArrives', reachable: true, length: 14 },
    ]);
  });

  it('--variant no-fencing: singleCoordinatorAccepted violated after 15 steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-coord-'));
    const r = await run('check', 'specs/coordinator-election.spec', '--const', 'maxTicks=3', '--variant', 'no-fencing', '--out', dir, '--json');
    expect(r.code).toBe(1);
    expect(r.json.violation).toMatchObject({ invariant: 'singleCoordinatorAccepted', length: 15 });
  });

  for (const variant of [undefined, 'no-fencing', 'lease-without-drift-margin']) {
    it(`the spec's invariants agree with the model's on every reachable state (${variant ?? 'correct'}, timeout 2, ticks 2)`, async () => {
      const loaded = await loadSpecFile('specs/coordinator-election.spec', root);
      const cs = resolveConstants(loaded.model, { ...loaded.constants, sessionTimeout: 2, maxTicks: 2 });
      const inst = loaded.model.instantiate(cs, variant) as Instance<ElectionState>;
      const spec = compileSpec(loaded, inst as Instance<unknown>, cs).properties.invariants;
      // Every state, not only up to the first violation: the search collects, no invariant stops it.
      const states = reachable(inst);
      for (const name of ['singleCoordinatorAccepted', 'leaseWithinSession']) {
        const p = spec.find((x) => x.name === name)!;
        let broken = 0;
        for (const s of states) {
          const want = inst.invariants[name].holds(s);
          expect(p.holds(s), `${name} on ${JSON.stringify(s)}`).toBe(want);
          if (!want) broken++;
        }
        const breaks = (variant === 'no-fencing' && name === 'singleCoordinatorAccepted') || (variant === 'lease-without-drift-margin' && name === 'leaseWithinSession');
        expect(broken > 0).toBe(breaks);
      }
      const holderLeads = spec.find((x) => x.name === 'holderLeads')!;
      expect(states.every((s) => holderLeads.holds(s))).toBe(true);
    });
  }
});
