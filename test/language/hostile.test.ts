// Hostile spec files through the CLI (in process): nesting beyond the limit is a located error and nesting
// up to it is checked correctly; long operator chains work; names that are Object.prototype properties keep
// their meaning; integers beyond 2^53 - 1 are refused and arithmetic that leaves the exact range stops with
// a located error; spec files that are huge, endless or not files at all are refused. Never a stack trace.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { ClabError } from '../../checker/errors.ts';
import type { Instance } from '../../checker/model.ts';
import { MAX_DEFINE_CHAIN } from '../../checker/language/defines.ts';
import { MAX_NESTING } from '../../checker/language/parser.ts';
import { compileSpec, loadSpecSource, MAX_SPEC_BYTES, type Backend } from '../../checker/language/plan.ts';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'clab-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const internals = join(root, 'test/language/fixtures/internals.ts');

let serial = 0;
/** A spec file in the temporary folder, by the name the CLI (run there) shows. */
function file(text: string): string {
  const name = `s${serial++}.spec`;
  writeFileSync(join(tmp, name), text);
  return name;
}

async function run(...args: string[]) {
  const io = memoryIo(tmp);
  const code = await main(args, io);
  const out = io.stdout.join('\n');
  const err = io.stderr.join('\n');
  expect(out + err).not.toMatch(/internal error|\n {4}at /);
  return { code, out, err };
}

/** twophase with two resource managers (56 states); the invariant is on line 4 and its expression starts at column 14. */
const HEAD = 'spec x\nmodel twophase\nconst rms = 2\n';
const inv = (e: string) => file(`${HEAD}invariant a: ${e}\n`);
const tooDeep = (f: string, col: number) =>
  `error: ${f}:4:${col}: expressions nested too deeply (more than 256 levels)`;

