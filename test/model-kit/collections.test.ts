// Sets and bags of the kit: exact behaviour of each operation, and canonical encodings (fast-check): equal
// values encode equally whatever order they were built in, different values differently, and decoding
// gives back an equal value.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Encoder } from '../../checker/state/encode.ts';
import { Decoder } from '../../checker/state/decode.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { actions, assign, record, stateCodec, type SortedBag, type SortedSet } from '../../checker/model-kit/index.ts';
import type { Instance } from '../../checker/model.ts';
import { bagOf, int, messages, setOf, sort, ShapeError, type Shape } from '../../checker/model-kit/index.ts';

const Acc = sort('acceptor', 3);
const Ballot = int(0, 3);
const Msg = messages({ '1a': { b: Ballot }, '1b': { acc: Acc, b: Ballot, vbal: Ballot }, '2a': { b: Ballot, v: int(1, 2) } });
type Msg = ReturnType<typeof Msg.val>;
const Msgs = setOf(Msg);
const Bag = bagOf(Msg, 2);

const words = <T>(shape: Shape<T>, x: T): string => {
  const w = new Encoder();
  shape.encode(x, w);
  return [...w.snapshot()].join(',');
};
const decoded = <T>(shape: Shape<T>, x: T): T => {
  const w = new Encoder();
  shape.encode(x, w);
  return shape.decode(new Decoder().reset(w.words, 0, w.length));
};
/** A random message (by number, so every message of the universe can occur). */
const msg = fc.integer({ min: 0, max: Msg.card - 1 }).map((i) => ({ ...Msg.val(i) }) as Msg);

describe('SortedSet', () => {
  it('add, has, delete, size; an update that changes nothing returns the same set', () => {
    const a: Msg = { type: '1a', b: 2 };
    const s1 = Msgs.empty.add(a);
    expect([Msgs.empty.size, s1.size, s1.has({ type: '1a', b: 2 }), s1.has({ type: '1a', b: 1 })]).toEqual([0, 1, true, false]);
    expect(s1.add({ type: '1a', b: 2 })).toBe(s1);
    expect(s1.delete({ type: '1a', b: 1 })).toBe(s1);
    expect(s1.delete(a).size).toBe(0);
    expect(Msgs.empty.size).toBe(0);
    const s = Msgs.of({ type: '2a', b: 1, v: 2 }, { type: '1b', acc: 2, b: 1, vbal: 0 }, { type: '1a', b: 3 }, { type: '1a', b: 1 });
    expect([...s]).toEqual([{ type: '1a', b: 1 }, { type: '1a', b: 3 }, { type: '1b', acc: 2, b: 1, vbal: 0 }, { type: '2a', b: 1, v: 2 }]);
    expect(s.filter((m) => m.type === '1a').map((m) => m.b)).toEqual([1, 3]);
    expect([s.some((m) => m.type === '2a'), s.every((m) => m.type === '1a'), s.count((m) => m.type === '1a')]).toEqual([true, false, 2]);
    expect(s.find((m) => m.type === '1b')).toEqual({ type: '1b', acc: 2, b: 1, vbal: 0 });
    expect(s.union(s1).size).toBe(5);
    expect(s.equals(Msgs.from([...s].reverse()))).toBe(true);
    expect(JSON.stringify(Msgs.of({ type: '1b', acc: 0, b: 1, vbal: 0 }))).toBe('[{"type":"1b","acc":"a1","b":1,"vbal":0}]');
    expect(() => s.add({ type: '1a', b: 4 })).toThrow(ShapeError);
  });

  it('members are the shape\'s shared objects, not the caller\'s', () => {
    const m: Msg = { type: '1a', b: 1 };
    const s = Msgs.empty.add(m);
    expect(s.items[0]).not.toBe(m);
    expect(s.items[0]).toBe(Msg.val(Msg.ord(m)));
  });

  it('encodes as its size and its members\' numbers in order', () => {
    expect(words(Msgs, Msgs.empty)).toBe('0');
    expect(words(Msgs, Msgs.of({ type: '2a', b: 0, v: 1 }, { type: '1a', b: 3 }))).toBe(`2,3,${Msg.ord({ type: '2a', b: 0, v: 1 })}`);
  });

  it('canonical: equal sets encode equally in any build order, different sets differently; decode inverts', () => {
    fc.assert(
      fc.property(fc.array(msg, { maxLength: 12 }), fc.array(msg, { maxLength: 12 }), (xs, ys) => {
        const a = xs.reduce((s, m) => s.add(m), Msgs.empty);
        const shuffled = [...xs].reverse().concat(xs.slice(0, 3));
        const a2 = Msgs.from(shuffled);
        const b = ys.reduce((s, m) => s.add(m), Msgs.empty);
        expect(words(Msgs, a)).toBe(words(Msgs, a2));
        const sameSet = new Set(xs.map((m) => Msg.ord(m))).size === new Set([...xs, ...ys].map((m) => Msg.ord(m))).size && new Set(ys.map((m) => Msg.ord(m))).size === new Set([...xs, ...ys].map((m) => Msg.ord(m))).size;
        expect(words(Msgs, a) === words(Msgs, b)).toBe(sameSet);
        expect(decoded(Msgs, a).equals(a)).toBe(true);
        expect([...decoded(Msgs, a)]).toEqual([...a]);
      }),
      { numRuns: 300 },
    );
  });

  it('renaming ids renames the members and keeps the set canonical', () => {
    const s = Msgs.of({ type: '1b', acc: 0, b: 1, vbal: 0 }, { type: '1b', acc: 2, b: 2, vbal: 1 });
    const r = Msgs.rename(s, { acceptor: [2, 1, 0] });
    expect([...r]).toEqual([{ type: '1b', acc: 0, b: 2, vbal: 1 }, { type: '1b', acc: 2, b: 1, vbal: 0 }]);
    expect(words(Msgs, r)).toBe(words(Msgs, Msgs.of({ type: '1b', acc: 2, b: 1, vbal: 0 }, { type: '1b', acc: 0, b: 2, vbal: 1 })));
  });
});

