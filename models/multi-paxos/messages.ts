// The message universe of the Multi-Paxos model (models/multi-paxos.ts): every message an instance can
// ever send, numbered 0..size-1 (a message's number is its bit in the state's set of sent messages), and
// each message's label as traces print it.
//
// Numbering for A acceptors, P proposers, S slots, ballots 1..B (acceptor a 0-based, commands 1..P):
//   1a(b)                    b-1                                     one per ballot, for every slot at once
//   1b(a, b, votes)          then per (a, b) one number per vote vector: slot i's vote is 0 (none) or
//                            (vbal-1)*P + v with vbal < b (an acceptor promising b has voted below b only),
//                            so R = 1 + (b-1)*P codes per slot and R^S vectors, read in base R, slot 1 first
//   2a(b, i, v, c)           then ((b-1)*S + i-1)*P*(P+1) + (v-1)*(P+1) + c; c is the command of slot i-1
//                            whose decision the 2a carries (0: none; always 0 for slot 1)
//   2b(a, b, i, v)           then ((a*B + b-1)*S + i-1)*P + v-1
//   commit(b, i, v)          then ((b-1)*S + i-1)*P + v-1
// so each type is one contiguous range, in the order 1a 1b 2a 2b commit that `show` lists them in.
//
// Labels name sender and addressee (`from`, `to`; `to=acceptors` is one copy to every acceptor) and the
// slot, so a run's messages can be counted per recipient from its action labels alone.

import type { MessageLabel } from '../../checker/model.ts';

export const M1A = 0;
export const M1B = 1;
export const M2A = 2;
export const M2B = 3;
export const MCOMMIT = 4;

export const accName = (a: number): string => `a${a + 1}`;
/** Proposers are numbered 1..P, as their commands are. */
export const propName = (p: number): string => `p${p}`;
const LETTERS = 'xyzw';
/** Command v (proposer v's client's command) for slot i: x1 is p1's command for slot 1, y2 p2's for slot 2. */
export const cmdName = (v: number, slot: number): string => `${LETTERS[v - 1]}${slot}`;
/** The most proposers the command names have letters for. */
export const MAX_PROPOSERS = LETTERS.length;
/** The addressee of a message sent to every acceptor. */
export const ALL_ACCEPTORS = 'acceptors';

/** A message of the universe. Fields a type does not have are 0 (acc -1). */
export interface MPMessage {
  readonly kind: number;
  /** 1b, 2b: the sending acceptor, 0-based; else -1. */
  readonly acc: number;
  readonly b: number;
  /** 2a, 2b, commit: the slot, 1..S; else 0. */
  readonly slot: number;
  /** 2a, 2b, commit: the command, 1..P; else 0. */
  readonly v: number;
  /** 2a: the command of slot-1 whose decision it carries, 0 for none. */
  readonly commit: number;
  /** 1b: per slot, the vote code (0 none, else (vbal-1)*P + v). */
  readonly votes: readonly number[];
  readonly shown: MessageLabel;
}

export interface Universe {
  readonly size: number;
  readonly messages: readonly MPMessage[];
  readonly off1b: number;
  readonly off2a: number;
  readonly off2b: number;
  readonly offCommit: number;
  idx1a(b: number): number;
  /** The 1b of acceptor a for ballot b reporting vote codes `votes` (one per slot). */
  idx1b(a: number, b: number, votes: ArrayLike<number>): number;
  idx2a(b: number, slot: number, v: number, commit: number): number;
  idx2b(a: number, b: number, slot: number, v: number): number;
  idxCommit(b: number, slot: number, v: number): number;
}

/** The owner of ballot b: proposer ((b-1) % P) + 1. */
export const ownerOf = (P: number, b: number): number => ((b - 1) % P) + 1;

/** A vote code's ballot and command (code 0: none). */
export const voteBallot = (P: number, code: number): number => (code === 0 ? 0 : Math.floor((code - 1) / P) + 1);
export const voteValue = (P: number, code: number): number => (code === 0 ? 0 : ((code - 1) % P) + 1);
export const voteCode = (P: number, vbal: number, v: number): number => (vbal === 0 ? 0 : (vbal - 1) * P + v);
/** A vote as shown: `x1@b1` (x1 accepted in ballot 1), `-` for none. */
export const showVote = (P: number, code: number, slot: number): string => (code === 0 ? '-' : `${cmdName(voteValue(P, code), slot)}@b${voteBallot(P, code)}`);

