// The test helpers a user's own tests import (checker/testing/index.ts): checkModel gives the figures
// `clab check` prints for the same model and options (compared with clab check --json, so that a change to
// what the command decides shows up here) (verdict, distinct states, depth, the broken property,
// the trace's length and action labels), with a spec's properties checked on a model the test passed in,
// temporal properties decided as the command decides them, and bad options refused with the command's
// message.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { checkModel } from '../../checker/testing/index.ts';
import { ClabError } from '../../checker/errors.ts';
import paxosDuel from '../../models/paxos-duel.ts';
import tcommit from '../../models/tcommit.ts';
import voting from '../../models/voting.ts';
import counter from '../fixtures/counter-model.ts';

const root = join(import.meta.dirname, '..', '..');

describe('checkModel', () => {
  it("reports an invariant's violation with the trace clab check prints (4 steps, these actions)", async () => {
    const r = await checkModel(counter);
    expect(r).toMatchObject({ verdict: 'violation', violated: 'noLostUpdate', traceLength: 4, states: 12, generated: 13, depth: 5 });
    expect(r.actions).toEqual(['p1 reads counter=0', 'p2 reads counter=0', 'p1 writes counter=1', 'p2 writes counter=1']);
    expect(r.trace).toHaveLength(5);
    expect(r.trace[4]).toEqual({ counter: 1, procs: [{ pc: 'done', tmp: 0 }, { pc: 'done', tmp: 0 }] });
  });

  it('gives the exact figures of a complete search that holds (TCommit, rms=3: TLC\'s 34 / 94 / 7)', async () => {
    const r = await checkModel(tcommit, { constants: { rms: 3 } });
    expect(r).toEqual({ verdict: 'holds', states: 34, generated: 94, depth: 7, actions: [], trace: [] });
  });

  it("checks a spec's properties, constants and symmetry on the model passed in (voting.spec: 77 orbits)", async () => {
    const r = await checkModel(voting, { spec: join(root, 'specs/voting.spec') });
    expect(r).toMatchObject({ verdict: 'holds', states: 77, depth: 11 });
    const r2 = await checkModel(voting, { spec: join(root, 'specs/voting.spec'), symmetry: false });
    expect(r2.states).toBeGreaterThan(77);
  });

  it('decides temporal properties as clab check does (paxos-duel: eventuallyChosen broken by a 21-step lasso)', async () => {
    const r = await checkModel(paxosDuel);
    expect(r).toMatchObject({ verdict: 'violation', violated: 'eventuallyChosen', traceLength: 21, states: 801 });
  });

  it("refuses an unknown constant or variant, and a spec about another model, with the command's messages (location, source line, hint)", async () => {
    await expect(checkModel(counter, { constants: { n: 3 } })).rejects.toThrow(/^model 'counter' has no constant 'n'\nhint: /);
    await expect(checkModel(counter, { variant: 'racy' })).rejects.toThrow("model 'counter' has no variant 'racy'");
    const e = await checkModel(counter, { spec: join(root, 'specs/voting.spec') }).catch((x: Error) => x);
    expect((e as Error).message.split('\n').slice(0, 4)).toEqual([
      "error: specs/voting.spec:5:7: the spec checks model 'voting', not the model given, 'counter'",
      ' 5 | model voting',
      '   |       ^^^^^^',
      'hint: write `model counter` or the path of its file',
    ]);
  });

  it('refuses options it would ignore or misread (a test in JavaScript can pass anything), with what was wrong', async () => {
    const refusals: [unknown, unknown, string][] = [
      // Ignored: the search ran with the defaults and the test asserted their figures.
      [counter, { constant: { procs: 3 } }, "checkModel has no option 'constant'\nhint: did you mean 'constants'?"],
      // NaN meant no bound; -1 an empty search, 'incomplete'.
      [counter, { maxStates: Number.NaN }, "checkModel's option 'maxStates' must be a positive integer, got NaN"],
      [counter, { maxDepth: -1 }, "checkModel's option 'maxDepth' must be a positive integer, got -1"],
      // Read letter by letter: "unknown invariant 'n'".
      [counter, { invariants: 'noLostUpdate' }, "checkModel's option 'invariants' must be an array of names, got \"noLostUpdate\""],
      // A truthy string: deadlocks reported.
      [counter, { deadlock: 'no' }, "checkModel's option 'deadlock' must be true or false, got \"no\""],
      // TypeErrors from inside checkModel.
      [counter, null, "checkModel's options must be an object, got null"],
      [undefined, {}, 'checkModel needs a model (the default export of a model file), got undefined'],
      // JSON.stringify wrote NaN as null.
      [counter, { constants: { procs: Number.NaN } }, "constant 'procs' must be an integer, got NaN"],
    ];
    for (const [model, opts, message] of refusals) {
      const e = await (checkModel as (m: unknown, o: unknown) => Promise<unknown>)(model, opts).catch((x: Error) => x);
      expect(e instanceof ClabError ? e.message : e).toBe(message);
    }
  });

  it('gives what clab check --json gives for the same model and options (holds, violation, temporal, spec)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-testing-'));
    const cases: [Parameters<typeof checkModel>, string[]][] = [
      [[counter], ['test/fixtures/counter-model.ts', '--no-typecheck']],
      [[tcommit, { constants: { rms: 4 } }], ['tcommit', '--const', 'rms=4']],
      [[paxosDuel], ['paxos-duel']],
      [[voting, { spec: join(root, 'specs/voting.spec') }], ['specs/voting.spec']],
    ];
    for (const [args, argv] of cases) {
      const io = memoryIo(root);
      const code = await main(['check', ...argv, '--json', '--out', out], io);
      const cli = JSON.parse(io.stdout.join('')) as { result: string; distinctStates: number; depth: number; violation?: { invariant?: string; property?: string; length: number } };
      const r = await checkModel(...args);
      expect({ verdict: r.verdict, states: r.states, depth: r.depth, violated: r.violated, traceLength: r.traceLength }, argv.join(' ')).toEqual({
        verdict: cli.result,
        states: cli.distinctStates,
        depth: cli.depth,
        violated: cli.violation?.invariant ?? cli.violation?.property,
        traceLength: cli.violation?.length,
      });
      expect(code).toBe({ holds: 0, violation: 1, incomplete: 3 }[r.verdict]);
    }
  });

  it('stops at a bound with "incomplete"', async () => {
    expect(await checkModel(tcommit, { constants: { rms: 3 }, maxDepth: 3 })).toMatchObject({ verdict: 'incomplete', depth: 3 });
  });
});
