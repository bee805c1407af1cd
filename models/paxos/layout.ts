// The Paxos model's state and how it is stored (models/paxos.ts): the packed representation, the tables one
// instance builds once from its constants, and the state's encoding, decoding, initial value, picture for
// traces and renaming of acceptors (symmetry).
//
// A state is three arrays of small ints, one entry per acceptor (maxBal, maxVBal, maxVal), and the set of
// sent messages as a bitset over the codec of messages.ts (lib/network.ts, 'set' semantics: it only grows).
// States are immutable: a step copies the arrays it changes and shares the others with its parent, and a
// step that changes nothing returns the parent object itself (the search then skips encoding it).
// The small helpers here (owner, has, popcount) are pure; the files that call them on every state bind them
// to local constants first (actions.ts says why).

import type { Encoder } from '../../checker/state/encode.ts';
import type { Decoder } from '../../checker/state/decode.ts';
import type { MessageLabel } from '../../checker/model.ts';
import { Network, type InFlight } from '../lib/network.ts';
import { K1A, K1B, K2A, K2B, accName, paxosCodec, showMessage, type PaxosCodec, type PaxosMessage } from './messages.ts';

export interface PaxosState {
  /** Per acceptor: highest ballot promised or accepted (0 = none). */
  readonly maxBal: readonly number[];
  /** Per acceptor: ballot of the last accepted value (0 = none). */
  readonly maxVBal: readonly number[];
  /** Per acceptor: the last accepted value (0 = none). */
  readonly maxVal: readonly number[];
  /** The set of sent messages (bitset over the codec). */
  readonly msgs: InFlight;
}

/** One instance's constants and the message tables every part of the model reads (made by `paxosLayout`). */
export interface PaxosLayout {
  /** Acceptors a1..aA (0-based inside), proposers p1..pP, ballots 1..B. */
  readonly A: number;
  readonly P: number;
  readonly B: number;
  readonly codec: PaxosCodec;
  readonly net: Network<PaxosMessage>;
  /** Words of the message bitset. */
  readonly W: number;
  /** Every message by its index, and as traces show it (labels reuse these objects, so they compare equal). */
  readonly messages: readonly PaxosMessage[];
  readonly shown: readonly MessageLabel[];
  // What each message index is (type K1A..K2B, ballot, acceptor, vbal, value; 0 where the type has no such
  // field), so next() decodes the bitset with array reads instead of codec arithmetic.
  readonly kindOf: Uint8Array;
  readonly bOf: Uint8Array;
  readonly aOf: Uint8Array;
  readonly vbalOf: Uint8Array;
  readonly vOf: Uint8Array;
}

export function paxosLayout(A: number, P: number, B: number): PaxosLayout {
  const codec = paxosCodec(A, P, B);
  const net = new Network(codec, 'set');
  const kindOf = new Uint8Array(codec.size);
  const bOf = new Uint8Array(codec.size);
  const aOf = new Uint8Array(codec.size);
  const vbalOf = new Uint8Array(codec.size);
  const vOf = new Uint8Array(codec.size);
  const KIND = { '1a': K1A, '1b': K1B, '2a': K2A, '2b': K2B } as const;
  const messages: PaxosMessage[] = [];
  for (let i = 0; i < codec.size; i++) {
    const m = codec.message(i);
    // A codec that is not a bijection would merge or split states silently: refuse to build the instance.
    if (codec.index(m) !== i) throw new Error(`paxos codec is not a bijection at ${i}`);
    messages.push(m);
    kindOf[i] = KIND[m.type];
    bOf[i] = m.b;
    if (m.type === '1b' || m.type === '2b') aOf[i] = m.acc;
    if (m.type === '1b') vbalOf[i] = m.vbal;
    if (m.type !== '1a') vOf[i] = m.v;
  }
  return { A, P, B, codec, net, W: net.empty().length, messages, shown: messages.map(showMessage), kindOf, bOf, aOf, vbalOf, vOf };
}

/** The proposer owning ballot b, which is also the value it proposes: ballots go round-robin. */
export const owner = (L: PaxosLayout, b: number): number => ((b - 1) % L.P) + 1;

/** Whether message index i is in the set. */
export const has = (msgs: InFlight, i: number): boolean => ((msgs[i >>> 5] >>> (i & 31)) & 1) === 1;

export function popcount(x: number): number {
  let c = 0;
  for (let m = x; m; m &= m - 1) c++;
  return c;
}

/** lo, lo+1, ..., hi. */
export const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** No promises, no votes, no messages. */
export function initialState(L: PaxosLayout): PaxosState {
  return { maxBal: new Array(L.A).fill(0), maxVBal: new Array(L.A).fill(0), maxVal: new Array(L.A).fill(0), msgs: L.net.empty() };
}

/**
 * encode and decode for one instance: A words maxBal, A words maxVBal, A words maxVal, then the bitset's W
 * words. Closures over A and W rather than top-level functions taking the layout: they run on every
 * successor, and V8 compiles a closure created once against its constants (see actions.ts).
 */
