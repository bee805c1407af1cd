// Single-decree Paxos (the Synod protocol), in the style of Lamport's TLA+ module Paxos.tla: acceptors keep
// maxBal / maxVBal / maxVal, proposers keep no local state, and the network is a SET of sent messages that
// only grows (receiving never removes), so loss, duplication and reordering are all covered.
//
// The semantics are exactly those of the peer models the benchmark compares with (../shared/peers/models
// beside this repository, see bench/peers.ts: paxos.m, paxos.pml and the reference crosscheck_bfs.py), so
// the distinct-state counts agree with Spin, Rumur and the Python BFS:
//   constants   acceptors a1..aN, proposers p1..pP, ballots 1..maxBallot; ballot b is owned by proposer
//               ((b-1) % P) + 1 and proposer p proposes value p. 0 means "none" for ballots and values.
//   Phase1a(b)   send 1a(b). Unguarded, as in Paxos.tla: re-sending is a self-loop (kept: one successor).
//   Phase1b(a,b) 1a(b) sent and b > maxBal[a]: maxBal[a] := b, send 1b(a, b, maxVBal[a], maxVal[a]).
//   Phase2a(b,Q) no 2a for b sent yet, Q a quorum whose members all sent a 1b for b: send 2a(b, v) with v the
//                value of the 1b of Q with the highest vbal, or owner(b)'s own value if every vbal is 0.
//   Phase2b(a,b) 2a(b, v) sent and b >= maxBal[a]: maxBal[a] := maxVBal[a] := b, maxVal[a] := v, send
//                2b(a, b, v). Unguarded like Paxos.tla (re-accepting is a self-loop, kept).
// Quorums: every subset of acceptors with more than N/2 members (not only the minimal ones, as the Python
// reference does, so the model is right for any N). Supersets of a minimal quorum never add states (the
// highest vote in a superset is the highest vote of some minimal quorum inside it; checked: the counts
// below equal the Python reference's, which uses only the 2-acceptor quorums), but they are extra
// successors, and the self-loops of Phase1a and Phase2b are kept. So "states generated" is larger than
// Rumur's rules fired: for A3 P2 B4, 26,184,097 generated = 1 initial state + 16,868,384 self-loops +
// 296,036 Phase2a steps on the 3-acceptor quorum + 9,019,676 (exactly Rumur's transitions).
//
// Counts (BFS, TLC's conventions: distinct / generated / depth with the initial state at level 1),
// acceptors=3 proposers=2:
//   maxBallot=2                  1,777 /     10,417 / 17
//   maxBallot=3 (the default)   74,681 /    535,993 / 25    (about 0.2 s)
//   maxBallot=4              3,122,593 / 26,184,097 / 33    (about 3.5 s; the peers' benchmark)
// The peers' "max depth 32" for B4 counts the initial state as level 0, so it is the same figure.
// maxBallot=3 is the default: a plain check takes well under a second and still has a third ballot that
// can compete with two earlier ones (p1's ballot 3 after p2's ballot 2, which may have adopted p1's value
// from ballot 1); maxBallot=4 takes several seconds, so it is opt-in.
// Shortest counterexamples (steps after the initial state, the same for maxBallot 2, 3 and 4):
// ignore-accepted 12 (as Spin -DBFS and Rumur report), accept-below-promise 12, minority-quorum 10.
//
// Representation: three arrays of small ints (one entry per acceptor) and the message set as a bitset
// (Network, 'set' semantics) over an arithmetic codec of every message that can ever be sent:
//   1a(b)               b-1
//   1b(a, b, vbal, v)   then per (a, b) one slot for vbal=0 (v=0) and one per (vbal in 1..b-1, v in 1..P):
//                       a 1b always reports vbal < b because maxVBal[a] <= maxBal[a] < b when it is sent
//   2a(b, v)            then (b-1)*P + v-1
//   2b(a, b, v)         then (a*B + b-1)*P + v-1
// (so `show` lists messages by type, 1a 1b 2a 2b).
// For A3 P2 B4 that is 84 messages, three 32-bit words.
// At most one 2a per ballot and one 1b per (acceptor, ballot) can ever be sent (Phase2a's guard; maxBal only
// grows), also in the variants; next() decodes the set once into per-ballot tables and builds successors
// from them. Action labels are immutable objects precomputed once per action instance.
//
// Invariants: `agreement` (at most one value chosen; v is chosen when 2b(a, b, v) was sent by a majority of
// acceptors for one ballot b — a majority whatever quorums the variant's Phase2a uses) and `validity` (a
// chosen value is in 1..P and the proposer owning it sent 1a for some ballot it owns).
//
// Variants:
//   ignore-accepted        Phase2a proposes owner(b)'s value, ignoring votes reported in 1b (the peers' BUG).
//   accept-below-promise   Phase2b drops the promise check b >= maxBal[a]. The acceptor still never lowers its
//                          promise (maxBal[a] := max(maxBal[a], b)), so at most one 1b per (a, b) stays true;
//                          only the check is missing.
//   minority-quorum        Phase2a accepts 1b from floor(N/2) acceptors (at least 1), while "chosen" still
//                          means a majority. For odd N such a quorum can miss every member of a majority that
//                          chose a value, and agreement fails. For even N, N/2 acceptors still meet every
//                          majority (N/2 + N/2+1 > N, Flexible Paxos), so the variant is correct and its check
//                          holds; likewise for N=1 (the quorum is the majority).

