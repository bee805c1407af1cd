// The Multi-Paxos model's invariants and views (models/multi-paxos.ts), both stated from the set of sent
// messages: command v is chosen for slot i when a majority of acceptors sent 2b(b, i, v) for one ballot b.
//   agreement      no two different commands are chosen for one slot;
//   validity       a chosen command was requested: it is the command proposer v's client asked for in that
//                  slot, and v itself proposed it there (a 2a(b, i, v) with v the owner of b), so other
//                  leaders only ever re-propose it;
//   decisionsTrue  every decision notice, a commit message or one carried on a 2a, names the command chosen
//                  for its slot: the notices, piggybacked or not, tell the truth.
// The views give specs/multi-paxos.spec the same messages, so it states these properties itself.

import type { Invariant, View, ViewType } from '../../checker/model.ts';
import { accName, cmdName, M2A, M2B, MCOMMIT, ownerOf } from './messages.ts';
import { IDLE, PHASE1, type Layout, type MultiPaxosState } from './state.ts';

export interface Chosen {
  /** Per slot (index slot-1), a bitmask of the commands chosen there (bit v). */
  (s: MultiPaxosState): number[];
}

export function chosenOf(L: Layout): Chosen {
  const { A, P, S, B, U, net } = L;
  // The 2b numbers of each (ballot, slot, command), acceptor by acceptor.
  const groups: { slot: number; v: number; idx: number[] }[] = [];
  for (let b = 1; b <= B; b++)
    for (let slot = 1; slot <= S; slot++)
      for (let v = 1; v <= P; v++) groups.push({ slot, v, idx: Array.from({ length: A }, (_, a) => U.idx2b(a, b, slot, v)) });
  return (s) => {
    const out = new Array<number>(S).fill(0);
    for (const g of groups) {
      let n = 0;
      for (const i of g.idx) if (net.countIndex(s.msgs, i)) n++;
      if (2 * n > A) out[g.slot - 1] |= 1 << g.v;
    }
    return out;
  };
}

const popcount = (x: number): number => {
  let n = 0;
  for (let y = x; y; y &= y - 1) n++;
  return n;
};

/** The commands in a bitmask, by name, for slot `slot`. */
const named = (mask: number, slot: number, P: number) => Array.from({ length: P }, (_, k) => k + 1).filter((v) => (mask >>> v) & 1).map((v) => cmdName(v, slot));

export function multiPaxosInvariants(L: Layout, chosen: Chosen): Record<string, Invariant<MultiPaxosState>> {
  const { A, P, S, B, U, net } = L;
  /** Per slot, a bitmask of the commands their own proposer proposed there. */
  const proposedByOwner = (s: MultiPaxosState): number[] => {
    const out = new Array<number>(S).fill(0);
    for (let b = 1; b <= B; b++) {
      const v = ownerOf(P, b);
      for (let slot = 1; slot <= S; slot++) for (let c = 0; c <= P; c++) if (net.countIndex(s.msgs, U.idx2a(b, slot, v, c))) out[slot - 1] |= 1 << v;
    }
    return out;
  };
  /** The decision notices sent for a command not chosen in their slot. */
  const falseNotices = (s: MultiPaxosState): { slot: number; v: number; how: string }[] => {
    const out: { slot: number; v: number; how: string }[] = [];
    let ch: number[] | undefined;
    for (const i of net.indices(s.msgs)) {
      const m = U.messages[i];
      const notice = m.kind === MCOMMIT ? { slot: m.slot, v: m.v, how: `commit(b=${m.b})` } : m.kind === M2A && m.commit !== 0 ? { slot: m.slot - 1, v: m.commit, how: `2a(b=${m.b}, slot=${m.slot})` } : undefined;
      if (notice === undefined) continue;
      ch ??= chosen(s);
      if (!((ch[notice.slot - 1] >>> notice.v) & 1)) out.push(notice);
    }
    return out;
  };
  /** Who chose what: per slot, each chosen command with the ballots and acceptors that chose it. */
  const explainChosen = (s: MultiPaxosState): string[] => {
    const lines: string[] = [];
    const ch = chosen(s);
    for (let slot = 1; slot <= S; slot++) {
      for (const v of Array.from({ length: P }, (_, k) => k + 1)) {
        if (!((ch[slot - 1] >>> v) & 1)) continue;
        for (let b = 1; b <= B; b++) {
          const by = Array.from({ length: A }, (_, a) => a).filter((a) => net.countIndex(s.msgs, U.idx2b(a, b, slot, v)));
          if (2 * by.length > A) lines.push(`slot ${slot}: ${cmdName(v, slot)} chosen in ballot ${b} by ${by.map(accName).join(', ')}`);
        }
      }
    }
    return lines;
  };
  return {
    agreement: {
      description: 'no two different commands are chosen for one slot (chosen: accepted in one ballot by a majority of acceptors)',
      holds: (s) => chosen(s).every((m) => popcount(m) <= 1),
      explain: explainChosen,
    },
    validity: {
      description: 'a chosen command was requested: its own proposer (whose client asked for it in that slot) proposed it there',
      holds: (s) => {
        const ch = chosen(s);
        if (ch.every((m) => m === 0)) return true;
        const own = proposedByOwner(s);
        return ch.every((m, k) => (m & ~own[k]) === 0);
      },
      explain: (s) => {
        const ch = chosen(s);
        const own = proposedByOwner(s);
        return ch.flatMap((m, k) => named(m & ~own[k], k + 1, P).map((c) => `slot ${k + 1}: ${c} is chosen but its proposer never proposed it there`));
      },
    },
    decisionsTrue: {
      description: "every decision notice (a commit message, or one carried on the next slot's 2a) names the command chosen for its slot",
      holds: (s) => falseNotices(s).length === 0,
      explain: (s) => falseNotices(s).map(({ slot, v, how }) => `${how} announces ${cmdName(v, slot)} for slot ${slot}, which is not chosen there`),
    },
  };
}

