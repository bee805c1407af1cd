// The Multi-Paxos model's actions (models/multi-paxos.ts says what each does and why): next() as six
// actions, in this order, which is the successor order traces are stored and replayed by:
//   start    proposer p (by p) starts a ballot b it owns above the one it runs (by b): sends 1a(b)
//   promise  acceptor a promises b (by 1a ballot, then a): sends 1b(a, b, its vote in every slot)
//   lead     p, in phase 1 of b, reads the 1b of a quorum (smallest quorums first) and plans every slot
//   propose  leading p sends the 2a for its next slot (by p) once the slot before is decided, carrying
//            that decision when piggybacking
//   accept   acceptor a accepts a 2a (by message number, then a): sends 2b to the 2a's leader
//   commit   leading p sends a decision notice of its own for a decided slot (by p, then slot)
// Receiving never removes a message (the network is the set of sent messages), so every receive step has
// a guard that makes it take effect once: no step leaves its state unchanged.

import type { Action, MessageLabel, Step } from '../../checker/model.ts';
import { accName, cmdName, M1A, M1B, M2A, M2B, MCOMMIT, ownerOf, propName, voteBallot, voteCode, voteValue } from './messages.ts';
import { IDLE, LEADING, PHASE1, type Layout, type MultiPaxosState } from './state.ts';

/** How a variant (or the `piggyback` constant) changes the actions. */
export interface Rules {
  /** skip-phase1: a proposer starting a ballot above 1 leads at once, proposing its own commands. */
  readonly skipPhase1: boolean;
  /** no-repropose: after phase 1 a leader plans its own commands, ignoring the votes the 1b report. */
  readonly noRepropose: boolean;
  /** Decisions travel on the next slot's 2a when they can (else in a separate commit message). */
  readonly piggyback: boolean;
}

const popcount = (x: number): number => {
  let n = 0;
  for (let y = x; y; y &= y - 1) n++;
  return n;
};

/** Every set of at least `size` of the A acceptors, as a bitmask, smallest first. */
export function quorumsOf(A: number, size: number): number[] {
  const qs: number[] = [];
  for (let q = 1; q < 1 << A; q++) if (popcount(q) >= size) qs.push(q);
  return qs.sort((x, y) => popcount(x) - popcount(y) || x - y);
}