describe('deep nesting', () => {
  it('the limit is 256 levels', () => {
    expect(MAX_NESTING).toBe(256);
    expect(MAX_DEFINE_CHAIN).toBe(256);
  });

  // The inputs that crashed clab with a stack overflow: refused at the token or node 257 levels deep.
  it.each([
    ['5,000 nested parentheses', '('.repeat(5000) + 'true' + ')'.repeat(5000), 14 + 256],
    ['5,000 nested not', 'not '.repeat(5000) + 'true', 14 + 4 * 256],
    ['5,000 nested unary minus', '-'.repeat(5000) + '1 = 1', 14 + 256],
    // The 256th `if` is at column 14 + 13 * 255; its condition would be level 257.
    ['3,000 nested if-then-else', 'if true then '.repeat(3000) + 'true' + ' else false'.repeat(3000), 14 + 13 * 255 + 3],
    ['3,000 nested set literals', '{'.repeat(3000) + '1' + '}'.repeat(3000) + ' != {}', 14 + 256],
    ['3,000 nested calls', 'size('.repeat(3000) + '{1}' + ')'.repeat(3000) + ' = 1', 14 + 5 * 256],
    // The 255th quantifier's domain element `1` would be level 257 (quantifier, domain, braces).
    ['3,000 nested quantifiers', 'forall x in {1}: '.repeat(3000) + 'true', 14 + 17 * 254 + 13],
    // The 257th `=>` (each right operand is one level deeper).
    ['a 3,000-operand => chain', Array(3000).fill('true').join(' => '), 14 + 8 * 256 + 5],
    // Counted from the outermost access: the 257th from the right.
    ['3,000 field accesses', 'tmState' + '.f'.repeat(3000) + ' = 1', 14 + 7 + 2 * (3000 - 257) + 1],
    ['3,000 indexes', 'rmState' + '[1]'.repeat(3000) + ' = 1', 14 + 7 + 3 * (3000 - 257)],
  ])('%s: exit 2, a located error', async (_, e, col) => {
    const f = inv(e);
    for (const cmd of ['parse', 'check']) {
      const r = await run(cmd, f);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')[0]).toBe(tooDeep(f, col));
      expect(r.err).toContain('hint: name parts of the expression with `define` items, or write it flatter (a chain like `a and b and c` is one level however long)');
    }
  });

  // Each construct at the deepest nesting accepted: parsed, printed, type-checked, compiled and evaluated on
  // every state (the verdict is right), and one more level is refused.
  const deepest: [string, (k: number) => string, number][] = [
    ['parentheses', (k) => '('.repeat(k) + 'true' + ')'.repeat(k), 255],
    ['not', (k) => 'not '.repeat(k) + (k % 2 ? 'false' : 'true'), 255],
    ['unary minus', (k) => '-'.repeat(k) + `1 = ${k % 2 ? -1 : 1}`, 255],
    // Each condition's right operand is one level below its `if`.
    ['else-if chain', (k) => 'if tmState = "x" then false else '.repeat(k) + 'true', 254],
    ['if conditions', (k) => 'if '.repeat(k) + 'true' + ' then true else false'.repeat(k), 255],
    ['quantifiers', (k) => Array.from({ length: k }, (_, i) => `forall x${i} in {1}: `).join('') + 'true', 127],
    ['binders', (k) => `exists ${Array.from({ length: k }, (_, i) => `x${i} in {1}`).join(', ')}: true`, 254],
    ['set literals', (k) => '{'.repeat(k) + '1' + '}'.repeat(k) + ' != {}', 255],
    ['calls', (k) => 'size({'.repeat(k) + '1' + '})'.repeat(k) + ' = 1', 127],
    ['=> chain', (k) => Array(k).fill('true').join(' => '), 256],
    ['right-nested +', (k) => '1 + ('.repeat(k) + '1' + ')'.repeat(k) + ` = ${k + 1}`, 255],
    ['comprehensions', (k) => `${'{x in '.repeat(k)}{1}${' : true}'.repeat(k)} = {1}`, 254],
  ];
  it.each(deepest)('%s: the deepest accepted nesting holds; one level more is refused', async (_, make, k) => {
    const f = inv(make(k));
    const c = await run('check', f, '--quiet');
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    expect(c.out).toContain('✓ 1 invariant(s) hold on every reachable state (search complete)');
    const p = await run('parse', f);
    expect(p.code).toBe(0);
    // The normal form parses to itself.
    const again = await run('parse', file(p.out + '\n'));
    expect(again.code).toBe(0);
    expect(again.out).toBe(p.out);
    const deeper = await run('parse', inv(make(k + 1)));
    expect(deeper.code).toBe(2);
    expect(deeper.err).toContain(': expressions nested too deeply (more than 256 levels)');
  }, 30_000);

  it('a chain of 256 definitions is checked; 257 is refused at the definition that makes it too long', async () => {
    const defs = (n: number) => Array.from({ length: n }, (_, i) => `define d${i} = ${i === 0 ? '1' : `d${i - 1} + 1`}`).join('\n');
    const ok = await run('check', file(`${HEAD}${defs(256)}\ninvariant a: d255 = 256\n`), '--quiet');
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const f = file(`${HEAD}${defs(257)}\ninvariant a: d256 = 257\n`);
    const bad = await run('parse', f);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')).toEqual([
      `error: ${f}:260:8: definitions nested too deeply: 'd256' evaluates a chain of more than 256 definitions`,
      ' 260 | define d256 = d255 + 1',
      '     |        ^^^^',
      'hint: merge some of the definitions on the chain',
    ]);
  });

  it('2,000 definitions that use each other in one cycle: every one reported, no recursion', async () => {
    const n = 2000;
    const text = Array.from({ length: n }, (_, i) => `define d${i} = d${(i + 1) % n} + 1`).join('\n');
    const r = await run('parse', file(`${HEAD}${text}\ninvariant a: d0 = 1\n`));
    expect(r.code).toBe(2);
    expect(r.err).toContain(': definitions use each other in a cycle: d0 -> d1 -> d2 -> ');
    expect(r.err.split('\n').at(-1)).toMatch(/^2000 errors in /);
    expect(r.err).toContain('... and 1950 more');
  });
});

