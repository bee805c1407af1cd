// A user's model that breaks the model API's rules (checker/model.ts) gets exit 2 and an error naming the
// function or field and the model's file:line, never a TypeError blamed on the checker, a stack trace or a
// silent "holds". One fixture per rule, under test/fixtures/broken/, each run through the CLI in-process
// from a temporary working directory (paths in messages are then absolute).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { ModelError } from '../../checker/errors.ts';
import type { Instance } from '../../checker/model.ts';
import { checkModel } from '../../checker/load/model-checks.ts';
import type { Model } from '../../checker/model.ts';
import { shippedModels } from '../../models/index.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test/fixtures/broken', `${name}.ts`);
const tmp = () => mkdtempSync(join(tmpdir(), 'clab-model-api-'));

async function clab(...args: string[]) {
  const dir = tmp();
  const io = memoryIo(dir);
  // These fixtures pass tsc (they break the rules at run time): their type check (test/load/typecheck.test.ts) is skipped.
  const code = await main([...args, ...(args[0] === 'check' ? ['--out', join(dir, 'traces'), '--no-typecheck'] : [])], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr, dir };
}

/** Exit 2, exactly this error and hint, nothing on stdout (no verdict), no stack trace. */
function expectRefused(r: Awaited<ReturnType<typeof clab>>, error: string, hint: string | undefined) {
  expect(r.code).toBe(2);
  expect(r.err[0]).toBe(`error: ${error}`);
  if (hint === undefined) expect(r.err[1] ?? '').not.toMatch(/^hint:/);
  else expect(r.err[1]).toBe(`hint: ${hint}`);
  expect(r.out).toBe('');
  expect(r.err.join('\n')).not.toMatch(/^\s+at /m);
  expect(r.err.join('\n')).not.toContain('internal error');
  expect(r.err.join('\n')).not.toContain('bin/clab.js');
}

const STEP = "a step is { action: { kind: 'sends', ... }, state: <the next state> }";
const ACTION = "an action is { kind: 'sends', actor?: 'p1', message?: { type: '2a', ... }, detail?: '...' }";

