// The Fast Paxos model's state (models/fast-paxos.ts) and the tables one instance builds once from its
// constants: the state's encoding, decoding, initial value and picture for traces.
//
// A state is three arrays of small ints, one entry per acceptor (rnd: the highest round it has taken part
// in; vrnd, vval: the round and value of its last vote, 0 0 if none), and the set of sent messages as a
// bitset over messages.ts's numbering (lib/network.ts, 'set' semantics: it only grows, so loss,
// duplication and reordering are all covered). States are immutable: a step copies what it changes.

import type { Decoder } from '../../checker/state/decode.ts';
import type { Encoder } from '../../checker/state/encode.ts';
import { Network, type InFlight } from '../lib/network.ts';
import { fastMessages, accName, type FastMessage, type FastMessages } from './messages.ts';
import type { Config } from './rules.ts';

export interface FastState {
  readonly rnd: readonly number[];
  readonly vrnd: readonly number[];
  readonly vval: readonly number[];
  readonly msgs: InFlight;
}

/** One instance: its configuration, which rounds are fast, and its messages. */
export interface Layout {
  readonly cfg: Config;
  readonly isFast: (r: number) => boolean;
  /** The quorum that chooses a value in round r: fast or classic. */
  readonly quorumOf: (r: number) => number;
  readonly M: FastMessages;
  readonly net: Network<FastMessage>;
  /** Words of the message bitset. */
  readonly W: number;
}

export function layoutOf(cfg: Config): Layout {
  const isFast = (r: number) => r >= 1 && r <= cfg.fastRounds;
  const M = fastMessages(cfg.N, cfg.V, cfg.R, isFast);
  const net = new Network(M.codec, 'set');
  return { cfg, isFast, quorumOf: (r) => (isFast(r) ? cfg.fastQuorum : cfg.classicQuorum), M, net, W: net.empty().length };
}

/** Whether message index i is in the set (i = -1, a message that cannot exist, never is). */
export const has = (msgs: InFlight, i: number): boolean => i >= 0 && ((msgs[i >>> 5] >>> (i & 31)) & 1) === 1;

export const range = (lo: number, hi: number): number[] => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);

/** No round joined, no votes, no messages. */
export function initialState(L: Layout): FastState {
  const zeros = () => new Array<number>(L.cfg.N).fill(0);
  return { rnd: zeros(), vrnd: zeros(), vval: zeros(), msgs: L.net.empty() };
}

/** encode: N words rnd, N words vrnd, N words vval, the bitset's W words; decode reads them back. */
export function stateCodec(L: Layout): { encode(s: FastState, w: Encoder): void; decode(r: Decoder): FastState } {
  const N = L.cfg.N;
  const W = L.W;
  const read = (r: Decoder, n: number) => {
    const xs = new Array<number>(n);
    for (let i = 0; i < n; i++) xs[i] = r.u32();
    return xs;
  };
  return {
    encode(s, w) {
      for (let a = 0; a < N; a++) w.u32(s.rnd[a]);
      for (let a = 0; a < N; a++) w.u32(s.vrnd[a]);
      for (let a = 0; a < N; a++) w.u32(s.vval[a]);
      for (let i = 0; i < W; i++) w.u32(s.msgs[i]);
    },
    decode(r) {
      const rnd = read(r, N);
      const vrnd = read(r, N);
      const vval = read(r, N);
      return { rnd, vrnd, vval, msgs: read(r, W) };
    },
  };
}

/** The state as traces show it: each acceptor's round and last vote, then the sent messages by type. */
export function showState(L: Layout, s: FastState): Readonly<Record<string, unknown>> {
  return {
    acceptors: Object.fromEntries(range(0, L.cfg.N - 1).map((a) => [accName(a), { rnd: s.rnd[a], vrnd: s.vrnd[a], vval: s.vval[a] }])),
    msgs: L.net.indices(s.msgs).map((i) => L.M.shown[i]),
  };
}