describe('long operator chains are ordinary input', () => {
  it.each([
    ['and', Array(1000).fill('true').join(' and ')],
    ['or', Array(999).fill('false').join(' or ') + ' or true'],
    ['+', Array(1000).fill('1').join(' + ') + ' = 1000'],
    ['-', Array(1000).fill('1').join(' - ') + ' = -998'],
    ['*', Array(1000).fill('1').join(' * ') + ' = 1'],
    ['union', Array(1000).fill('{1}').join(' union ') + ' = {1}'],
    ['minus', '{1, 2}' + ' minus {3}'.repeat(999) + ' = {1, 2}'],
    ['mixed', Array.from({ length: 1000 }, (_, i) => `${i % 7} * 2 + 1 > 0`).join(' and ')],
  ])('a 1,000-operand %s chain: check holds, parse prints it back', async (_, e) => {
    const f = inv(e);
    const c = await run('check', f, '--quiet');
    expect(c.code).toBe(0);
    const p = await run('parse', f);
    expect(p.code).toBe(0);
    expect(p.out.split('\n')[3]).toBe(`invariant a: ${e}`);
  });

  it('a 100,000-operand chain: check holds, and a false operand at the end is a violation', async () => {
    const chain = Array(100_000).fill('true').join(' and ');
    expect((await run('check', inv(chain), '--quiet')).code).toBe(0);
    const r = await run('check', inv(`${chain} and tmState = "init"`), '--quiet', '--out', join(tmp, 'cx'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ invariant a is violated');
  }, 60_000);

  it('30,000 map lookups in one quantifier body (too many locals for one generated function) are evaluated by closures', async () => {
    const body = Array(30_000).fill('rmState[r] != "x"').join(' and ');
    const r = await run('check', inv(`forall r in rms: ${body}`), '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('both backends agree on a 10,000-operand chain with runtime errors on the way', async () => {
    const text = `${HEAD}invariant a: ${Array(10_000).fill('1 / size(tmPrepared) >= 0').join(' or ')}\n`;
    const loaded = await loadSpecSource(text, join(tmp, 'agree.spec'), tmp);
    const cs = resolveConstants(loaded.model, loaded.constants);
    const inst = loaded.model.instantiate(cs, loaded.variant) as Instance<unknown>;
    const s0 = inst.init()[0];
    const outcomes = (['codegen', 'closures'] as Backend[]).map((b) => {
      try {
        return String(compileSpec(loaded, inst, cs, b).properties.invariants[0].holds(s0));
      } catch (e) {
        if (!(e instanceof ClabError)) throw e;
        return `${e.message} @ ${e.location?.line}:${e.location?.col}`;
      }
    });
    expect(outcomes).toEqual(['division by zero @ 4:16', 'division by zero @ 4:16']);
  }, 30_000);
});

describe('names that are properties of every JavaScript object', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(names)('const %s, a definition and bound variables of that name have their own values', async (n) => {
    const text = `${HEAD}const ${n} = 7\ndefine ${n}_twice = ${n} + ${n}\ninvariant ${n}: ${n} = 7 and ${n}_twice = 14\n`;
    const ok = await run('check', file(text), '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ result: 'holds', invariants: [n] });
    const bound = `${HEAD}invariant ${n}: (forall ${n} in rms: exists y in rms: ${n} = y) and (forall y in rms: size({${n} in {y} : ${n} = y}) = 1)\n`;
    expect((await run('check', file(bound), '--quiet')).code).toBe(0);
    // A wrong value is a violation, not a pass.
    const bad = await run('check', file(`${HEAD}const ${n} = 7\ninvariant ${n}: ${n} = 8\n`), '--out', join(tmp, 'cx'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`✗ invariant ${n} is violated after 0 steps`);
  });

  it('a definition named constructor and an invariant named __proto__', async () => {
    const r = await run('check', file(`${HEAD}define constructor = 1\ndefine toString = constructor + 1\ninvariant __proto__: toString = 2\n`), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'holds', invariants: ['__proto__'] });
  });

  it("a model's constants, fault kinds and record fields called constructor, __proto__, toString", async () => {
    const f = file(`spec i\nmodel "${internals}"\nconst constructor = 4\nconst __proto__ = 5\nfaults hasOwnProperty <= 6
invariant digits: digits = 456
invariant fields: forall m in recs: m.constructor = k and m.valueOf = 7
invariant keyed: size({m in recs : m.constructor = k}) = 1\n`);
    const r = await run('check', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'holds', constants: { constructor: 4, __proto__: 5, toString: 6 }, distinctStates: 3 });
    const d = await run('check', file(`spec i\nmodel "${internals}"\ninvariant digits: digits = 123\n`), '--json');
    expect(JSON.parse(d.out)).toMatchObject({ result: 'holds', constants: { constructor: 1, __proto__: 2, toString: 3 } });
  });

  it.each([
    ['a function', 'invariant a: constructor(1) = 1', "error: F:4:14: unknown function 'constructor'"],
    ['a function', 'invariant a: hasOwnProperty(rms)', "error: F:4:14: unknown function 'hasOwnProperty'"],
    ['a record field', 'invariant a: forall r in rms: r.constructor = 1', "error: F:4:33: field access '.constructor' needs a record, got rm"],
    ['a fault kind', 'faults __proto__ <= 1', "error: F:4:8: model 'twophase' does not model __proto__ faults"],
    ['a variant', 'invariant a: true\nspec y', "error: F:5:6: duplicate 'spec' item: a spec has one name"],
    ['an unknown name', 'invariant a: valueOf = 1', "error: F:4:14: unknown name 'valueOf': not a bound variable, a definition, or a view or constant of model 'twophase'"],
    ['a bound', 'bound constructor <= 1', "error: F:4:7: unknown bound 'constructor'"],
  ])('%s that does not exist: a located error (%s)', async (_, line, want) => {
    const f = file(`${HEAD}${line}\n`);
    const r = await run('parse', f);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0].startsWith(want.replace('F', f))).toBe(true);
  });

  it('a record without the field: no inherited toString', async () => {
    const f = file(`spec i\nmodel "${internals}"\ninvariant a: exists m in recs: m.toString = 1\n`);
    const r = await run('parse', f);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      `error: ${f}:3:35: {constructor: int, valueOf: int} has no field 'toString'`,
      ' 3 | invariant a: exists m in recs: m.toString = 1',
      '   |                                   ^^^^^^^^',
      'hint: its fields are: constructor, valueOf',
    ]);
  });

  it('variants named like Object.prototype properties do not exist', async () => {
    for (const v of ['toString', '__proto__', 'constructor']) {
      const f = file(`spec x\nmodel paxos variant ${v}\n`);
      const r = await run('parse', f);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toBe(`error: ${f}:2:21: model 'paxos' has no variant '${v}'`);
    }
  });
});

