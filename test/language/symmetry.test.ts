// A spec's `symmetry` item runs the search with the model's declared symmetry reduction, exactly as
// `clab check --symmetry` does: specs/voting.spec explores Voting's 77 orbits (TLC's count with SYMMETRY),
// the same spec without the item all 599 states; it prints and parses back; a model that declares no
// symmetry is a located error (test/language/bad/symmetry-*.spec).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { parseSpec } from '../../checker/language/parser.ts';
import { printSpec } from '../../checker/language/printer.ts';
import { loadSpecPlan } from '../../checker/language/plan.ts';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'clab-symmetry-'));

async function checkJson(...args: string[]) {
  const io = memoryIo(root);
  const code = await main(['check', ...args, '--json'], io);
  return { code, json: JSON.parse(io.stdout.join('\n')) };
}

describe('the symmetry item', () => {
  it('specs/voting.spec: 77 orbits, both invariants hold, the witness is reached', async () => {
    const r = await checkJson('specs/voting.spec');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ model: 'voting', constants: { acceptors: 3, values: 2, ballots: 2 }, result: 'holds', distinctStates: 77, depth: 11, invariants: ['consistency', 'maxBalInRange'] });
    expect(r.json.witnesses).toEqual([{ name: 'valueChosen', reachable: true, length: 4 }]);
  });

  it('searches exactly as --symmetry does, and without it every state', async () => {
    const flag = await checkJson('voting', '--const', 'ballots=2', '--symmetry');
    expect(flag.json).toMatchObject({ distinctStates: 77, statesGenerated: 280, depth: 11 });
    const item = await checkJson('specs/voting.spec');
    expect(item.json).toMatchObject({ distinctStates: flag.json.distinctStates, statesGenerated: flag.json.statesGenerated, depth: flag.json.depth });
    const plain = join(tmp, 'voting-plain.spec');
    writeFileSync(plain, readFileSync(join(root, 'specs/voting.spec'), 'utf8').replace(/^symmetry$/m, ''));
    const full = await checkJson(plain);
    expect(full.json).toMatchObject({ result: 'holds', distinctStates: 599, depth: 11 });
  });

  it('sets the plan, prints as `symmetry` and parses back', async () => {
    expect((await loadSpecPlan('specs/voting.spec', root)).symmetry).toBe(true);
    expect((await loadSpecPlan('specs/paxos.spec', root)).symmetry).toBeUndefined();
    const { spec, diagnostics } = parseSpec('spec v\nmodel voting\nsymmetry\n');
    expect(diagnostics).toEqual([]);
    expect(spec.items.map((i) => i.kind)).toEqual(['spec', 'model', 'symmetry']);
    expect(printSpec(spec)).toBe('spec v\nmodel voting\nsymmetry\n');
  });

  it('is refused twice, located at the second', async () => {
    const f = join(tmp, 'twice.spec');
    writeFileSync(f, 'spec v\nmodel voting\nsymmetry\nsymmetry\ninvariant ok: size(chosen) <= 1\n');
    const io = memoryIo(root);
    expect(await main(['parse', f], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/twice\.spec:4:1: duplicate 'symmetry' item\n/);
  });
});
