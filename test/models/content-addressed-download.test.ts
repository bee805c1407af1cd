// content-addressed-download: exact counts of the correct protocol (tracker and Napster index, honest and
// evil tracker), the same counts, depths and shortest violations from an independent brute-force search over
// a separately written transition relation, each buggy variant's shortest trace, the committed goldens
// replayed, and the spec's verdicts (invariants, the completion witness, the progress property).

import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { compileSpec, loadSpecFile } from '../../checker/language/plan.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import type { Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import model, { type SwarmState } from '../../models/content-addressed-download.ts';
import { invariantsOf } from '../helpers/graph-model.ts';

const root = join(import.meta.dirname, '..', '..');

type Config = {
  blocks: number;
  peers: number;
  malicious: number;
  evilTracker: boolean;
  index: 'tracker' | 'napster';
};
type Variant = undefined | 'no-hash-check' | 'untrusted-metadata';
const defaults: Config = { blocks: 2, peers: 2, malicious: 1, evilTracker: false, index: 'tracker' };

const check = (c: Partial<Config>, variant?: Variant, opts: { invariants?: boolean; puritySample?: number } = {}) => {
  const inst = model.instantiate({ ...defaults, ...c }, variant) as Instance<unknown>;
  return bfs(inst, { invariants: opts.invariants === false ? [] : invariantsOf(inst), puritySample: opts.puritySample });
};

// ---- The reference: the same protocol written again, directly, states as JSON strings. ----

interface RefState {
  list: string[] | null; // peers the tracker/index named, null before its answer
  hashes: 'none' | 'genuine' | 'poisoned';
  have: ('-' | 'good' | 'poisoned')[];
  failed: string[]; // sources that failed the downloader, sorted
  wire: null | { what: string; from: string; block?: number; data?: string };
  done: boolean;
}

function reference(c: Config, variant: Variant) {
  const peers = Array.from({ length: c.peers }, (_, i) => `p${i + 1}`);
  const bad = new Set(peers.slice(c.peers - c.malicious));
  const napster = c.index === 'napster';
  const tracker = napster ? 'index' : 'tracker';
  const fail = (s: RefState, who: string) => [...s.failed, who].sort();
  const usable = (s: RefState) => (s.list ?? []).filter((p) => !s.failed.includes(p));

  function deliver(s: RefState): RefState {
    const w = s.wire!;
    const t: RefState = { ...s, wire: null };
    if (w.what === 'peers') {
      t.list = peers.filter((p) => !c.evilTracker || bad.has(p));
      if (napster && variant === undefined) t.hashes = 'genuine';
    } else if (w.what === 'metadata') {
      if (variant === 'untrusted-metadata') t.hashes = w.data as RefState['hashes'];
      else if (w.data === 'genuine') t.hashes = 'genuine';
      else t.failed = fail(s, w.from);
    } else if (w.data === 'refused') {
      t.failed = fail(s, w.from);
    } else {
      // A piece or the whole file: kept if unchecked, or if its content is the one the hashes name.
      const fits = variant === 'no-hash-check' || (napster && variant === 'untrusted-metadata') || (w.data === 'good' ? s.hashes === 'genuine' : s.hashes === 'poisoned');
      if (!fits) t.failed = fail(s, w.from);
      else if (w.what === 'piece') t.have = s.have.map((x, b) => (b === w.block ? (w.data as 'good' | 'poisoned') : x));
      else t.have = s.have.map(() => w.data as 'good' | 'poisoned');
    }
    return t;
  }

  function successors(s: RefState): RefState[] {
    if (s.done) return [];
    if (s.wire) return [deliver(s)];
    const send = (wire: RefState['wire']): RefState => ({ ...s, wire });
    if (s.list === null) return [send({ what: 'peers', from: tracker })];
    if (s.have.every((x) => x !== '-')) return [{ ...s, done: true }];
    const serves = (p: string) => (bad.has(p) ? ['good', 'poisoned', 'refused'] : ['good']);
    const out: RefState[] = [];
    if (napster) {
      for (const p of usable(s)) for (const data of serves(p)) out.push(send({ what: 'file', from: p, data }));
    } else if (s.hashes === 'none') {
      const lists = (evil: boolean) => (evil ? ['genuine', 'poisoned'] : ['genuine']);
      if (!s.failed.includes(tracker)) for (const data of lists(c.evilTracker)) out.push(send({ what: 'metadata', from: tracker, data }));
      for (const p of usable(s)) for (const data of lists(bad.has(p))) out.push(send({ what: 'metadata', from: p, data }));
    } else {
      for (let b = 0; b < c.blocks; b++) if (s.have[b] === '-') for (const p of usable(s)) for (const data of serves(p)) out.push(send({ what: 'piece', from: p, block: b, data }));
    }
    return out;
  }

  const poisonAssembled = (s: RefState) => s.done && s.have.some((x) => x !== 'good');
  const init: RefState = { list: null, hashes: 'none', have: new Array(c.blocks).fill('-'), failed: [], wire: null, done: false };
  const seen = new Set([JSON.stringify(init)]);
  let frontier = [init];
  let levels = 0;
  let generated = 1;
  let violationAt: number | undefined;
  let ends = 0;
  let poisoned = 0;
  while (frontier.length > 0) {
    levels++;
    const next: RefState[] = [];
    for (const s of frontier) {
      if (poisonAssembled(s)) (poisoned++, (violationAt ??= levels - 1));
      const succ = successors(s);
      if (succ.length === 0) ends++;
      generated += succ.length;
      for (const t of succ) {
        const key = JSON.stringify(t);
        if (!seen.has(key)) (seen.add(key), next.push(t));
      }
    }
    frontier = next;
  }
  return { distinct: seen.size, generated, depth: levels, violationAt, ends, poisoned };
}

