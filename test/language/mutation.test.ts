// Random mutations of valid specs (deleted, duplicated or swapped tokens, random bytes) always give either
// a spec or a located error (SpecError, every diagnostic inside the file). A parser that blew up on some
// input would overrun the test's timeout (60 s; the 400 runs take about 2 s), not a timed assertion.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../checker/language/diagnostics.ts';
import { loadSpecSource } from '../../checker/language/plan.ts';

const root = resolve(import.meta.dirname, '../..');
const sources = ['specs/twophase.spec', 'specs/tcommit.spec', 'specs/paxos.spec', 'test/language/good/features.spec'].map((f) => ({ file: resolve(root, f), text: readFileSync(resolve(root, f), 'utf8') }));

const split = (text: string) => text.match(/\s+|[A-Za-z_]\w*|\d+|"[^"\n]*"|\/\/[^\n]*|<=>|=>|<=|>=|!=|\.\.|\S/g) ?? [];

type Mutation = { op: 'delete' | 'duplicate' | 'swap' | 'bytes'; at: number; other: number; bytes: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'swap', 'bytes'),
  at: fc.nat(),
  other: fc.nat(),
  bytes: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
});

function mutate(text: string, ms: readonly Mutation[]): string {
  const toks = split(text);
  for (const m of ms) {
    if (toks.length === 0) break;
    const i = m.at % toks.length;
    const j = m.other % toks.length;
    if (m.op === 'delete') toks.splice(i, 1);
    else if (m.op === 'duplicate') toks.splice(i, 0, toks[i]);
    else if (m.op === 'swap') [toks[i], toks[j]] = [toks[j], toks[i]];
    else toks.splice(i, 0, m.bytes);
  }
  return toks.join('');
}

describe('mutated specs', () => {
  it('split/join is lossless on the valid specs', () => {
    for (const s of sources) expect(split(s.text).join('')).toBe(s.text);
  });

  it('each valid spec loads', async () => {
    for (const s of sources) await expect(loadSpecSource(s.text, s.file, root)).resolves.toBeDefined();
  });

  it('give a spec or a located error', { timeout: 60_000 }, async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(sources.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (k, ms) => {
        const { file, text } = sources[k];
        const mutated = mutate(text, ms);
        const lines = mutated.split(/\r?\n/);
        let error: unknown;
        try {
          await loadSpecSource(mutated, file, root);
        } catch (e) {
          error = e;
        }
        if (error === undefined) return;
        expect(error, String((error as Error)?.stack)).toBeInstanceOf(SpecError);
        const se = error as SpecError;
        refused++;
        expect(se.diagnostics.length).toBeGreaterThan(0);
        for (const d of se.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
          expect(d.message.length).toBeGreaterThan(0);
        }
        expect(se.formatLines().join('\n')).toContain(`:${se.diagnostics[0].line}:${se.diagnostics[0].col}:`);
      }),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});
