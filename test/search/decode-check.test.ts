// The decode check (checker/search/decode-check.ts): a model's decode() that gives back other data than
// was encoded, or a model whose successors change with how equal data was built, is refused with exit 2
// naming the first differing path and the model's line, where the search used to say "holds".

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test/fixtures/broken', `${name}.ts`);

async function check(name: string, ...more: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'clab-decode-check-'));
  const io = memoryIo(dir);
  const code = await main(['check', fixture(name), '--no-typecheck', '--out', join(dir, 'traces'), ...more], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr };
}

describe('decode() is checked against the state it was encoded from', () => {
  it('a signed field read back with u32(): the path and both values, exit 2 (it said "holds")', async () => {
    const r = await check('decode-unsigned');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.slice(0, 2)).toEqual([
      `error: ${fixture('decode-unsigned')}:14:5: model 'decode-unsigned': decode() does not give back the state it was encoded from: decode(encode(s)).ballot: 4294967295, s.ballot: -1`,
      'hint: decode() must rebuild exactly the state encode() wrote: read each field as it was written (a number that can be negative with int(), not u32()), into the same types and collections',
    ]);
    expect(r.err.slice(2).map((l) => l.trim())).toEqual(['the state where it happened was reached by:', 'Step 0  initial state', 'ballot = -1']);
  });

  it('successors that depend on the order a Set was filled in: next() named, exit 2', async () => {
    const r = await check('decode-set-order');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(
      `error: ${fixture('decode-set-order')}:14:5: model 'decode-set-order': next() gives other successors from decode(encode(s)) than from s, which are equal data: s has the step 'p2 serves', decode(encode(s)) has no such successor`,
    );
  });

  it('with --workers the same error is reported', { timeout: 30_000 }, async () => {
    const r = await check('decode-unsigned', '--workers', '2');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `error: ${fixture('decode-unsigned')}:14:5: model 'decode-unsigned': decode() does not give back the state it was encoded from: decode(encode(s)).ballot: 4294967295, s.ballot: -1`,
    );
  });
});
