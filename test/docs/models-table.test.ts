// The README's table of shipped models is generated (npm run models-table): recomputing it from the
// models must give the README's block exactly, so a changed model, count or trace length, or a new model
// in models/index.ts, fails here until the table is regenerated.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedModels } from '../../models/index.ts';
import { currentBlock, END, modelsTable, readGoldens, replaceBlock, START } from '../../scripts/models-table/table.ts';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

// Computed once: every shipped model and variant checked at its defaults (about 8 s of CPU), with room
// for a loaded machine.
let table = '';
beforeAll(async () => {
  table = await modelsTable(shippedModels, readGoldens(join(root, 'counterexamples')));
}, 180_000);

describe('README models table', () => {
  it('equals the table computed from the shipped models now', () => {
    expect(currentBlock(readme)).toBe(table);
    // Every shipped model and every variant has its row.
    for (const m of shippedModels) {
      expect(table).toContain(`| \`${m.name}\` | correct |`);
      for (const v of Object.keys(m.variants ?? {})) expect(table).toContain(`| \`${v}\` |`);
    }
  });

  it('states the figures the model tests assert', () => {
    expect(table).toContain('| `paxos` | correct | 74,681 (25) | holds |');
    expect(table).toContain('|  | `minority-quorum` | — | `agreement` violated: shortest trace 10 steps |');
    expect(table).toContain('| `flp` | correct | 4,924 (18) | `termination` violated: a lasso of 15 steps |');
  });

  it('rewrites only the block between the markers', () => {
    const text = `a\n${START}\nold\n${END}\nb\n`;
    expect(replaceBlock(text, 'new')).toBe(`a\n${START}\nnew\n${END}\nb\n`);
    expect(currentBlock(replaceBlock(text, 'x\ny'))).toBe('x\ny');
    expect(() => replaceBlock('no markers', 't')).toThrow(/no block between/);
    expect(currentBlock('no markers')).toBeUndefined();
  });
});