import type { Action, MessageLabel, Step, ViewType } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';
import { Network, type InFlight, type MessageCodec } from './lib/network.ts';

/** A message; `acc` is the 0-based acceptor index, ballots 1..B, values 1..P (0 = none). */
export type PaxosMessage =
  | { readonly type: '1a'; readonly b: number }
  | { readonly type: '1b'; readonly acc: number; readonly b: number; readonly vbal: number; readonly v: number }
  | { readonly type: '2a'; readonly b: number; readonly v: number }
  | { readonly type: '2b'; readonly acc: number; readonly b: number; readonly v: number };

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

const accName = (a: number) => `a${a + 1}`;
const propName = (p: number) => `p${p}`;

const K1A = 0;
const K1B = 1;
const K2A = 2;
const K2B = 3;

/** The arithmetic codec for `acceptors` A, `proposers` P, `maxBallot` B (layout in the header comment). */
export function paxosCodec(A: number, P: number, B: number): MessageCodec<PaxosMessage> & {
  readonly off2a: number;
  readonly off2b: number;
  readonly off1b: number;
  idx1a(b: number): number;
  idx2a(b: number, v: number): number;
  idx2b(a: number, b: number, v: number): number;
  idx1b(a: number, b: number, vbal: number, v: number): number;
} {
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
function showMessage(m: PaxosMessage): MessageLabel {
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

const VARIANTS = {
  'ignore-accepted': "Phase2a proposes the owner's own value, ignoring the votes reported in 1b messages (the peers' BUG)",
  'accept-below-promise': 'Phase2b accepts a 2a whose ballot is below the promise maxBal[a] (no promise check)',
  'minority-quorum': 'Phase2a needs 1b messages from only floor(N/2) acceptors, which for odd N need not meet the majority that chose a value (for even N it still does: no bug)',
} as const;

export default defineModel<PaxosState>({
  name: 'paxos',
  summary: "Single-decree Paxos (Synod) as in Lamport's Paxos.tla: acceptors, proposers owning ballots, a growing message set",
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 9, description: 'number of acceptors (a1..aN); quorums are majorities' },
    proposers: { kind: 'int', default: 2, min: 1, max: 6, description: 'number of proposers (p1..pP); proposer p proposes value p' },
    maxBallot: {
      kind: 'int',
      default: 3,
      min: 1,
      max: 8,
      description: 'ballots are 1..maxBallot; ballot b is owned by proposer ((b-1) % proposers) + 1 (4 is the peers\' benchmark)',
    },
  },
  variants: VARIANTS,
  instantiate(c, variant) {
    if (variant !== undefined && !(variant in VARIANTS)) throw new Error(`paxos: unknown variant '${variant}'`);
    const A = c.acceptors as number;
    const P = c.proposers as number;
    const B = c.maxBallot as number;
    const ignoreAccepted = variant === 'ignore-accepted';
    const noPromiseCheck = variant === 'accept-below-promise';
    const majority = Math.floor(A / 2) + 1;
    const quorumSize = variant === 'minority-quorum' ? Math.max(1, Math.floor(A / 2)) : majority;

    const codec = paxosCodec(A, P, B);
    const net = new Network(codec, 'set');
    const owner = (b: number) => ((b - 1) % P) + 1;

    // ---- per-instance tables -------------------------------------------------------------------------
    // What each message index is, for decoding the bitset in next().
    const kindOf = new Uint8Array(codec.size);
    const bOf = new Uint8Array(codec.size);
    const aOf = new Uint8Array(codec.size);
    const vbalOf = new Uint8Array(codec.size);
    const vOf = new Uint8Array(codec.size);
    const KIND = { '1a': K1A, '1b': K1B, '2a': K2A, '2b': K2B } as const;
    const allMessages: PaxosMessage[] = [];
    for (let i = 0; i < codec.size; i++) {
      const m = codec.message(i);
      if (codec.index(m) !== i) throw new Error(`paxos codec is not a bijection at ${i}`);
      allMessages.push(m);
      kindOf[i] = KIND[m.type];
      bOf[i] = m.b;
      if (m.type === '1b' || m.type === '2b') aOf[i] = m.acc;
      if (m.type === '1b') vbalOf[i] = m.vbal;
      if (m.type !== '1a') vOf[i] = m.v;
    }
    const shownMessages = allMessages.map(showMessage);

    // Quorums for Phase2a: bitmasks of acceptors with at least quorumSize members, smallest first.
    const quorums: number[] = [];
    for (let q = 1; q < 1 << A; q++) if (popcount(q) >= quorumSize) quorums.push(q);
    quorums.sort((x, y) => popcount(x) - popcount(y) || x - y);
    const quorumMembers = quorums.map((q) => Array.from({ length: A }, (_, a) => a).filter((a) => (q >>> a) & 1));
    const NQ = quorums.length;

    // Labels, one immutable object per action instance.
    // Each label also lists the messages the step acted on (`received`), so sequence charts can draw an
    // arrow from the sender: a 1b answers a 1a, a 2a answers its quorum's 1b messages, a 2b answers a 2a.
    // Labels carry the same message objects as `show`, so a label and the message in the state compare equal.
    const msgLabel = shownMessages;
    const label1a: Action[] = [];
    for (let b = 1; b <= B; b++) label1a[b] = { actor: propName(owner(b)), kind: 'sends', message: msgLabel[b - 1] };
    const label1b: Action[] = []; // by 1b message index
    const label2b: Action[] = []; // by 2b message index
    allMessages.forEach((m, i) => {
      if (m.type === '1b') label1b[i] = { actor: accName(m.acc), kind: 'promises, sends', message: msgLabel[i], received: [msgLabel[m.b - 1]] };
      if (m.type === '2b') label2b[i] = { actor: accName(m.acc), kind: 'accepts, sends', message: msgLabel[i], received: [msgLabel[codec.idx2a(m.b, m.v)]] };
    });
    // Phase2a labels depend on which 1b messages the quorum sent: made on first use, then reused. Looked up
    // per (ballot, quorum) by a number: the members' 1b slots (each < SLOTS) in base SLOTS, the value being
    // a function of them.
    const SLOTS = 1 + (B - 1) * P;
    const label2a: Map<number, Action>[] = Array.from({ length: (B + 1) * NQ }, () => new Map());
    const phase2aLabel = (b: number, qi: number, key: number, v: number): Action => {
      const cache = label2a[b * NQ + qi];
      let l = cache.get(key);
      if (!l) {
        const oneBs = quorumMembers[qi].map((a) => oneB[a * (B + 1) + b]);
        l = {
          actor: propName(owner(b)),
          kind: 'sends',
          message: msgLabel[codec.idx2a(b, v)],
          detail: `after 1b from ${quorumMembers[qi].map(accName).join(', ')}`,
          received: oneBs.map((i) => msgLabel[i]),
        };
        cache.set(key, l);
      }
      return l;
    };

    // For the invariants: 2b indices per (b, v), acceptor by acceptor.
    const votesFor: number[][] = []; // [(b-1)*P + v-1] -> 2b indices
    for (let b = 1; b <= B; b++) for (let v = 1; v <= P; v++) votesFor.push(Array.from({ length: A }, (_, a) => codec.idx2b(a, b, v)));

    // For symmetry: where each message goes when acceptors are renamed by a permutation (made once each).
    const renamings = new Map<string, Int32Array>();
    const renameMessages = (pa: readonly number[]): Int32Array => {
      const key = pa.join(',');
      let map = renamings.get(key);
      if (!map) {
        map = new Int32Array(allMessages.length);
        allMessages.forEach((m, i) => {
          map![i] = m.type === '1b' ? codec.idx1b(pa[m.acc], m.b, m.vbal, m.v) : m.type === '2b' ? codec.idx2b(pa[m.acc], m.b, m.v) : i;
        });
        renamings.set(key, map);
      }
      return map;
    };

    // Scratch tables for next(), reset on every call (next() is not re-entrant, so this stays pure).
    const sent1a = new Uint8Array(B + 1); // 1a(b) sent
    const val2a = new Uint8Array(B + 1); // value of the 2a for b, 0 if none
    const have1b = new Int32Array(B + 1); // bitmask of acceptors that sent a 1b for b
    const oneB = new Int32Array(A * (B + 1)); // [a*(B+1) + b] -> index of a's 1b for b
    const first1b = new Int32Array(A * (B + 1)); // [a*(B+1) + b] -> index of 1b(a, b, 0, 0), a's first slot for b
    for (let a = 0; a < A; a++) for (let b = 1; b <= B; b++) first1b[a * (B + 1) + b] = codec.idx1b(a, b, 0, 0);
    const W = net.empty().length;

    const has = (msgs: InFlight, i: number) => ((msgs[i >>> 5] >>> (i & 31)) & 1) === 1;

    /** Bitmask over values 1..P (bit v) of the chosen values. */
    const chosenMask = (msgs: InFlight): number => {
      let mask = 0;
      for (let k = 0; k < votesFor.length; k++) {
        const idx = votesFor[k];
        let n = 0;
        for (let a = 0; a < A; a++) if (has(msgs, idx[a])) n++;
        if (2 * n > A) mask |= 1 << ((k % P) + 1);
      }
      return mask;
    };
    const chosenValues = (msgs: InFlight): number[] => {
      const m = chosenMask(msgs);
      const out: number[] = [];
      for (let v = 1; v <= P; v++) if ((m >>> v) & 1) out.push(v);
      return out;
    };
    /** Values v whose proposer sent a 1a for a ballot it owns. */
    const startedMask = (msgs: InFlight): number => {
      let mask = 0;
      for (let b = 1; b <= B; b++) if (has(msgs, codec.idx1a(b))) mask |= 1 << owner(b);
      return mask;
    };
    const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

    // For the views: every value a view can hold is made once here (frozen), so reading a view on a state
    // only collects references to them; set views visit the set bits of their message type's index range.
    const viewRecords = allMessages.map((m) => {
      switch (m.type) {
        case '1a':
          return m.b;
        case '1b':
          return Object.freeze({ acc: m.acc, b: m.b, vbal: m.vbal, v: m.v });
        case '2a':
          return Object.freeze({ b: m.b, v: m.v });
        case '2b':
          return Object.freeze({ acc: m.acc, b: m.b, v: m.v });
      }
    });
    const voteRecords = allMessages.map((m) => (m.type === '2b' ? Object.freeze({ b: m.b, v: m.v }) : undefined));
    /** Calls `f` with each sent message index in lo..hi-1, in increasing order. */
    const eachSent = (msgs: InFlight, lo: number, hi: number, f: (i: number) => void): void => {
      for (let w = lo >>> 5; w < W && w * 32 < hi; w++) {
        let bits = msgs[w];
        while (bits) {
          const low = bits & -bits;
          const i = w * 32 + 31 - Math.clz32(low);
          bits ^= low;
          if (i >= lo && i < hi) f(i);
        }
      }
    };
    /** The records of the sent messages with indices lo..hi-1, in index order (the loop of eachSent, inlined: views are read on every state). */
    const sentIn = <T>(msgs: InFlight, lo: number, hi: number): T[] => {
      const out: T[] = [];
      for (let w = lo >>> 5; w < W && w * 32 < hi; w++) {
        let bits = msgs[w];
        while (bits) {
          const low = bits & -bits;
          const i = w * 32 + 31 - Math.clz32(low);
          bits ^= low;
          if (i >= lo && i < hi) out.push(viewRecords[i] as T);
        }
      }
      return out;
    };
    const allAcceptors = Object.freeze(range(0, A - 1));
    const allProposers = Object.freeze(range(0, P - 1));
    const allBallots = Object.freeze(range(1, B));
    const allValues = Object.freeze(range(1, P));
    const ownerMap: ReadonlyMap<number, number> = new Map(range(1, B).map((b) => [b, owner(b)]));
    const rec = (fields: Record<string, ViewType>) => ({ kind: 'record' as const, fields });
    const INT = { kind: 'int' } as const;
    const ACC = { kind: 'id', sort: 'acceptor' } as const;
    const PROP = { kind: 'id', sort: 'proposer' } as const;
    const accMap = (f: (s: PaxosState) => readonly number[]) => (s: PaxosState) => new Map(f(s).map((x, a) => [a, x]));

    return {
      init: () => [{ maxBal: new Array(A).fill(0), maxVBal: new Array(A).fill(0), maxVal: new Array(A).fill(0), msgs: net.empty() }],

      next(s) {
        const out: Step<PaxosState>[] = [];
        const { maxBal, maxVBal, maxVal, msgs } = s;

        // Decode the message set.
        sent1a.fill(0);
        val2a.fill(0);
        have1b.fill(0);
        for (let w = 0; w < W; w++) {
          let bits = msgs[w];
          while (bits) {
            const low = bits & -bits;
            const i = w * 32 + 31 - Math.clz32(low);
            bits ^= low;
            const b = bOf[i];
            switch (kindOf[i]) {
              case K1A:
                sent1a[b] = 1;
                break;
              case K2A:
                val2a[b] = vOf[i];
                break;
              case K1B: {
                const a = aOf[i];
                have1b[b] |= 1 << a;
                oneB[a * (B + 1) + b] = i;
                break;
              }
            }
          }
        }

        // Phase1a(b): unguarded; a self-loop when 1a(b) was already sent.
        for (let b = 1; b <= B; b++) {
          out.push({ action: label1a[b], state: sent1a[b] ? s : { maxBal, maxVBal, maxVal, msgs: net.sendIndex(msgs, b - 1) } });
        }

        // Phase1b(a, b): a promises b > maxBal[a] on 1a(b) and reports its last vote.
        for (let a = 0; a < A; a++) {
          const vbal = maxVBal[a];
          const v = maxVal[a];
          for (let b = maxBal[a] + 1; b <= B; b++) {
            if (!sent1a[b]) continue;
            const i = codec.idx1b(a, b, vbal, v);
            const mb = maxBal.slice();
            mb[a] = b;
            out.push({ action: label1b[i], state: { maxBal: mb, maxVBal, maxVal, msgs: net.sendIndex(msgs, i) } });
          }
        }

        // Phase2a(b, Q): no 2a for b yet, every member of Q sent a 1b for b.
        for (let b = 1; b <= B; b++) {
          if (val2a[b] !== 0) continue;
          const h = have1b[b];
          if (popcount(h) < quorumSize) continue;
          for (let qi = 0; qi < NQ; qi++) {
            const q = quorums[qi];
            if ((q & h) !== q) continue;
            let v = owner(b);
            let top = 0;
            let key = 0;
            const mem = quorumMembers[qi];
            for (let k = 0; k < mem.length; k++) {
              const i = oneB[mem[k] * (B + 1) + b];
              key = key * SLOTS + (i - first1b[mem[k] * (B + 1) + b]);
              if (!ignoreAccepted && vbalOf[i] > top) {
                top = vbalOf[i];
                v = vOf[i];
              }
            }
            out.push({ action: phase2aLabel(b, qi, key, v), state: { maxBal, maxVBal, maxVal, msgs: net.sendIndex(msgs, codec.idx2a(b, v)) } });
          }
        }

        // Phase2b(a, b): a accepts 2a(b, v) if b >= maxBal[a] (unchecked in accept-below-promise).
        for (let b = 1; b <= B; b++) {
          const v = val2a[b];
          if (v === 0) continue;
          for (let a = 0; a < A; a++) {
            if (b < maxBal[a] && !noPromiseCheck) continue;
            const i = codec.idx2b(a, b, v);
            const nb = b > maxBal[a] ? b : maxBal[a];
            if (maxBal[a] === nb && maxVBal[a] === b && maxVal[a] === v && has(msgs, i)) {
              out.push({ action: label2b[i], state: s }); // re-accepting: a self-loop
              continue;
            }
            const mb = maxBal.slice();
            const mvb = maxVBal.slice();
            const mv = maxVal.slice();
            mb[a] = nb;
            mvb[a] = b;
            mv[a] = v;
            out.push({ action: label2b[i], state: { maxBal: mb, maxVBal: mvb, maxVal: mv, msgs: net.sendIndex(msgs, i) } });
          }
        }
        return out;
      },

      invariants: {
        agreement: {
          description: 'at most one value is chosen (chosen: accepted in one ballot by a majority of acceptors)',
          holds: (s) => popcount(chosenMask(s.msgs)) <= 1,
        },
        validity: {
          description: 'a chosen value was proposed: it is 1..proposers and its proposer sent 1a for a ballot it owns',
          holds: (s) => {
            const ch = chosenMask(s.msgs);
            if (ch === 0) return true;
            const okValues = ((1 << (P + 1)) - 1) & ~1;
            return (ch & ~(startedMask(s.msgs) & okValues)) === 0;
          },
        },
      },

      sorts: { acceptor: range(0, A - 1).map(accName), proposer: range(1, P).map(propName) },

      views: {
        acceptors: { type: { kind: 'set', elem: ACC }, description: 'all acceptors', get: () => allAcceptors },
        proposers: { type: { kind: 'set', elem: PROP }, description: 'all proposers (ids 0..P-1 for p1..pP)', get: () => allProposers },
        ballots: { type: { kind: 'set', elem: INT }, description: 'all ballots 1..maxBallot', get: () => allBallots },
        values: { type: { kind: 'set', elem: INT }, description: 'all values 1..proposers (proposer p proposes p)', get: () => allValues },
        quorumSize: { type: INT, description: "least number of 1b senders Phase2a needs (the variant's quorums)", get: () => quorumSize },
        owner: {
          type: { kind: 'map', key: INT, value: INT },
          description: 'ballot -> the value (= proposer number) of the proposer owning it',
          get: () => ownerMap,
        },
        maxBal: { type: { kind: 'map', key: ACC, value: INT }, description: 'highest ballot each acceptor promised or accepted (0 = none)', get: accMap((s) => s.maxBal) },
        maxVBal: { type: { kind: 'map', key: ACC, value: INT }, description: "ballot of each acceptor's last vote (0 = none)", get: accMap((s) => s.maxVBal) },
        maxVal: { type: { kind: 'map', key: ACC, value: INT }, description: "value of each acceptor's last vote (0 = none)", get: accMap((s) => s.maxVal) },
        msgs1a: {
          type: { kind: 'set', elem: INT },
          description: 'ballots b with 1a(b) sent',
          get: (s) => sentIn<number>(s.msgs, 0, codec.off1b),
        },
        msgs1b: {
          type: { kind: 'set', elem: rec({ acc: ACC, b: INT, vbal: INT, v: INT }) },
          description: '1b messages sent: acc promised b, reporting its last vote (vbal, v)',
          get: (s) => sentIn(s.msgs, codec.off1b, codec.off2a),
        },
        msgs2a: {
          type: { kind: 'set', elem: rec({ b: INT, v: INT }) },
          description: '2a messages sent: accept v in ballot b',
          get: (s) => sentIn(s.msgs, codec.off2a, codec.off2b),
        },
        sent2b: {
          type: { kind: 'set', elem: rec({ acc: ACC, b: INT, v: INT }) },
          description: '2b messages sent: acc accepted v in ballot b',
          get: (s) => sentIn(s.msgs, codec.off2b, codec.size),
        },
        votes: {
          type: { kind: 'map', key: ACC, value: { kind: 'set', elem: rec({ b: INT, v: INT }) } },
          description: 'acceptor -> the (ballot, value) pairs it voted for (sent 2b)',
          get: (s) => {
            const byAcc = allAcceptors.map((): { b: number; v: number }[] => []);
            eachSent(s.msgs, codec.off2b, codec.size, (i) => byAcc[aOf[i]].push(voteRecords[i]!));
            return new Map(byAcc.map((vs, a) => [a, vs]));
          },
        },
        chosen: {
          type: { kind: 'set', elem: INT },
          description: 'values accepted by a majority of acceptors in one ballot',
          get: (s) => chosenValues(s.msgs),
        },
        proposed: {
          type: { kind: 'set', elem: INT },
          description: 'values proposed in some 2a message',
          get: (s) => {
            let mask = 0;
            eachSent(s.msgs, codec.off2a, codec.off2b, (i) => (mask |= 1 << vOf[i]));
            return allValues.filter((v) => (mask >>> v) & 1);
          },
        },
        started: {
          type: { kind: 'set', elem: INT },
          description: 'values whose proposer sent 1a for a ballot it owns',
          get: (s) => {
            const m = startedMask(s.msgs);
            return range(1, P).filter((v) => (m >>> v) & 1);
          },
        },
      },

      encode(s, w) {
        for (let a = 0; a < A; a++) w.u32(s.maxBal[a]);
        for (let a = 0; a < A; a++) w.u32(s.maxVBal[a]);
        for (let a = 0; a < A; a++) w.u32(s.maxVal[a]);
        net.encode(s.msgs, w);
      },

      // Acceptors are interchangeable (proposers are not: each owns its ballots and value), so renaming
      // acceptors maps runs to runs and both invariants are unchanged by it (`--symmetry`).
      symmetry: {
        sorts: ['acceptor'],
        apply(s, [pa]) {
          const renamed = renameMessages(pa);
          const maxBal = new Array<number>(A);
          const maxVBal = new Array<number>(A);
          const maxVal = new Array<number>(A);
          for (let a = 0; a < A; a++) {
            maxBal[pa[a]] = s.maxBal[a];
            maxVBal[pa[a]] = s.maxVBal[a];
            maxVal[pa[a]] = s.maxVal[a];
          }
          let msgs = net.empty();
          for (const i of net.indices(s.msgs)) msgs = net.sendIndex(msgs, renamed[i]);
          return { maxBal, maxVBal, maxVal, msgs };
        },
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

      show: (s) => ({
        acceptors: Object.fromEntries(range(0, A - 1).map((a) => [accName(a), { maxBal: s.maxBal[a], maxVBal: s.maxVBal[a], maxVal: s.maxVal[a] }])),
        msgs: net.indices(s.msgs).map((i) => shownMessages[i]),
      }),
    };
  },
});

function popcount(x: number): number {
  let c = 0;
  for (let m = x; m; m &= m - 1) c++;
  return c;
}