// [fixture, error after "error: <file>:", hint, the trace's last shown state (when the error has one)]
const cases: [string, string, string, string?][] = [
  ['next-undefined', "10:5: model 'next-undefined': next() returned undefined, not an array of steps", 'next(s) must return an array of { action, state }: [] when no step is enabled', 'n = 0'],
  ['next-one-step', "10:5: model 'next-one-step': next() returned an object with fields action, state, not an array of steps", 'wrap the step in an array: return [{ action, state }]', 'n = 0'],
  ['next-object-at-two', "12:5: model 'next-object-at-two': next() returned an empty object, not an array of steps", 'next(s) must return an array of { action, state }: [] when no step is enabled', 'n: 1 → 2'],
  ['step-no-action', "10:5: model 'step-no-action': step 0 of next() has no 'action'", STEP, 'n = 0'],
  ['step-no-state', "10:5: model 'step-no-state': step 0 of next() has no 'state'", STEP, 'n = 0'],
  ['step-string', `10:5: model 'step-string': step 0 of next() is the string "inc", not { action, state }`, `write { action: { kind: "inc" }, state }; ${STEP}`, 'n = 0'],
  ['action-string', `10:5: model 'action-string': step 0 of next(): the action is the string "inc", not an action object`, `write action: { kind: "inc" }; ${ACTION}`, 'n = 0'],
  ['action-no-kind', "10:5: model 'action-no-kind': step 0 of next(): the action has no 'kind'", "it has the fields type, actor; the verb goes in 'kind', e.g. { kind: 'sends', actor: 'p1' }", 'n = 0'],
  ['init-empty', "9:5: model 'init-empty': init() returned no initial states", 'init() must return at least one state: a model without initial states has no behaviour to check'],
  ['init-not-array', "9:5: model 'init-not-array': init() returned an object with fields n, not an array of states", 'init() must return an array of states; for one initial state write init: () => [state]'],
  ['invariant-singular', "13:7: model 'invariant-singular': the instance has a field 'invariant' but no 'invariants'", "did you mean 'invariants'?"],
  ['invarients', "12:7: model 'invarients': the instance has a field 'invarients' but no 'invariants'", "did you mean 'invariants'?"],
  ['invariant-function', "11:19: model 'invariant-function': invariant 'small' is a function, not { description, holds }", "write small: { description: '...', holds: <the function> }"],
  ['invariant-no-holds', "11:19: model 'invariant-no-holds': invariant 'small' has no holds function", "did you mean 'holds' (it has 'hold')?"],
  ['holds-no-return', "13:7: model 'holds-no-return': invariant 'small': holds() returned undefined, not a boolean", 'holds(s) must return true or false (a function body in braces needs `return`)'],
  ['holds-async', "12:19: model 'holds-async': invariant 'small': holds() returned a Promise, not a boolean", 'holds(s) must not be async: return the boolean itself'],
  ['instantiate-undefined', "8:3: model 'instantiate-undefined': instantiate() returned undefined, not an instance", 'instantiate must return an object { init, next, invariants } (is a `return` missing?)'],
  ['instantiate-throws', "9:30: model 'instantiate-throws': instantiate() threw an error: two processes are not supported yet", 'instantiate(constants, variant) must return the instance for any constants the declarations and validate() allow'],
  ['validate-throws', "9:40: model 'validate-throws': validate() threw an error: more than one process", 'validate(constants) returns a message for an invalid combination, undefined otherwise'],
  ['show-throws', "13:27: model 'show-throws': show() threw an error: cannot show 0", 'show(s) must return a readable picture of any reachable state'],
  ['show-not-object', `12:5: model 'show-not-object': show() returned the string "n=0", not an object field → value`, 'show(s) returns e.g. { round: s.round, decided: [...s.decided] }'],
  ['show-cyclic', "12:5: model 'show-cyclic': show() returned a picture that cannot be made plain data: Maximum call stack size exceeded (it is cyclic or nested too deeply)", 'show(s) must return plain, acyclic data (field → value)'],
  ['const-out-of-range', "8:5: model 'const-out-of-range': constant 'procs' has default 5, outside its range 1..4", 'make the default one of the allowed values, or widen min/max'],
  ['const-wrong-type', `8:5: model 'const-wrong-type': constant 'procs' is an int, but its default is the string "3"`, 'give an integer default'],
  ['const-unknown-kind', "8:5: model 'const-unknown-kind': constant 'procs' has unknown kind 'integer'", 'the kinds are int, bool and enum'],
  ['const-enum-default', "8:5: model 'const-enum-default': constant 'mode' has default 'medium', which is not one of its values (fast, slow)", 'make the default one of the values'],
  [
    'state-date',
    "13:5: model 'state-date': state.nodes[2].since: a Date is not model data (in a state next() returned)",
    'a state holds only model data: numbers, strings, booleans, null, undefined, bigints, arrays, plain objects, Map, Set, and immutable.js collections and Records; store the time as a number (date.getTime()) or a logical clock',
    'nodes = [{up: false}, {up: false}, {up: false}]',
  ],
  [
    'encode-negative-u32',
    "13:9: model 'encode-negative-u32': encode() wrote -1 with u32(), which takes an integer in 0..4294967295: two different states could get the same words (in an initial state)",
    'write a signed value with int(), any other number with float()',
  ],
  [
    'no-invariants',
    "11:5: model 'no-invariants' declares no invariants or properties: nothing to check",
    'add an invariant to the instance, e.g. invariants: { typeOK: { description: "...", holds: (s) => ... } }, a temporal property, or check it with a .spec file that states some',
  ],
];

