// The clients' history in the state: one small integer per event, in the order the events happened.
//   invoke by client c          0 | c << 1
//   return to client c, result  1 | c << 1 | result << 3
// Which operation an invocation is follows from the client and how many it invoked before: client c1
// writes 1, 2, ... in turn, every other client reads. The invariant `linearizable` hands the history to
// the engine's linearizability tester with a read/write register initially 0 as the specification.

import { callText, checkLinearizability, describeOperation, isLinearizable, precedes, registerSpec, type HistoryEvent } from '../../checker/index.ts';
import { clientName } from './messages.ts';

export const WRITER = 0;

export const invokeEvent = (c: number) => c << 1;
export const returnEvent = (c: number, result: number) => 1 | (c << 1) | (result << 3);

/** What client c's op-th operation (from 0) is: write(op + 1) for the writer, read() for the others. */
export const operationName = (c: number, op: number) => (c === WRITER ? `write(${op + 1})` : 'read()');

export function historyEvents(history: readonly number[]): HistoryEvent<number, number>[] {
  const invoked = [0, 0, 0, 0];
  return history.map((e) => {
    const c = (e >>> 1) & 3;
    const client = clientName(c);
    if ((e & 1) === 0) {
      const op = invoked[c]++;
      return c === WRITER ? { type: 'invoke', client, op: 'write', arg: op + 1 } : { type: 'invoke', client, op: 'read' };
    }
    return c === WRITER ? { type: 'return', client } : { type: 'return', client, result: e >>> 3 };
  });
}

/** `c1 invokes write(1)`, `c2 returns 0`: the history as traces show it. */
export function historyLines(history: readonly number[]): string[] {
  const invoked = [0, 0, 0, 0];
  return history.map((e) => {
    const c = (e >>> 1) & 3;
    if ((e & 1) === 0) return `${clientName(c)} invokes ${operationName(c, invoked[c]++)}`;
    return `${clientName(c)} returns ${c === WRITER ? 'ok' : e >>> 3}`;
  });
}

const register = registerSpec(0);

/**
 * A verdict per history seen: many states share a history (the same client events, different replica or
 * network contents), and the verdict depends on the history alone. Bounded: cleared when it grows large.
 */
export function linearizabilityOracle(): (history: readonly number[]) => boolean {
  const known = new Map<string, boolean>();
  return (history) => {
    const key = history.join(',');
    let v = known.get(key);
    if (v === undefined) {
      if (known.size >= 100_000) known.clear();
      v = isLinearizable(historyEvents(history), register);
      known.set(key, v);
    }
    return v;
  };
}

/**
 * Why the history is not linearizable: which read is stale and what it missed (the write that returned
 * before it was invoked, or an earlier read that already returned a newer value), then the tester's
 * explanation.
 */
export function explainHistory(history: readonly number[]): string[] {
  const r = checkLinearizability(historyEvents(history), register);
  if (r.linearizable) return ['the history is linearizable'];
  const read = r.culprit;
  const before = r.core.filter((o) => precedes(o, read));
  const newerRead = before.find((o) => o.op === 'read' && o.result !== read.result);
  const missed = before.filter((o) => o.op === 'write');
  const head = newerRead
    ? `new/old inversion: ${describeOperation(read)} was invoked after ${describeOperation(newerRead)} had returned`
    : missed.length
      ? `stale read: ${describeOperation(read)} missed ${missed.map(callText).join(', ')}, which returned before it was invoked`
      : `${describeOperation(read)} returned a value no write explains`;
  return [head, ...r.explanation, `history: ${historyLines(history).join('; ')}`];
}
