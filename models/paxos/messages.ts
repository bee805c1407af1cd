// The message universe of the Paxos model (models/paxos.ts): the four message types, the arithmetic codec
// that numbers every message an instance can ever send (a message's number is its bit in the state's
// message set), and how a message is shown in traces.
//
// Codec layout for A acceptors, P proposers, ballots 1..B (acceptor a 0-based, values 1..P, 0 = none):
//   1a(b)               b-1
//   1b(a, b, vbal, v)   then per (a, b) one slot for vbal=0 (v=0) and one per (vbal in 1..b-1, v in 1..P):
//                       a 1b always reports vbal < b because maxVBal[a] <= maxBal[a] < b when it is sent
//   2a(b, v)            then (b-1)*P + v-1
//   2b(a, b, v)         then (a*B + b-1)*P + v-1
// so the numbers sort messages by type (1a 1b 2a 2b), the order `show` lists them in, and each type is one
// contiguous range (the views read a type by scanning its range). For A3 P2 B4 that is 84 messages, three
// 32-bit words.

import type { MessageLabel } from '../../checker/model.ts';
import type { MessageCodec } from '../lib/network.ts';

/** A message; `acc` is the 0-based acceptor index, ballots 1..B, values 1..P (0 = none). */
export type PaxosMessage =
  | { readonly type: '1a'; readonly b: number }
  | { readonly type: '1b'; readonly acc: number; readonly b: number; readonly vbal: number; readonly v: number }
  | { readonly type: '2a'; readonly b: number; readonly v: number }
  | { readonly type: '2b'; readonly acc: number; readonly b: number; readonly v: number };

/** Message types as small ints, for the per-index tables next() decodes the message set with. */
export const K1A = 0;
export const K1B = 1;
export const K2A = 2;
export const K2B = 3;

export const accName = (a: number) => `a${a + 1}`;
export const propName = (p: number) => `p${p}`;

/** The codec, with where each message type's range starts and the index of each message by its fields. */
export interface PaxosCodec extends MessageCodec<PaxosMessage> {
  readonly off2a: number;
  readonly off2b: number;
  readonly off1b: number;
  idx1a(b: number): number;
  idx2a(b: number, v: number): number;
  idx2b(a: number, b: number, v: number): number;
  idx1b(a: number, b: number, vbal: number, v: number): number;
}

/** The arithmetic codec for `acceptors` A, `proposers` P, `maxBallot` B (layout in the header comment). */
export function paxosCodec(A: number, P: number, B: number): PaxosCodec {
  const per1bBallot = (b: number) => 1 + (b - 1) * P; // slots for one (a, b)
  const start1b = (b: number) => b - 1 + (P * (b - 1) * (b - 2)) / 2; // slots of ballots 1..b-1
  const span1b = start1b(B + 1); // slots of one acceptor
  const off1b = B;
  const off2a = off1b + A * span1b;
  const off2b = off2a + B * P;
  const size = off2b + A * B * P;
  const idx1a = (b: number) => b - 1;
  const idx2a = (b: number, v: number) => off2a + (b - 1) * P + v - 1;
  const idx2b = (a: number, b: number, v: number) => off2b + (a * B + b - 1) * P + v - 1;
  const idx1b = (a: number, b: number, vbal: number, v: number) => off1b + a * span1b + start1b(b) + (vbal === 0 ? 0 : 1 + (vbal - 1) * P + v - 1);
  const bad = (m: PaxosMessage): never => {
    throw new Error(`message ${JSON.stringify(m)} is not in the Paxos message universe (A=${A}, P=${P}, B=${B})`);
  };
  const okAB = (a: number, b: number) => Number.isInteger(a) && a >= 0 && a < A && Number.isInteger(b) && b >= 1 && b <= B;
  const okV = (v: number) => Number.isInteger(v) && v >= 1 && v <= P;
  return {
    size,
    off2a,
    off2b,
    off1b,
    idx1a,
    idx2a,
    idx2b,
    idx1b,
    index(m) {
      switch (m.type) {
        case '1a':
          return okAB(0, m.b) ? idx1a(m.b) : bad(m);
        case '2a':
          return okAB(0, m.b) && okV(m.v) ? idx2a(m.b, m.v) : bad(m);
        case '2b':
          return okAB(m.acc, m.b) && okV(m.v) ? idx2b(m.acc, m.b, m.v) : bad(m);
        case '1b': {
          const ok = okAB(m.acc, m.b) && Number.isInteger(m.vbal) && m.vbal >= 0 && m.vbal < m.b && (m.vbal === 0 ? m.v === 0 : okV(m.v));
          return ok ? idx1b(m.acc, m.b, m.vbal, m.v) : bad(m);
        }
      }
    },
    message(i) {
      if (!Number.isInteger(i) || i < 0 || i >= size) throw new Error(`message index ${i} out of range 0..${size - 1}`);
      if (i < off1b) return { type: '1a', b: i + 1 };
      if (i >= off2b) {
        const j = i - off2b;
        const ab = Math.floor(j / P);
        return { type: '2b', acc: Math.floor(ab / B), b: (ab % B) + 1, v: (j % P) + 1 };
      }
      if (i >= off2a) {
        const j = i - off2a;
        return { type: '2a', b: Math.floor(j / P) + 1, v: (j % P) + 1 };
      }
      const j = i - off1b;
      const acc = Math.floor(j / span1b);
      let r = j % span1b;
      let b = 1;
      while (r >= per1bBallot(b)) {
        r -= per1bBallot(b);
        b++;
      }
      if (r === 0) return { type: '1b', acc, b, vbal: 0, v: 0 };
      return { type: '1b', acc, b, vbal: Math.floor((r - 1) / P) + 1, v: ((r - 1) % P) + 1 };
    },
  };
}

/** A message as shown in traces (acceptors by name). */
export function showMessage(m: PaxosMessage): MessageLabel {
  switch (m.type) {
    case '1a':
      return { type: '1a', b: m.b };
    case '1b':
      return { type: '1b', acc: accName(m.acc), b: m.b, vbal: m.vbal, v: m.v };
    case '2a':
      return { type: '2a', b: m.b, v: m.v };
    case '2b':
      return { type: '2b', acc: accName(m.acc), b: m.b, v: m.v };
  }
}
