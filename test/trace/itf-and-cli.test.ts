// ITF export/import (round trip, encodings, foreign files) and the `show` and `check --all-violations`
// commands run in-process.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { fromItf, toItf } from '../../checker/trace/itf.ts';
import { fromTraceFile, loadShownTrace } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';

const root = join(import.meta.dirname, '../..');
const cex = (name: string) => join(root, 'counterexamples', `${name}.json`);
const tmp = () => mkdtempSync(join(tmpdir(), 'clab-show-'));

async function run(args: string[], cwd = root) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('ITF', () => {
  it.each(['twophase-crash-consent-consistent', 'paxos-ignore-accepted-agreement'])('round-trips %s', (name) => {
    const trace = fromTraceFile(loadTrace(cex(name)));
    const itf = JSON.parse(JSON.stringify(toItf(trace)));
    expect(fromItf(itf, 'x')).toEqual(trace);
  });

  it('uses the ITF encodings', () => {
    const itf = toItf(fromTraceFile(loadTrace(cex('twophase-crash-consent-consistent'))));
    expect(itf.vars).toEqual(['rmState', 'tmState', 'tmPrepared', 'crashed', 'msgs', 'mbt::actionTaken']);
    expect(itf.states).toHaveLength(7);
    const last = itf.states[6];
    expect(last['#meta']).toEqual({ index: 6, action: { actor: 'r1', kind: 'receives', message: { type: 'Commit' } } });
    expect(last.rmState).toEqual({ '#map': [['r1', 'committed'], ['r2', 'aborted']] });
    expect(last.msgs).toEqual({ '#set': [{ type: 'Prepared', rm: 'r1' }, { type: 'Commit' }] });
    expect(last['mbt::actionTaken']).toBe('r1 receives Commit()');
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'test/fixtures/twophase-crash-consent.ts' });
    const paxos = toItf(fromTraceFile(loadTrace(cex('paxos-ignore-accepted-agreement'))));
    expect((paxos.states[12].acceptors as { '#map': unknown[][] })['#map'][0]).toEqual(['a1', { maxBal: { '#bigint': '2' }, maxVBal: { '#bigint': '2' }, maxVal: { '#bigint': '2' } }]);
    expect(paxos.loop).toBeUndefined();
  });

  it('writes lassos with loop and reads them back', () => {
    const trace = { ...fromTraceFile(loadTrace(cex('twophase-crash-consent-consistent'))), loopStart: 2 };
    const itf = toItf(trace);
    expect(itf.loop).toBe(2);
    expect(fromItf(itf, 'x').loopStart).toBe(2);
  });

  it('reads a foreign ITF file (tuples, maps with non-string keys, no actions)', () => {
    const foreign = {
      '#meta': { format: 'ITF', source: 'Bank.qnt' },
      vars: ['balances', 'pair', 'big'],
      states: [
        { '#meta': { index: 0 }, balances: { '#map': [[{ '#tup': ['a', 1] }, { '#bigint': '0' }]] }, pair: { '#tup': ['x', true] }, big: { '#bigint': '123456789012345678901' } },
        { '#meta': { index: 1 }, balances: { '#map': [[{ '#tup': ['a', 1] }, { '#bigint': '5' }]] }, pair: { '#tup': ['y', false] }, big: 7, 'mbt::actionTaken': 'deposit' },
      ],
      loop: 1,
    };
    const t = fromItf(foreign, 'bank.itf.json');
    expect(t.model).toBe('Bank.qnt');
    expect(t.loopStart).toBe(1);
    expect(t.steps).toEqual([
      { action: null, state: { balances: [[['a', 1], 0]], pair: ['x', true], big: '123456789012345678901' } },
      { action: { kind: 'deposit' }, state: { balances: [[['a', 1], 5]], pair: ['y', false], big: 7 } },
    ]);
  });

  it('rejects malformed ITF with a clear error', () => {
    expect(() => fromItf({ states: [] }, 'f.itf.json')).toThrow(/f.itf.json: malformed ITF trace: "states" must be a non-empty array/);
    expect(() => fromItf({ states: [{}], loop: 3 }, 'f')).toThrow(/"loop" must be the index of a state/);
  });
});

