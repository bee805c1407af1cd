// `npm run models-table`: recomputes the README's table of shipped models (scripts/models-table/table.ts)
// from models/index.ts and rewrites the block between its markers in README.md. `--check` rewrites
// nothing and exits 1 if the README's block differs from the table computed now.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedModels } from '../models/index.ts';
import { currentBlock, modelsTable, readGoldens, replaceBlock } from './models-table/table.ts';

const root = join(import.meta.dirname, '..');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const table = await modelsTable(shippedModels, readGoldens(join(root, 'counterexamples')));
if (process.argv.includes('--check')) {
  const same = currentBlock(readme) === table;
  console.log(same ? 'README.md: the models table is up to date' : 'README.md: the models table differs from the models; run npm run models-table');
  process.exit(same ? 0 : 1);
}
const next = replaceBlock(readme, table);
if (next !== readme) writeFileSync(readmePath, next);
console.log(next === readme ? 'README.md: the models table was already up to date' : 'README.md: the models table was rewritten');