// ---- Tests ----

describe('content-addressed-download: the correct protocol', () => {
  const cells: [string, Partial<Config>, number, number, number][] = [
    ['defaults (2 blocks, 2 peers, 1 malicious)', {}, 40, 57, 12],
    ['an evil tracker', { evilTracker: true }, 54, 69, 12],
    ['3 peers, 2 malicious, an evil tracker', { peers: 3, malicious: 2, evilTracker: true }, 166, 249, 14],
    ['3 blocks, 3 peers, 1 malicious', { blocks: 3, peers: 3, malicious: 1 }, 114, 189, 14],
    ['Napster index, 3 peers', { index: 'napster', peers: 3 }, 15, 19, 8],
    ['Napster index, 4 blocks, 4 peers, 3 malicious', { index: 'napster', blocks: 4, peers: 4, malicious: 3 }, 70, 99, 12],
  ];
  it.each(cells)('%s: holds, exact distinct / generated / depth, and the reference agrees', (_name, c, distinct, generated, depth) => {
    const r = check(c, undefined, { puritySample: 1 });
    expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', distinct, generated, depth]);
    const ref = reference({ ...defaults, ...c }, undefined);
    expect([ref.distinct, ref.generated, ref.depth, ref.violationAt]).toEqual([distinct, generated, depth, undefined]);
  });

  it('every dead end is intended: d has the file or has no source left (no deadlock is reported)', () => {
    // Defaults: the two ends are the original file assembled, with p2 banned or not.
    const inst = model.instantiate(defaults);
    const ends: SwarmState[] = [];
    bfs(inst, { invariants: [], witnesses: [{ name: 'end', holds: (s) => (inst.next(s).length === 0 && ends.push(s), false) }] });
    expect(ends.length).toBe(reference(defaults, undefined).ends);
    expect(ends.map((s) => [inst.terminal!(s), inst.views!.assembled.get(s), inst.views!.original.get(s)])).toEqual([
      [true, true, true],
      [true, true, true],
    ]);
    // An evil tracker that lists only p2: d gives up in 7 of the 9 ends, without a poisoned file.
    const evil = model.instantiate({ ...defaults, evilTracker: true });
    const evilEnds: SwarmState[] = [];
    bfs(evil, { invariants: [], witnesses: [{ name: 'end', holds: (s) => (evil.next(s).length === 0 && evilEnds.push(s), false) }] });
    expect(evilEnds.every((s) => evil.terminal!(s))).toBe(true);
    expect(evilEnds.filter((s) => evil.views!.gaveUp.get(s)).length).toBe(7);
    expect(evilEnds.length).toBe(9);
  });
});

