// A model's declared symmetry is checked on the search's sample (checker/search/symmetry-check.ts): an
// apply that is no renaming, an invariant that names a member, signatures that name members or are not
// one number per member (NaN, undefined) are refused with exit 2 and what failed, where the reduced
// search used to say "holds" (1 orbit for a garbage apply).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import type { Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { canonicalizer } from '../../checker/state/symmetry.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test/fixtures/broken', `${name}.ts`);

async function check(name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'clab-symmetry-check-'));
  const io = memoryIo(dir);
  const code = await main(['check', fixture(name), '--symmetry', '--no-typecheck', '--out', join(dir, 'traces')], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr };
}

const cases: [string, string, string][] = [
  [
    'symmetry-garbage',
    "17:7: model 'symmetry-garbage': next() does not commute with symmetry.apply: the state renamed by (proc p1→p2 p2→p1 p3→p3) has the successor 'p1 inc', which is no renamed successor of the state",
    'apply must rename every part of the state that names a member (messages included), and next() must treat the members of a symmetric sort alike',
  ],
  [
    'symmetry-inverse',
    "17:7: model 'symmetry-inverse': symmetry.apply is not a renaming: renaming by (proc p1→p2 p2→p1 p3→p3) and then by (proc p1→p1 p2→p3 p3→p2) differs from renaming once by (proc p1→p3 p2→p1 p3→p2)",
    'apply(s, perms) must give member i of sort k the new id perms[k][i], in every part of the state',
  ],
  [
    'symmetry-named-invariant',
    "17:7: model 'symmetry-named-invariant': 'p3Idle' is not symmetric: it holds in a state and is false in the same state renamed by (proc p1→p3 p2→p2 p3→p1)",
    'under symmetry reduction every invariant and witness must be true or false alike for renamed states (it may not name a member); check it without --symmetry',
  ],
  [
    'symmetry-bad-signature',
    "18:7: model 'symmetry-bad-signature': symmetry.signatures does not follow its members: p1 of sort proc has signature 0, but renamed to p2 by (proc p1→p2 p2→p1 p3→p3) it has 1",
    "a member's signature must describe it without naming any member of a symmetric sort (e.g. counts, its own ballots; not which acceptors it heard from)",
  ],
  [
    'symmetry-nan-signature',
    "19:7: model 'symmetry-nan-signature': symmetry.signatures(s, 0) gave NaN for a member of sort proc, not a number",
    'signatures(s, k) must return one number (not NaN) per member of sorts[k], in the order of inst.sorts',
  ],
  [
    'symmetry-undefined-signature',
    "18:7: model 'symmetry-undefined-signature': symmetry.signatures(s, 0) gave undefined for the 3 members of sort proc",
    'signatures(s, k) must return one number (not NaN) per member of sorts[k], in the order of inst.sorts',
  ],
];

describe('a wrong symmetry declaration is refused (exit 2), not reduced into a wrong verdict', () => {
  for (const [name, error, hint] of cases) {
    it(name, async () => {
      const r = await check(name);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.slice(0, 2)).toEqual([`error: ${fixture(name)}:${error}`, `hint: ${hint}`]);
    });
  }

  it('without --symmetry the same models are checked as usual', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-symmetry-check-'));
    const io = memoryIo(dir);
    expect(await main(['check', fixture('symmetry-named-invariant'), '--no-typecheck', '--out', dir, '--quiet'], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain('✗ invariant p3Idle is violated after 2 steps:');
  });

  it('signatures handed back in one scratch array are compared as copies (a wrong one is still found)', () => {
    const scratch = [0, 0, 0];
    const inst: Instance<{ c: readonly number[] }> = {
      init: () => [{ c: [0, 0, 0] }],
      next: (s) => s.c.flatMap((x, i) => (x < 2 ? [{ action: { kind: 'inc' }, state: { c: s.c.map((y, j) => (j === i ? y + 1 : y)) } }] : [])),
      invariants: {},
      sorts: { proc: ['p1', 'p2', 'p3'] },
      symmetry: {
        sorts: ['proc'],
        apply: (s, [p]) => {
          const c = [0, 0, 0];
          s.c.forEach((x, i) => (c[p[i]] = x));
          return { c };
        },
        // Every member gets p1's count: the same number for all members of one state, a different one for
        // the state renamed. Compared in place (the second call refills the array the first returned),
        // the two would always agree.
        signatures: (s) => scratch.fill(s.c[0]),
      },
    };
    expect(() => bfs(inst, { invariants: [], canonical: canonicalizer(inst) })).toThrow(
      /^symmetry\.signatures does not follow its members: p1 of sort proc has signature 1, but renamed to p2 by \(proc p1→p2 p2→p3 p3→p1\) it has 0$/,
    );
  });

  it('a renamed state that is not model data (apply built a typed array where the state has an array) is named as apply\'s fault', () => {
    const inst: Instance<{ c: readonly number[] }> = {
      init: () => [{ c: [0, 0, 0] }],
      next: (s) => s.c.flatMap((x, i) => (x < 2 ? [{ action: { kind: 'inc' }, state: { c: s.c.map((y, j) => (j === i ? y + 1 : y)) } }] : [])),
      invariants: {},
      sorts: { proc: ['p1', 'p2', 'p3'] },
      symmetry: {
        sorts: ['proc'],
        apply: (s, [p]) => {
          const c = new Int32Array(3);
          s.c.forEach((x, i) => (c[p[i]] = x));
          return { c: c as unknown as number[] };
        },
      },
    };
    // The generic encoding refuses a typed array (it once encoded it as the array of its numbers, and next()
    // then failed on the renamed state).
    expect(() => bfs(inst, { invariants: [], canonical: canonicalizer(inst) })).toThrow(/^symmetry\.apply returned a state that cannot be encoded: state\.c: an Int32Array is not model data$/);
  });
});
