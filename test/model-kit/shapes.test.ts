// The kit's shapes: exact encodings, range checks with the path to the bad value, numbering (ord/val is a
// bijection onto 0..card-1), pictures for traces and renaming of ids.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Encoder } from '../../checker/state/encode.ts';
import { Decoder } from '../../checker/state/decode.ts';
import { bool, int, maybe, messages, oneOf, perProcess, record, setOf, sort, list, tuple, stateCodec, ShapeError, type Shape } from '../../checker/model-kit/index.ts';

const words = <T>(shape: Shape<T>, x: T): number[] => {
  const w = new Encoder();
  shape.encode(x, w);
  return [...w.snapshot()];
};
const roundTrip = <T>(shape: Shape<T>, x: T): T => {
  const w = new Encoder();
  shape.encode(x, w);
  const r = new Decoder().reset(w.words, 0, w.length);
  const y = shape.decode(r);
  expect(r.remaining).toBe(0);
  return y;
};
const problem = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShapeError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
};

describe('scalar shapes', () => {
  it('int: one signed word, range-checked', () => {
    const I = int(-2, 5);
    expect(words(I, -2)).toEqual([0xfffffffe]);
    expect(words(I, 5)).toEqual([5]);
    expect(roundTrip(I, -2)).toBe(-2);
    expect(I.card).toBe(8);
    expect([I.ord(-2), I.ord(5), I.val(0), I.val(7)]).toEqual([0, 7, -2, 5]);
    expect(problem(() => words(I, 6))).toBe('6 is not an int -2..5');
    expect(problem(() => words(I, 1.5))).toBe('1.5 is not an int -2..5');
    expect(problem(() => words(I, '3' as unknown as number))).toBe('"3" is not an int -2..5');
    expect(problem(() => I.ord(NaN))).toBe('NaN is not an int -2..5');
    expect(() => int(3, 2)).toThrow(RangeError);
  });

  it('sort: ids 0..n-1 shown by name; renaming follows the permutation', () => {
    const Acc = sort('acceptor', 3);
    expect([Acc.ids, Acc.names, Acc.nameOf(1), Acc.show(2)]).toEqual([[0, 1, 2], ['a1', 'a2', 'a3'], 'a2', 'a3']);
    expect(sort('proposer', 2, 'P').names).toEqual(['P1', 'P2']);
    expect(words(Acc, 2)).toEqual([2]);
    expect(problem(() => words(Acc, 3))).toBe('3 is not an acceptor id (0..2)');
    expect(Acc.rename(0, { acceptor: [2, 0, 1] })).toBe(2);
    expect(Acc.rename(0, { proposer: [1, 0] })).toBe(0);
  });

  it('bool, oneOf, maybe', () => {
    expect([words(bool, true), words(bool, false), roundTrip(bool, true)]).toEqual([[1], [0], true]);
    expect(problem(() => words(bool, 1 as unknown as boolean))).toBe('1 is not a boolean');
    const Phase = oneOf('working', 'prepared', 'committed');
    expect([words(Phase, 'prepared'), roundTrip(Phase, 'committed'), Phase.card]).toEqual([[1], 'committed', 3]);
    expect(problem(() => words(Phase, 'done' as 'working'))).toBe('"done" is not one of "working", "prepared", "committed"');
    const Leader = maybe(sort('process', 2));
    expect([words(Leader, null), words(Leader, 1), roundTrip(Leader, null), roundTrip(Leader, 1)]).toEqual([[0], [1, 1], null, 1]);
    expect([Leader.card, Leader.ord(null), Leader.ord(0), Leader.val(2), Leader.show(1)]).toEqual([3, 0, 1, 1, 'p2']);
  });
});

