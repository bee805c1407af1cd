// What a trace may run: `clab replay` and `clab explore trace.json` run a shipped model (by name) or a
// shipped spec by themselves, and a model module or spec of the user's own only when the command line
// names it (--model / --spec). A trace naming any other path is refused (exit 2, the flag named) and the
// module is never imported: the test's module would write a marker file when imported.
// Also: replay works from any folder (shipped names, shipped specs), and a trace's relative path is
// looked up next to the trace first.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { isShippedFile, replayCommand, shellWord } from '../../checker/trace/trace-model.ts';

const root = resolve(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(join(tmpdir(), 'clab-sources-'));

async function run(args: string[], cwd = root) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** A folder with a module that writes `marker` when imported, and a trace (of Paxos's steps) naming it. */
function hostileTrace(field: 'model' | 'spec', ref: string) {
  const dir = tmp();
  const marker = join(dir, 'MARKER');
  writeFileSync(join(dir, 'evil.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`);
  writeFileSync(join(dir, 'evil.spec'), 'spec evil\nmodel ./evil.mjs\ninvariant agreement: true\n');
  const trace = JSON.parse(readFileSync(join(root, 'counterexamples/paxos-ignore-accepted-agreement.json'), 'utf8'));
  trace[field] = ref;
  const text = JSON.stringify(trace);
  writeFileSync(join(dir, 'trace.json'), text);
  return { dir, marker, file: join(dir, 'trace.json'), text };
}

describe('a trace naming a model module or spec that is not shipped', () => {
  it('replay refuses a model path without --model: exit 2, the flag named, the module never imported', async () => {
    const t = hostileTrace('model', 'evil.mjs');
    const r = await run(['replay', 'trace.json'], t.dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "error: the trace names the model module 'evil.mjs', which is not shipped with clab: a trace is data, and clab does not run code because a trace names it",
      'hint: if you trust evil.mjs, name it yourself: clab replay trace.json --model evil.mjs',
    ]);
    expect(r.out).toEqual([]);
    expect(existsSync(t.marker)).toBe(false);
    expect(readFileSync(t.file, 'utf8')).toBe(t.text);
  });

  it('replay refuses a spec path without --spec (a spec may name a module of its own)', async () => {
    const t = hostileTrace('spec', 'evil.spec');
    const r = await run(['replay', t.file]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("error: the trace names the spec 'evil.spec', which is not shipped with clab: a trace is data, and clab does not run code because a trace names it");
    expect(r.err[1]).toBe(`hint: if you trust ${join(t.dir, 'evil.spec')}, name it yourself: clab replay ${t.file} --spec ${join(t.dir, 'evil.spec')}`);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('a path that leads nowhere is refused too, asking for the flag', async () => {
    const t = hostileTrace('model', 'gone/model.ts');
    const r = await run(['replay', t.file]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "error: the trace names the model module 'gone/model.ts', which is not shipped with clab and is not next to the trace or in the current folder",
      `hint: give the model module the trace was made with: clab replay ${t.file} --model PATH`,
    ]);
  });

  it('a path escaping into clab\'s own folder is not "shipped" unless it is a top-level spec or model file', async () => {
    const t = hostileTrace('model', join(root, 'test/fixtures/counter-model.ts'));
    const r = await run(['replay', t.file]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('which is not shipped with clab');
    expect(isShippedFile(join(root, 'specs/paxos.spec'))).toBe(true);
    expect(isShippedFile(join(root, 'models/paxos.ts'))).toBe(true);
    expect(isShippedFile(join(root, 'models/lib/../paxos.ts'))).toBe(true);
    expect(isShippedFile(join(root, 'test/fixtures/counter-model.ts'))).toBe(false);
    expect(isShippedFile(join(root, 'specs'))).toBe(false);
    expect(isShippedFile(join(root, 'package.json'))).toBe(false);
  });

  it('the suggested command quotes a hostile path, so pasting it runs nothing else', async () => {
    const t = hostileTrace('model', 'evil.mjs');
    writeFileSync(join(t.dir, "x; touch 'PWNED'.mjs"), 'export default {};\n');
    const trace = JSON.parse(t.text);
    trace.model = "./x; touch 'PWNED'.mjs";
    writeFileSync(t.file, JSON.stringify(trace));
    const r = await run(['replay', 'trace.json'], t.dir);
    expect(r.code).toBe(2);
    expect(r.err[1]).toBe(`hint: if you trust x; touch 'PWNED'.mjs, name it yourself: clab replay trace.json --model 'x; touch '\\''PWNED'\\''.mjs'`);
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord('specs/paxos.spec')).toBe('specs/paxos.spec');
  });

  it('explore refuses the same trace (exit 2, before any server starts)', async () => {
    const t = hostileTrace('model', 'evil.mjs');
    const r = await run(['explore', 'trace.json', '--port', '0'], t.dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "error: the trace names the model module 'evil.mjs', which is not shipped with clab: a trace is data, and clab does not run code because a trace names it",
      'hint: if you trust evil.mjs, name it yourself: clab explore trace.json --model evil.mjs',
    ]);
    expect(r.out).toEqual([]);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('an unknown model name is refused with the shipped names, printably', async () => {
    const t = hostileTrace('model', 'paxoz\u001b[2J');
    const r = await run(['replay', t.file]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("error: the trace names the model 'paxoz\\x1b[2J', which is not a shipped model");
    expect(r.err[1]).toMatch(/^hint: .*; for a model module of your own: clab replay .* --model PATH$/);
    expect(r.err.join('\n')).not.toMatch(/\u001b/);
  });
});

describe('naming the model on the command line', () => {
  it('replay --model PATH runs a user model module (paths resolve against the current folder)', async () => {
    const out = tmp();
    expect((await run(['check', 'test/fixtures/counter-model.ts', '--out', out, '--quiet'])).code).toBe(1);
    const file = join(out, readdirOne(out));
    const refused = await run(['replay', file]);
    expect(refused.code).toBe(2);
    expect(refused.err[1]).toBe(`hint: if you trust test/fixtures/counter-model.ts, name it yourself: clab replay ${file} --model test/fixtures/counter-model.ts`);
    const r = await run(['replay', file, '--model', 'test/fixtures/counter-model.ts']);
    expect(r.code).toBe(1);
    expect(r.out.at(-1)).toBe('✗ reproduced: invariant noLostUpdate is violated at step 4');
  });

  it('replayCommand gives the command to print after saving a trace, with the flag it needs', () => {
    const dir = tmp();
    expect(replayCommand({ model: 'test/fixtures/counter-model.ts' }, join(dir, 't.json'), root)).toBe(`clab replay ${join(dir, 't.json')} --model test/fixtures/counter-model.ts`);
    expect(replayCommand({ model: 'paxos' }, join(root, 'clab-traces/t.json'), root)).toBe('clab replay clab-traces/t.json');
    expect(replayCommand({ model: 'paxos-duel', spec: 'specs/paxos-liveness.spec' }, join(dir, 't.json'), root)).toBe(`clab replay ${join(dir, 't.json')}`);
    expect(replayCommand({ model: 'm', spec: 'my specs/x.spec' }, join(root, 'a b.json'), root)).toBe("clab replay 'a b.json' --spec 'my specs/x.spec'");
  });

  it('--model and --spec are alternatives; --spec wants a .spec file; --model not a spec', async () => {
    const t = hostileTrace('model', 'evil.mjs');
    const both = await run(['replay', t.file, '--model', 'paxos', '--spec', 'specs/paxos.spec']);
    expect([both.code, both.err[0]]).toEqual([2, 'error: --model and --spec are alternatives; give one']);
    const notSpec = await run(['replay', t.file, '--spec', 'models/paxos.ts']);
    expect([notSpec.code, notSpec.err[0]]).toEqual([2, "error: --spec expects a .spec file, got 'models/paxos.ts'"]);
    const spec = await run(['replay', t.file, '--model', 'specs/paxos.spec']);
    expect([spec.code, spec.err[0]]).toEqual([2, "error: --model expects a model module or a shipped model's name, got the spec 'specs/paxos.spec'"]);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('--model NAME replays a trace naming a hostile module against the shipped model instead', async () => {
    const t = hostileTrace('model', 'evil.mjs');
    const r = await run(['replay', t.file, '--model', 'paxos', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.out).toEqual(['✗ reproduced: invariant agreement is violated at step 12']);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('explore --model / --spec go with a trace only', async () => {
    const r = await run(['explore', 'paxos', '--model', 'paxos', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('error: --model and --spec go with a trace file');
  });
});

describe('replay from any folder', () => {
  it('a shipped model name works from an unrelated folder', async () => {
    const r = await run(['replay', join(root, 'counterexamples/paxos-ignore-accepted-agreement.json'), '--quiet'], tmp());
    expect(r.code).toBe(1);
    expect(r.out).toEqual(['✗ reproduced: invariant agreement is violated at step 12']);
  });

  it('a shipped spec path works from an unrelated folder (found in clab\'s own folder)', { timeout: 20_000 }, async () => {
    const r = await run(['replay', join(root, 'counterexamples/paxos-duel-eventuallyChosen.json'), '--json'], tmp());
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out[0])).toMatchObject({ result: 'reproduced', length: 21, loopStart: 5 });
  });

  it("a relative spec path is looked up next to the trace first: a shipped spec copied there is not shipped", async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs/paxos-liveness.spec'), readFileSync(join(root, 'specs/paxos-liveness.spec')));
    const trace = readFileSync(join(root, 'counterexamples/paxos-duel-eventuallyChosen.json'), 'utf8');
    writeFileSync(join(dir, 't.json'), trace);
    const r = await run(['replay', join(dir, 't.json')], tmp());
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("error: the trace names the spec 'specs/paxos-liveness.spec', which is not shipped with clab: a trace is data, and clab does not run code because a trace names it");
    expect(r.err[1]).toContain(`--spec ${join(dir, 'specs/paxos-liveness.spec')}`);
    // Named on the command line, it runs.
    const ok = await run(['replay', join(dir, 't.json'), '--spec', join(dir, 'specs/paxos-liveness.spec'), '--json'], tmp());
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.out[0])).toMatchObject({ result: 'reproduced', length: 21 });
  });
});

function readdirOne(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  return files[0];
}
