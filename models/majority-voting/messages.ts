// The majority-voting register's messages, each packed into one small integer so the network is a sorted
// array of numbers (canonical, cheap to encode). Four kinds, each point to point:
//   query(from client, to replica)                    phase 1 of a read or a write: what do you hold?
//   reply(from replica, to client, ver, val)          the replica's version and value
//   store(from client, to replica, op, ver, val)      phase 2: keep (ver, val) if newer than yours
//   ack(from replica, to client)                      done (sent only while the store's operation waits for it)
// A store names its client's operation (`op`, numbered from 0) so a late store, arriving after its
// operation returned, is applied but not acknowledged: the client would ignore that ack. The other kinds
// need no such tag: when a client moves on, its queries, replies and acks still in flight are dropped.

import type { MessageLabel } from '../../checker/index.ts';

export const QUERY = 0;
export const REPLY = 1;
export const STORE = 2;
export const ACK = 3;
const TYPES = ['query', 'reply', 'store', 'ack'] as const;

// Bit layout: kind 2 bits, replica 3, client 2, op 2, version 4, value 4.
export const pack = (kind: number, replica: number, client: number, op: number, ver: number, val: number): number =>
  kind | (replica << 2) | (client << 5) | (op << 7) | (ver << 9) | (val << 13);
export const kindOf = (m: number) => m & 3;
export const replicaOf = (m: number) => (m >>> 2) & 7;
export const clientOf = (m: number) => (m >>> 5) & 3;
export const opOf = (m: number) => (m >>> 7) & 3;
export const verOf = (m: number) => (m >>> 9) & 15;
export const valOf = (m: number) => (m >>> 13) & 15;
/** Largest version and value the layout holds. */
export const MAX_VERSION = 15;

export const replicaName = (r: number) => `r${r + 1}`;
export const clientName = (c: number) => `c${c + 1}`;

/**
 * The message as traces print it: `store(from=c1, to=r2, seq=c1.1, ver=1, val=1)`. `seq` names the
 * client's operation the message belongs to (`c1.1`: c1's first): a store carries it, and the other
 * kinds in flight always belong to their client's current operation, `op` (from 0), which the caller
 * passes. It tells the sequence chart that a replica's replies to two operations are two requests
 * answered, not one message sent two ways.
 */
export function messageLabel(m: number, op: number): MessageLabel {
  const r = replicaName(replicaOf(m));
  const c = clientName(clientOf(m));
  const seq = `${c}.${(kindOf(m) === STORE ? opOf(m) : op) + 1}`;
  switch (kindOf(m)) {
    case QUERY:
      return { type: TYPES[QUERY], from: c, to: r, seq };
    case REPLY:
      return { type: TYPES[REPLY], from: r, to: c, seq, ver: verOf(m), val: valOf(m) };
    case STORE:
      return { type: TYPES[STORE], from: c, to: r, seq, ver: verOf(m), val: valOf(m) };
    default:
      return { type: TYPES[ACK], from: r, to: c, seq };
  }
}

/** `net` with `m` added, kept sorted (a message is never in flight twice: each is sent once). */
export function sendAll(net: readonly number[], ms: readonly number[]): number[] {
  const out = net.concat(ms);
  out.sort((a, b) => a - b);
  return out;
}

/** `net` without the message at `i`. */
export const without = (net: readonly number[], i: number): number[] => net.slice(0, i).concat(net.slice(i + 1));
