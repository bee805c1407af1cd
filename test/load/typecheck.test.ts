// A model file is type-checked with tsc --noEmit before it is loaded (checker/load/typecheck.ts): type
// errors are exit 2 with file:line:col and tsc's message, --no-typecheck loads it anyway, a clean model
// passes and the report says how long the check took; the model folder's own tsconfig.json is used when
// it has one, without writing anything into the folder, and its own errors are shown first. Models are
// written into temporary folders (a file with a type error cannot live in the repo, whose own tsc run
// covers test/).

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { parseTscOutput } from '../../checker/load/typecheck.ts';

const root = join(import.meta.dirname, '..', '..');
const modelApi = join(root, 'checker/model.ts');

/** A model folder ("type": "module") holding model.ts; `bad` puts a type error on line 4, column 7. */
function modelFolder(bad: boolean, tsconfig?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'clab-typecheck-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  if (tsconfig) writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  writeFileSync(
    join(dir, 'model.ts'),
    [
      `import { defineModel } from ${JSON.stringify(modelApi)};`,
      'interface State { readonly n: number }',
      '',
      `const limit: number = ${bad ? "'two'" : '2'};`,
      '',
      'export default defineModel<State>({',
      "  name: 'tc', summary: 'counts to a limit', constants: {},",
      '  instantiate() {',
      '    return {',
      "      init: () => [{ n: 0 }],",
      "      next: (s) => (s.n < limit ? [{ action: { kind: 'inc' }, state: { n: s.n + 1 } }] : []),",
      "      invariants: { bounded: { description: 'n <= limit', holds: (s) => s.n <= 2 } },",
      '      terminal: (s) => s.n === limit,',
      '    };',
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  return dir;
}

async function clab(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('type-checking a model file before loading it', { timeout: 60_000 }, () => {
  it('a type error: exit 2, file:line:col and the message, nothing searched', async () => {
    const dir = modelFolder(true);
    const r = await clab(dir, 'check', 'model.ts');
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toBe("error: model.ts:4:7: Type 'string' is not assignable to type 'number'. (TS2322)");
    expect(r.err[1]).toMatch(/^1 type error in model\.ts \(tsc --noEmit, built-in strict settings, \d+\.\d\d s\)$/);
    expect(r.err[2]).toBe('hint: fix the model, or run it without the type check: --no-typecheck');
    // The other commands that load a model file refuse it the same way.
    for (const cmd of [['list', 'model.ts'], ['simulate', 'model.ts', '--runs', '1']]) expect((await clab(dir, ...cmd)).err[0]).toBe(r.err[0]);
  });

  it('--no-typecheck loads and checks it anyway', async () => {
    // At run time `0 < 'two'` is false: nothing is enabled in the initial state, which is not n === 'two'.
    const dir = modelFolder(true);
    const r = await clab(dir, 'check', 'model.ts', '--no-typecheck', '--json', '--out', join(dir, 'traces'));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out[0]);
    expect(j).toMatchObject({ model: 'tc', result: 'violation', distinctStates: 1, violation: { invariant: 'deadlock', deadlock: true, length: 0 } });
    expect(j.typecheck).toBeUndefined();
  });

  it('a clean model passes, and the report says how long the check took', async () => {
    const dir = modelFolder(false);
    const r = await clab(dir, 'check', 'model.ts');
    expect(r.code).toBe(0);
    expect(r.out[2]).toMatch(/^type check: passed in \d+\.\d\d s \(tsc --noEmit, built-in strict settings\)$/);
    const j = JSON.parse((await clab(dir, 'check', 'model.ts', '--json')).out[0]);
    expect(j).toMatchObject({ result: 'holds', distinctStates: 3, typecheck: { config: 'built-in' } });
    expect(j.typecheck.seconds).toBeGreaterThan(0);
  });

  it("the model folder's own tsconfig.json decides the settings", async () => {
    // noUnusedLocals is not among the built-in settings: only the folder's config makes this an error.
    const dir = modelFolder(false, { compilerOptions: { strict: true, module: 'NodeNext', allowImportingTsExtensions: true, noEmit: true, noUnusedLocals: true } });
    writeFileSync(join(dir, 'model.ts'), `const unused = 1;\n${(await import('node:fs')).readFileSync(join(dir, 'model.ts'), 'utf8')}`);
    const r = await clab(dir, 'check', 'model.ts');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("error: model.ts:1:7: 'unused' is declared but its value is never read. (TS6133)");
    expect(r.err[1]).toMatch(/^1 type error in model\.ts \(tsc --noEmit, tsconfig\.json, \d+\.\d\d s\)$/);
    expect((await clab(dir, 'check', 'model.ts', '--no-typecheck')).code).toBe(0);
  });

  it("the folder's config cannot make the check write into the folder, nor demand a project's file list", async () => {
    // noEmit alone let tsBuildInfoFile write x.tsbuildinfo beside the model; composite demanded every
    // imported file in the file list (TS6307), outDir put the model outside the inferred rootDir (TS6059).
    const dir = modelFolder(false, {
      compilerOptions: { strict: true, module: 'NodeNext', allowImportingTsExtensions: true, noEmit: false, incremental: true, composite: true, tsBuildInfoFile: './x.tsbuildinfo', outDir: 'out', declaration: true },
    });
    const r = await clab(dir, 'check', 'model.ts', '--out', join(tmpdir(), 'clab-typecheck-traces'));
    expect([r.code, r.err]).toEqual([0, []]);
    expect(readdirSync(dir).sort()).toEqual(['model.ts', 'package.json', 'tsconfig.json']);
  });

  it("a broken tsconfig.json is the error shown, not the dozens its absence causes", async () => {
    const dir = modelFolder(false);
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { ');
    const r = await clab(dir, 'check', 'model.ts');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("error: tsconfig.json:1:24: '}' expected. (TS1005)");
    // The rest (.ts imports refused under the default options) are counted, not listed.
    expect(r.err[1]).toMatch(/^\(\d+ more in the program, not shown: they may come from the broken configuration\)$/);
    expect(r.err[2]).toMatch(/^1 type error in model\.ts \(tsc --noEmit, tsconfig\.json, \d+\.\d\d s\)$/);
    writeFileSync(join(dir, 'tsconfig.json'), '{ "extends": "./missing.json" }');
    expect((await clab(dir, 'check', 'model.ts')).err[0]).toBe(`error: tsconfig.json: Cannot read file '${join(dir, 'missing.json')}'. (TS5083)`);
  });

  it('a spec naming a model file: the errors are located in the model file', async () => {
    const dir = modelFolder(true);
    writeFileSync(join(dir, 'tc.spec'), 'spec tc\nmodel ./model.ts\ninvariant small: true\n');
    const r = await clab(dir, 'check', 'tc.spec');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("error: model.ts:4:7: Type 'string' is not assignable to type 'number'. (TS2322)");
  });

  it("a model inside consensus-lab's own tree (relative imports of checker/model.ts) checks", async () => {
    const r = await clab(root, 'check', 'test/fixtures/counter-model.ts', '--json', '--out', mkdtempSync(join(tmpdir(), 'clab-typecheck-')));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out[0]).typecheck.config).toBe('built-in');
  });

  it("tsc's text is user data: control characters are escaped, continuation lines kept", () => {
    const out = 'm.ts(3,5): error TS2322: Type \'"\x1b[2J"\' is not assignable.\n  Deeper \u202e reason.\nerror TS5083: Cannot read file.\n';
    expect(parseTscOutput(out, '/w', '/w')).toEqual([
      { file: 'm.ts', line: 3, col: 5, code: 'TS2322', message: 'Type \'"\\x1b[2J"\' is not assignable.\nDeeper \\u202e reason.' },
      { code: 'TS5083', message: 'Cannot read file.' },
    ]);
  });
});
