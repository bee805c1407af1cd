// Traces are rebuilt by matching each step's state, not by successor index alone, and checked before they
// are printed (checker/search/parent-table.ts). test/fixtures/set-order-model.ts lists its successors in
// an order that depends on how a state was built; rebuilt by index its trace ended in a state that breaks
// nothing, and `clab replay` then said the bug was fixed.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { ModelError } from '../../checker/errors.ts';
import type { Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { verifyPathEnd } from '../../checker/search/parent-table.ts';
import setOrder from '../fixtures/set-order-model.ts';

const root = join(import.meta.dirname, '..', '..');

describe('trace rebuilding', () => {
  it('a model whose successor order depends on the representation: the trace ends in the violating state', () => {
    const inst = setOrder.instantiate({});
    const r = bfs(inst, { invariants: [{ name: 'notThreeThenOne', holds: inst.invariants.notThreeThenOne.holds }] });
    expect(r.result).toBe('violation');
    expect(r.violation!.path.map((st) => st.action && `${st.action.actor} ${st.action.kind}`)).toEqual([null, 'p3 acts', 'p1 acts']);
    expect(r.violation!.path.map((st) => st.state.order)).toEqual([[], [3], [3, 1]]);
  });

  it('clab check prints it and clab replay reproduces it (exit 1, not 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-trace-rebuild-'));
    const model = join(root, 'test/fixtures/set-order-model.ts');
    const checked = memoryIo(dir);
    expect(await main(['check', model, '--no-typecheck', '--out', dir, '--quiet'], checked)).toBe(1);
    expect(checked.stdout.join('\n')).toContain('Violating state (step 2), notThreeThenOne is false:\n    pending = [2]\n    order = [3, 1]');
    const replayed = memoryIo(dir);
    expect(await main(['replay', join(dir, 'set-order-model-notThreeThenOne.json'), '--model', model, '--no-typecheck'], replayed)).toBe(1);
    expect(replayed.stdout.at(-1)).toBe('✗ reproduced: invariant notThreeThenOne is violated at step 2');
  });

  it('a model whose next() changed after the search: no successor matches, a model error instead of a trace', () => {
    let changed = false;
    const inst: Instance<number> = {
      init: () => [0],
      next: (n) => (n < 3 ? [{ action: { kind: 'inc' }, state: changed ? n + 5 : n + 1 }] : []),
      invariants: {},
      encode: (n, w) => w.int(n),
      decode: (r) => r.int(),
    };
    const below2 = { name: 'below2', holds: (n: number) => (n < 2 ? true : ((changed = true), false)) };
    expect(() => bfs(inst, { invariants: [below2] })).toThrow(/^could not rebuild the trace: at step 1, no successor of the previous state is the state the search reached$/);
  });

  it('a path that ends where the property holds is refused, never printed', () => {
    let flipped = false;
    const inst: Instance<number> = { init: () => [0], next: (n) => (n < 3 ? [{ action: { kind: 'inc' }, state: n + 1 }] : []), invariants: {} };
    const below2 = { name: 'below2', holds: (n: number) => flipped || n < 2 || ((flipped = true), false) };
    let caught: unknown;
    try {
      bfs(inst, { invariants: [below2] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).message).toBe(
      'could not rebuild the trace for invariant below2: the rebuilt path ends in a state where it holds, where the search found it false (the model is impure or not deterministic)',
    );
    expect(() => verifyPathEnd([{ action: null, state: 0 }], 'sometimes zero', (n) => n === 1, true)).toThrow(
      'could not rebuild the trace for sometimes zero: the rebuilt path ends in a state where it is false, where the search found it true',
    );
  });
});
