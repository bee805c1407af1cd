// The tester against a brute force on random small register histories (fast-check): every subset of the
// pending operations, every order of it and the completed ones that respects real time, each result
// compared with a register's. Same verdict; a witness order is checked to be one; an explanation's core
// lies before the culprit's response, leaves the culprit the same possible results as the whole prefix
// (which exclude its actual one), and without any other of its operations it would not.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, operationsOf, precedes, type History, type HistoryEvent, type Operation } from '../../checker/index.ts';
import { registerSpec } from '../../checker/index.ts';

const spec = registerSpec(0);

/** Does this order (of completed and some pending operations) respect real time and give every result? */
function fits(order: readonly Operation[], all: readonly Operation[]): boolean {
  if (all.some((o) => !o.pending && !order.some((x) => x.id === o.id))) return false;
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) if (precedes(order[j], order[i])) return false;
  let value = 0;
  for (const o of order) {
    if (o.op === 'write') value = o.arg as number;
    else if (!o.pending && o.result !== value) return false;
  }
  return true;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function bruteForce(ops: readonly Operation[]): boolean {
  const pending = ops.filter((o) => o.pending);
  const completed = ops.filter((o) => !o.pending);
  for (let mask = 0; mask < 1 << pending.length; mask++) {
    const chosen = [...completed, ...pending.filter((_, i) => (mask >>> i) & 1)];
    if (permutations(chosen).some((p) => fits(p, ops))) return true;
  }
  return false;
}

/** What the operation `target` returns in the brute force's linearizations that include it. */
function results(ops: readonly Operation[], target: number): Set<number> {
  const out = new Set<number>();
  const completed = ops.filter((o) => !o.pending);
  const pending = ops.filter((o) => o.pending && o.id !== target);
  const t = ops.find((o) => o.id === target)!;
  for (let mask = 0; mask < 1 << pending.length; mask++) {
    for (const p of permutations([...completed, t, ...pending.filter((_, i) => (mask >>> i) & 1)])) {
      if (!fits(p, ops)) continue;
      let value = 0;
      for (const o of p) {
        if (o.id === target) out.add(value);
        if (o.op === 'write') value = o.arg as number;
      }
    }
  }
  return out;
}

/** A history from choices: each step picks a client; an idle one invokes, a busy one gets its response. */
const histories = fc
  .record({
    clients: fc.integer({ min: 1, max: 3 }),
    steps: fc.array(fc.record({ who: fc.nat(2), write: fc.boolean(), value: fc.integer({ min: 0, max: 2 }) }), { maxLength: 11 }),
  })
  .map(({ clients, steps }) => {
    const h: HistoryEvent<number, number>[] = [];
    const busy = new Map<string, 'read' | 'write'>();
    for (const { who, write, value } of steps) {
      const client = `c${(who % clients) + 1}`;
      const op = busy.get(client);
      if (op === undefined) {
        busy.set(client, write ? 'write' : 'read');
        h.push(write ? { type: 'invoke', client, op: 'write', arg: value === 0 ? 1 : value } : { type: 'invoke', client, op: 'read' });
      } else {
        busy.delete(client);
        h.push(op === 'write' ? { type: 'return', client } : { type: 'return', client, result: value });
      }
    }
    return h as History<number, number>;
  });

describe('the linearizability tester against a brute force', () => {
  it('agrees on random register histories of up to 6 operations, with witnesses and cores that are what they say', () => {
    const verdicts = { linearizable: 0, not: 0 };
    fc.assert(
      fc.property(histories, (h) => {
        const ops = operationsOf(h);
        const r = checkLinearizability(h, spec);
        expect(r.linearizable).toBe(bruteForce(ops));
        if (r.linearizable) {
          verdicts.linearizable++;
          expect(fits(r.order, ops)).toBe(true);
        } else {
          verdicts.not++;
          const core = r.core;
          expect(core).toContain(r.culprit);
          expect(core.every((o) => o.call < r.culprit.ret)).toBe(true);
          expect(bruteForce(core)).toBe(false);
          // The core changes nothing about what the culprit could return, and without any other operation of it, it would.
          const relax = (os: readonly Operation[]) => os.map((o) => (o.id === r.culprit.id ? { ...o, pending: true, result: undefined, ret: Infinity } : o));
          const prefix = ops.filter((o) => o.call < r.culprit.ret).map((o) => (o.ret > r.culprit.ret ? { ...o, pending: true, result: undefined, ret: Infinity } : o));
          const wanted = results(relax(prefix), r.culprit.id);
          expect(results(relax(core), r.culprit.id)).toEqual(wanted);
          expect(wanted.has(r.culprit.result as number)).toBe(false);
          for (const o of core) {
            if (o.id === r.culprit.id) continue;
            expect(results(relax(core.filter((c) => c !== o)), r.culprit.id)).not.toEqual(wanted);
          }
        }
      }),
      { numRuns: 400, seed: 15 },
    );
    // Both verdicts were exercised often.
    expect(verdicts.linearizable).toBeGreaterThan(100);
    expect(verdicts.not).toBeGreaterThan(100);
  }, 30_000);
});
