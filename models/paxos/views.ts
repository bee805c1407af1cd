// The Paxos model's views (models/paxos.ts): named values of a state that specs (specs/paxos.spec) state
// properties over and the explorer shows: the constants as sets and maps, each acceptor's variables, the sent
// messages by type, the votes, and the chosen, proposed and started values.
//
// Views are read on every state when a spec is checked, so reading one only collects references: every
// value a view can hold is made once here (frozen), and a set view visits the set bits of its message
// type's index range (messages.ts numbers each type contiguously).

import type { View, ViewType } from '../../checker/model.ts';
import type { InFlight } from '../lib/network.ts';
import type { Facts } from './invariants.ts';
import { owner, range, type PaxosLayout, type PaxosState } from './layout.ts';

/** Calls `f` with each sent message index in lo..hi-1, in increasing order. */
function eachSent(W: number, msgs: InFlight, lo: number, hi: number, f: (i: number) => void): void {
  for (let w = lo >>> 5; w < W && w * 32 < hi; w++) {
    let bits = msgs[w];
    while (bits) {
      const low = bits & -bits;
      const i = w * 32 + 31 - Math.clz32(low);
      bits ^= low;
      if (i >= lo && i < hi) f(i);
    }
  }
}

/** records[i] for each sent message index i in lo..hi-1, in index order (eachSent's loop inlined: views are read on every state). */
function sentIn<T>(W: number, records: readonly unknown[], msgs: InFlight, lo: number, hi: number): T[] {
  const out: T[] = [];
  for (let w = lo >>> 5; w < W && w * 32 < hi; w++) {
    let bits = msgs[w];
    while (bits) {
      const low = bits & -bits;
      const i = w * 32 + 31 - Math.clz32(low);
      bits ^= low;
      if (i >= lo && i < hi) out.push(records[i] as T);
    }
  }
  return out;
}

const INT = { kind: 'int' } as const;
const ACC = { kind: 'id', sort: 'acceptor' } as const;
const PROP = { kind: 'id', sort: 'proposer' } as const;
const rec = (fields: Record<string, ViewType>) => ({ kind: 'record' as const, fields });
/** A per-acceptor array as a map acceptor -> entry. */
const accMap = (f: (s: PaxosState) => readonly number[]) => (s: PaxosState) => new Map(f(s).map((x, a) => [a, x]));

/** The views; `quorumSize` is the variant's (Phase2a's least number of 1b senders). */
export function paxosViews(L: PaxosLayout, facts: Facts, quorumSize: number): Record<string, View<PaxosState>> {
  const { A, P, B, W, codec, messages, aOf, vOf } = L;
  const { chosen, started } = facts;
  // What a message-set view holds for each message index: the ballot for a 1a, a frozen record otherwise.
  const viewRecords = messages.map((m) => {
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
  const voteRecords = messages.map((m) => (m.type === '2b' ? Object.freeze({ b: m.b, v: m.v }) : undefined));
  const allAcceptors = Object.freeze(range(0, A - 1));
  const allProposers = Object.freeze(range(0, P - 1));
  const allBallots = Object.freeze(range(1, B));
  const allValues = Object.freeze(range(1, P));
  const ownerMap: ReadonlyMap<number, number> = new Map(range(1, B).map((b) => [b, owner(L, b)]));

  return {
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
      get: (s) => sentIn<number>(W, viewRecords, s.msgs, 0, codec.off1b),
    },
    msgs1b: {
      type: { kind: 'set', elem: rec({ acc: ACC, b: INT, vbal: INT, v: INT }) },
      description: '1b messages sent: acc promised b, reporting its last vote (vbal, v)',
      get: (s) => sentIn(W, viewRecords, s.msgs, codec.off1b, codec.off2a),
    },
    msgs2a: {
      type: { kind: 'set', elem: rec({ b: INT, v: INT }) },
      description: '2a messages sent: accept v in ballot b',
      get: (s) => sentIn(W, viewRecords, s.msgs, codec.off2a, codec.off2b),
    },
    sent2b: {
      type: { kind: 'set', elem: rec({ acc: ACC, b: INT, v: INT }) },
      description: '2b messages sent: acc accepted v in ballot b',
      get: (s) => sentIn(W, viewRecords, s.msgs, codec.off2b, codec.size),
    },
    votes: {
      type: { kind: 'map', key: ACC, value: { kind: 'set', elem: rec({ b: INT, v: INT }) } },
      description: 'acceptor -> the (ballot, value) pairs it voted for (sent 2b)',
      get: (s) => {
        const byAcc = allAcceptors.map((): { b: number; v: number }[] => []);
        eachSent(W, s.msgs, codec.off2b, codec.size, (i) => byAcc[aOf[i]].push(voteRecords[i]!));
        return new Map(byAcc.map((vs, a) => [a, vs]));
      },
    },
    chosen: {
      type: { kind: 'set', elem: INT },
      description: 'values accepted by a majority of acceptors in one ballot',
      get: (s) => {
        const m = chosen(s.msgs);
        const out: number[] = [];
        for (let v = 1; v <= P; v++) if ((m >>> v) & 1) out.push(v);
        return out;
      },
    },
    proposed: {
      type: { kind: 'set', elem: INT },
      description: 'values proposed in some 2a message',
      get: (s) => {
        let mask = 0;
        eachSent(W, s.msgs, codec.off2a, codec.off2b, (i) => (mask |= 1 << vOf[i]));
        return allValues.filter((v) => (mask >>> v) & 1);
      },
    },
    started: {
      type: { kind: 'set', elem: INT },
      description: 'values whose proposer sent 1a for a ballot it owns',
      get: (s) => {
        const m = started(s.msgs);
        return range(1, P).filter((v) => (m >>> v) & 1);
      },
    },
  };
}
