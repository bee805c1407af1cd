// Wrong-typed fields in a trace (an actor that is a number, an object or null; a message without a type;
// a state that is not an object; constants that are objects) are refused when the file is read, with the
// step and the field named, by every command and view (show, --table, --svg, --html, replay, explore) and
// for ITF files too: exit 2, never a crash (exit 4), and no output file written.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { toItf } from '../../checker/trace/itf.ts';
import { fromTraceFile } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';

const root = join(import.meta.dirname, '../..');
const CEX = join(root, 'counterexamples/paxos-ignore-accepted-agreement.json');
const base = () => JSON.parse(readFileSync(CEX, 'utf8'));

async function run(args: string[], cwd: string) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** [what, how to break a trace, the message after "malformed trace: "] */
const CASES: [string, (t: any) => void, string][] = [
  ['numeric actor', (t) => (t.steps[3].action.actor = 7), 'step 3: "action.actor" must be a string, not a number'],
  ['object actor', (t) => (t.steps[3].action.actor = { name: 'a1' }), 'step 3: "action.actor" must be a string, not an object'],
  ['null actor', (t) => (t.steps[3].action.actor = null), 'step 3: "action.actor" must be a string, not null'],
  ['array kind', (t) => (t.steps[2].action.kind = ['sends']), 'step 2: "action.kind" must be a string, not an array'],
  ['numeric detail', (t) => (t.steps[1].action.detail = 1), 'step 1: "action.detail" must be a string, not a number'],
  ['message a string', (t) => (t.steps[4].action.message = '1a'), 'step 4: "action.message" must be an object with a "type", not a string'],
  ['message type a number', (t) => (t.steps[4].action.message.type = 2), 'step 4: "action.message.type" must be a string, not a number'],
  ['received not a list', (t) => (t.steps[5].action.received = { type: '1b' }), 'step 5: "action.received" must be an array of messages, not an object'],
  ['received entry without type', (t) => (t.steps[5].action.received = [{ type: '1b' }, { b: 1 }]), 'step 5: "action.received[1].type" must be a string, not missing'],
  ['action a string', (t) => (t.steps[6].action = 'p1 sends'), 'step 6: "action" must be an object with a "kind", not a string'],
  ['state a number', (t) => (t.steps[7].state = 5), 'step 7: "state" must be an object, not a number'],
  ['state null', (t) => (t.steps[0].state = null), 'step 0: "state" must be an object, not null'],
  ['constant an object', (t) => (t.constants.acceptors = { n: 3 }), '"constants.acceptors" must be a number, string or boolean, not an object'],
  ['model a number', (t) => (t.model = 1), '"model" must be a string, not a number'],
  ['spec a list', (t) => (t.spec = ['a.spec']), '"spec" must be a string, not an array'],
];

describe('a trace with wrong-typed fields', () => {
  it.each(CASES)('%s: refused with the step and field named, by every view, nothing written', async (_what, breakIt, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-shape-'));
    const t = base();
    breakIt(t);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(t));
    const file = join(dir, 'bad.json');
    for (const args of [['show'], ['show', '--table'], ['show', '--full'], ['show', '--svg', 'c.svg'], ['show', '--html', 'c.html'], ['show', '--itf', 'c.itf.json'], ['replay'], ['explore', '--port', '0']]) {
      const [cmd, ...rest] = args;
      const r = await run([cmd, 'bad.json', ...rest], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toEqual([`error: ${file}: malformed trace: ${message}`, 'hint: a trace file is what `clab check` writes under clab-traces/']);
      expect(r.out).toEqual([]);
    }
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });

  it('the same wrong types in an ITF file are refused, located by state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-shape-'));
    const itf = JSON.parse(JSON.stringify(toItf(fromTraceFile(loadTrace(CEX)))));
    itf.states[3]['#meta'].action.actor = 7;
    writeFileSync(join(dir, 'bad.itf.json'), JSON.stringify(itf));
    for (const args of [['show', '--table'], ['show', '--svg', 'c.svg'], ['show', '--html', 'c.html']]) {
      const [cmd, ...rest] = args;
      const r = await run([cmd, 'bad.itf.json', ...rest], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err[0]).toBe(`error: ${join(dir, 'bad.itf.json')}: malformed ITF trace: state 3: "#meta.action.actor" must be a string, not a number`);
    }
    itf.states[3]['#meta'].action.actor = 'a1';
    itf['#meta'].clab.constants.acceptors = [3];
    writeFileSync(join(dir, 'bad.itf.json'), JSON.stringify(itf));
    const r = await run(['show', 'bad.itf.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`error: ${join(dir, 'bad.itf.json')}: malformed ITF trace: "#meta.clab.constants.acceptors" must be a number, string or boolean, not an array`);
    expect(readdirSync(dir)).toEqual(['bad.itf.json']);
  });

  it('an ITF action without a structured kind still falls back to its name (foreign files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-shape-'));
    const foreign = { vars: ['x'], states: [{ x: 1 }, { '#meta': { action: { actor: 5 } }, x: 2, 'mbt::actionTaken': 'inc' }] };
    writeFileSync(join(dir, 'f.itf.json'), JSON.stringify(foreign));
    const r = await run(['show', 'f.itf.json', '--table'], dir);
    expect(r.code).toBe(0);
    expect(r.out[4]).toBe('1 │ inc           │ ∅         │ *x=2');
  });

  it('the committed traces all pass the checks', async () => {
    for (const f of readdirSync(join(root, 'counterexamples')).filter((x) => x.endsWith('.json'))) {
      expect(() => loadTrace(join(root, 'counterexamples', f)), f).not.toThrow();
    }
  });
});
