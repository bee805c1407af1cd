// Definitions (`define name = expr`): ordered by use, cycles refused; and the compiler's fast paths
// (keyed comprehensions, fused leaf comparisons, constant operands) give the same values as the general
// closures they replace, on every reachable state of a small Paxos.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConstants } from '../../checker/load/constants.ts';
import { bfs } from '../../checker/search/bfs.ts';
import type { Instance } from '../../checker/model.ts';
import { orderDefines, type Define } from '../../checker/language/defines.ts';
import { parseSpec } from '../../checker/language/parser.ts';
import { compileSpec, loadSpecFile } from '../../checker/language/plan.ts';

const root = resolve(import.meta.dirname, '../..');

const definesOf = (src: string) => parseSpec(src).spec.items.filter((i): i is Define => i.kind === 'define');

describe('definition order', () => {
  it('puts each definition after the ones it uses, whatever the file order', () => {
    const r = orderDefines(definesOf('define c = b + a\ndefine b = a * 2\ndefine a = size(xs)\ndefine d = {a : a in xs}'));
    expect(r.diagnostics).toEqual([]);
    expect(r.order.map((d) => d.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ignores names bound inside the definition', () => {
    const r = orderDefines(definesOf('define a = forall b in xs: b > 0\ndefine b = a'));
    expect(r.order.map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('reports every definition on a cycle once, and skips those that use one', () => {
    const r = orderDefines(definesOf('define a = b\ndefine b = c\ndefine c = a\ndefine d = a\ndefine e = e\ndefine f = 1'));
    expect(r.order.map((d) => d.name)).toEqual(['f']);
    expect([...r.cyclic].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '1: definitions use each other in a cycle: a -> b -> c -> a',
      '2: definitions use each other in a cycle: a -> b -> c -> a',
      '3: definitions use each other in a cycle: a -> b -> c -> a',
      "5: definition 'e' uses itself",
    ]);
  });
});

describe('fast paths agree with the general closures', () => {
  it('on every reachable state of paxos maxBallot=2', async () => {
    // Each invariant compares a fast-path form with a form the fast paths do not recognise (`+ 0`, `not !=`).
    const src = `spec fast
model paxos
define chosenHere = {v in values : exists b in ballots: 2 * size({m in sent2b : m.b = b and m.v = v}) > size(acceptors)}
define chosenSlow = {v in values : exists b in ballots: size({m in sent2b : m.b + 0 = b and not m.v != v}) * 2 > size(acceptors) + 0}
invariant sameChosen: chosenHere = chosenSlow and chosenHere = chosen
invariant keyedFilter: forall b in ballots, v in values: {m in sent2b : v = m.v and m.b = b} = {m in sent2b : m.b + 0 = b and m.v + 0 = v}
invariant keyedCount: forall a in acceptors, b in ballots, v in values: size({m in sent2b : m.acc = a and m.b = b and m.v = v}) = size({m in sent2b : m.acc = a and m.b + 0 = b and m.v + 0 = v})
invariant oneKey: forall v in values: size({m in sent2b : m.v = v}) = size({m in sent2b : m.v + 0 = v}) and size({m in msgs1b : m.vbal = 0}) = size({m in msgs1b : m.vbal + 0 = 0})
invariant leaves: forall m in sent2b, n in sent2b: ((m.b = n.b) <=> m.b + 0 = n.b) and ((m.acc != a1) <=> not m.acc = a1) and ((m = n) <=> m.b + 0 = n.b and m.v + 0 = n.v and m.acc = n.acc)
invariant constants: forall b in ballots: ((1 < b) <=> b > 1) and (3 - b) + b = 3 and ((b >= 2) <=> not 2 > b) and 2 * b = b + b
sometimes twoChosenSomewhere: size(chosenHere) > 0
`;
    const dir = mkdtempSync(join(tmpdir(), 'clab-defines-'));
    const file = join(dir, 'fast.spec');
    writeFileSync(file, src);
    const loaded = await loadSpecFile(file, root);
    const cs = resolveConstants(loaded.model, { maxBallot: 2 });
    const inst = loaded.model.instantiate(cs) as Instance<unknown>;
    const props = compileSpec(loaded, inst, cs).properties;
    const r = bfs(inst, { invariants: props.invariants, witnesses: props.witnesses });
    expect(r.result).toBe('holds');
    expect(r.distinctStates).toBe(1777);
    expect(r.witnesses.has('twoChosenSomewhere')).toBe(true);
  });
});