describe('a set of process ids', () => {
  it('is a set of a sort: ids in order, one word each, renamed with the sort', () => {
    const Voters = setOf(Acc);
    const v = Voters.empty.add(2).add(0).add(2);
    expect([...v]).toEqual([0, 2]);
    expect([v.size, v.has(0), v.has(1)]).toEqual([2, true, false]);
    expect(words(Voters, v)).toBe('2,0,2');
    expect(Voters.show(v)).toEqual(['a1', 'a3']);
    expect([...Voters.rename(v, { acceptor: [1, 2, 0] })]).toEqual([0, 1]); // a1 → a2, a3 → a1
    expect(() => v.add(3)).toThrow('3 is not an acceptor id (0..2)');
  });
});

describe('SortedBag', () => {
  it('counts copies up to maxCopies; remove takes one copy; removing an absent member throws', () => {
    const m: Msg = { type: '1a', b: 1 };
    const b1 = Bag.empty.add(m);
    const b2 = b1.add(m);
    expect([b1.count(m), b2.count(m), b2.size, b2.distinct]).toEqual([1, 2, 2, 1]);
    expect(b2.add(m)).toBe(b2);
    expect(b2.remove(m).count(m)).toBe(1);
    expect(b1.remove(m).size).toBe(0);
    expect(() => Bag.empty.remove(m)).toThrow('remove: {"type":"1a","b":1} is not in the bag');
    expect(words(Bag, b2.add({ type: '1a', b: 0 }))).toBe('2,0,1,1,2');
    expect(JSON.stringify(b2)).toBe('[{"type":"1a","b":1},{"type":"1a","b":1}]');
    expect(b2.entries()).toEqual([[{ type: '1a', b: 1 }, 2]]);
    expect([...b2.add({ type: '1a', b: 0 })]).toEqual([{ type: '1a', b: 0 }, { type: '1a', b: 1 }, { type: '1a', b: 1 }]);
    expect(b2.items).toEqual([{ type: '1a', b: 1 }]);
  });

  it('canonical: the same multiset in any order encodes equally, a different one differently; decode inverts', () => {
    fc.assert(
      fc.property(fc.array(msg, { maxLength: 10 }), fc.array(msg, { maxLength: 10 }), (xs, ys) => {
        const a = Bag.from(xs);
        const counts = (ms: Msg[]) => {
          const c = new Map<number, number>();
          for (const m of ms) c.set(Msg.ord(m), Math.min(2, (c.get(Msg.ord(m)) ?? 0) + 1));
          return JSON.stringify([...c].sort((p, q) => p[0] - q[0]));
        };
        expect(words(Bag, a)).toBe(words(Bag, Bag.from([...xs].reverse())));
        expect(words(Bag, a) === words(Bag, Bag.from(ys))).toBe(counts(xs) === counts(ys));
        expect(words(Bag, decoded(Bag, a))).toBe(words(Bag, a));
        expect(decoded(Bag, a).entries()).toEqual(a.entries());
      }),
      { numRuns: 300 },
    );
  });
});

describe('kit collections without stateCodec (the generic encoder)', () => {
  // Two kinds of message, up to two copies each in flight, one delivered at a time; and the set of those
  // ever sent. Per kind: 2 or 1 copies in flight (sent), or none (sent or not): 4 ways, 16 states. Each
  // state has 2 sends and a delivery per kind in flight (8 states each): 1 + 32 + 16 = 49 generated; the
  // farthest state, both kinds twice in flight, is 4 sends deep: depth 5.
  const Ping = messages({ ping: { k: int(0, 1) } });
  type Ping = { readonly type: 'ping'; readonly k: number };
  const Bag2 = bagOf(Ping, 2);
  const Sent = setOf(Ping);
  type S = { readonly flight: SortedBag<Ping>; readonly sent: SortedSet<Ping> };
  const instance = (withCodec: boolean): Instance<S> => ({
    init: () => [{ flight: Bag2.empty, sent: Sent.empty }],
    next: actions<S>({
      send(s, out) {
        for (const k of [0, 1]) {
          const m: Ping = { type: 'ping', k };
          out.push({ action: { kind: 'send' }, state: assign(s, { flight: s.flight.add(m), sent: s.sent.add(m) }) });
        }
      },
      deliver(s, out) {
        for (const m of s.flight.items) out.push({ action: { kind: 'deliver' }, state: assign(s, { flight: s.flight.remove(m) }) });
      },
    }),
    invariants: {},
    ...(withCodec ? stateCodec<S>(record({ flight: Bag2, sent: Sent })) : {}),
  });

  it('count the same states as with the kit\'s own encoding: copies in a bag are not merged', () => {
    const kit = bfs(instance(true), { invariants: [] });
    const generic = bfs(instance(false), { invariants: [] });
    expect([kit.distinctStates, kit.statesGenerated, kit.depth]).toEqual([16, 49, 5]);
    expect([generic.distinctStates, generic.statesGenerated, generic.depth]).toEqual([kit.distinctStates, kit.statesGenerated, kit.depth]);
  });
});
