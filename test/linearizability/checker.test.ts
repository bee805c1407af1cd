// The linearizability tester on hand-made histories: verdicts, witness orders, pending operations, the
// minimal explanation of a stale read, a queue as a second specification, malformed histories.

import { describe, expect, it } from 'vitest';
import { checkLinearizability, HistoryError, isLinearizable, operationsOf, registerSpec, type History, type SequentialSpec } from '../../checker/index.ts';

const inv = (client: string, op: string, arg?: number) => ({ type: 'invoke' as const, client, op, arg });
const ret = (client: string, result?: number) => ({ type: 'return' as const, client, result });
const reg = registerSpec(0);
const orderOf = (h: History) => {
  const r = checkLinearizability(h, reg);
  return r.linearizable ? r.order.map((o) => `${o.client}:${o.op}`) : undefined;
};

describe('linearizability of register histories', () => {
  it('a read after a completed write sees it; one that returns the old value is a stale read', () => {
    expect(orderOf([inv('c1', 'write', 1), ret('c1'), inv('c2', 'read'), ret('c2', 1)])).toEqual(['c1:write', 'c2:read']);
    const stale: History = [inv('c1', 'write', 1), ret('c1'), inv('c2', 'read'), ret('c2', 0)];
    const r = checkLinearizability(stale, reg);
    expect(r.linearizable).toBe(false);
    if (r.linearizable) return;
    expect(r.explanation).toEqual([
      'not linearizable: no order that respects real time explains c2: read() → 0, given these operations:',
      '  c1: write(1) → ok',
      '  c2: read() → 0 (invoked after c1: write(1) returned)',
      'the longest order that fits: c1: write(1) → ok; then c2: read() should return 1 but returned 0',
    ]);
  });

  it('a read concurrent with a write may return either value, and the witness order says which', () => {
    expect(orderOf([inv('c1', 'write', 1), inv('c2', 'read'), ret('c2', 0), ret('c1')])).toEqual(['c2:read', 'c1:write']);
    expect(orderOf([inv('c1', 'write', 1), inv('c2', 'read'), ret('c2', 1), ret('c1')])).toEqual(['c1:write', 'c2:read']);
    expect(orderOf([inv('c1', 'write', 1), inv('c2', 'read'), ret('c2', 2), ret('c1')])).toBeUndefined();
  });

  it('new/old inversion: two reads during one write, the later one returning the older value', () => {
    const h: History = [inv('c1', 'write', 1), inv('c2', 'read'), ret('c2', 1), inv('c3', 'read'), ret('c3', 0), ret('c1')];
    const r = checkLinearizability(h, reg);
    expect(r.linearizable).toBe(false);
    if (r.linearizable) return;
    // All three are needed: without the write the read of 1 is impossible alone, so the write stays.
    expect(r.core.map((o) => o.id)).toEqual([0, 1, 2]);
    expect(r.explanation.at(-1)).toBe('the longest order that fits: c1: write(1) pending; c2: read() → 1; then c3: read() should return 1 but returned 0');
  });

  it('a read of a value nobody wrote keeps the write it could have read instead', () => {
    const r = checkLinearizability([inv('c1', 'write', 1), ret('c1'), inv('c1', 'read'), ret('c1', 1), inv('c1', 'read'), ret('c1', 2)], reg);
    expect(r.linearizable).toBe(false);
    if (!r.linearizable) expect([r.core.map((o) => o.id), r.explanation.at(-1)]).toEqual([[0, 2], 'the longest order that fits: c1: write(1) → ok; then c1: read() should return 1 but returned 2']);
  });

  it('a pending write may take effect or not; a pending read constrains nothing', () => {
    expect(orderOf([inv('c1', 'write', 1), inv('c2', 'read'), ret('c2', 1)])).toEqual(['c1:write', 'c2:read']);
    expect(orderOf([inv('c1', 'write', 1), inv('c2', 'read'), ret('c2', 0)])).toEqual(['c2:read']);
    expect(orderOf([inv('c1', 'write', 1), ret('c1'), inv('c2', 'read')])).toEqual(['c1:write']);
    // A pending write invoked after the read returned cannot explain it.
    expect(orderOf([inv('c2', 'read'), ret('c2', 1), inv('c1', 'write', 1)])).toBeUndefined();
  });

  it('the core drops operations that do not matter and keeps the write the read missed', () => {
    const h: History = [inv('c3', 'read'), ret('c3', 0), inv('c1', 'write', 1), ret('c1'), inv('c1', 'write', 2), inv('c2', 'read'), ret('c2', 1), ret('c1'), inv('c3', 'read'), ret('c3', 1)];
    const r = checkLinearizability(h, reg);
    expect(r.linearizable).toBe(false);
    if (r.linearizable) return;
    // The culprit is c3's second read, which missed write(2); the rest does not change what it could return.
    expect(r.culprit.id).toBe(4);
    expect(r.core.map((o) => o.id)).toEqual([2, 4]);
    expect(r.explanation).toEqual([
      'not linearizable: no order that respects real time explains c3: read() → 1, given these operations:',
      '  c1: write(2) → ok',
      '  c3: read() → 1 (invoked after c1: write(2) returned)',
      'the longest order that fits: c1: write(2) → ok; then c3: read() should return 2 but returned 1',
    ]);
    expect(isLinearizable(h, reg)).toBe(false);
    expect(isLinearizable(h.slice(0, 8), reg)).toBe(true);
  });

  it('memoisation keeps many concurrent writes of one value cheap', () => {
    // 12 clients write 1 concurrently, then one reads 0 after all returned: 12! orders without the memo.
    const clients = Array.from({ length: 12 }, (_, i) => `w${i}`);
    const h: History = [...clients.map((c) => inv(c, 'write', 1)), ...clients.map((c) => ret(c)), inv('r', 'read'), ret('r', 0)];
    expect(isLinearizable(h, reg)).toBe(false);
  });
});