describe('records and messages', () => {
  const Acc = sort('acceptor', 2);
  const Ballot = int(0, 3);
  const Msg = messages({ '1a': { b: Ballot }, '2b': { acc: Acc, b: Ballot, ok: bool } });

  it('a record encodes its fields in declared order and decodes to an equal literal', () => {
    const R = record({ maxBal: Ballot, who: Acc, phase: oneOf('a', 'b') });
    expect(words(R, { maxBal: 3, who: 1, phase: 'b' })).toEqual([3, 1, 1]);
    expect(roundTrip(R, { maxBal: 2, who: 0, phase: 'a' })).toEqual({ maxBal: 2, who: 0, phase: 'a' });
    expect(problem(() => words(R, { maxBal: 4, who: 0, phase: 'a' }))).toBe('state.maxBal: 4 is not an int 0..3');
    expect(problem(() => words(R, { maxBal: 1, who: 0 } as never))).toBe('state.phase: undefined is not one of "a", "b"');
    expect(problem(() => words(R, null as never))).toBe('null is not a record {maxBal, who, phase}');
  });

  it('messages are numbered type by type in mixed radix, and val(ord(m)) is one shared object', () => {
    expect(Msg.card).toBe(4 + 2 * 4 * 2);
    expect(Msg.ord({ type: '1a', b: 3 })).toBe(3);
    expect(Msg.ord({ type: '2b', acc: 0, b: 0, ok: false })).toBe(4);
    expect(Msg.ord({ type: '2b', acc: 1, b: 2, ok: true })).toBe(4 + (1 * 4 + 2) * 2 + 1);
    for (let i = 0; i < Msg.card; i++) expect(Msg.ord(Msg.val(i))).toBe(i);
    expect(Msg.val(5)).toBe(Msg.val(5));
    expect(Msg.val(5)).toEqual({ type: '2b', acc: 0, b: 0, ok: true });
    expect(Msg.shown({ type: '2b', acc: 1, b: 2, ok: true })).toEqual({ type: '2b', acc: 'a2', b: 2, ok: true });
    expect(problem(() => Msg.ord({ type: '2b', acc: 2, b: 0, ok: true }))).toBe('message {"type":"2b","acc":2,"b":0,"ok":true}: field acc: 2 is not an acceptor id (0..1)');
    expect(problem(() => Msg.ord({ type: '3c' } as never))).toBe('{"type":"3c"} is not a message (1a, 2b)');
    expect(Msg.rename({ type: '2b', acc: 0, b: 1, ok: false }, { acceptor: [1, 0] })).toEqual({ type: '2b', acc: 1, b: 1, ok: false });
    expect(() => messages({ x: { n: list(int(0, 1), 2) as never } })).toThrow(/not finite/);
  });

  it('per-process arrays, tuples and lists', () => {
    const PP = perProcess(Acc, record({ v: Ballot }));
    expect(words(PP, [{ v: 1 }, { v: 2 }])).toEqual([1, 2]);
    expect(PP.show([{ v: 1 }, { v: 2 }])).toEqual({ a1: { v: 1 }, a2: { v: 2 } });
    expect(PP.rename([{ v: 1 }, { v: 2 }], { acceptor: [1, 0] })).toEqual([{ v: 2 }, { v: 1 }]);
    expect(problem(() => words(PP, [{ v: 1 }]))).toBe('[{"v":1}] is not an array of 2 (record {v} per acceptor)');
    expect(problem(() => words(PP, [{ v: 1 }, { v: 9 }]))).toBe('state[1].v: 9 is not an int 0..3');
    const L = list(Ballot, 3);
    expect([words(L, []), words(L, [3, 1]), roundTrip(L, [2, 0, 1])]).toEqual([[0], [2, 3, 1], [2, 0, 1]]);
    expect(problem(() => words(L, [1, 1, 1, 1]))).toBe('[1,1,1,1] is not a list of int 0..3 (length 0..3)');
    expect(words(tuple(Ballot, 2), [3, 1])).toEqual([3, 1]);
  });

  it('stateCodec: encode, decode, show, and the path of a bad value from the root', () => {
    const S = record({ acceptors: perProcess(Acc, record({ maxBal: Ballot })), msgs: setOf(Msg) });
    const codec = stateCodec(S, { symmetry: [Acc] });
    const s = { acceptors: [{ maxBal: 1 }, { maxBal: 0 }], msgs: setOf(Msg).empty.add({ type: '2b', acc: 0, b: 1, ok: true }).add({ type: '1a', b: 1 }) };
    expect(codec.show(s)).toEqual({ acceptors: { a1: { maxBal: 1 }, a2: { maxBal: 0 } }, msgs: [{ type: '1a', b: 1 }, { type: '2b', acc: 'a1', b: 1, ok: true }] });
    expect(codec.sorts).toEqual({ acceptor: ['a1', 'a2'] });
    const renamed = codec.symmetry!.apply(s, [[1, 0]]);
    expect(codec.show(renamed)).toEqual({ acceptors: { a1: { maxBal: 0 }, a2: { maxBal: 1 } }, msgs: [{ type: '1a', b: 1 }, { type: '2b', acc: 'a2', b: 1, ok: true }] });
    const w = new Encoder();
    codec.encode(s, w);
    expect([...w.snapshot()]).toEqual([1, 0, 2, 1, 4 + (0 * 4 + 1) * 2 + 1]);
    expect(codec.decode(new Decoder().reset(w.words, 0, w.length))).toEqual(s);
    expect(problem(() => codec.encode({ ...s, acceptors: [{ maxBal: 1 }, { maxBal: 7 }] }, new Encoder()))).toBe('state.acceptors[1].maxBal: 7 is not an int 0..3');
    expect(problem(() => codec.encode({ ...s, msgs: [] as never }, new Encoder()))).toBe('state.msgs: [] is not a set of message (1a, 2b) (make one with its shape\'s empty, of or from)');
    expect(() => stateCodec(record({ b: Ballot }), { symmetry: [Acc] })).toThrow("stateCodec: symmetry names sort 'acceptor', which no part of the state's shape holds");
  });
});

