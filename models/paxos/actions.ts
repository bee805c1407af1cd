// The Paxos model's actions (models/paxos.ts): next() as Lamport's four actions, Phase1a, Phase1b, Phase2a
// and Phase2b, and the variants' deviations from them as named rules (`Rules`, `promiseAllows`, the
// quorums Phase2a may use).
//
// Successor order is part of the model: traces are stored and replayed by successor index, and the golden
// traces and committed counterexamples depend on it. It is Phase1a by ballot, Phase1b by acceptor then
// ballot, Phase2a by ballot then quorum (smallest quorums first), Phase2b by ballot then acceptor.
//
// Speed: this is the benchmark's hot path (26 million successors for the peers' configuration). Each call
// first reads the message set once into small per-ballot scratch tables, and the actions read those. At most
// one 2a per ballot and one 1b per (acceptor, ballot) can ever be sent (Phase2a's guard; maxBal only grows),
// also in the variants, so one table slot per ballot suffices. Labels are immutable objects made once per
// action instance and shared by every successor; a step that changes nothing returns its parent object
// (the search counts it without encoding it).
//
// Why next() is one closure made per instance by `paxosNext`, with the four actions as commented sections of
// its body rather than functions of their own (measured against the single-closure model this file was
// split from: `clab check paxos --const maxBallot=4`, interleaved runs on a shared two-core machine, medians;
// and next() alone on every state of A3 P2 B3):
//   - top-level functions reading the instance's tables from a parameter object: the check took 16% longer
//     (next() 10%, the invariants 20%). V8 compiles a closure created only once against its enclosing
//     constants (A, B, the tables), so loop bounds and table addresses become constants in the machine
//     code; a parameter object gives it no such constants;
//   - the four actions as closures of their own, called from next(): the check took 4-5% longer (next()
//     about 8%). V8 does not inline all four into next(), and each call sets up and re-reads the state.
// Likewise the helpers imported from layout.ts are bound to local constants before the hot loops use them:
// calling `has` through its import binding cost the invariants 15% (see invariants.ts).

import type { Action, Step } from '../../checker/model.ts';
import { K1A, K1B, K2A, accName, propName } from './messages.ts';
import { has as hasBit, owner as ownerOf, popcount as popcountOf, type PaxosLayout, type PaxosState } from './layout.ts';

/** How a variant changes the actions (the variants are described in models/paxos.ts). */
export interface Rules {
  /** ignore-accepted: Phase2a proposes owner(b)'s own value whatever votes the 1b messages report. */
  readonly ignoreAccepted: boolean;
  /** accept-below-promise: Phase2b accepts 2a(b, v) even when b < maxBal[a] (see promiseAllows). */
  readonly acceptBelowPromise: boolean;
  /** Least number of 1b senders Phase2a needs: a majority, or floor(N/2) (at least 1) in minority-quorum. */
  readonly quorumSize: number;
}

export function rulesOf(variant: string | undefined, A: number): Rules {
  return {
    ignoreAccepted: variant === 'ignore-accepted',
    acceptBelowPromise: variant === 'accept-below-promise',
    quorumSize: variant === 'minority-quorum' ? Math.max(1, Math.floor(A / 2)) : Math.floor(A / 2) + 1,
  };
}

/**
 * Phase2a's quorums: every set of at least `size` of the A acceptors as a bitmask, smallest first. Not only
 * the minimal ones, so the model is right for any A; supersets add successors but never states.
 */
function quorumsOf(A: number, size: number): number[] {
  const quorums: number[] = [];
  for (let q = 1; q < 1 << A; q++) if (popcountOf(q) >= size) quorums.push(q);
  return quorums.sort((x, y) => popcountOf(x) - popcountOf(y) || x - y);
}

