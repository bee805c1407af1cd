// A value outside its shape stops the check as a model error naming the path to the value, with the trace
// to the state whose successor held it; when the model itself calls the kit with a bad value, the error
// points at the model's line.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { ModelError } from '../../checker/errors.ts';
import { actions, assign, int, messages, record, setOf, stateCodec, type SortedSet } from '../../checker/model-kit/index.ts';
import type { Instance } from '../../checker/model.ts';

const search = <S>(inst: Instance<S>): ModelError => {
  try {
    bfs(inst, { invariants: [] });
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('the search did not fail');
};

describe('bad values in a kit-built model', () => {
  it('a successor out of its shape: the path in the message, the trace to its parent, no misleading frame', () => {
    const State = record({ n: int(0, 3) });
    const inst: Instance<{ n: number }> = {
      init: () => [{ n: 0 }],
      next: actions<{ n: number }>({ inc: (s, out) => void out.push({ action: { kind: 'inc' }, state: assign(s, { n: s.n + 1 }) }) }),
      invariants: {},
      ...stateCodec(State),
    };
    const e = search(inst);
    expect(e.message).toBe('the model threw an error: state.n: 4 is not an int 0..3');
    expect(e.hint).toBeUndefined();
    expect(e.trace?.map((st) => st.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("a message out of range sent by next(): the error points at the model's line", () => {
    const Msg = messages({ ping: { k: int(0, 1) } });
    const Msgs = setOf(Msg);
    type S = { readonly msgs: SortedSet<{ readonly type: 'ping'; readonly k: number }> };
    const inst: Instance<S> = {
      init: () => [{ msgs: Msgs.empty }],
      next: actions<S>({ send: (s, out) => void out.push({ action: { kind: 'send' }, state: { msgs: s.msgs.add({ type: 'ping', k: s.msgs.size }) } }) }),
      invariants: {},
      ...stateCodec(record({ msgs: Msgs })),
    };
    const e = search(inst);
    expect(e.message).toBe('the model threw an error: message {"type":"ping","k":2}: field k: 2 is not an int 0..1');
    expect(e.hint).toMatch(/^thrown at .*test\/model-kit\/errors\.test\.ts:\d+:\d+/);
  });
});