describe('integers', () => {
  const range = 'integers must lie in -9007199254740991..9007199254740991';

  it.each([
    ['an expression', 'invariant a: 9007199254740993 > 0', 14, '9007199254740993'],
    ['2^53 itself', 'invariant a: -9007199254740992 < 0', 15, '9007199254740992'],
    ['a constant', 'const big = 9007199254740993', 13, '9007199254740993'],
    ['a bound', 'bound states <= 18446744073709551616', 17, '18446744073709551616'],
    ['a long one', `invariant a: ${'9'.repeat(40)} > 0`, 14, '999999999999...999999 (40 digits)'],
  ])('a literal beyond 2^53 - 1 in %s: exit 2 at the literal', async (_, line, col, shown) => {
    const f = file(`${HEAD}${line}\n`);
    const r = await run('parse', f);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`error: ${f}:4:${col}: integer ${shown} is too large: ${range}`);
    expect(r.err).toContain('hint: beyond 2^53 - 1, integers are not represented exactly');
  });

  it('the largest integers are exact', async () => {
    const r = await run('check', inv('9007199254740990 + 1 = 9007199254740991 and -9007199254740991 < 0 and 000000009007199254740991 = 9007199254740991'), '--quiet');
    expect(r.code).toBe(0);
  });

  it.each([
    ['+', 'invariant a: 9007199254740991 + size(tmPrepared) > 0', 31, '9007199254740991 + 1'],
    ['-', 'const low = -9007199254740991\ninvariant a: low - size(tmPrepared) < 0', 18, '-9007199254740991 - 1'],
    ['*', 'const big = 4503599627370496\ninvariant a: big * 2 > 0', 18, '4503599627370496 * 2'],
  ])('arithmetic leaving the exact range (%s): exit 2 naming the operator and its operands', async (_, lines, col, expr) => {
    const f = file(`${HEAD}${lines}\n`);
    const r = await run('check', f, '--quiet');
    expect(r.code).toBe(2);
    const line = lines.split('\n').length + 3;
    expect(r.err.split('\n')).toEqual([
      `error: ${f}:${line}:${col}: integer overflow: ${expr} is outside the exact integer range -9007199254740991..9007199254740991`,
      'hint: the spec evaluated an undefined expression on a reachable state',
    ]);
  });

  it('overflow on values of a view, in both backends, as the same located error', async () => {
    const text = `spec i\nmodel "${internals}"\ninvariant over: edge + k + k >= edge\n`;
    const r = await run('check', file(text), '--quiet');
    expect(r.code).toBe(2);
    const msg = 'integer overflow: 9007199254740991 + 1 is outside the exact integer range -9007199254740991..9007199254740991';
    expect(r.err.split('\n')[0].endsWith(`:3:26: ${msg}`)).toBe(true);
    const loaded = await loadSpecSource(text, join(tmp, 'over.spec'), tmp);
    const cs = resolveConstants(loaded.model, loaded.constants);
    const inst = loaded.model.instantiate(cs, loaded.variant) as Instance<unknown>;
    for (const b of ['codegen', 'closures'] as Backend[]) {
      const holds = compileSpec(loaded, inst, cs, b).properties.invariants[0].holds;
      expect(holds({ k: 0 })).toBe(true);
      expect(() => holds({ k: 1 })).toThrow(msg);
    }
  });
});