describe('canonical state encodings (fast-check)', () => {
  const Acc = sort('acceptor', 3);
  const Ballot = int(0, 4);
  const Msg = messages({ '1a': { b: Ballot }, '2b': { acc: Acc, b: Ballot, v: int(0, 2) } });
  const Msgs = setOf(Msg);
  const AccState = record({ maxBal: Ballot, maxVBal: Ballot, maxVal: int(0, 2) });
  const State = record({ acceptors: perProcess(Acc, AccState), msgs: Msgs, phase: oneOf('run', 'done') });
  const codec = stateCodec(State);
  const enc = (x: unknown) => {
    const w = new Encoder();
    codec.encode(x as never, w);
    return [...w.snapshot()].join(',');
  };
  const acc = fc.record({ maxBal: fc.integer({ min: 0, max: 4 }), maxVBal: fc.integer({ min: 0, max: 4 }), maxVal: fc.integer({ min: 0, max: 2 }) });
  const msgNo = fc.integer({ min: 0, max: Msg.card - 1 });
  const state = fc.record({ acceptors: fc.array(acc, { minLength: 3, maxLength: 3 }), msgs: fc.array(msgNo, { maxLength: 8 }), phase: fc.constantFrom('run' as const, 'done' as const) });
  /** The same value with every record's keys in reverse order and the messages added in reverse. */
  const reordered = (x: { acceptors: Record<string, number>[]; msgs: number[]; phase: 'run' | 'done' }) => ({
    phase: x.phase,
    msgs: Msgs.from([...x.msgs].reverse().map((i) => ({ ...Msg.val(i) }))),
    acceptors: x.acceptors.map((a) => Object.fromEntries(Object.entries(a).reverse())),
  });
  const built = (x: { acceptors: Record<string, number>[]; msgs: number[]; phase: 'run' | 'done' }) => ({ ...x, msgs: x.msgs.reduce((s, i) => s.add(Msg.val(i)), Msgs.empty) });

  it('equal states encode equally whatever the key order and build order; different states differently; decode inverts', () => {
    fc.assert(
      fc.property(state, state, (x, y) => {
        const a = built(x);
        expect(enc(reordered(x))).toBe(enc(a));
        const same = JSON.stringify(codec.show(a as never)) === JSON.stringify(codec.show(built(y) as never));
        expect(enc(a) === enc(built(y))).toBe(same);
        const w = new Encoder();
        codec.encode(a as never, w);
        expect(codec.show(codec.decode(new Decoder().reset(w.words, 0, w.length)))).toEqual(codec.show(a as never));
      }),
      { numRuns: 300 },
    );
  });
});