/** next() for one instance: the tables it reads, built once, and the four actions over them. */
export function paxosNext(L: PaxosLayout, rules: Rules): (s: PaxosState) => Step<PaxosState>[] {
  const { A, B, P, W, codec, net, messages, shown, kindOf, bOf, aOf, vbalOf, vOf } = L;
  const { ignoreAccepted, acceptBelowPromise, quorumSize } = rules;
  const has = hasBit;
  const popcount = popcountOf;
  const owner = ownerOf;
  const quorums = quorumsOf(A, quorumSize);
  const quorumMembers = quorums.map((q) => Array.from({ length: A }, (_, a) => a).filter((a) => (q >>> a) & 1));
  const NQ = quorums.length;

  // Labels, one immutable object per action instance: 1a by ballot, 1b and 2b by message index. Each label
  // also lists the messages the step acted on (`received`), so sequence charts can draw an arrow from the
  // sender: a 1b answers a 1a, a 2a answers its quorum's 1b messages, a 2b answers a 2a. Labels carry the
  // same message objects as `show`, so a label and the message in the state compare equal.
  const label1a: Action[] = [];
  for (let b = 1; b <= B; b++) label1a[b] = { actor: propName(owner(L, b)), kind: 'sends', message: shown[b - 1] };
  const label1b: Action[] = [];
  const label2b: Action[] = [];
  messages.forEach((m, i) => {
    if (m.type === '1b') label1b[i] = { actor: accName(m.acc), kind: 'promises, sends', message: shown[i], received: [shown[m.b - 1]] };
    if (m.type === '2b') label2b[i] = { actor: accName(m.acc), kind: 'accepts, sends', message: shown[i], received: [shown[codec.idx2a(m.b, m.v)]] };
  });
  // Phase2a labels, made on first use, per (ballot, quorum) at [b * NQ + qi], then by the key phase2aLabel
  // documents.
  const label2a: Map<number, Action>[] = Array.from({ length: (B + 1) * NQ }, () => new Map());
  const SLOTS = 1 + (B - 1) * P; // 1b slots of one (acceptor, ballot): the base of that key

  // Scratch tables, filled from the message set at the start of every next() call (next() is not
  // re-entrant, so it stays pure).
  const sent1a = new Uint8Array(B + 1); // 1a(b) sent
  const val2a = new Uint8Array(B + 1); // value of the 2a for b, 0 if none
  const have1b = new Int32Array(B + 1); // bitmask of acceptors that sent a 1b for b
  const oneB = new Int32Array(A * (B + 1)); // [a*(B+1) + b] -> index of a's 1b for b
  const first1b = new Int32Array(A * (B + 1)); // [a*(B+1) + b] -> index of 1b(a, b, 0, 0), a's first slot for b
  for (let a = 0; a < A; a++) for (let b = 1; b <= B; b++) first1b[a * (B + 1) + b] = codec.idx1b(a, b, 0, 0);

  /**
   * Phase2a(b, Q)'s label, which names the 1b messages it answers: made on first use and then reused. It is
   * looked up per (ballot, quorum) by `key`, the members' 1b slots (each < SLOTS) in base SLOTS, of which
   * the value v is a function, so no per-successor array or string is built.
   */
  function phase2aLabel(b: number, qi: number, key: number, v: number): Action {
    const cache = label2a[b * NQ + qi];
    let l = cache.get(key);
    if (!l) {
      const mem = quorumMembers[qi];
      l = {
        actor: propName(owner(L, b)),
        kind: 'sends',
        message: shown[codec.idx2a(b, v)],
        detail: `after 1b from ${mem.map(accName).join(', ')}`,
        received: mem.map((a) => shown[oneB[a * (B + 1) + b]]),
      };
      cache.set(key, l);
    }
    return l;
  }

  /** Phase2b's promise check, b >= maxBal[a]; accept-below-promise drops it (the acceptor still never lowers maxBal). */
  const promiseAllows = (b: number, promised: number): boolean => b >= promised || acceptBelowPromise;

  /** Every labelled successor of `s`, in the order the header comment gives. */
  return function next(s) {
    const out: Step<PaxosState>[] = [];
    const { maxBal, maxVBal, maxVal, msgs } = s;

    // Read the message set into the scratch tables: the 1a sent, each ballot's 2a value, each ballot's 1b.
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

    // Phase1a(b): send 1a(b). Unguarded, as in Paxos.tla: re-sending is a self-loop, kept as one successor.
    for (let b = 1; b <= B; b++) {
      out.push({ action: label1a[b], state: sent1a[b] ? s : { maxBal, maxVBal, maxVal, msgs: net.sendIndex(msgs, b - 1) } });
    }

    // Phase1b(a, b): on 1a(b) with b > maxBal[a], a promises b (maxBal[a] := b) and reports its last vote
    // in 1b(a, b, maxVBal[a], maxVal[a]).
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

    // Phase2a(b, Q): no 2a for b sent yet and every member of quorum Q sent a 1b for b: send 2a(b, v), v the
    // value of the highest-ballot vote the members' 1b report (the first member's among equal ballots: one 2a
    // per ballot makes them agree), or owner(b)'s own value when none of them has voted. ignore-accepted
    // always proposes the owner's value. The same pass over the members builds phase2aLabel's key.
    for (let b = 1; b <= B; b++) {
      if (val2a[b] !== 0) continue;
      const h = have1b[b];
      if (popcount(h) < quorumSize) continue;
      for (let qi = 0; qi < NQ; qi++) {
        const q = quorums[qi];
        if ((q & h) !== q) continue;
        let v = owner(L, b);
        let top = 0;
        let key = 0;
        const mem = quorumMembers[qi];
        for (let k = 0; k < mem.length; k++) {
          const j = mem[k] * (B + 1) + b;
          const i = oneB[j];
          key = key * SLOTS + (i - first1b[j]);
          if (!ignoreAccepted && vbalOf[i] > top) {
            top = vbalOf[i];
            v = vOf[i];
          }
        }
        out.push({ action: phase2aLabel(b, qi, key, v), state: { maxBal, maxVBal, maxVal, msgs: net.sendIndex(msgs, codec.idx2a(b, v)) } });
      }
    }

    // Phase2b(a, b): on 2a(b, v), if the promise allows it, a votes: maxBal[a] := max(maxBal[a], b),
    // maxVBal[a] := b, maxVal[a] := v, send 2b(a, b, v). Unguarded like Paxos.tla: re-accepting is a
    // self-loop, kept.
    for (let b = 1; b <= B; b++) {
      const v = val2a[b];
      if (v === 0) continue;
      for (let a = 0; a < A; a++) {
        if (!promiseAllows(b, maxBal[a])) continue;
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
  };
}
