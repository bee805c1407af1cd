// `npm run cost-table`: recomputes the README's cost table (clab cost, checker/cost/, models/cost/) and
// rewrites the block between its markers in README.md. `--check` rewrites nothing and exits 1 if the
// README's block differs from the table computed now.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { costTables } from '../checker/cost/format.ts';
import { costReport } from '../checker/cost/report.ts';
import { modelCosts } from '../models/cost/index.ts';
import { COST_END, COST_START, currentBlock, replaceBlock } from './models-table/table.ts';

const root = join(import.meta.dirname, '..');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const reports = [];
for (const c of modelCosts) reports.push(await costReport(c));
const table = costTables(reports);
if (process.argv.includes('--check')) {
  const same = currentBlock(readme, COST_START, COST_END) === table;
  console.log(same ? 'README.md: the cost table is up to date' : 'README.md: the cost table differs from the models; run npm run cost-table');
  process.exit(same ? 0 : 1);
}
const next = replaceBlock(readme, table, COST_START, COST_END);
if (next !== readme) writeFileSync(readmePath, next);
console.log(next === readme ? 'README.md: the cost table was already up to date' : 'README.md: the cost table was rewritten');
