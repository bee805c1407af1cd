// Random spec text through the CLI, in process: mutations and truncations of the shipped specs, token
// soups and random nesting must each end with exit 0, 1, 2 or 3 and never print a stack trace or an
// internal error. Ranges in the vocabulary stay small, so that no random quantifier can run for long.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'clab-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const shipped = readdirSync(join(root, 'specs'))
  .filter((f) => f.endsWith('.spec'))
  .sort()
  .map((f) => readFileSync(join(root, 'specs', f), 'utf8'));

/** Words and symbols of the language, mistakes it explains, names every object has, and extreme numbers. */
const VOCAB = [
  ...['spec', 'model', 'const', 'define', 'faults', 'bound', 'invariant', 'sometimes', 'property', 'fair', 'symmetry', 'variant', 'weak', 'strong'],
  ...['and', 'or', 'not', 'in', 'notin', 'subset', 'union', 'inter', 'minus', 'if', 'then', 'else', 'forall', 'exists', 'true', 'false'],
  ...['always', 'eventually', 'leadsto', '=>', '<=>', '=', '!=', '<', '<=', '>', '>=', '..', '+', '-', '*', '/', '%'],
  ...['(', ')', '{', '}', '[', ']', ',', ':', '.', '==', '&&', '||', '!', '|', '#', '"', '/*', '*/', '//', '\n'],
  ...['twophase', 'paxos', 'tcommit', 'rms', 'rmState', 'tmState', 'tmPrepared', 'sent2b', 'values', 'ballots', 'acceptors', 'size', 'keys', 'min', 'max'],
  ...['x', 'y', 'm', 'm.b', 'r1', '"init"', '"committed"', '"', '0', '1', '2', '3', '10', '99'],
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '9007199254740991', '9007199254740993', '99999999999999999999999'],
  ...['depth', 'states', 'crash', './nope.ts', '"../x.ts"', 'ignore-accepted', '\u0000', 'é', '😀'],
];
const word = fc.constantFrom(...VOCAB);

/** A shipped spec with edits: deletions, insertions of words, duplicated slices, and a final truncation. */
const mutated = fc
  .tuple(
    fc.nat(shipped.length - 1),
    fc.array(fc.tuple(fc.constantFrom('delete', 'insert', 'duplicate'), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), word), { maxLength: 6 }),
    fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  )
  .map(([k, edits, cut]) => {
    let s = shipped[k];
    for (const [op, at, n, w] of edits) {
      const i = Math.floor(at * s.length);
      if (op === 'delete') s = s.slice(0, i) + s.slice(i + n);
      else if (op === 'insert') s = `${s.slice(0, i)} ${w} ${s.slice(i)}`;
      else s = s.slice(0, i) + s.slice(i, i + n) + s.slice(i);
    }
    return cut === undefined ? s : s.slice(0, Math.floor(cut * s.length));
  });

/** Words in any order after a plausible head (so that many reach the type checker). */
const soup = fc
  .tuple(fc.constantFrom('', 'spec s\nmodel twophase\n', 'spec s\nmodel paxos\nconst maxBallot = 1\n'), fc.array(word, { maxLength: 40 }))
  .map(([head, ws]) => head + ws.join(' '));

/** One predicate wrapped in up to 400 random layers of nesting (past the limit of 256 or not). */
const WRAP: readonly ((e: string) => string)[] = [
  (e) => `(${e})`,
  (e) => `not not ${e}`,
  (e) => `if true then ${e} else false`,
  (e) => `if ${e} then true else false`,
  (e) => `forall x in {1}: ${e}`,
  (e) => `exists r in rms: ${e}`,
  (e) => `true => ${e}`,
  (e) => `${e} and true`,
  (e) => `(${e}) or false`,
  (e) => `${e} = true`,
  (e) => `size({${e}}) = 1`,
  (e) => `${e} in {true}`,
];
const nested = fc
  .tuple(fc.array(fc.nat(WRAP.length - 1), { maxLength: 400 }), fc.constantFrom('tmState = "init"', 'true', 'rmState[r1] = "working"', '1 + 1 = 2'))
  .map(([ws, base]) => `spec s\nmodel twophase\nconst rms = 2\ninvariant a: ${ws.reduce<string>((e, w) => WRAP[w](e), base)}\n`);

let serial = 0;
async function survives(text: string): Promise<void> {
  const f = `f${serial++}.spec`;
  writeFileSync(join(tmp, f), text);
  for (const argv of [['check', f, '--max-states', '200', '--max-depth', '5', '--quiet'], ['parse', f]]) {
    const io = memoryIo(tmp);
    const code = await main(argv, io);
    const printed = [...io.stdout, ...io.stderr].join('\n');
    if (![0, 1, 2, 3].includes(code) || /internal error|^ {4}at /m.test(printed)) {
      expect.fail(`clab ${argv.join(' ')} exited ${code} on:\n${text}\n--- printed:\n${printed.slice(0, 3000)}`);
    }
  }
}

describe('random spec text never crashes clab', () => {
  it('mutations and truncations of the shipped specs', async () => {
    await fc.assert(fc.asyncProperty(mutated, survives), { numRuns: 200 });
  }, 60_000);

  it('token soups', async () => {
    await fc.assert(fc.asyncProperty(soup, survives), { numRuns: 400 });
  }, 60_000);

  it('random nesting up to 400 levels', async () => {
    await fc.assert(fc.asyncProperty(nested, survives), { numRuns: 120 });
  }, 60_000);
});
