// What npm packs of the exercises, from the checkout as it is (npm pack --dry-run reads package.json's
// `files`, whose `!` entries leave out every exercise's solution/ and tests/hidden/): the public files are
// there, and not one file of a reference solution or of the example hidden checks. (package.test.ts checks
// the same on the tarball built by scripts/build-package.mjs.)

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

it("npm's file list has each exercise's public files and none of its solution or hidden checks", { timeout: 60_000 }, () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  const exercises = readdirSync(join(root, 'exercises'));
  expect(exercises.length).toBeGreaterThan(0);
  for (const ex of exercises) {
    expect(files).toContain(`exercises/${ex}/exercise.json`);
    const onDisk = readdirSync(join(root, 'exercises', ex, 'solution'), { recursive: true });
    expect(onDisk.length).toBeGreaterThan(0);
  }
  expect(files.filter((f) => /^exercises\/[^/]+\/(solution|tests\/hidden)(\/|$)/.test(f))).toEqual([]);
});
