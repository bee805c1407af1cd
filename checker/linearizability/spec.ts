// A sequential specification: the object's behaviour when operations run one at a time. Linearizability
// asks for an order of a history's operations, respecting real time, in which each completed operation
// returns what the specification gives in that order.

export interface SequentialSpec<S = unknown, A = unknown, R = unknown> {
  /** The object's initial state. */
  readonly init: S;
  /** Applies `op(arg)` to `state`: the result the operation returns and the state after it. Must be pure. */
  apply(state: S, op: string, arg: A | undefined): { readonly result: R | undefined; readonly state: S };
  /**
   * A string equal for equal states, different for different ones: the search remembers (operations
   * taken, state) pairs it has explored. Default: JSON.stringify.
   */
  key?(state: S): string;
  /** Whether an operation that returned `actual` agrees with the `expected` result. Default: same JSON. */
  sameResult?(expected: R | undefined, actual: R | undefined): boolean;
}

/**
 * A read/write register holding `initial`: `write(v)` stores v and returns nothing, `read()` returns the
 * value of the last write (or `initial`).
 */
export function registerSpec<V>(initial: V): SequentialSpec<V, V, V> {
  return {
    init: initial,
    apply(state, op, arg) {
      if (op === 'write') return { result: undefined, state: arg as V };
      if (op === 'read') return { result: state, state };
      throw new Error(`a register has no operation '${op}' (it has read and write)`);
    },
  };
}