export function multiPaxosNext(L: Layout, rules: Rules): (s: MultiPaxosState) => Step<MultiPaxosState>[] {
  const { A, P, S, B, U, net } = L;
  const { skipPhase1, noRepropose, piggyback } = rules;
  const majority = Math.floor(A / 2) + 1;
  const quorums = quorumsOf(A, majority);
  const msgs = U.messages;
  const shown = msgs.map((m) => m.shown);

  // Labels made once per action instance where the label depends on the message alone.
  const startLabel: Action[] = [];
  for (let b = 1; b <= B; b++) {
    const actor = propName(ownerOf(P, b));
    startLabel[b] =
      skipPhase1 && b > 1
        ? { actor, kind: 'takes over', detail: `ballot ${b}, skipping phase 1: proposes its own commands` }
        : { actor, kind: 'sends', message: shown[U.idx1a(b)] };
  }
  const promiseLabel: Action[] = [];
  const acceptLabel: Action[] = [];
  msgs.forEach((m, i) => {
    if (m.kind === M1B) promiseLabel[i] = { actor: accName(m.acc), kind: 'promises, sends', message: shown[i], received: [shown[U.idx1a(m.b)]] };
  });
  /** Acceptor a's step accepting 2a number i. */
  const acceptAction = (a: number, i: number): Action => {
    const key = i * A + a;
    let l = acceptLabel[key];
    if (!l) {
      const m = msgs[i];
      l = { actor: accName(a), kind: 'accepts, sends', message: shown[U.idx2b(a, m.b, m.slot, m.v)], received: [shown[i]] };
      acceptLabel[key] = l;
    }
    return l;
  };
  /** The 2b messages sent for (b, slot) by the acceptors in `mask`, as labels (what a leader read). */
  const votesRead = (b: number, slot: number, v: number, mask: number): MessageLabel[] => {
    const out: MessageLabel[] = [];
    for (let a = 0; a < A; a++) if ((mask >>> a) & 1) out.push(shown[U.idx2b(a, b, slot, v)]);
    return out;
  };

  // Scratch tables, refilled from the message set at every call (next() is not re-entrant, so it stays pure).
  const sent1a = new Uint8Array(B + 1);
  const oneB = new Int32Array(A * (B + 1)); // [a*(B+1) + b] -> number of a's 1b for b, or -1
  const have1b = new Int32Array(B + 1); // bitmask of acceptors that sent a 1b for b
  const twoA = new Int32Array((B + 1) * (S + 2)); // [b*(S+2) + slot] -> number of the 2a for (b, slot), or -1
  const twoB = new Int32Array((B + 1) * (S + 2)); // bitmask of acceptors that sent a 2b for (b, slot)
  const committed = new Uint8Array((B + 1) * (S + 2)); // a commit for (b, slot) was sent
  const sent2a: number[] = [];
  const at = (b: number, slot: number) => b * (S + 2) + slot;

  const with1 = (xs: readonly number[], i: number, x: number): number[] => {
    const c = xs.slice();
    c[i] = x;
    return c;
  };

  return (s) => {
    sent1a.fill(0);
    oneB.fill(-1);
    have1b.fill(0);
    twoA.fill(-1);
    twoB.fill(0);
    committed.fill(0);
    sent2a.length = 0;
    for (const i of net.indices(s.msgs)) {
      const m = msgs[i];
      switch (m.kind) {
        case M1A:
          sent1a[m.b] = 1;
          break;
        case M1B:
          oneB[m.acc * (B + 1) + m.b] = i;
          have1b[m.b] |= 1 << m.acc;
          break;
        case M2A:
          twoA[at(m.b, m.slot)] = i;
          sent2a.push(i);
          break;
        case M2B:
          twoB[at(m.b, m.slot)] |= 1 << m.acc;
          break;
        case MCOMMIT:
          committed[at(m.b, m.slot)] = 1;
          break;
      }
    }
    const out: Step<MultiPaxosState>[] = [];
    const { maxBal, votes, bal, phase, plan } = s;

    // start: p begins a ballot it owns above the one it runs; with skip-phase1, a ballot above 1 leads at once.
    for (let p = 1; p <= P; p++) {
      for (let b = p; b <= B; b += P) {
        if (b <= bal[p - 1]) continue;
        if (skipPhase1 && b > 1) {
          const own = plan.slice();
          for (let i = 0; i < S; i++) own[(p - 1) * S + i] = p;
          out.push({ action: startLabel[b], state: { ...s, bal: with1(bal, p - 1, b), phase: with1(phase, p - 1, LEADING), plan: own } });
        } else {
          const cleared = plan.slice();
          for (let i = 0; i < S; i++) cleared[(p - 1) * S + i] = 0;
          out.push({ action: startLabel[b], state: { ...s, bal: with1(bal, p - 1, b), phase: with1(phase, p - 1, PHASE1), plan: cleared, msgs: net.sendIndex(s.msgs, U.idx1a(b)) } });
        }
      }
    }

    // promise: a promises b > maxBal[a] and reports its vote in every slot.
    for (let b = 1; b <= B; b++) {
      if (!sent1a[b]) continue;
      for (let a = 0; a < A; a++) {
        if (b <= maxBal[a]) continue;
        const i = U.idx1b(a, b, votes.slice(a * S, a * S + S));
        out.push({ action: promiseLabel[i], state: { ...s, maxBal: with1(maxBal, a, b), msgs: net.sendIndex(s.msgs, i) } });
      }
    }

    // lead: p, in phase 1 of b, has the 1b of quorum q: in each slot it will propose the command of the
    // highest-ballot vote reported there, or its own command where no vote is reported.
    for (let p = 1; p <= P; p++) {
      if (phase[p - 1] !== PHASE1) continue;
      const b = bal[p - 1];
      for (const q of quorums) {
        if ((have1b[b] & q) !== q) continue;
        const newPlan = plan.slice();
        const received: MessageLabel[] = [];
        const from: string[] = [];
        for (let slot = 1; slot <= S; slot++) {
          let top = 0;
          for (let a = 0; a < A; a++) {
            if (!((q >>> a) & 1)) continue;
            const code = msgs[oneB[a * (B + 1) + b]].votes[slot - 1];
            if (voteBallot(P, code) > voteBallot(P, top)) top = code;
          }
          newPlan[(p - 1) * S + slot - 1] = noRepropose || top === 0 ? p : voteValue(P, top);
        }
        for (let a = 0; a < A; a++) {
          if (!((q >>> a) & 1)) continue;
          received.push(shown[oneB[a * (B + 1) + b]]);
          from.push(accName(a));
        }
        const planned = Array.from({ length: S }, (_, k) => cmdName(newPlan[(p - 1) * S + k], k + 1)).join(' ');
        out.push({
          action: { actor: propName(p), kind: 'leads', detail: `ballot ${b} after 1b from ${from.join(', ')}: plan ${planned}`, received },
          state: { ...s, phase: with1(phase, p - 1, LEADING), plan: newPlan },
        });
      }
    }

    // propose: leading p sends the 2a for the lowest slot it has not proposed in yet, once the slot before
    // is decided (a majority's 2b for it are in: one command at a time); with piggybacking the 2a carries
    // that decision.
    for (let p = 1; p <= P; p++) {
      if (phase[p - 1] !== LEADING) continue;
      const b = bal[p - 1];
      let slot = 1;
      while (slot <= S && twoA[at(b, slot)] >= 0) slot++;
      if (slot > S || (slot > 1 && popcount(twoB[at(b, slot - 1)]) < majority)) continue;
      const v = plan[(p - 1) * S + slot - 1];
      if (piggyback && slot > 1) {
        const decided = msgs[twoA[at(b, slot - 1)]].v;
        const i = U.idx2a(b, slot, v, decided);
        out.push({
          action: { actor: propName(p), kind: 'sends', message: shown[i], received: votesRead(b, slot - 1, decided, twoB[at(b, slot - 1)]) },
          state: { ...s, msgs: net.sendIndex(s.msgs, i) },
        });
      } else {
        // Without piggybacking the 2a carries no decision, but it still waits for slot i-1's majority of
        // 2b: the label lists them, so charts and `clab cost` see what it waited for.
        const i = U.idx2a(b, slot, v, 0);
        const waited = slot > 1 ? votesRead(b, slot - 1, msgs[twoA[at(b, slot - 1)]].v, twoB[at(b, slot - 1)]) : [];
        out.push({ action: { actor: propName(p), kind: 'sends', message: shown[i], ...(waited.length > 0 ? { received: waited } : {}) }, state: { ...s, msgs: net.sendIndex(s.msgs, i) } });
      }
    }

    // accept: a accepts 2a(b, slot, v) when b >= maxBal[a] and it has not voted in b for that slot.
    for (const i of sent2a) {
      const m = msgs[i];
      for (let a = 0; a < A; a++) {
        if (m.b < maxBal[a] || voteBallot(P, votes[a * S + m.slot - 1]) === m.b) continue;
        out.push({
          action: acceptAction(a, i),
          state: {
            ...s,
            maxBal: maxBal[a] === m.b ? maxBal : with1(maxBal, a, m.b),
            votes: with1(votes, a * S + m.slot - 1, voteCode(P, m.b, m.v)),
            msgs: net.sendIndex(s.msgs, U.idx2b(a, m.b, m.slot, m.v)),
          },
        });
      }
    }

    // commit: leading p, with a majority's 2b for (b, slot), sends the decision in a message of its own:
    // for every slot without piggybacking; with it only for the last slot, whose decision no later 2a
    // carries.
    for (let p = 1; p <= P; p++) {
      if (phase[p - 1] !== LEADING) continue;
      const b = bal[p - 1];
      for (let slot = piggyback ? S : 1; slot <= S; slot++) {
        const k = at(b, slot);
        if (committed[k] || popcount(twoB[k]) < majority) continue;
        const v = msgs[twoA[k]].v;
        const i = U.idxCommit(b, slot, v);
        out.push({ action: { actor: propName(p), kind: 'sends', message: shown[i], received: votesRead(b, slot, v, twoB[k]) }, state: { ...s, msgs: net.sendIndex(s.msgs, i) } });
      }
    }
    return out;
  };
}
