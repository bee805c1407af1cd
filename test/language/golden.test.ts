// Golden tests of error messages: every test/language/bad/*.spec must be refused by `clab parse` with exit 2,
// and what it prints on stderr must equal the file's .expected exactly. UPDATE_GOLDEN=1 rewrites them.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'test/language/bad');
const files = readdirSync(dir).filter((f) => f.endsWith('.spec')).sort();
const update = process.env.UPDATE_GOLDEN === '1';

describe('bad specs (golden error messages)', () => {
  it('has a catalogue of at least 25 distinct mistakes', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const f of files) {
    it(f, async () => {
      const io = memoryIo(root);
      const code = await main(['parse', `test/language/bad/${f}`], io);
      const got = io.stderr.join('\n') + '\n';
      const expectedFile = join(dir, f.replace(/\.spec$/, '.expected'));
      if (update) writeFileSync(expectedFile, got);
      expect(code).toBe(2);
      expect(io.stdout).toEqual([]);
      expect(got).not.toMatch(/internal error|    at /);
      expect(existsSync(expectedFile), `${expectedFile} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(got).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
