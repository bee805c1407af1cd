// The message universe of the Fast Paxos model (models/fast-paxos.ts): the five message types, the table
// numbering every message one instance can send (a message's number is its bit in the state's message
// set), and how each is shown in traces and labels.
//
//   propose(v)             client c_v to the coordinator and every acceptor (one broadcast)
//   1a(r)                  coordinator to every acceptor, rounds 2..R (round 1 has no phase 1: see the model)
//   1b(a, r, vround, v)    acceptor a to the coordinator: a's last vote (round vround < r, value v; 0 0 if none)
//   2a(r, v)               coordinator to every acceptor: v a value, or 0 for "any" (fast rounds only)
//   2b(a, r, v)            acceptor a to the learners: a votes v in round r
// Messages are numbered in that order (type, then round, then acceptor and value), so `show` lists them by
// type. Labels name the sender (`from`) and the addressees (`to`: a process or the group broadcast to), so
// a cost report can count messages per recipient and follow the message delays of a run.

import type { MessageLabel } from '../../checker/model.ts';
import { listCodec, type MessageCodec } from '../lib/network.ts';

export const PROPOSE = 0;
export const M1A = 1;
export const M1B = 2;
export const M2A = 3;
export const M2B = 4;

/** A message: t is the type (PROPOSE..M2B); a the 0-based acceptor, r the round, vr the vote's round, v a value (0: none, or "any" in a 2a). */
export interface FastMessage {
  readonly t: number;
  readonly a: number;
  readonly r: number;
  readonly vr: number;
  readonly v: number;
}

export const COORD = 'coord';
export const accName = (a: number) => `a${a + 1}`;
export const clientName = (v: number) => `c${v}`;

/** The message's index tables for one instance; -1 where a message cannot exist. */
export interface FastMessages {
  readonly codec: MessageCodec<FastMessage>;
  readonly all: readonly FastMessage[];
  /** As traces show each message (labels reuse these objects, so a label and the shown state compare equal). */
  readonly shown: readonly MessageLabel[];
  readonly propose: readonly number[]; // [v]
  readonly m1a: readonly number[]; // [r]
  /** [(a * (R + 1) + r) * (R * (V + 1)) + vr * (V + 1) + v] */
  readonly m1b: Int32Array;
  readonly m2a: readonly (readonly number[])[]; // [r][v], v = 0 is "any"
  readonly m2b: readonly (readonly (readonly number[])[])[]; // [a][r][v]
  /** Index into m1b for (a, r, vr, v). */
  key1b(a: number, r: number, vr: number, v: number): number;
}

/** Every message an instance with A acceptors, V values and rounds 1..R (isFast says which are fast) can send. */
export function fastMessages(A: number, V: number, R: number, isFast: (r: number) => boolean): FastMessages {
  const all: FastMessage[] = [];
  const add = (t: number, a: number, r: number, vr: number, v: number) => all.push({ t, a, r, vr, v }) - 1;
  const propose = [-1];
  for (let v = 1; v <= V; v++) propose.push(add(PROPOSE, 0, 0, 0, v));
  const m1a = [-1, -1];
  for (let r = 2; r <= R; r++) m1a.push(add(M1A, 0, r, 0, 0));
  const key1b = (a: number, r: number, vr: number, v: number) => (a * (R + 1) + r) * (R * (V + 1)) + vr * (V + 1) + v;
  const m1b = new Int32Array(A * (R + 1) * R * (V + 1)).fill(-1);
  for (let r = 2; r <= R; r++) {
    for (let a = 0; a < A; a++) {
      m1b[key1b(a, r, 0, 0)] = add(M1B, a, r, 0, 0);
      for (let vr = 1; vr < r; vr++) for (let v = 1; v <= V; v++) m1b[key1b(a, r, vr, v)] = add(M1B, a, r, vr, v);
    }
  }
  const m2a: number[][] = [[]];
  for (let r = 1; r <= R; r++) {
    const row = [isFast(r) ? add(M2A, 0, r, 0, 0) : -1];
    for (let v = 1; v <= V; v++) row.push(add(M2A, 0, r, 0, v));
    m2a.push(row);
  }
  const m2b: number[][][] = [];
  for (let a = 0; a < A; a++) {
    const rows: number[][] = [[]];
    for (let r = 1; r <= R; r++) {
      const row = [-1];
      for (let v = 1; v <= V; v++) row.push(add(M2B, a, r, 0, v));
      rows.push(row);
    }
    m2b.push(rows);
  }
  const codec = listCodec(all, (m) => `${m.t}/${m.a}/${m.r}/${m.vr}/${m.v}`);
  return { codec, all, shown: all.map(showMessage), propose, m1a, m1b, m2a, m2b, key1b };
}

/** A message as traces show it: its type, sender, addressees and fields. */
export function showMessage(m: FastMessage): MessageLabel {
  switch (m.t) {
    case PROPOSE:
      return { type: 'propose', from: clientName(m.v), to: 'coord+acceptors', v: m.v };
    case M1A:
      return { type: '1a', from: COORD, to: 'acceptors', round: m.r };
    case M1B:
      return { type: '1b', from: accName(m.a), to: COORD, round: m.r, vround: m.vr, v: m.v };
    case M2A:
      return { type: '2a', from: COORD, to: 'acceptors', round: m.r, v: m.v === 0 ? 'any' : m.v };
    default:
      return { type: '2b', from: accName(m.a), to: 'learners', round: m.r, v: m.v };
  }
}