describe('other specifications and bad input', () => {
  // A FIFO queue: enq(v) returns nothing, deq() returns the oldest value or -1 when empty.
  const queue: SequentialSpec<readonly number[], number, number> = {
    init: [],
    apply: (q, op, arg) => (op === 'enq' ? { result: undefined, state: [...q, arg!] } : { result: q.length ? q[0] : -1, state: q.slice(1) }),
  };
  it('a queue: concurrent enqueues may be dequeued in either order, sequential ones only in theirs', () => {
    const concurrent: History = [inv('a', 'enq', 1), inv('b', 'enq', 2), ret('a'), ret('b'), inv('a', 'deq'), ret('a', 2), inv('a', 'deq'), ret('a', 1)];
    expect(isLinearizable(concurrent, queue)).toBe(true);
    const sequential: History = [inv('a', 'enq', 1), ret('a'), inv('b', 'enq', 2), ret('b'), inv('a', 'deq'), ret('a', 2)];
    const r = checkLinearizability(sequential, queue);
    expect(r.linearizable).toBe(false);
    if (!r.linearizable) expect(r.explanation.at(-1)).toBe('the longest order that fits: a: enq(1) → ok; then a: deq() should return 1 but returned 2');
    if (!r.linearizable) expect(r.core.map((o) => o.id)).toEqual([0, 2]);
  });

  it('refuses a malformed history with the event at fault', () => {
    expect(() => operationsOf([inv('c1', 'read'), inv('c1', 'write', 1)])).toThrow(new HistoryError(1, 'client c1 invokes write while its read (event 0) is pending'));
    expect(() => operationsOf([ret('c1', 0)])).toThrow('history event 0: client c1 gets a response with no operation pending');
    const many: History = Array.from({ length: 32 }, (_, i) => inv(`c${i}`, 'read'));
    expect(() => isLinearizable(many, reg)).toThrow('a history of 32 operations: the linearizability search handles at most 31');
  });
});