describe('content-addressed-download: the buggy variants', () => {
  const cases: [Variant, Partial<Config>, number, number][] = [
    // [variant, constants, shortest trace, distinct states when explored to the end without invariants]
    ['no-hash-check', {}, 9, 64],
    ['no-hash-check', { index: 'napster' }, 5, 15],
    ['no-hash-check', { evilTracker: true }, 9, 86],
    ['untrusted-metadata', {}, 9, 85],
    ['untrusted-metadata', { evilTracker: true }, 9, 47],
    ['untrusted-metadata', { index: 'napster' }, 5, 15],
  ];
  it.each(cases)('%s %o: noPoisonAssembled violated after %i steps; the reference agrees', (variant, c, length, whole) => {
    const r = check(c, variant, { puritySample: 1 });
    expect([r.result, r.violation?.invariant, r.violation!.path.length - 1]).toEqual(['violation', 'noPoisonAssembled', length]);
    const ref = reference({ ...defaults, ...c }, variant);
    expect(ref.violationAt).toBe(length);
    const all = check(c, variant, { invariants: false });
    expect([all.distinctStates, all.statesGenerated, all.depth]).toEqual([ref.distinct, ref.generated, ref.depth]);
    expect(all.distinctStates).toBe(whole);
  });

  it('without a malicious peer or an evil tracker there is no one to poison the file: both variants hold', () => {
    for (const v of ['no-hash-check', 'untrusted-metadata'] as const) {
      expect([check({ malicious: 0 }, v).result, check({ malicious: 0 }, v).distinctStates]).toEqual(['holds', 19]);
    }
  });

  it('agrees with the reference on random small configurations (counts, depth, shortest violation)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.constantFrom('tracker' as const, 'napster' as const),
        fc.constantFrom<Variant>(undefined, 'no-hash-check', 'untrusted-metadata'),
        (blocks, peers, m, evil, index, variant) => {
          const c: Config = { blocks, peers, malicious: Math.min(m, peers), evilTracker: evil && index === 'tracker', index };
          const ref = reference(c, variant);
          const r = check(c, variant);
          expect(r.violation ? r.violation.path.length - 1 : undefined).toBe(ref.violationAt);
          const all = check(c, variant, { invariants: false });
          expect([all.distinctStates, all.statesGenerated, all.depth]).toEqual([ref.distinct, ref.generated, ref.depth]);
          // Every dead end is one the model calls terminal (so none is a deadlock), as many as the reference has.
          const inst = model.instantiate(c, variant);
          let ends = 0;
          bfs(inst, { invariants: [], witnesses: [{ name: 'end', holds: (s) => (inst.next(s).length === 0 && (ends++, expect(inst.terminal!(s)).toBe(true)), false) }] });
          expect(ends).toBe(ref.ends);
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);

  it('refuses impossible constants, naming them', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'content-addressed-download', '--const', 'malicious=3'], io)).toBe(2);
    expect(io.stderr[0]).toBe("error: invalid constants for 'content-addressed-download': malicious (3) must be at most peers (2)");
    const io2 = memoryIo(root);
    expect(await main(['check', 'content-addressed-download', '--const', 'index=napster', '--const', 'evilTracker=true'], io2)).toBe(2);
    expect(io2.stderr[0]).toMatch(/evilTracker applies to index=tracker/);
  });
});

