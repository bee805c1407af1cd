// Random command lines through the CLI's entry function, in-process: whatever the arguments, clab answers
// with an exit code of 0-3 and never a stack trace or an internal error. Each vector ends with search
// bounds, so every run is short; files are written only into a temporary folder. (`explore` serves a page
// until stopped, so it is left out.)

import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { clearStop } from '../../checker/search/interrupt.ts';

const root = join(import.meta.dirname, '..', '..');
const cwd = mkdtempSync(join(tmpdir(), 'clab-argv-'));
const at = (p: string) => join(root, p);

const commands = ['check', 'list', 'replay', 'parse', 'show', 'sweep', 'valence', 'simulate', 'help', 'frobnicate', '--help', '--version'];
const usual = [
  'paxos', 'twophase', 'tcommit', 'voting', 'om', 'flp', 'sm', 'pbft', at('specs/paxos.spec'), at('specs/om.spec'), at('specs/flp.spec'),
  at('specs/twophase.spec'), at('test/fixtures/counter-model.ts'), at('counterexamples/paxos-ignore-accepted-agreement.json'),
  at('counterexamples/flp-termination.json'), at('counterexamples/paxos-duel-eventuallyChosen.json'),
];
const odd = [
  'nosuch', '', '-', '.', '..', '/', '/dev/null', '/nonexistent/x.ts', at('test/fixtures/no-model.ts'), at('package.json'), at('README.md'),
  'x.spec', 'x.json', 'x.ts', '--', '%s%n', '\u001b[2J', 'constructor', '__proto__', 'toString',
];
const target = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const names = ['rms', 'maxBallot', 'acceptors', 'proposers', 'n', 'm', 'ballots', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', '=', 'x'];
const values = ['0', '1', '2', '3', '-1', '1e3', '9007199254740993', 'true', 'false', '', 'abc', '1..3', '3..1', '0x10', ' 2', 'NaN'];
const option = fc.oneof(
  fc.constantFrom('--json', '--quiet', '--symmetry', '--all-violations', '--debug-freeze', '--valence', '--table', '--full', '--help', '-h', '--', '-', '--bogus'),
  fc.tuple(fc.constantFrom('--const', '--param'), fc.constantFrom(...names), fc.constantFrom(...values)).map(([f, k, v]) => [f, `${k}=${v}`]),
  fc.tuple(fc.constantFrom('--variant', '--invariant', '--seed', '--runs', '--depth', '--max-states', '--max-depth', '--time-limit', '--workers', '--memory', '--out', '--svg', '--html', '--itf', '--port'), fc.constantFrom(...values, 'ignore-accepted', 'agreement', '1GiB', join(cwd, 'out'))),
);
const vector = fc.tuple(fc.constantFrom(...commands), fc.option(target, { nil: undefined, freq: 8 }), fc.array(option, { maxLength: 5 }));

/** Bounds appended last (a repeated option's last value wins), so every search is short. */
const bounds: Record<string, string[]> = {
  check: ['--max-states', '300', '--time-limit', '5', '--workers', '1'],
  sweep: ['--max-states', '300', '--time-limit', '5'],
  simulate: ['--runs', '3', '--depth', '20', '--time-limit', '5'],
  valence: ['--max-states', '300'],
};

afterAll(() => clearStop());

it('random argument vectors: exit 0-3, no stack trace, no internal error', async () => {
  await fc.assert(
    fc.asyncProperty(vector, async ([cmd, target, opts]) => {
      const argv = [cmd, ...(target === undefined ? [] : [target]), ...opts.flat(), ...(bounds[cmd] ?? [])];
      const io = memoryIo(cwd);
      const code = await main(argv, io);
      const printed = [...io.stdout, ...io.stderr].join('\n');
      expect([0, 1, 2, 3], `exit ${code} for clab ${argv.join(' ')}\n${printed}`).toContain(code);
      expect(printed, `clab ${argv.join(' ')}`).not.toMatch(/^internal error:|^\s*at \S.*:\d+:\d+\)?$/m);
    }),
    { numRuns: Number(process.env.CLAB_FUZZ_RUNS ?? 300), seed: Number(process.env.CLAB_FUZZ_SEED ?? 20261204) },
  );
}, 120_000);