describe('clab show', () => {
  it('prints the step list, the table within the width, and every state', async () => {
    const list = await run(['show', cex('twophase-crash-consent-consistent'), '--width', '100']);
    expect(list.code).toBe(0);
    expect(list.out[0]).toBe('test/fixtures/twophase-crash-consent.ts rms=2 — invariant consistent violated in 6 steps');
    expect(list.out).toContain('Step 4  r2 crashes');
    const table = await run(['show', cex('paxos-ignore-accepted-agreement'), '--table', '--width', '80']);
    expect(table.code).toBe(0);
    for (const l of table.out) expect(l.length).toBeLessThanOrEqual(80);
    expect(table.out[1].split('│').map((h) => h.trim())).toEqual(['#', 'action', 'a1', 'a2', 'a3', 'in flight']);
    expect(table.out).toHaveLength(1 + 2 + 13 + 2);
    const full = await run(['show', cex('paxos-ignore-accepted-agreement'), '--full', '--width', '100']);
    expect(full.out.filter((l) => /^Step \d+/.test(l))).toHaveLength(13);
  });

  it('writes SVG, HTML and ITF, and shows the ITF file like the original', async () => {
    const dir = tmp();
    const r = await run(['show', cex('twophase-crash-consent-consistent'), '--svg', 'c.svg', '--html', 'c.html', '--itf', 'c.itf.json'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['wrote c.svg', 'wrote c.html', 'wrote c.itf.json']);
    expect(readFileSync(join(dir, 'c.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readFileSync(join(dir, 'c.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const a = await run(['show', cex('twophase-crash-consent-consistent'), '--table', '--width', '100']);
    const b = await run(['show', join(dir, 'c.itf.json'), '--table', '--width', '100']);
    expect(b.out).toEqual(a.out);
    expect(await loadShownTrace(join(dir, 'c.itf.json'))).toEqual(fromTraceFile(loadTrace(cex('twophase-crash-consent-consistent'))));
  });

  it('bad input exits 2 with a message', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), '{"states": 3');
    const missing = await run(['show', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/cannot read trace file/);
    const bad = await run(['show', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/not valid JSON/);
    const both = await run(['show', cex('twophase-crash-consent-consistent'), '--table', '--full'], dir);
    expect(both.code).toBe(2);
    const narrow = await run(['show', cex('twophase-crash-consent-consistent'), '--width', '10'], dir);
    expect(narrow.err[0]).toMatch(/--width expects an integer >= 40/);
  });
});

describe('clab check --all-violations', () => {
  it('saves one shortest trace per violated invariant', async () => {
    const dir = tmp();
    const r = await run(['check', join(root, 'test/fixtures/twophase-injected.ts'), '--const', 'rms=2', '--all-violations', '--json', '--out', dir]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out[0]);
    expect(j.result).toBe('violation');
    expect(j.violation).toMatchObject({ invariant: 'tmNeverAborts', length: 1 });
    expect(j.alsoViolated.map((v: { invariant: string; length: number }) => [v.invariant, v.length])).toEqual([['neverCommits', 6]]);
    // `consistent` holds, so the search ran to the end: every state of TwoPhase with 2 RMs.
    const plain = await run(['check', 'twophase', '--const', 'rms=2', '--json']);
    expect(j.distinctStates).toBe(JSON.parse(plain.out[0]).distinctStates);
    expect(loadTrace(join(dir, 'twophase-injected-rms=2-neverCommits.json')).steps).toHaveLength(7);
    const first = await run(['check', join(root, 'test/fixtures/twophase-injected.ts'), '--const', 'rms=2', '--json', '--out', dir]);
    expect(JSON.parse(first.out[0]).alsoViolated).toBeUndefined();
    expect(JSON.parse(first.out[0]).distinctStates).toBeLessThan(j.distinctStates);
  });
});
