// Messages in flight, reusable by every model. The universe of messages a model instance can send is
// finite and indexed (a MessageCodec), so the network is a small array of numbers:
//   'set' — Lamport's semantics: the set of sent messages only grows; receiving does not remove, so loss,
//           duplication and reordering are all covered (a bitset, 32 messages a word);
//   'bag' — a multiset: each delivery removes one copy (a count per message).
// Both are readonly arrays that are copied on write, so states stay immutable and encode in O(words).

import type { Encoder } from '../../checker/state/encode.ts';

/** A bijection between a model's messages and 0..size-1. */
export interface MessageCodec<M> {
  readonly size: number;
  index(m: M): number;
  message(i: number): M;
}

/** A codec from an explicit list of every possible message and a key that identifies each. */
export function listCodec<M>(all: readonly M[], key: (m: M) => string): MessageCodec<M> {
  const idx = new Map<string, number>();
  all.forEach((m, i) => {
    const k = key(m);
    if (idx.has(k)) throw new Error(`listCodec: duplicate message key ${k}`);
    idx.set(k, i);
  });
  return {
    size: all.length,
    index(m) {
      const i = idx.get(key(m));
      if (i === undefined) throw new Error(`message ${key(m)} is not in the model's message universe`);
      return i;
    },
    message: (i) => all[i],
  };
}

export type Semantics = 'set' | 'bag';

/** The network's contents: bitset words ('set') or one count per message ('bag'). */
export type InFlight = readonly number[];

export class Network<M> {
  constructor(
    readonly codec: MessageCodec<M>,
    readonly semantics: Semantics = 'set',
    /** Bag semantics: copies of one message kept at most (more sends are no-ops), bounding the state space. */
    readonly maxCopies = 1,
  ) {}

  empty(): InFlight {
    return new Array(this.semantics === 'set' ? Math.ceil(this.codec.size / 32) : this.codec.size).fill(0);
  }

  /** Number of copies of message index i in flight (0 or 1 for 'set'). */
  countIndex(n: InFlight, i: number): number {
    return this.semantics === 'set' ? (n[i >>> 5] >>> (i & 31)) & 1 : n[i];
  }

  has(n: InFlight, m: M): boolean {
    return this.countIndex(n, this.codec.index(m)) > 0;
  }

  sendIndex(n: InFlight, i: number): InFlight {
    if (this.semantics === 'set') {
      const w = i >>> 5;
      const bit = 1 << (i & 31);
      if (n[w] & bit) return n;
      const c = n.slice();
      c[w] = (c[w] | bit) >>> 0;
      return c;
    }
    if (n[i] >= this.maxCopies) return n;
    const c = n.slice();
    c[i]++;
    return c;
  }

  send(n: InFlight, m: M): InFlight {
    return this.sendIndex(n, this.codec.index(m));
  }

  /** Delivery: removes one copy under bag semantics; the set of sent messages is unchanged. */
  deliver(n: InFlight, m: M): InFlight {
    if (this.semantics === 'set') return n;
    const i = this.codec.index(m);
    if (n[i] === 0) throw new Error('deliver: message not in flight');
    const c = n.slice();
    c[i]--;
    return c;
  }

  /** Indices of messages in flight, ascending. */
  indices(n: InFlight): number[] {
    const out: number[] = [];
    if (this.semantics === 'set') {
      for (let w = 0; w < n.length; w++) {
        let bits = n[w];
        while (bits) {
          const low = bits & -bits;
          out.push(w * 32 + 31 - Math.clz32(low));
          bits ^= low;
        }
      }
    } else {
      for (let i = 0; i < n.length; i++) if (n[i] > 0) out.push(i);
    }
    return out;
  }

  /** Messages in flight (one entry per distinct message), in index order. */
  messages(n: InFlight): M[] {
    return this.indices(n).map((i) => this.codec.message(i));
  }

  encode(n: InFlight, w: Encoder): void {
    for (let i = 0; i < n.length; i++) w.u32(n[i]);
  }
}

/** Crash faults: a bitmask of crashed processes and a budget. */
export const crashes = {
  none: 0,
  isCrashed: (mask: number, p: number): boolean => ((mask >>> p) & 1) === 1,
  count(mask: number): number {
    let c = 0;
    for (let m = mask; m; m &= m - 1) c++;
    return c;
  },
  /** Whether process p may crash now under the budget `maxCrashes`. */
  canCrash(mask: number, p: number, maxCrashes: number): boolean {
    return !crashes.isCrashed(mask, p) && crashes.count(mask) < maxCrashes;
  },
  crash: (mask: number, p: number): number => mask | (1 << p),
};