const INT = { kind: 'int' } as const;
const ACC = { kind: 'id', sort: 'acceptor' } as const;
const PROP = { kind: 'id', sort: 'proposer' } as const;
const rec = (fields: Record<string, ViewType>): ViewType => ({ kind: 'record', fields });
const setOf = (elem: ViewType): ViewType => ({ kind: 'set', elem });
const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, k) => lo + k);

export function multiPaxosViews(L: Layout, chosen: Chosen): Record<string, View<MultiPaxosState>> {
  const { A, P, S, B, U, net } = L;
  // What a message-set view holds for each message number: a frozen record, made once.
  const records = U.messages.map((m) => {
    switch (m.kind) {
      case M2A:
        return Object.freeze({ b: m.b, slot: m.slot, v: m.v, commit: m.commit });
      case M2B:
        return Object.freeze({ acc: m.acc, b: m.b, slot: m.slot, v: m.v });
      case MCOMMIT:
        return Object.freeze({ b: m.b, slot: m.slot, v: m.v });
      default:
        return m.b;
    }
  });
  const sentIn = (s: MultiPaxosState, lo: number, hi: number): unknown[] => net.indices(s.msgs).filter((i) => i >= lo && i < hi).map((i) => records[i]);
  const chosenRecords = range(1, S).map((slot) => range(0, P).map((v) => Object.freeze({ slot, v })));
  const acceptors = Object.freeze(range(0, A - 1));
  const proposers = Object.freeze(range(0, P - 1));
  const slots = Object.freeze(range(1, S));
  const ballots = Object.freeze(range(1, B));
  const commands = Object.freeze(range(1, P));
  const owner: ReadonlyMap<number, number> = new Map(range(1, B).map((b) => [b, ownerOf(P, b)]));
  const PHASES = ['idle', 'phase 1', 'leading'];
  return {
    acceptors: { type: setOf(ACC), description: 'all acceptors', get: () => acceptors },
    proposers: { type: setOf(PROP), description: 'all proposers (ids 0..P-1 for p1..pP)', get: () => proposers },
    slots: { type: setOf(INT), description: 'the log slots 1..slots', get: () => slots },
    ballots: { type: setOf(INT), description: 'all ballots 1..maxBallot', get: () => ballots },
    commands: {
      type: setOf(INT),
      description: "commands 1..proposers: in slot i, command v is the one proposer v's client asked for there (x<i> for p1, y<i> for p2, ...)",
      get: () => commands,
    },
    owner: { type: { kind: 'map', key: INT, value: INT }, description: 'ballot -> the number (1..P) of the proposer owning it', get: () => owner },
    maxBal: {
      type: { kind: 'map', key: ACC, value: INT },
      description: 'highest ballot each acceptor promised or accepted in (0: none)',
      get: (s) => new Map(s.maxBal.map((b, a) => [a, b])),
    },
    phase: {
      type: { kind: 'map', key: PROP, value: { kind: 'string' } },
      description: "each proposer's phase: idle, phase 1 or leading",
      get: (s) => new Map(s.phase.map((ph, k) => [k, PHASES[ph === IDLE ? 0 : ph === PHASE1 ? 1 : 2]])),
    },
    ballot: { type: { kind: 'map', key: PROP, value: INT }, description: 'the ballot each proposer runs (0: none)', get: (s) => new Map(s.bal.map((b, k) => [k, b])) },
    sent1a: { type: setOf(INT), description: 'ballots b with 1a(b) sent', get: (s) => sentIn(s, 0, U.off1b) },
    sent2a: {
      type: setOf(rec({ b: INT, slot: INT, v: INT, commit: INT })),
      description: "2a messages sent: propose v in slot in ballot b, carrying slot-1's chosen command (commit; 0: none)",
      get: (s) => sentIn(s, U.off2a, U.off2b),
    },
    sent2b: {
      type: setOf(rec({ acc: ACC, b: INT, slot: INT, v: INT })),
      description: '2b messages sent: acc accepted v in slot in ballot b',
      get: (s) => sentIn(s, U.off2b, U.offCommit),
    },
    commits: { type: setOf(rec({ b: INT, slot: INT, v: INT })), description: 'separate decision notices sent: v is chosen in slot (by the leader of b)', get: (s) => sentIn(s, U.offCommit, U.size) },
    chosen: {
      type: setOf(rec({ slot: INT, v: INT })),
      description: 'the (slot, command) pairs accepted in one ballot by a majority of acceptors',
      get: (s) => {
        const out: unknown[] = [];
        chosen(s).forEach((m, k) => {
          for (let v = 1; v <= P; v++) if ((m >>> v) & 1) out.push(chosenRecords[k][v]);
        });
        return out;
      },
    },
  };
}

/** The number of slots some decision notice (a commit, or one carried on a 2a) was sent for. */
export function announcedOf(L: Layout): (s: MultiPaxosState) => number {
  const { U, net } = L;
  return (s) => {
    let mask = 0;
    for (const i of net.indices(s.msgs)) {
      const m = U.messages[i];
      if (m.kind === MCOMMIT) mask |= 1 << m.slot;
      else if (m.kind === M2A && m.commit !== 0) mask |= 1 << (m.slot - 1);
    }
    return popcount(mask);
  };
}
