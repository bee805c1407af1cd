// The grader's bundling of a submitted model (checker/grade/sandbox/transpile.ts): its own files, the
// package's model API and node: modules are in; a file outside the submission folder (by a relative path,
// an absolute one or a symbolic link) and any other package are compile errors, so nothing outside the submission reaches the sandbox this way.

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transpile } from '../../checker/grade/sandbox/transpile.ts';

const work = mkdtempSync(join(tmpdir(), 'clab-transpile-'));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

describe('transpiling a submitted model', () => {
  it('bundles its own files and the model API; node: modules stay imports', async () => {
    const dir = folder('ok', {
      'm.ts': "import { defineModel } from 'consensus-lab';\nimport { readFileSync } from 'fs';\nimport { x } from './helper.js';\nexport default defineModel({ name: 'm', summary: String(x), constants: {}, instantiate: () => ({ init: () => [readFileSync], next: () => [], invariants: {} }) });\n",
      'helper.ts': 'export const x: number = 42;\n',
    });
    const r = await transpile(join(dir, 'm.ts'), dir);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.code).toContain('function defineModel(');
    expect(r.code).toContain('= 42');
    expect(r.code).toMatch(/from "node:fs"/);
    expect(r.code).not.toContain('number');
  });

  it('refuses files outside the folder, by path or by link, and other packages', async () => {
    writeFileSync(join(work, 'secret.ts'), "export const secret = 'S3CRET';\n");
    const dir = folder('bad', {
      'up.ts': "import { secret } from '../secret.ts';\nexport default secret;\n",
      'abs.ts': `import { secret } from ${JSON.stringify(join(work, 'secret.ts'))};\nexport default secret;\n`,
      'pkg.ts': "import { List } from 'immutable';\nexport default List;\n",
      'testing.ts': "import { checkModel } from 'consensus-lab/testing';\nexport default checkModel;\n",
      'linked.ts': "import { secret } from './link.ts';\nexport default secret;\n",
    });
    symlinkSync(join(work, 'secret.ts'), join(dir, 'link.ts'));
    const errors = async (f: string) => {
      const r = await transpile(join(dir, f), dir);
      expect(r.ok).toBe(false);
      return r.ok ? [] : r.errors;
    };
    expect(await errors('up.ts')).toEqual(["up.ts:1:24: '../secret.ts' is outside the submission folder: a model may import only its own files, consensus-lab and node: modules"]);
    expect((await errors('abs.ts'))[0]).toMatch(/^abs\.ts:1:24: '.*secret\.ts' is outside the submission folder/);
    expect(await errors('pkg.ts')).toEqual(["pkg.ts:1:22: cannot import 'immutable': a graded model may import only its own files, consensus-lab and node: modules"]);
    expect(await errors('testing.ts')).toEqual(["testing.ts:1:28: cannot import 'consensus-lab/testing': a graded model may import only its own files, consensus-lab and node: modules"]);
    expect(await errors('linked.ts')).toEqual(["linked.ts:1:24: './link.ts' is outside the submission folder: a model may import only its own files, consensus-lab and node: modules"]);
  });
});
