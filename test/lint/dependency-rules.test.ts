// The dependency lint (`npm run lint`, scripts/lint-deps.mjs with the rules in .dependency-cruiser.cjs),
// run as npm runs it on small source trees written to a temporary folder: planted cycles (through type-only
// imports, `export * from` and dynamic `import()`, with `.ts` extensions), an engine file importing the
// command line, a model importing engine internals and an `import()` type the parser cannot see must each be
// reported with file:line, and a tree that keeps the rules must pass.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'lint-deps.mjs');

// Each run starts node and dependency-cruiser: about a second; 30 s leaves a wide margin on a busy machine.
const TIMEOUT = 30_000;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clab-lint-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function lint(cwd: string, ...roots: string[]) {
  const r = spawnSync(process.execPath, [script, ...roots], { cwd, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.trimEnd().split('\n'), err: r.stderr };
}

// Files that keep every rule: the CLI calls the engine, models use only the model API.
const clean = {
  'checker/model.ts': "// The model API.\nexport interface Model { name: string }\n",
  'checker/state/encode.ts': "export interface Encoder { int(n: number): void }\n",
  'checker/engine.ts': "import type { Model } from './model.ts';\nexport const run = (m: Model) => m.name;\n",
  'checker/cli/report.ts': "export const report = (s: string) => s;\n",
  'checker/cli/main.ts': "import { run } from '../engine.ts';\nimport { report } from './report.ts';\nexport const main = () => report(run({ name: 'x' }));\n",
  // An import() type that is a whole annotation: the parser records it, so it is no visible-imports report.
  'checker/slot.ts': "export declare const slot: import('./encode.ts').Encoder;\n",
  'models/good.ts': "import type { Model } from '../checker/model.ts';\nimport type { Encoder } from '../checker/encode.ts';\nexport const m: Model = { name: 'good' };\nexport type E = Encoder;\n",
};

describe('npm run lint (dependency rules)', () => {
  it('reports planted cycles, an engine→CLI import, a model reaching into the engine and an unseen import() type, each with file:line; exit 1', () => {
    const dir = tree({
      ...clean,
      // A cycle made only of type imports (two forms of them).
      'checker/state.ts': "// Half of a type-only cycle.\nimport type { Action } from './action.ts';\nexport interface State { last?: Action }\n",
      'checker/action.ts': "import { type State } from './state.ts';\nexport interface Action { apply(s: State): State }\n",
      // A cycle through a re-export, a dynamic import and a bare import.
      'checker/a.ts': "export * from './b.ts';\n",
      'checker/b.ts': "// Loads c lazily.\nexport const load = () => import('./c.ts');\n",
      'checker/c.ts': "import './a.ts';\nexport const c = 1;\n",
      // The engine importing the command line; the comment naming the module must not be taken for the import.
      'checker/engine-report.ts': "// import './cli/report.ts' would be wrong here, and is planted below.\nimport type { Model } from './model.ts';\nimport { report } from './cli/report.ts';\nexport const done = (m: Model) => report(m.name);\n",
      'models/bad.ts': "import type { Model } from '../checker/model.ts';\nimport { run } from '../checker/engine.ts';\nexport const m: Model = { name: run({ name: 'bad' }) };\n",
      'checker/hooks.ts': "// A hook type whose import is nested in a function type.\nexport type Hook = (w: import('./encode.ts').Encoder) => void;\n",
    });
    const r = lint(dir, 'checker', 'models');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.lines.slice(0, -1)).toEqual([
      'no-circular: checker/a.ts:1 → checker/b.ts:2 → checker/c.ts:1 → checker/a.ts',
      'no-circular: checker/action.ts:1 → checker/state.ts:2 → checker/action.ts',
      'engine-not-cli: checker/engine-report.ts:3 imports checker/cli/report.ts',
      'models-use-model-api: models/bad.ts:2 imports checker/engine.ts',
      "visible-imports: checker/hooks.ts:2 import('./encode.ts') inside a type is not seen by the dependency checker; write `import type { … } from './encode.ts'` instead",
    ]);
    expect(r.lines.at(-1)).toMatch(/^5 dependency rule violation\(s\) \(15 files, 15 imports, \d+\.\d s\)$/);
  }, TIMEOUT);

  it('a tree that keeps the rules passes with exit 0', () => {
    const r = lint(tree(clean), 'checker', 'models');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^dependency rules hold \(7 files, 6 imports, \d+\.\d s\)$/);
  }, TIMEOUT);

  it('models and examples may use the model kit; the kit itself only the model API', () => {
    const dir = tree({
      ...clean,
      'checker/model-kit/sets.ts': "import type { Encoder } from '../state/encode.ts';\nexport const put = (w: Encoder) => w.int(1);\n",
      'checker/model-kit/bad.ts': "import { run } from '../engine.ts';\nexport const x = run;\n",
      'examples/natural.ts': "import type { Model } from '../checker/model.ts';\nimport { put } from '../checker/model-kit/sets.ts';\nexport const m: Model = { name: String(put) };\n",
      'models/kit-user.ts': "import { put } from '../checker/model-kit/sets.ts';\nexport const p = put;\n",
    });
    const r = lint(dir, 'checker', 'models', 'examples');
    expect(r.err).toBe('');
    expect(r.lines.slice(0, -1)).toEqual(['model-kit-uses-model-api: checker/model-kit/bad.ts:1 imports checker/engine.ts']);
    expect(r.code).toBe(1);
  }, TIMEOUT);

  it('a folder with no sources is an error (exit 2), not a pass', () => {
    const dir = tree({ 'checker/README.md': 'no code here\n' });
    const r = lint(dir, 'checker');
    expect(r.lines).toEqual(['']);
    expect(r.err).toBe('error: dependency check could not run: no source files found under checker\n');
    expect(r.code).toBe(2);
  }, TIMEOUT);
});