export function stateCodec(L: PaxosLayout): { encode(s: PaxosState, w: Encoder): void; decode(r: Decoder): PaxosState } {
  const { A, W, net } = L;
  return {
    encode(s, w) {
      for (let a = 0; a < A; a++) w.u32(s.maxBal[a]);
      for (let a = 0; a < A; a++) w.u32(s.maxVBal[a]);
      for (let a = 0; a < A; a++) w.u32(s.maxVal[a]);
      net.encode(s.msgs, w);
    },
    // The inverse of encode (lets the checker keep its frontier as packed words).
    decode(r) {
      const maxBal = new Array<number>(A);
      const maxVBal = new Array<number>(A);
      const maxVal = new Array<number>(A);
      for (let a = 0; a < A; a++) maxBal[a] = r.u32();
      for (let a = 0; a < A; a++) maxVBal[a] = r.u32();
      for (let a = 0; a < A; a++) maxVal[a] = r.u32();
      const msgs = new Array<number>(W);
      for (let w = 0; w < W; w++) msgs[w] = r.u32();
      return { maxBal, maxVBal, maxVal, msgs };
    },
  };
}

/** The state as traces show it: each acceptor's three variables by name, then the sent messages by type. */
export function showState(L: PaxosLayout, s: PaxosState): Readonly<Record<string, unknown>> {
  return {
    acceptors: Object.fromEntries(range(0, L.A - 1).map((a) => [accName(a), { maxBal: s.maxBal[a], maxVBal: s.maxVBal[a], maxVal: s.maxVal[a] }])),
    msgs: L.net.indices(s.msgs).map((i) => L.shown[i]),
  };
}

/**
 * Symmetry's `apply` for the acceptor sort: the state with acceptor a renamed pa[a]. Acceptors are
 * interchangeable (proposers are not: each owns its ballots and value), so renaming them maps runs to runs
 * and leaves both invariants unchanged. Where each message goes under a permutation is worked out once per
 * permutation and kept.
 */
export function acceptorRenaming(L: PaxosLayout): (s: PaxosState, perms: readonly (readonly number[])[]) => PaxosState {
  const { A, W, codec, messages } = L;
  // Keyed by the permutation read as a number in base A (no string built per call).
  const renamings = new Map<number, Int32Array>();
  const renameMessages = (pa: readonly number[]): Int32Array => {
    let key = 0;
    for (let a = 0; a < A; a++) key = key * A + pa[a];
    let map = renamings.get(key);
    if (!map) {
      map = new Int32Array(messages.length);
      messages.forEach((m, i) => {
        map![i] = m.type === '1b' ? codec.idx1b(pa[m.acc], m.b, m.vbal, m.v) : m.type === '2b' ? codec.idx2b(pa[m.acc], m.b, m.v) : i;
      });
      renamings.set(key, map);
    }
    return map;
  };
  return (s, [pa]) => {
    const renamed = renameMessages(pa);
    const maxBal = new Array<number>(A);
    const maxVBal = new Array<number>(A);
    const maxVal = new Array<number>(A);
    for (let a = 0; a < A; a++) {
      maxBal[pa[a]] = s.maxBal[a];
      maxVBal[pa[a]] = s.maxVBal[a];
      maxVal[pa[a]] = s.maxVal[a];
    }
    // The renamed message set, built bit by bit in one new array (the words are kept unsigned, as
    // Network.sendIndex keeps them).
    const msgs = new Array<number>(W).fill(0);
    for (let w = 0; w < W; w++) {
      let bits = s.msgs[w];
      while (bits) {
        const low = bits & -bits;
        bits ^= low;
        const j = renamed[w * 32 + 31 - Math.clz32(low)];
        msgs[j >>> 5] = (msgs[j >>> 5] | (1 << (j & 31))) >>> 0;
      }
    }
    return { maxBal, maxVBal, maxVal, msgs };
  };
}

/**
 * A number per acceptor that names no acceptor (symmetry's signatures): its three variables, and a hash of
 * the 1b and 2b messages it sent with their acceptor field left out (a message's place within its
 * acceptor's range of the codec). Renaming the acceptors moves each number with its acceptor; two
 * acceptors with equal numbers are tried in both orders, so a hash collision costs time, never orbits.
 */
export function acceptorSignatures(L: PaxosLayout): (s: PaxosState) => number[] {
  const { A, B, P, codec, kindOf, aOf } = L;
  const span1b = A > 1 ? codec.idx1b(1, 1, 0, 0) - codec.idx1b(0, 1, 0, 0) : 0;
  const hashes = new Int32Array(A);
  return (s) => {
    hashes.fill(0);
    const msgs = s.msgs;
    for (let w = 0; w < msgs.length; w++) {
      let bits = msgs[w];
      while (bits) {
        const low = bits & -bits;
        const i = w * 32 + 31 - Math.clz32(low);
        bits ^= low;
        const k = kindOf[i];
        if (k === K1B) hashes[aOf[i]] += mix(i - codec.off1b - aOf[i] * span1b);
        else if (k === K2B) hashes[aOf[i]] += mix(0x10000 + i - codec.off2b - aOf[i] * B * P);
      }
    }
    const out = new Array<number>(A);
    for (let a = 0; a < A; a++) out[a] = ((s.maxBal[a] * (B + 1) + s.maxVBal[a]) * (P + 1) + s.maxVal[a]) * 4294967296 + (hashes[a] >>> 0);
    return out;
  };
}

/** A 32-bit mixing function (murmur3's finaliser), so that sums of message codes rarely collide. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
