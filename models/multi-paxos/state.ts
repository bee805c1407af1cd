// The Multi-Paxos model's state (models/multi-paxos.ts): what acceptors and proposers keep, the set of sent
// messages, and the state's encoding, decoding and picture for traces.
//
// Every field is a flat array of small ints whose length is fixed by the constants, so the encoding is the
// fields' words in a fixed order (injective: equal states write equal words, different states differ in
// some word) and decoding reads them back in that order.

import type { Decoder } from '../../checker/state/decode.ts';
import type { Encoder } from '../../checker/state/encode.ts';
import { Network, type InFlight } from '../lib/network.ts';
import { accName, cmdName, propName, showVote, universe, type Universe } from './messages.ts';

/** A proposer's phase: idle (no ballot), phase 1 (1a sent, waiting for a quorum of 1b), leading (phase 2). */
export const IDLE = 0;
export const PHASE1 = 1;
export const LEADING = 2;

export interface MultiPaxosState {
  /** Per acceptor: the highest ballot it promised or accepted in (0: none). */
  readonly maxBal: readonly number[];
  /** Per acceptor and slot, at a*S + slot-1: its vote, as a code (0: none, else (vbal-1)*P + v; messages.ts). */
  readonly votes: readonly number[];
  /** Per proposer, at p-1: the ballot it runs (0: none). */
  readonly bal: readonly number[];
  /** Per proposer: IDLE, PHASE1 or LEADING. */
  readonly phase: readonly number[];
  /** Per proposer and slot, at (p-1)*S + slot-1: while leading, the command it proposes there (else 0). */
  readonly plan: readonly number[];
  /** The set of sent messages (a bitset over the universe); it only grows. */
  readonly msgs: InFlight;
}

/** An instance's constants and the tables built from them once. */
export interface Layout {
  readonly A: number;
  readonly P: number;
  readonly S: number;
  readonly B: number;
  readonly U: Universe;
  readonly net: Network<number>;
  /** Words of the message bitset. */
  readonly W: number;
}

export function layoutOf(A: number, P: number, S: number, B: number): Layout {
  const U = universe(A, P, S, B);
  // The network's messages are their numbers: the universe is the codec.
  const net = new Network<number>({ size: U.size, index: (i) => i, message: (i) => i }, 'set');
  return { A, P, S, B, U, net, W: net.empty().length };
}

export function initialState(L: Layout): MultiPaxosState {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return { maxBal: zeros(L.A), votes: zeros(L.A * L.S), bal: zeros(L.P), phase: zeros(L.P), plan: zeros(L.P * L.S), msgs: L.net.empty() };
}

export function stateCodec(L: Layout): { encode(s: MultiPaxosState, w: Encoder): void; decode(r: Decoder): MultiPaxosState } {
  const { A, P, S, W } = L;
  const write = (xs: readonly number[], w: Encoder) => {
    for (let i = 0; i < xs.length; i++) w.u32(xs[i]);
  };
  const read = (n: number, r: Decoder) => {
    const xs = new Array<number>(n);
    for (let i = 0; i < n; i++) xs[i] = r.u32();
    return xs;
  };
  return {
    encode(s, w) {
      write(s.maxBal, w);
      write(s.votes, w);
      write(s.bal, w);
      write(s.phase, w);
      write(s.plan, w);
      write(s.msgs, w);
    },
    decode(r) {
      const maxBal = read(A, r);
      const votes = read(A * S, r);
      const bal = read(P, r);
      const phase = read(P, r);
      const plan = read(P * S, r);
      const msgs = read(W, r);
      return { maxBal, votes, bal, phase, plan, msgs };
    },
  };
}

/** Slots 1..S of acceptor a's (or proposer p-1's) row of a per-slot field, shown with `f`, space-separated. */
const row = (xs: readonly number[], k: number, S: number, f: (x: number, slot: number) => string) =>
  Array.from({ length: S }, (_, i) => f(xs[k * S + i], i + 1)).join(' ');

export function showProposer(L: Layout, s: MultiPaxosState, p: number): string {
  const k = p - 1;
  if (s.phase[k] === IDLE) return 'idle';
  if (s.phase[k] === PHASE1) return `phase 1, b=${s.bal[k]}`;
  return `leading b=${s.bal[k]}, plan ${row(s.plan, k, L.S, (v, slot) => cmdName(v, slot))}`;
}

export function showState(L: Layout, s: MultiPaxosState): Readonly<Record<string, unknown>> {
  const { A, P, S } = L;
  return {
    proposers: Object.fromEntries(Array.from({ length: P }, (_, k) => [propName(k + 1), showProposer(L, s, k + 1)])),
    acceptors: Object.fromEntries(
      Array.from({ length: A }, (_, a) => [
        accName(a),
        { maxBal: s.maxBal[a], votes: row(s.votes, a, S, (x, slot) => showVote(P, x, slot)) },
      ]),
    ),
    msgs: L.net.indices(s.msgs).map((i) => L.U.messages[i].shown),
  };
}