describe('content-addressed-download: the committed counterexamples', () => {
  const goldens: [string, Variant, Partial<Config>, number][] = [
    ['content-addressed-download-no-hash-check-noPoisonAssembled.json', 'no-hash-check', {}, 9],
    ['content-addressed-download-untrusted-metadata-noPoisonAssembled.json', 'untrusted-metadata', {}, 9],
    ['content-addressed-download-no-hash-check-napster-noPoisonAssembled.json', 'no-hash-check', { index: 'napster' }, 5],
  ];
  it.each(goldens)('%s is this run\'s shortest trace, replays (exit 1), and does not replay on the correct protocol', async (file, variant, c, length) => {
    const path = join(root, 'counterexamples', file);
    const golden = JSON.parse(readFileSync(path, 'utf8'));
    expect([golden.model, golden.variant, golden.constants, golden.property.name]).toEqual([model.name, variant, { ...defaults, ...c }, 'noPoisonAssembled']);
    const r = check(c, variant);
    expect(golden.steps).toHaveLength(length + 1);
    expect(golden.steps.map((s: { action: unknown }) => s.action)).toEqual(r.violation!.path.map((p) => p.action));
    expect(await main(['replay', path], memoryIo(root))).toBe(1);
    // In the correct protocol d's receive step is labelled with the check that rejects the block, so the
    // trace's step "keeps it" is not a step of it: the replay stops there (exit 2).
    const tmpFile = join(mkdtempSync(join(tmpdir(), 'clab-cad-')), 'fixed.json');
    writeFileSync(tmpFile, JSON.stringify({ ...golden, variant: null }));
    expect(await main(['replay', tmpFile], memoryIo(root))).toBe(2);
  });
});

describe('content-addressed-download: progress', () => {
  it('an evil tracker starves the download (an 8-step run ending without the file), the committed lasso is that run\'s and replays', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-cad-live-'));
    const io = memoryIo(root);
    expect(await main(['check', 'content-addressed-download', '--const', 'evilTracker=true', '--json', '--quiet', '--out', out], io)).toBe(1);
    const json = JSON.parse(io.stdout.join('\n'));
    expect(json.temporal).toEqual([{ name: 'eventuallyAssembled', kind: 'eventually', result: 'violation', length: 8, loopStart: 8 }]);
    const fresh = JSON.parse(readFileSync(join(out, 'content-addressed-download-evilTracker=true-eventuallyAssembled.json'), 'utf8'));
    const path = join(root, 'counterexamples/content-addressed-download-evil-tracker-eventuallyAssembled.json');
    const golden = JSON.parse(readFileSync(path, 'utf8'));
    expect([golden.model, golden.variant, golden.constants, golden.property, golden.loopStart, golden.steps.length - 1]).toEqual([
      model.name, null, { ...defaults, evilTracker: true }, { kind: 'temporal', name: 'eventuallyAssembled' }, 8, 8,
    ]);
    expect(golden.steps).toEqual(fresh.steps);
    // Its last state: d holds one good block and has banned the only peer the tracker named.
    expect(golden.steps[8].state.d).toMatchObject({ peers: ['p2'], blocks: { b1: 'good', b2: 'missing' }, banned: ['p2'], file: 'not assembled' });
    expect(await main(['replay', path], memoryIo(root))).toBe(1);
    // With an honest tracker the first step names both peers, so the trace is not a run of that instance.
    const tmpFile = join(mkdtempSync(join(tmpdir(), 'clab-cad-')), 'honest.json');
    writeFileSync(tmpFile, JSON.stringify({ ...golden, constants: defaults }));
    expect(await main(['replay', tmpFile], memoryIo(root))).toBe(2);
  });

  it('with an honest tracker and an honest peer every run ends with the file (tracker and Napster index, more peers and blocks)', async () => {
    for (const args of [[], ['--const', 'index=napster'], ['--const', 'peers=3', '--const', 'malicious=2'], ['--const', 'blocks=3', '--const', 'peers=3']]) {
      const io = memoryIo(root);
      expect(await main(['check', 'content-addressed-download', ...args, '--json', '--quiet', '--out', mkdtempSync(join(tmpdir(), 'clab-cad-'))], io), args.join(' ')).toBe(0);
      expect(JSON.parse(io.stdout.join('\n')).temporal).toEqual([{ name: 'eventuallyAssembled', kind: 'eventually', result: 'holds' }]);
    }
  });
});

