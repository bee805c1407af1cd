// Escape sequences in a trace never reach the terminal (or an SVG/HTML file) verbatim: every string of
// trace data (model, variant, constants, property, action kind/actor/detail, message type, field names and
// values, state keys and values) is printed with its control characters (C0, DEL, C1) and bidirectional
// overrides written as `\x1b` / `\u202e`. Nothing is lost: the escaped text shows every character.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { formatAction, formatValue, safeText } from '../../checker/trace/format.ts';

const root = join(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(join(tmpdir(), 'clab-escapes-'));

/** A string with a CSI, an OSC (window title), an OSC 8 link, a C1 CSI, a bidi override, CR, LF and DEL. */
const H = (tag: string) => `${tag}\u001b[2J\u001b]0;${tag}\u0007\u001b]8;;http://x\u001b\\\u009b31m\u202e\r\n\u007f\u2066`;
/** How H(tag) is printed. */
const S = (tag: string) => `${tag}\\x1b[2J\\x1b]0;${tag}\\x07\\x1b]8;;http://x\\x1b\\\\x9b31m\\u202e\\x0d\\x0a\\x7f\\u2066`;

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function hostileTrace(model = H('model')) {
  const msg = { type: H('type'), [H('field')]: H('fieldValue') };
  return {
    format: 'consensus-lab/trace',
    version: 1,
    model,
    variant: H('variant'),
    constants: { [H('constName')]: H('constValue') },
    property: { kind: 'invariant', name: H('property') },
    steps: [
      { action: null, state: { [H('key')]: H('value'), nested: { [H('innerKey')]: [H('inList')] }, msgs: [] } },
      { action: { actor: H('actor'), kind: `sends ${H('kind')}`, message: msg, detail: H('detail') }, state: { [H('key')]: H('value2'), nested: { [H('innerKey')]: [H('inList')] }, msgs: [msg] } },
      { action: { actor: 'a1', kind: 'receives', message: msg, received: [{ type: H('received') }] }, state: { [H('key')]: H('value2'), nested: { [H('innerKey')]: [H('inList2')] }, msgs: [] } },
    ],
  };
}

const TAGS = ['model', 'variant', 'constName', 'constValue', 'property', 'key', 'value', 'innerKey', 'inList', 'actor', 'kind', 'type', 'field', 'fieldValue', 'detail', 'received', 'value2', 'inList2'];

async function run(args: string[], cwd: string) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('the sanitising function', () => {
  it('writes C0, DEL, C1, bidi controls and separators as escapes, and is idempotent', () => {
    expect(safeText(H('t'))).toBe(S('t'));
    expect(safeText(safeText(H('t')))).toBe(S('t'));
    expect(safeText('\u0000\u0009\u001f\u007f\u0080\u009f\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069')).toBe(
      '\\x00\\x09\\x1f\\x7f\\x80\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069',
    );
    // Ordinary text, including non-ASCII letters and symbols, is unchanged.
    expect(safeText('p1 sends 2a(b=3) → ✓ é 中 \\x1b')).toBe('p1 sends 2a(b=3) → ✓ é 中 \\x1b');
    expect(formatValue({ [H('k')]: [H('v'), 1, null] })).toBe(`{${S('k')}: [${S('v')}, 1, null]}`);
    expect(formatAction({ actor: H('a'), kind: H('k'), message: { type: H('t'), [H('f')]: H('v') }, detail: H('d') })).toBe(`${S('a')} ${S('k')} ${S('t')}(${S('f')}=${S('v')}) ${S('d')}`);
  });
});

describe('clab show with escape sequences in every field', () => {
  const dir = tmp();
  const file = join(dir, 'hostile.json');
  writeFileSync(file, JSON.stringify(hostileTrace()));

  it.each([[[]], [['--full']], [['--table']]])('show %j: exit 0, no control character printed, every field shown escaped', async (extra) => {
    const r = await run(['show', file, '--width', '4000', ...extra], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    for (const line of r.out) expect(line).not.toMatch(UNSAFE);
    const text = r.out.join('\n');
    // The table shows processes and values but not the (unchanged) step-0-only tags in every view.
    // `received` is drawn in charts only; the table shows processes and values but not every key.
    const shown = TAGS.filter((t) => t !== 'received' && (extra[0] !== '--table' || !['key', 'innerKey'].includes(t)));
    for (const t of shown) expect(text, t).toContain(S(t));
  });

  it('the title line names model, variant, constants and property escaped', async () => {
    const r = await run(['show', file, '--width', '4000'], dir);
    expect(r.out[0]).toBe(`${S('model')} (variant ${S('variant')}) ${S('constName')}=${S('constValue')} — invariant ${S('property')} violated in 2 steps`);
  });

  it('--svg and --html: no control character in the files, every field still there (escaped)', async () => {
    const r = await run(['show', file, '--svg', 'c.svg', '--html', 'c.html'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['wrote c.svg', 'wrote c.html']);
    for (const name of ['c.svg', 'c.html']) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text.replace(/\n/g, '')).not.toMatch(UNSAFE);
      // The chart elides long labels to its columns; the HTML page's step table has them whole.
      const tags = name === 'c.svg' ? ['model', 'variant', 'property', 'received'] : ['model', 'variant', 'property', 'actor', 'type', 'field', 'fieldValue', 'detail', 'received'];
      for (const t of tags) expect(text, `${name} ${t}`).toContain(t + '\\x1b[2J');
    }
  });

  it('--itf keeps the strings exactly (JSON escapes them), and showing the ITF file prints them escaped', async () => {
    const r = await run(['show', file, '--itf', 'c.itf.json'], dir);
    expect(r.code).toBe(0);
    const itf = JSON.parse(readFileSync(join(dir, 'c.itf.json'), 'utf8'));
    expect(itf.states[1]['#meta'].action.actor).toBe(H('actor'));
    const back = await run(['show', 'c.itf.json', '--width', '4000'], dir);
    expect(back.code).toBe(0);
    for (const line of back.out) expect(line).not.toMatch(UNSAFE);
    expect(back.out.join('\n')).toContain(S('actor'));
  });
});

describe('clab replay with escape sequences', () => {
  it('a hostile property, variant or constant name is reported escaped (exit 2)', async () => {
    const dir = tmp();
    const base = JSON.parse(readFileSync(join(root, 'counterexamples/paxos-ignore-accepted-agreement.json'), 'utf8'));
    const cases: [string, object, string][] = [
      ['variant', { variant: H('variant') }, `error: model 'paxos' has no variant '${S('variant')}'`],
      ['property', { property: { kind: 'invariant', name: H('property') } }, `error: the trace is about invariant '${S('property')}', which the model does not define`],
    ];
    for (const [name, patch, message] of cases) {
      const f = join(dir, `${name}.json`);
      writeFileSync(f, JSON.stringify({ ...base, ...patch }));
      const r = await run(['replay', f], dir);
      expect(r.code, name).toBe(2);
      expect(r.err[0], name).toBe(message);
      for (const line of [...r.out, ...r.err]) expect(line).not.toMatch(UNSAFE);
    }
    const f = join(dir, 'const.json');
    writeFileSync(f, JSON.stringify({ ...base, constants: { ...base.constants, [H('c')]: 1 } }));
    const r = await run(['replay', f], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(S('c'));
    for (const line of [...r.out, ...r.err]) expect(line).not.toMatch(UNSAFE);
  });

  it('a hostile action label in a step that no longer replays is reported escaped', async () => {
    const dir = tmp();
    const base = JSON.parse(readFileSync(join(root, 'counterexamples/paxos-ignore-accepted-agreement.json'), 'utf8'));
    base.steps[2].action.detail = H('detail');
    const f = join(dir, 't.json');
    writeFileSync(f, JSON.stringify(base));
    const r = await run(['replay', f], dir);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(`step 2 is not a valid transition any more: no enabled action '`);
    expect(r.err[0]).toContain(S('detail'));
    expect(r.err[0]).not.toMatch(UNSAFE);
  });

  it('invalid JSON whose text has escapes: the parser\'s quote of the text is escaped', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), `{"format": \u001b]0;x\u0007`);
    const r = await run(['show', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/not valid JSON/);
    for (const line of r.err) expect(line).not.toMatch(UNSAFE);
  });
});
