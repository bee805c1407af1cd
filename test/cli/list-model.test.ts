// `clab list ./model.ts` lists a user's model as it lists a shipped one: constants with their kind,
// default, bounds and meaning, variants, views with their types, sorts, invariants and temporal
// properties, and the type check the file passed.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const modelApi = join(import.meta.dirname, '..', '..', 'checker/model.ts');

const source = `import { defineModel } from ${JSON.stringify(modelApi)};
interface State { readonly votes: readonly number[]; readonly decided: boolean }
export default defineModel<State>({
  name: 'vote',
  summary: 'voters vote, then someone decides',
  constants: {
    voters: { kind: 'int', default: 2, min: 1, max: 3, description: 'number of voters' },
    strict: { kind: 'bool', default: true, description: 'a decision needs every vote' },
    order: { kind: 'enum', default: 'any', values: ['any', 'fifo'], description: 'delivery order' },
  },
  variants: { early: 'decides before the votes are in' },
  instantiate(c) {
    const n = c.voters as number;
    return {
      init: () => [{ votes: Array.from({ length: n }, () => 0), decided: false }],
      next: () => [],
      sorts: { voter: Array.from({ length: n }, (_, i) => 'v' + (i + 1)) },
      views: {
        votes: { type: { kind: 'map', key: { kind: 'id', sort: 'voter' }, value: { kind: 'int' } }, description: 'each voter\\'s vote', get: (s) => new Map(s.votes.map((v, i) => [i, v])) },
        decided: { type: { kind: 'bool' }, get: (s) => s.decided },
      },
      invariants: { typeOK: { description: 'votes are 0 or 1', holds: (s) => s.votes.every((v) => v === 0 || v === 1) } },
      temporal: [{ name: 'decides', kind: 'eventually', description: 'a decision is reached', p: (s) => s.decided }],
      terminal: () => true,
    };
  },
});
`;

describe('clab list <model file>', { timeout: 60_000 }, () => {
  it('lists the constants, variants, views, sorts, invariants and temporal properties', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-list-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'vote.ts'), source);
    const io = memoryIo(dir);
    expect(await main(['list', './vote.ts'], io)).toBe(0);
    expect(io.stdout[1]).toMatch(/^ {2}type check: passed in \d+\.\d\d s \(tsc --noEmit, built-in strict settings\)$/);
    expect([io.stdout[0], ...io.stdout.slice(2)]).toEqual([
      'vote — voters vote, then someone decides',
      '  constants:  voters=2  strict=true  order=any',
      '      voters: number of voters (int, allowed: 1..3)',
      '      strict: a decision needs every vote (bool, true or false)',
      '      order: delivery order (enum, one of any, fifo)',
      '  views:      votes, decided',
      "      votes: map voter -> int — each voter's vote",
      '      decided: bool',
      '  sorts:      voter',
      '      voter: v1, v2',
      '  invariants: typeOK',
      '      typeOK: votes are 0 or 1',
      '  temporal:   decides',
      '      decides: eventually — a decision is reached',
      '  variants:   early',
      '      early: decides before the votes are in',
      '',
    ]);
    const json = memoryIo(dir);
    expect(await main(['list', './vote.ts', '--json', '--no-typecheck'], json)).toBe(0);
    expect(JSON.parse(json.stdout.join('\n'))).toEqual([
      {
        name: 'vote',
        summary: 'voters vote, then someone decides',
        constants: [
          { name: 'voters', kind: 'int', default: 2, min: 1, max: 3, description: 'number of voters', allowed: 'allowed: 1..3' },
          { name: 'strict', kind: 'bool', default: true, description: 'a decision needs every vote', allowed: 'true or false' },
          { name: 'order', kind: 'enum', default: 'any', values: ['any', 'fifo'], description: 'delivery order', allowed: 'one of any, fifo' },
        ],
        variants: [{ name: 'early', description: 'decides before the votes are in' }],
        views: [
          { name: 'votes', type: 'map voter -> int', description: "each voter's vote" },
          { name: 'decided', type: 'bool' },
        ],
        sorts: [{ name: 'voter', members: ['v1', 'v2'] }],
        invariants: [{ name: 'typeOK', description: 'votes are 0 or 1' }],
        temporal: [{ name: 'decides', kind: 'eventually', description: 'a decision is reached' }],
      },
    ]);
  });
});