describe('content-addressed-download: the spec', () => {
  const run = async (...args: string[]) => {
    const io = memoryIo(root);
    const out = mkdtempSync(join(tmpdir(), 'clab-cad-spec-'));
    const code = await main(['check', 'specs/content-addressed-download.spec', '--json', '--quiet', '--out', out, ...args], io);
    return { code, json: JSON.parse(io.stdout.join('\n')) };
  };

  it('holds: four invariants, the download completes (9 steps), and every run ends with the file', async () => {
    const { code, json } = await run();
    expect(code).toBe(0);
    expect([json.result, json.distinctStates, json.invariants]).toEqual(['holds', 40, ['noPoisonAssembled', 'onlyGenuineHashes', 'noPoisonKept', 'honestNeverBanned']]);
    expect(json.witnesses).toEqual([{ name: 'completes', reachable: true, length: 9 }]);
    expect(json.temporal).toEqual([{ name: 'eventuallyAssembled', kind: 'eventually', result: 'holds' }]);
  });

  it('an evil tracker cannot poison the file but can starve the download: an 8-step run that ends without it', async () => {
    const { code, json } = await run('--const', 'evilTracker=true');
    expect(code).toBe(1);
    expect(json.violation).toMatchObject({ property: 'eventuallyAssembled', kind: 'temporal', length: 8, loopStart: 8 });
    expect(json.distinctStates).toBe(54);
  });

  it('untrusted metadata: the poisoned hash list is kept after 4 steps', async () => {
    const { code, json } = await run('--variant', 'untrusted-metadata');
    expect(code).toBe(1);
    expect(json.violation).toMatchObject({ invariant: 'onlyGenuineHashes', length: 4 });
  });

  it("the spec's noPoisonAssembled is the model's, on every reachable state of the variants (both verdicts occur)", async () => {
    const loaded = await loadSpecFile('specs/content-addressed-download.spec', root);
    let counts = [0, 0];
    let expected = [0, 0];
    for (const [variant, index] of [['no-hash-check', 'tracker'], ['untrusted-metadata', 'tracker'], ['no-hash-check', 'napster'], [undefined, 'tracker']] as const) {
      const cs = resolveConstants(loaded.model, { ...loaded.constants, index });
      const inst = loaded.model.instantiate(cs, variant) as Instance<unknown>;
      const spec = compileSpec(loaded, inst, cs).properties.invariants.find((p) => p.name === 'noPoisonAssembled')!;
      const ref = reference({ ...defaults, index }, variant);
      expected = [expected[0] + ref.distinct - ref.poisoned, expected[1] + ref.poisoned];
      const states: unknown[] = [];
      bfs(inst, { invariants: [], witnesses: [{ name: 'all', holds: (s) => (states.push(s), false) }] });
      for (const s of states) {
        const want = inst.invariants.noPoisonAssembled.holds(s);
        expect(spec.holds(s)).toBe(want);
        counts = want ? [counts[0] + 1, counts[1]] : [counts[0], counts[1] + 1];
      }
    }
    // 64 + 85 + 15 + 40 states, 8 of them with a poisoned file assembled, as the reference counts them.
    expect(counts).toEqual(expected);
    expect(counts).toEqual([196, 8]);
  });
});