/** The number of messages in the universe (the layout above), computed without building it. */
export function universeSize(A: number, P: number, S: number, B: number): number {
  let span1b = 0;
  for (let b = 1; b <= B; b++) span1b += (1 + (b - 1) * P) ** S;
  return B + A * span1b + B * S * P * (P + 1) + A * B * S * P + B * S * P;
}

/** The most messages an instance may have: each is an object made when the instance is. */
export const MAX_UNIVERSE = 100_000;

export function universe(A: number, P: number, S: number, B: number): Universe {
  const radix = (b: number) => 1 + (b - 1) * P;
  const span1bBallot = (b: number) => radix(b) ** S;
  const start1b: number[] = [0]; // numbers of one acceptor's 1b for ballots below b, at [b]
  for (let b = 1; b <= B; b++) start1b[b] = (b === 1 ? 0 : start1b[b - 1] + span1bBallot(b - 1));
  const span1b = start1b[B] + span1bBallot(B);
  const off1b = B;
  const off2a = off1b + A * span1b;
  const off2b = off2a + B * S * P * (P + 1);
  const offCommit = off2b + A * B * S * P;
  const size = offCommit + B * S * P;

  const idx1a = (b: number) => b - 1;
  const idx1b = (a: number, b: number, votes: ArrayLike<number>) => {
    let code = 0;
    const r = radix(b);
    for (let i = 0; i < S; i++) code = code * r + votes[i];
    return off1b + a * span1b + start1b[b] + code;
  };
  const idx2a = (b: number, slot: number, v: number, commit: number) => off2a + ((b - 1) * S + slot - 1) * P * (P + 1) + (v - 1) * (P + 1) + commit;
  const idx2b = (a: number, b: number, slot: number, v: number) => off2b + ((a * B + b - 1) * S + slot - 1) * P + v - 1;
  const idxCommit = (b: number, slot: number, v: number) => offCommit + ((b - 1) * S + slot - 1) * P + v - 1;

  const messages: MPMessage[] = new Array(size);
  const put = (i: number, m: Omit<MPMessage, 'shown'>, shown: MessageLabel) => {
    if (messages[i] !== undefined) throw new Error(`multi-paxos universe: message number ${i} given twice`);
    messages[i] = { ...m, shown: Object.freeze(shown) };
  };
  for (let b = 1; b <= B; b++) {
    const from = propName(ownerOf(P, b));
    put(idx1a(b), { kind: M1A, acc: -1, b, slot: 0, v: 0, commit: 0, votes: [] }, { type: '1a', from, to: ALL_ACCEPTORS, b });
    for (let a = 0; a < A; a++) {
      for (let code = 0; code < span1bBallot(b); code++) {
        const votes = new Array<number>(S);
        for (let i = S - 1, c = code; i >= 0; i--, c = Math.floor(c / radix(b))) votes[i] = c % radix(b);
        const shownVotes = votes.map((x, i) => showVote(P, x, i + 1)).join(' ');
        put(idx1b(a, b, votes), { kind: M1B, acc: a, b, slot: 0, v: 0, commit: 0, votes }, { type: '1b', from: accName(a), to: from, b, votes: shownVotes });
      }
    }
    for (let slot = 1; slot <= S; slot++) {
      for (let v = 1; v <= P; v++) {
        const cmd = cmdName(v, slot);
        for (let c = 0; c <= P; c++) {
          const shown: MessageLabel = c === 0 ? { type: '2a', from, to: ALL_ACCEPTORS, b, slot, cmd } : { type: '2a', from, to: ALL_ACCEPTORS, b, slot, cmd, commit: cmdName(c, slot - 1) };
          put(idx2a(b, slot, v, c), { kind: M2A, acc: -1, b, slot, v, commit: c, votes: [] }, shown);
        }
        for (let a = 0; a < A; a++) put(idx2b(a, b, slot, v), { kind: M2B, acc: a, b, slot, v, commit: 0, votes: [] }, { type: '2b', from: accName(a), to: from, b, slot, cmd });
        put(idxCommit(b, slot, v), { kind: MCOMMIT, acc: -1, b, slot, v, commit: 0, votes: [] }, { type: 'commit', from, to: ALL_ACCEPTORS, b, slot, cmd });
      }
    }
  }
  for (let i = 0; i < size; i++) if (messages[i] === undefined) throw new Error(`multi-paxos universe: no message numbered ${i}`);
  return { size, messages, off1b, off2a, off2b, offCommit, idx1a, idx1b, idx2a, idx2b, idxCommit };
}
