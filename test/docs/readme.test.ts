// Executable documentation: every ```console block in README.md starting with `$ npx clab ...` is run
// (in-process, from the project root, counterexamples written to a temporary folder) and its output must
// match the block. Timing figures are masked; a line `...` stands for any number of lines. Exit codes are
// checked against the README's promise (0 holds, 1 violation, 2 bad input).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Example {
  readonly command: string;
  readonly expected: string[];
}

function examples(): Example[] {
  const out: Example[] = [];
  const re = /```console\n([\s\S]*?)```/g;
  for (let m = re.exec(readme); m; m = re.exec(readme)) {
    const lines = m[1].replace(/\n$/, '').split('\n');
    if (!lines[0].startsWith('$ npx clab ')) continue;
    out.push({ command: lines[0].slice('$ npx clab '.length), expected: lines.slice(1) });
  }
  return out;
}

/** Masks what differs from run to run: timings, rates, and where traces were saved. */
const mask = (l: string) =>
  l
    .replace(/\d+\.\d+ s \([\d,]+ states\/s\)/g, 'T s (R states/s)')
    .replace(/"seconds":[\d.]+,"statesPerSecond":\d+/g, '"seconds":T,"statesPerSecond":R')
    .replace(/"peakRssMiB":[\d.]+/g, '"peakRssMiB":M')
    .replace(/type check: passed in \d+\.\d+ s/g, 'type check: passed in T s')
    .replace(/"typecheck":\{"seconds":[\d.]+/g, '"typecheck":{"seconds":T')
    .replace(/"phaseSeconds":\{[^}]*\}/g, '"phaseSeconds":{P}')
    .replace(/(trace saved to |replay: clab replay |violated in \d+ steps → )\S+/g, '$1FILE')
    .replace(/([\d,]+ st), \d+\.\d+ s/g, '$1, T s')
    .replace(/cells, \d+\.\d+ s of search/g, 'cells, T s of search')
    .replace(/\s+$/, '');

/** A line equal to the expected one, where `...` inside an expected line stands for any text. */
function lineMatches(actual: string, expected: string): boolean {
  if (!expected.includes('...')) return actual === expected;
  const re = expected.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${re}$`).test(actual);
}

function matches(actual: string[], expected: string[]): boolean {
  const a = actual.map(mask);
  const e = expected.map(mask);
  const go = (i: number, j: number): boolean => {
    if (j === e.length) return i === a.length;
    if (e[j] === '...') {
      for (let k = i; k <= a.length; k++) if (go(k, j + 1)) return true;
      return false;
    }
    if (i < a.length && lineMatches(a[i], e[j])) return go(i + 1, j + 1);
    return false;
  };
  return go(0, 0);
}

describe('README console examples', () => {
  const list = examples();
  it('there are examples to check', () => expect(list.length).toBeGreaterThanOrEqual(5));
  for (const ex of list) {
    it(`$ clab ${ex.command}`, async () => {
      const io = memoryIo(root);
      const args = ex.command.split(/\s+/);
      if (['check', 'sweep', 'simulate'].includes(args[0])) args.push('--out', mkdtempSync(join(tmpdir(), 'clab-readme-')));
      const code = await main(args, io);
      const output = [...io.stdout, ...io.stderr].join('\n').split('\n');
      if (!matches(output, ex.expected)) expect(output.map(mask).join('\n')).toBe(ex.expected.map(mask).join('\n'));
      expect([0, 1, 2]).toContain(code);
      const wantCode = ex.expected.some((l) => l.startsWith('error:')) ? 2 : ex.expected.some((l) => l.startsWith('✗')) ? 1 : 0;
      expect(code).toBe(wantCode);
    });
  }
});
