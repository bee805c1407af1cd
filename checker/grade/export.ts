// `clab exercise export`: the student's copy of an exercise. Everything in the folder except the reference
// solution (solution/), the hidden checks (tests/hidden/) and the manifest's hidden checks; symbolic links
// are left out too (one could point into solution/). The copy is checked to load as an exercise.

import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClabError } from '../errors.ts';
import { loadExercise, MANIFEST } from './manifest.ts';

/** Paths (relative to the exercise, with `/`) that stay with the instructor. */
export const PRIVATE_PATHS = ['solution', 'tests/hidden'];

export interface ExportResult {
  readonly files: readonly string[];
  readonly skipped: readonly string[];
  readonly hiddenChecksDropped: number;
}

export function exportExercise(dir: string, out: string): ExportResult {
  const ex = loadExercise(dir);
  if (existsSync(out) && readdirSync(out).length > 0) throw new ClabError(`${out} is not empty`, 'export into a new or empty folder');
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(ex.dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (PRIVATE_PATHS.includes(r)) continue;
      const st = lstatSync(join(ex.dir, r));
      if (st.isDirectory()) {
        mkdirSync(join(out, r), { recursive: true });
        walk(r);
      } else if (st.isFile()) {
        if (r === MANIFEST) continue;
        copyFileSync(join(ex.dir, r), join(out, r));
        files.push(r);
      } else skipped.push(r);
    }
  };
  mkdirSync(out, { recursive: true });
  walk('');
  const manifest = JSON.parse(readFileSync(join(ex.dir, MANIFEST), 'utf8')) as { checks: { visibility?: string }[] };
  const publicChecks = manifest.checks.filter((c) => c.visibility !== 'hidden');
  writeFileSync(join(out, MANIFEST), JSON.stringify({ ...manifest, checks: publicChecks }, null, 2) + '\n');
  files.push(MANIFEST);
  // The copy must grade on its own (its public checks' files are all there).
  loadExercise(out, undefined);
  return { files: files.sort(), skipped, hiddenChecksDropped: manifest.checks.length - publicChecks.length };
}