describe('spec files that are too large or not files', () => {
  it('/dev/zero: refused before reading, exit 2', async () => {
    if (!existsSync('/dev/zero')) return;
    const r = await run('parse', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual(['error: cannot read /dev/zero: it is a character device, not a regular file', 'hint: give the path of a .spec file']);
  });

  it('a named pipe with no writer: refused at once (does not block), exit 2', async () => {
    const fifo = 'pipe.spec';
    try {
      execFileSync('mkfifo', [join(tmp, fifo)]);
    } catch {
      return; // no mkfifo here
    }
    const r = await run('parse', fifo);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`error: cannot read ${fifo}: it is a named pipe, not a regular file`);
    expect((await run('check', fifo)).code).toBe(2);
  });

  it('a model path naming /dev/zero or a named pipe: a located error, not an import that never returns', async () => {
    const targets = [existsSync('/dev/zero') ? ['/dev/zero', 'a character device'] : undefined];
    try {
      execFileSync('mkfifo', [join(tmp, 'model-pipe.ts')]);
      targets.push([join(tmp, 'model-pipe.ts'), 'a named pipe']);
    } catch {
      // no mkfifo here
    }
    for (const [path, kind] of targets.filter((x) => x !== undefined)) {
      const f = file(`spec x\nmodel "${path}"\n`);
      const r = await run('parse', f);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toBe(`error: ${f}:2:7: cannot load model ${path}: it is ${kind}, not a regular file`);
    }
  });

  it('a directory: exit 2', async () => {
    mkdtempSync(join(tmp, 'dir-'));
    const r = await run('parse', tmp);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`error: cannot read ${tmp}: it is a directory, not a regular file`);
  });

  it(`a file of ${MAX_SPEC_BYTES} bytes is read; one byte more is refused`, async () => {
    expect(MAX_SPEC_BYTES).toBe(1 << 20);
    const text = `${HEAD}invariant a: true // `;
    const f = file(text + 'x'.repeat(MAX_SPEC_BYTES - text.length - 1) + '\n');
    expect(readFileSync(join(tmp, f)).length).toBe(MAX_SPEC_BYTES);
    expect((await run('parse', f)).code).toBe(0);
    const g = file(text + 'x'.repeat(MAX_SPEC_BYTES - text.length) + '\n');
    const r = await run('check', g);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      `error: spec file too large: ${g} is larger than 1048576 bytes (1048577 bytes)`,
      'hint: a spec is a short text: split off what is generated, or name repeated expressions with `define` items',
    ]);
  });

  it('a file of 1 MiB of errors: the first 50 are shown, then how many there are', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `invariant a${i}: nope${i} @`);
    const f = file(`${HEAD}${lines.join('\n')}\n`);
    const r = await run('parse', f);
    expect(r.code).toBe(2);
    const err = r.err.split('\n');
    expect(err.filter((l) => l.startsWith('error: ')).length).toBe(50);
    expect(err.slice(-2)).toEqual(['... and 59950 more', `60000 errors in ${f}`]);
  }, 30_000);

  it('a leading byte-order mark is dropped: columns on line 1 count from the first real character', async () => {
    const ok = await run('parse', file(`\ufeff${HEAD}invariant a: true\n`));
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[0]).toBe('spec x');
    const f = file('\ufeffspek x\nmodel twophase\n');
    const bad = await run('parse', f);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe(`error: ${f}:1:1: unexpected 'spek'; expected an item (spec, model, const, define, faults, bound, invariant, sometimes, property, fair, symmetry)`);
  });

  it('a run of stray bytes is one error, and a long line is shown around the column', async () => {
    const f = file(`${HEAD}invariant a: ${'true and '.repeat(100)}true ${'\u0001'.repeat(100_000)}\n`);
    const r = await run('parse', f);
    expect(r.code).toBe(2);
    const [head, src, caret] = r.err.split('\n');
    expect(head).toBe(`error: ${f}:4:919: unexpected characters ${JSON.stringify('\u0001'.repeat(20))}...`);
    expect(src).toBe(` 4 | ...${'true and '.repeat(100).slice(-95)}true ${'\u0001'.repeat(100)}...`.replace(/\t/g, ' '));
    expect(caret).toBe(`   | ${' '.repeat(103)}${'^'.repeat(100)}`);
    expect(r.err.length).toBeLessThan(1000);
  });
});