describe('clab check on a model that breaks the API: exit 2, the function or field and file:line named', () => {
  it('every fixture under test/fixtures/broken has a case', () => {
    const named = new Set([...cases.map((c) => c[0]), 'odd-constant-names', 'deep-next-undefined', 'deep-next-object', 'deep-step-no-state', 'decodable-next-undefined', 'decode-unsigned', 'decode-set-order', 'symmetry-garbage', 'symmetry-inverse', 'symmetry-named-invariant', 'symmetry-bad-signature', 'symmetry-nan-signature', 'symmetry-undefined-signature', 'state-getter-throws', 'state-getter-throws-later', 'state-sparse-array']);
    expect(readdirSync(join(root, 'test/fixtures/broken')).map((f) => f.replace(/\.ts$/, '')).filter((f) => !named.has(f))).toEqual([]);
  });

  for (const [name, error, hint, last] of cases) {
    it(name, async () => {
      const r = await clab('check', fixture(name));
      expectRefused(r, `${fixture(name)}:${error}`, hint);
      if (last === undefined) expect(r.err).toHaveLength(2);
      else {
        expect(r.err[2]).toBe('the state where it happened was reached by:');
        expect(r.err.at(-1)!.trim()).toBe(last);
      }
    });
  }

  it('a state its own getter cannot read, and a sparse array of length 2^31 - 1: refused at once', async () => {
    // The getter's exception escaped as an internal error; the sparse array was walked index by index (minutes).
    const hint = 'states must be plain, acyclic data (or give the model a show() that returns such a picture)';
    const getter = await clab('check', fixture('state-getter-throws'));
    expectRefused(getter, `model 'state-getter-throws' (${fixture('state-getter-throws')}): a state cannot be made plain data: reading it threw Error: not ready`, hint);
    const sparse = await clab('check', fixture('state-sparse-array'));
    expectRefused(sparse, `model 'state-sparse-array' (${fixture('state-sparse-array')}): a state cannot be made plain data: an array of length 2147483647 is too long to show (at most 16,777,216 elements)`, hint);
    // Met by the search in a later state: the model's exception, where it was thrown, and how it was reached.
    const later = await clab('check', fixture('state-getter-throws-later'));
    expect([later.code, later.err[0]]).toEqual([2, 'error: the model threw an error: not ready']);
    expect(later.err[1].startsWith('hint: thrown at ') && later.err[1].endsWith(`(${fixture('state-getter-throws-later')}:11:111)`)).toBe(true);
    expect(later.err.at(-1)!.trim()).toBe('n: 0 → 1');
  });

  it('a model with no invariants is refused before any search: it never prints "holds"', async () => {
    const r = await clab('check', fixture('no-invariants'), '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.join('\n')).not.toMatch(/✓|holds on|"result"/);
  });

  it('so is a spec that states no invariant, witness or property', async () => {
    const dir = tmp();
    const spec = join(dir, 'empty.spec');
    writeFileSync(spec, 'spec empty\nmodel twophase\n');
    const r = await clab('check', spec);
    expectRefused(r, `spec ${spec} states no invariant, sometimes or property: nothing to check`, 'add e.g. `invariant agreement: size(chosen) <= 1` to the spec');
  });

  it('other commands refuse the same models the same way (simulate)', async () => {
    const r = await clab('simulate', fixture('next-undefined'), '--runs', '3', '--seed', '1');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`error: ${fixture('next-undefined')}:10:5: model 'next-undefined': next() returned undefined, not an array of steps`);
  });
});

describe('clab simulate on a model that fails during a walk: exit 2 with the walk that reached the state', () => {
  it('next() returning a non-array deep in a walk (once an internal TypeError, exit 4)', async () => {
    const r = await clab('simulate', fixture('next-object-at-two'), '--runs', '3', '--seed', '1');
    expectRefused(r, `${fixture('next-object-at-two')}:12:5: model 'next-object-at-two': next() returned an empty object, not an array of steps`, 'next(s) must return an array of { action, state }: [] when no step is enabled');
    expect(r.err.slice(2)).toEqual(['the state where it happened was reached by:', 'Step 0  initial state', '    n = 0', 'Step 1  inc', '    n: 0 → 1', 'Step 2  inc', '    n: 1 → 2']);
  });

  // Walks start at a random one of 2,000 initial states: with seed 1, a walk among the first 3,000 starts at n = 1500.
  it('a step without a state is named at the state that gave it', async () => {
    const r = await clab('simulate', fixture('deep-step-no-state'), '--runs', '3000', '--seed', '1', '--depth', '3');
    expectRefused(r, `${fixture('deep-step-no-state')}:11:5: model 'deep-step-no-state': step 0 of next() has no 'state'`, "did you mean 'state' (it has 'sate')?");
    expect(r.err.slice(2)).toEqual(['the state where it happened was reached by:', 'Step 0  initial state', '    n = 1500']);
  });

  it("the model's own exception (once exit 4)", async () => {
    const dir = tmp();
    const file = join(dir, 'thrower.ts');
    writeFileSync(file, `export { throwing as default } from '${join(root, 'test/fixtures/impure-models.ts')}';\n`);
    const r = await clab('simulate', file, '--runs', '3', '--seed', '1');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('error: the model threw an error: boom at two');
    expect(r.err[1]).toMatch(/^hint: thrown at .*impure-models\.ts:\d+:\d+\)$/);
    expect(r.err[2]).toBe('the state where it happened was reached by:');
    expect(r.err.filter((l) => l.startsWith('Step '))).toEqual(['Step 0  initial state', 'Step 1  push', 'Step 2  push']);
    expect(r.err.join('\n')).not.toContain('internal error');
  });
});

