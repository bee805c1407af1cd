// A history of a concurrent object: the invocations and responses of operations, in the order they
// happened, each by one client. A client has at most one operation pending at a time (it waits for the
// response before invoking again), so a response belongs to its client's pending invocation. The checker
// works on operations (an invocation paired with its response, or pending when there is none yet), whose
// event positions give the real-time order: a precedes b when a's response came before b's invocation.

/** One event of a history: a client invokes `op` with `arg`, or gets the response to its pending one. */
export type HistoryEvent<A = unknown, R = unknown> =
  | { readonly type: 'invoke'; readonly client: string; readonly op: string; readonly arg?: A }
  | { readonly type: 'return'; readonly client: string; readonly result?: R };

export type History<A = unknown, R = unknown> = readonly HistoryEvent<A, R>[];

/** An operation of a history: its invocation and, unless pending, its response. */
export interface Operation<A = unknown, R = unknown> {
  /** Position among the history's operations, in invocation order. */
  readonly id: number;
  readonly client: string;
  readonly op: string;
  readonly arg: A | undefined;
  /** The response's result (undefined for a pending operation, and for a response without one). */
  readonly result: R | undefined;
  readonly pending: boolean;
  /** Index of the invocation event. */
  readonly call: number;
  /** Index of the response event; Infinity while pending. */
  readonly ret: number;
}

/** A history that breaks the one-pending-operation-per-client rule, with the event at fault. */
export class HistoryError extends Error {
  constructor(
    readonly event: number,
    message: string,
  ) {
    super(`history event ${event}: ${message}`);
    this.name = 'HistoryError';
  }
}

/** The operations of a history, in invocation order. Throws HistoryError on a malformed history. */
export function operationsOf<A, R>(history: History<A, R>): Operation<A, R>[] {
  const ops: { client: string; op: string; arg: A | undefined; result: R | undefined; pending: boolean; call: number; ret: number }[] = [];
  const open = new Map<string, number>();
  history.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || (e.type !== 'invoke' && e.type !== 'return')) throw new HistoryError(i, "an event is { type: 'invoke' | 'return', client, ... }");
    if (typeof e.client !== 'string') throw new HistoryError(i, 'client must be a string');
    const pending = open.get(e.client);
    if (e.type === 'invoke') {
      if (typeof e.op !== 'string') throw new HistoryError(i, 'op must be a string');
      if (pending !== undefined) throw new HistoryError(i, `client ${e.client} invokes ${e.op} while its ${ops[pending].op} (event ${ops[pending].call}) is pending`);
      open.set(e.client, ops.length);
      ops.push({ client: e.client, op: e.op, arg: e.arg, result: undefined, pending: true, call: i, ret: Infinity });
    } else {
      if (pending === undefined) throw new HistoryError(i, `client ${e.client} gets a response with no operation pending`);
      open.delete(e.client);
      Object.assign(ops[pending], { result: e.result, pending: false, ret: i });
    }
  });
  return ops.map((o, id) => ({ id, ...o }));
}

/** True when a's response came before b's invocation: every linearization puts a before b. */
export const precedes = (a: Operation, b: Operation): boolean => a.ret < b.call;

const value = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === undefined ? '' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** `c1: write(1)`: the client and the call. */
export const callText = (o: Operation): string => `${o.client}: ${o.op}(${value(o.arg)})`;

/** A result as printed: `ok` for none, strings quoted. */
export const resultText = (r: unknown): string => (r === undefined ? 'ok' : value(r));

/** `c1: write(1) → ok`, `c2: read() → 0`, `c1: write(2) pending`. */
export function describeOperation(o: Operation): string {
  return o.pending ? `${callText(o)} pending` : `${callText(o)} → ${resultText(o.result)}`;
}
