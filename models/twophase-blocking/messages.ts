// The messages of models/twophase-blocking.ts: a finite universe laid out as index ranges, so the network
// is a bitset (models/lib/network.ts, 'set' semantics: a sent message stays sent, receiving does not remove
// it, so duplication and reordering are covered and the state space stays finite). This file only numbers
// messages and prints them; which process may send or receive what is the model's business.

import type { MessageLabel } from '../../checker/model.ts';
import type { MessageCodec } from '../lib/network.ts';

/** Outcomes: a decision value, or what an acceptor accepted. */
export const COMMIT = 0;
export const ABORT = 1;
export const OUTCOME = ['commit', 'abort'] as const;

export const rmName = (i: number) => `r${i + 1}`;
export const accName = (k: number) => `a${k + 1}`;

/**
 * A message, by kind:
 *   prepared  Prepared(from ri, to TM)
 *   decision  Commit/Abort(from TM or rk, to ri): the TM's decision, or a cooperating participant's answer
 *   ask       cooperative: Ask(from ri), to every other participant; Paxos Commit: Help(from ri, to B)
 *   p2a0      2a(b=0, v, from TM), to every acceptor: the TM's decision, for the acceptors to record
 *   p1a       1a(b=1, from B), to every acceptor: the backup takes over
 *   p1b       1b(from ak, to B), reporting what ak accepted at ballot 0 (report 0: nothing, 1 + v: v)
 *   p2a1      2a(b=1, v, from B), to every acceptor
 *   p2b       2b(from ak, b, v), to every participant: ak recorded v at ballot b
 */
export type CommitMessage =
  | { readonly kind: 'prepared'; readonly rm: number }
  | { readonly kind: 'decision'; readonly from: number; readonly to: number; readonly v: number }
  | { readonly kind: 'ask'; readonly rm: number }
  | { readonly kind: 'p2a0'; readonly v: number }
  | { readonly kind: 'p1a' }
  | { readonly kind: 'p1b'; readonly acc: number; readonly report: number }
  | { readonly kind: 'p2a1'; readonly v: number }
  | { readonly kind: 'p2b'; readonly acc: number; readonly b: number; readonly v: number };

/** Index layout: the start of each range, for `n` participants and `a` acceptors. `from` of a decision: 0 the TM, 1 + k participant rk. */
export class CommitMessages implements MessageCodec<CommitMessage> {
  readonly prepared = 0;
  readonly decision: number;
  readonly ask: number;
  readonly p2a0: number;
  readonly p1a: number;
  readonly p1b: number;
  readonly p2a1: number;
  readonly p2b: number;
  readonly size: number;

  constructor(
    readonly n: number,
    readonly a: number,
    /** Paxos Commit's names: an `ask` is a Help to the backup. */
    readonly paxos: boolean,
  ) {
    this.decision = n;
    this.ask = this.decision + (n + 1) * n * 2;
    this.p2a0 = this.ask + n;
    this.p1a = this.p2a0 + (a > 0 ? 2 : 0);
    this.p1b = this.p1a + 1;
    this.p2a1 = this.p1b + a * 3;
    this.p2b = this.p2a1 + 2;
    this.size = this.p2b + a * 4;
  }

  decisionIndex(from: number, to: number, v: number): number {
    return this.decision + (from * this.n + to) * 2 + v;
  }
  p1bIndex(acc: number, report: number): number {
    return this.p1b + acc * 3 + report;
  }
  p2bIndex(acc: number, b: number, v: number): number {
    return this.p2b + acc * 4 + b * 2 + v;
  }

  index(m: CommitMessage): number {
    switch (m.kind) {
      case 'prepared':
        return this.prepared + m.rm;
      case 'decision':
        return this.decisionIndex(m.from, m.to, m.v);
      case 'ask':
        return this.ask + m.rm;
      case 'p2a0':
        return this.p2a0 + m.v;
      case 'p1a':
        return this.p1a;
      case 'p1b':
        return this.p1bIndex(m.acc, m.report);
      case 'p2a1':
        return this.p2a1 + m.v;
      case 'p2b':
        return this.p2bIndex(m.acc, m.b, m.v);
    }
  }

  message(i: number): CommitMessage {
    if (i < this.decision) return { kind: 'prepared', rm: i };
    if (i < this.ask) {
      const j = i - this.decision;
      return { kind: 'decision', from: Math.floor(j / (2 * this.n)), to: Math.floor(j / 2) % this.n, v: j % 2 };
    }
    if (i < this.p2a0) return { kind: 'ask', rm: i - this.ask };
    if (i < this.p1a) return { kind: 'p2a0', v: i - this.p2a0 };
    if (i < this.p1b) return { kind: 'p1a' };
    if (i < this.p2a1) return { kind: 'p1b', acc: Math.floor((i - this.p1b) / 3), report: (i - this.p1b) % 3 };
    if (i < this.p2b) return { kind: 'p2a1', v: i - this.p2a1 };
    const j = i - this.p2b;
    return { kind: 'p2b', acc: Math.floor(j / 4), b: Math.floor(j / 2) % 2, v: j % 2 };
  }

  /** The message as traces print it (the same fields in action labels and in the shown network). */
  label(m: CommitMessage): MessageLabel {
    switch (m.kind) {
      case 'prepared':
        return { type: 'Prepared', from: rmName(m.rm), to: 'TM' };
      case 'decision':
        return { type: m.v === COMMIT ? 'Commit' : 'Abort', from: m.from === 0 ? 'TM' : rmName(m.from - 1), to: rmName(m.to) };
      case 'ask':
        return this.paxos ? { type: 'Help', from: rmName(m.rm), to: 'B' } : { type: 'Ask', from: rmName(m.rm) };
      case 'p2a0':
        return { type: '2a', b: 0, v: OUTCOME[m.v], from: 'TM' };
      case 'p1a':
        return { type: '1a', b: 1, from: 'B' };
      case 'p1b':
        return m.report === 0 ? { type: '1b', b: 1, from: accName(m.acc), to: 'B', vbal: null, v: null } : { type: '1b', b: 1, from: accName(m.acc), to: 'B', vbal: 0, v: OUTCOME[m.report - 1] };
      case 'p2a1':
        return { type: '2a', b: 1, v: OUTCOME[m.v], from: 'B' };
      case 'p2b':
        return { type: '2b', b: m.b, v: OUTCOME[m.v], from: accName(m.acc) };
    }
  }
}