describe('a malformed result past the sampled expansions: the search explains its own TypeError', () => {
  // 2,000 initial states: state 1500 is expanded neither among the first 16 nor at a multiple of 997.
  it('next() returning undefined on one deep state names next() and the state', async () => {
    const r = await clab('check', fixture('deep-next-undefined'));
    expectRefused(r, `${fixture('deep-next-undefined')}:12:5: model 'deep-next-undefined': next() returned undefined, not an array of steps`, 'next(s) must return an array of { action, state }: [] when no step is enabled');
    expect(r.err.slice(2)).toEqual(['the state where it happened was reached by:', 'Step 0  initial state', '    n = 1500']);
  });

  it('next() returning an object (no length: the count would turn NaN) on one deep state names next() and the state', async () => {
    const r = await clab('check', fixture('deep-next-object'));
    expectRefused(r, `${fixture('deep-next-object')}:12:5: model 'deep-next-object': next() returned an empty object, not an array of steps`, 'next(s) must return an array of { action, state }: [] when no step is enabled');
    expect(r.err.slice(2)).toEqual(['the state where it happened was reached by:', 'Step 0  initial state', '    n = 1500']);
  });

  it('a step without a state is found on the path, one level before the search fails on the undefined state', async () => {
    const r = await clab('check', fixture('deep-step-no-state'));
    expectRefused(r, `${fixture('deep-step-no-state')}:11:5: model 'deep-step-no-state': step 0 of next() has no 'state'`, "did you mean 'state' (it has 'sate')?");
    expect(r.err.slice(2)).toEqual(['the state where it happened was reached by:', 'Step 0  initial state', '    n = 1500']);
  });

  it('with --workers, the workers sample the same check and the one-core search names it', { timeout: 30_000 }, async () => {
    const r = await clab('check', fixture('decodable-next-undefined'), '--workers', '2');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${fixture('decodable-next-undefined')}:10:5: model 'decodable-next-undefined': next() returned undefined, not an array of steps`);
    expect(r.err.at(-1)!.trim()).toBe('n: 2 → 3');
    expect(r.err.join('\n')).not.toMatch(/^\s+at /m);
  });

  it('bfs on an instance built in code: the error has no model name, the state id is kept', () => {
    const inst: Instance<number> = {
      init: () => Array.from({ length: 2000 }, (_, n) => n),
      next: (n) => (n === 1500 ? (undefined as never) : []),
      invariants: {},
    };
    let caught: unknown;
    try {
      bfs(inst, { invariants: [] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).message).toBe('next() returned undefined, not an array of steps');
    expect((caught as ModelError).stateId).toBe(1500);
  });
});

describe('constant names are the user\'s words: none is special', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`--const ${name}=1 on a model without it is an unknown constant`, async () => {
      const r = await clab('check', 'twophase', '--const', `${name}=1`);
      expectRefused(r, `model 'twophase' has no constant '${name}'`, 'known constants: rms');
    });
  }

  it('a model may declare constants called constructor, toString and __proto__, and they can be set', async () => {
    const defaults = await clab('check', fixture('odd-constant-names'), '--json');
    expect(defaults.code).toBe(0);
    expect(JSON.parse(defaults.out)).toMatchObject({ constants: { constructor: 2, toString: true, __proto__: 'up' }, result: 'holds', distinctStates: 3, statesGenerated: 5 });
    const set = await clab('check', fixture('odd-constant-names'), '--const', 'constructor=4', '--const', 'toString=false', '--const', '__proto__=down', '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ constants: { constructor: 4, toString: false, __proto__: 'down' }, result: 'holds', distinctStates: 5, statesGenerated: 5 });
    const bad = await clab('check', fixture('odd-constant-names'), '--const', '__proto__=sideways');
    expectRefused(bad, "constant '__proto__' must be one of up, down, got 'sideways'", 'known values: up, down');
    const unknown = await clab('check', fixture('odd-constant-names'), '--const', 'valueOf=1');
    expectRefused(unknown, "model 'odd-constant-names' has no constant 'valueOf'", 'known constants: constructor, toString, __proto__');
  });
});

describe('the shipped models keep the rules', () => {
  for (const m of shippedModels) it(m.name, () => expect(() => checkModel(m)).not.toThrow());
  it('a topic that is not a non-empty string is named', () => {
    const m = { ...shippedModels[0], topic: 7 } as unknown as Model;
    expect(() => checkModel(m)).toThrow(/the model's topic is the number 7/);
    expect(() => checkModel({ ...shippedModels[0], topic: ' ' })).toThrow(/topic/);
  });
});

describe('a model path that is not a regular file is refused before it is imported (importing /dev/zero never returned)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clab-notfile-'));
  const fifo = join(dir, 'pipe.ts');
  execFileSync('mkfifo', [fifo]);
  it.each([
    ['/dev/zero', 'a character device'],
    [fifo, 'a named pipe'],
    [dir, 'a directory'],
  ])('%s: %s, exit 2', async (path, kind) => {
    const r = await clab('check', path);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`error: cannot load model file ${path}: it is ${kind}, not a regular file`, 'hint: give a path to a .ts module that exports a model']);
  });
});
