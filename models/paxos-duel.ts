// Single-decree Paxos for liveness: duelling proposers, and what a stable leader (an Ω oracle) changes.
// Unlike models/paxos.ts (safety: stateless proposers, bounded ballots, a growing message set), proposers
// here have local state and ballots are unbounded, so "two proposers preempting each other forever" is a
// cycle of the state graph and `eventually chosen` can be checked under fairness.
//
// Protocol (acceptors a1..aN, proposers p1..pP; proposer p proposes value p; majorities are quorums):
//   p starts        (idle p) picks a fresh ballot b above every ballot in the system, sends 1a(b) to all.
//   a receives 1a(b)  b > maxBal: promise (maxBal := b), send 1b(a, b, maxVBal, maxVal) to b's proposer;
//                     b < maxBal: reject, send nack(a, b).
//   p receives 1b   (p in phase 1 of b) count the promise; on a majority send 2a(b, v) to all, v the value
//                   of the highest vote reported, or p's own value if none: phase 2.
//   a receives 2a(b, v)  b >= maxBal: accept (maxBal := maxVBal := b, maxVal := v); else send nack(a, b).
//   p receives nack(a, b)  (p on ballot b, phase 1 or 2) p is preempted: it restarts with a fresh ballot
//                   above every ballot in the system (kind `restarts`) — unless Ω has stabilised on
//                   another proposer, in which case p yields for good (kind `yields`).
//   omega trusts pk (leader = k only, once) Ω stabilises: from now on only pk starts or restarts ballots.
// leader = 0: no Ω, every preempted proposer restarts. leader = k: Ω stabilises on pk after an unstable
// period of any length (the step is weakly fair: it happens eventually, `fair weak omega`).
// A value is chosen when a majority of acceptors accepted it in one ballot. Proposers do not learn the
// outcome (no 2b round): `chosen` is a ghost set of values that updates when an acceptor's vote completes
// a majority, which is exactly Paxos's definition (votes of one ballot, not necessarily simultaneous).
// A fresh ballot above every ballot present is a restriction of the real protocol (a real proposer picks
// one above those it has seen and may be nacked again until it passes the rest): it keeps the duel a run of
// real Paxos, and after Ω stabilises finitely many ballots are above the leader's, so a real leader passes
// them after finitely many nacks, as the model's leader does at once.
//
// The network: a set of messages in flight, each delivered at most once, no loss (loss would only make the
// leader's case need retransmission; duelling needs none). Fairness (`fair weak` on every process) makes a
// process with a message waiting eventually receive one.
//
// Normalisation (why the state space is finite). After every step:
//   1. Messages no one can act on are dropped: a 1b or nack for a ballot no proposer is running (phase 1
//      for a 1b, phase 1 or 2 for a nack), a 1a(b) to an acceptor whose maxBal is b (it would ignore it),
//      and a 1a or 2a whose only effect would be a nack to a ballot no proposer is running. A 1a or 2a that
//      would still raise a promise or cast a vote is kept even when its proposer moved on: it can still
//      matter (a vote may complete a majority). The vote tally of a ballot is kept while a 2a of it is in
//      flight, and the ghost `chosen` records every majority reached.
//   2. Ballots are renumbered densely, 1..k in their order, everywhere they occur (proposers' ballots, the
//      highest vote a proposer collected, acceptors' maxBal and maxVBal, every message's b and vbal, vote
//      tallies); 0 (none) stays 0. The protocol only compares ballots (<, =, >) and makes new ones "above
//      everything present", and an order-preserving renaming commutes with all of it: the successors of a
//      renumbered state are the renumbered successors. So states that differ by a shift (or any monotone
//      renaming) of all ballots are one state, the quotient is a bisimulation, and since stale messages
//      are gone with their ballots, only a bounded window of ballots is ever present. Ballot numbers in an
//      action label refer to the state before the step (a new ballot may be renumbered in the next state).
//
// Counts (acceptors 3, proposers 2): see test/liveness/paxos-duel.test.ts.

import type { Action, MessageLabel, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';

const [IDLE, PHASE1, PHASE2, YIELDED] = [0, 1, 2, 3];
const PHASE_NAMES = ['idle', 'phase 1', 'phase 2', 'yielded'];
const [M1A, M1B, M2A, NACK] = [0, 1, 2, 3];

/** A message in flight. 1a/2a go to acceptor `acc`; 1b/nack come from `acc` to the proposer running `b`. */
export interface DuelMessage {
  readonly t: number;
  readonly acc: number;
  readonly b: number;
  /** 1b: the acceptor's last vote ballot (0 none); else 0. */
  readonly vbal: number;
  /** 1b: the value of that vote; 2a: the value proposed; else 0. */
  readonly v: number;
}

/** The votes cast in one ballot whose 2a is still in flight: acceptor bitmask, and the ballot's value. */
export interface Tally {
  readonly b: number;
  readonly v: number;
  readonly voters: number;
}

export interface DuelState {
  /** Per proposer: phase, ballot (0 when idle or yielded), promises (bitmask), highest vote reported. */
  readonly phase: readonly number[];
  readonly bal: readonly number[];
  readonly promises: readonly number[];
  readonly hiVBal: readonly number[];
  readonly hiVal: readonly number[];
  /** Per acceptor. */
  readonly maxBal: readonly number[];
  readonly maxVBal: readonly number[];
  readonly maxVal: readonly number[];
  /** Sorted by (t, b, acc), no duplicates. */
  readonly msgs: readonly DuelMessage[];
  /** Sorted by b. */
  readonly tallies: readonly Tally[];
  /** Ghost: bitmask of values chosen so far (bit v-1). */
  readonly chosen: number;
  /** Ω has stabilised on the leader. */
  readonly stable: boolean;
}

const accName = (a: number) => `a${a + 1}`;
const propName = (p: number) => `p${p + 1}`;
const msgKey = (m: DuelMessage) => (m.t * 64 + m.b) * 16 + m.acc;
const byKey = (x: DuelMessage, y: DuelMessage) => msgKey(x) - msgKey(y);
const popcount = (x: number) => {
  let n = 0;
  for (let y = x; y; y &= y - 1) n++;
  return n;
};
const set = (xs: readonly number[], i: number, v: number) => {
  const c = xs.slice();
  c[i] = v;
  return c;
};

/** The values chosen, as a sorted list. */
export const chosenValues = (s: DuelState): number[] => [1, 2, 3, 4, 5, 6].filter((v) => (s.chosen >>> (v - 1)) & 1);

export function showMessage(m: DuelMessage): MessageLabel {
  switch (m.t) {
    case M1A:
      return { type: '1a', b: m.b, to: accName(m.acc) };
    case M1B:
      return { type: '1b', acc: accName(m.acc), b: m.b, vbal: m.vbal, v: m.v };
    case M2A:
      return { type: '2a', b: m.b, v: m.v, to: accName(m.acc) };
    default:
      return { type: 'nack', acc: accName(m.acc), b: m.b };
  }
}

export default defineModel<DuelState>({
  name: 'paxos-duel',
  summary: 'Paxos liveness: duelling proposers with unbounded (normalised) ballots; an Ω leader makes a value eventually chosen',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 5, description: 'number of acceptors (a1..aN); quorums are majorities' },
    proposers: { kind: 'int', default: 2, min: 1, max: 3, description: 'number of proposers (p1..pP); proposer p proposes value p' },
    leader: { kind: 'int', default: 0, min: 0, max: 3, description: '0: no stable leader; k: Ω eventually trusts proposer k, after which only it starts ballots' },
  },
  validate: (c) => ((c.leader as number) > (c.proposers as number) ? `leader must be 0 or one of the proposers 1..${c.proposers as number}` : undefined),
  instantiate(c) {
    const A = c.acceptors as number;
    const P = c.proposers as number;
    const leader = (c.leader as number) - 1; // -1: none
    const majority = Math.floor(A / 2) + 1;
    const accs = Array.from({ length: A }, (_, a) => a);
    const props = Array.from({ length: P }, (_, p) => p);

    /** The proposer running ballot b (phase 1 or 2), or -1. */
    const runnerOf = (s: { phase: readonly number[]; bal: readonly number[] }, b: number) => {
      for (const p of props) if ((s.phase[p] === PHASE1 || s.phase[p] === PHASE2) && s.bal[p] === b) return p;
      return -1;
    };

    /** Step 1 and 2 of the header: drop what no one can act on, renumber ballots densely. */
    const normalise = (s: DuelState): DuelState => {
      const useful = (m: DuelMessage): boolean => {
        const runner = runnerOf(s, m.b);
        switch (m.t) {
          case M1A:
            return m.b > s.maxBal[m.acc] || (m.b < s.maxBal[m.acc] && runner >= 0);
          case M1B:
            return runner >= 0 && s.phase[runner] === PHASE1;
          case M2A:
            return m.b >= s.maxBal[m.acc] || runner >= 0;
          default:
            return runner >= 0;
        }
      };
      const msgs0 = s.msgs.filter(useful);
      const tallies0 = s.tallies.filter((t) => msgs0.some((m) => m.t === M2A && m.b === t.b));
      const bal0 = props.map((p) => (s.phase[p] === PHASE1 || s.phase[p] === PHASE2 ? s.bal[p] : 0));
      const seen = new Set<number>([0]);
      for (const b of [...bal0, ...s.hiVBal, ...s.maxBal, ...s.maxVBal]) seen.add(b);
      for (const m of msgs0) seen.add(m.b).add(m.vbal);
      for (const t of tallies0) seen.add(t.b);
      const order = [...seen].sort((x, y) => x - y);
      const rank = new Map(order.map((b, i) => [b, i]));
      const r = (b: number) => rank.get(b)!;
      return {
        ...s,
        bal: bal0.map(r),
        hiVBal: s.hiVBal.map(r),
        maxBal: s.maxBal.map(r),
        maxVBal: s.maxVBal.map(r),
        msgs: msgs0.map((m) => ({ ...m, b: r(m.b), vbal: r(m.vbal) })).sort(byKey),
        tallies: tallies0.map((t) => ({ ...t, b: r(t.b) })),
      };
    };

    const highestBallot = (s: DuelState) => {
      let hi = 0;
      for (const b of [...s.bal, ...s.maxBal]) hi = Math.max(hi, b);
      for (const m of s.msgs) hi = Math.max(hi, m.b);
      for (const t of s.tallies) hi = Math.max(hi, t.b);
      return hi;
    };

    /** p runs a fresh ballot above every ballot present: phase 1, 1a to every acceptor. */
    const startBallot = (s: DuelState, p: number, msgs: readonly DuelMessage[]): DuelState => {
      const b = highestBallot(s) + 1;
      const out = msgs.slice();
      for (const a of accs) out.push({ t: M1A, acc: a, b, vbal: 0, v: 0 });
      return {
        ...s,
        phase: set(s.phase, p, PHASE1),
        bal: set(s.bal, p, b),
        promises: set(s.promises, p, 0),
        hiVBal: set(s.hiVBal, p, 0),
        hiVal: set(s.hiVal, p, 0),
        msgs: out.sort(byKey),
      };
    };

    /** May p start or restart a ballot? Always without Ω; once Ω is stable only the leader may. */
    const mayLead = (s: DuelState, p: number) => !s.stable || p === leader;

    const addMsg = (msgs: readonly DuelMessage[], m: DuelMessage) => (msgs.some((x) => msgKey(x) === msgKey(m)) ? msgs : [...msgs, m].sort(byKey));

    const acceptorStep = (s: DuelState, m: DuelMessage, rest: readonly DuelMessage[]): { detail: string; state: DuelState } => {
      const a = m.acc;
      if (m.t === M1A) {
        if (m.b > s.maxBal[a]) {
          const reply: DuelMessage = { t: M1B, acc: a, b: m.b, vbal: s.maxVBal[a], v: s.maxVal[a] };
          return { detail: 'promises', state: { ...s, maxBal: set(s.maxBal, a, m.b), msgs: addMsg(rest, reply) } };
        }
        return { detail: 'rejects', state: { ...s, msgs: addMsg(rest, { t: NACK, acc: a, b: m.b, vbal: 0, v: 0 }) } };
      }
      // 2a
      if (m.b < s.maxBal[a]) return { detail: 'rejects', state: { ...s, msgs: addMsg(rest, { t: NACK, acc: a, b: m.b, vbal: 0, v: 0 }) } };
      let chosen = s.chosen;
      const tallies = s.tallies.map((t) => {
        if (t.b !== m.b) return t;
        const voters = t.voters | (1 << a);
        if (popcount(voters) >= majority) chosen |= 1 << (t.v - 1);
        return { ...t, voters };
      });
      return {
        detail: 'accepts',
        state: { ...s, maxBal: set(s.maxBal, a, m.b), maxVBal: set(s.maxVBal, a, m.b), maxVal: set(s.maxVal, a, m.v), msgs: rest, tallies, chosen },
      };
    };

    const proposerStep = (s: DuelState, p: number, m: DuelMessage, rest: readonly DuelMessage[]): { kind: string; detail?: string; state: DuelState } => {
      if (m.t === NACK) {
        if (mayLead(s, p)) return { kind: 'restarts', detail: `ballot ${highestBallot(s) + 1}`, state: startBallot(s, p, rest) };
        return { kind: 'yields', detail: `to ${propName(leader)}`, state: { ...s, phase: set(s.phase, p, YIELDED), msgs: rest } };
      }
      // 1b in phase 1
      const promises = s.promises[p] | (1 << m.acc);
      const higher = m.vbal > s.hiVBal[p];
      const hiVBal = higher ? m.vbal : s.hiVBal[p];
      const hiVal = higher ? m.v : s.hiVal[p];
      if (popcount(promises) < majority) {
        return { kind: 'receives', state: { ...s, promises: set(s.promises, p, promises), hiVBal: set(s.hiVBal, p, hiVBal), hiVal: set(s.hiVal, p, hiVal), msgs: rest } };
      }
      const v = hiVBal > 0 ? hiVal : p + 1;
      const out = rest.slice();
      for (const a of accs) out.push({ t: M2A, acc: a, b: s.bal[p], vbal: 0, v });
      return {
        kind: 'receives',
        detail: `quorum: sends 2a(v=${v})`,
        state: {
          ...s,
          phase: set(s.phase, p, PHASE2),
          promises: set(s.promises, p, 0),
          hiVBal: set(s.hiVBal, p, 0),
          hiVal: set(s.hiVal, p, 0),
          msgs: out.sort(byKey),
          tallies: [...s.tallies, { b: s.bal[p], v, voters: 0 }].sort((x, y) => x.b - y.b),
        },
      };
    };

    const zeros = (n: number) => new Array<number>(n).fill(0);
    const initial: DuelState = {
      phase: zeros(P),
      bal: zeros(P),
      promises: zeros(P),
      hiVBal: zeros(P),
      hiVal: zeros(P),
      maxBal: zeros(A),
      maxVBal: zeros(A),
      maxVal: zeros(A),
      msgs: [],
      tallies: [],
      chosen: 0,
      stable: false,
    };
    const startLabels = props.map((p): Action => ({ actor: propName(p), kind: 'starts' }));
    const omegaLabel: Action | undefined = leader >= 0 ? { actor: 'omega', kind: 'trusts', detail: `${propName(leader)} from now on` } : undefined;

    return {
      init: () => [initial],
      next(s) {
        const out: Step<DuelState>[] = [];
        for (const p of props) {
          if (s.phase[p] === IDLE && mayLead(s, p)) {
            out.push({ action: { ...startLabels[p], detail: `ballot ${highestBallot(s) + 1}` }, state: normalise(startBallot(s, p, s.msgs)) });
          }
        }
        s.msgs.forEach((m, i) => {
          const rest = s.msgs.filter((_, j) => j !== i);
          if (m.t === M1A || m.t === M2A) {
            const { detail, state } = acceptorStep(s, m, rest);
            out.push({ action: { actor: accName(m.acc), kind: 'receives', message: showMessage(m), detail }, state: normalise(state) });
          } else {
            // A preempted proposer acts on a nack once every request of its ballot has been delivered.
            if (m.t === NACK && s.msgs.some((x) => (x.t === M1A || x.t === M2A) && x.b === m.b)) return;
            const p = runnerOf(s, m.b);
            const { kind, detail, state } = proposerStep(s, p, m, rest);
            out.push({ action: { actor: propName(p), kind, message: showMessage(m), ...(detail ? { detail } : {}) }, state: normalise(state) });
          }
        });
        if (omegaLabel && !s.stable) {
          // Ω stabilises: a non-leader that is idle will never start.
          out.push({ action: omegaLabel, state: normalise({ ...s, stable: true }) });
        }
        return out;
      },
      invariants: {
        agreement: { description: 'at most one value is chosen', holds: (s) => popcount(s.chosen) <= 1 },
      },
      /** Every state with nothing left to do should have chosen a value. */
      terminal: (s) => s.chosen !== 0,
      temporal: [
        {
          name: 'eventuallyChosen',
          kind: 'eventually',
          description: 'eventually some value is chosen (weakly fair to every process, and to Ω)',
          p: (s) => s.chosen !== 0,
          fairness: [...props.map(propName), ...accs.map(accName), ...(leader >= 0 ? ['omega'] : [])].map((actor) => ({ strength: 'weak' as const, actor })),
        },
      ],
      sorts: { acceptor: accs.map(accName), proposer: props.map(propName) },
      views: {
        chosen: { type: { kind: 'set', elem: { kind: 'int' } }, description: 'the values chosen so far (a majority accepted it in one ballot)', get: chosenValues },
        values: { type: { kind: 'set', elem: { kind: 'int' } }, description: 'the values proposers propose (proposer p proposes p)', get: () => props.map((p) => p + 1) },
        phase: {
          type: { kind: 'map', key: { kind: 'id', sort: 'proposer' }, value: { kind: 'string' } },
          description: "each proposer's phase: idle, phase 1, phase 2 or yielded",
          get: (s) => new Map(props.map((p) => [p, PHASE_NAMES[s.phase[p]]])),
        },
        stable: { type: { kind: 'bool' }, description: 'Ω has stabilised on the leader', get: (s) => s.stable },
        acceptors: { type: { kind: 'set', elem: { kind: 'id', sort: 'acceptor' } }, description: 'all acceptors', get: () => accs },
        proposers: { type: { kind: 'set', elem: { kind: 'id', sort: 'proposer' } }, description: 'all proposers', get: () => props },
      },
      encode(s, w) {
        for (const p of props) {
          w.u32(s.phase[p]);
          w.u32(s.bal[p]);
          w.u32(s.promises[p]);
          w.u32(s.hiVBal[p]);
          w.u32(s.hiVal[p]);
        }
        for (const a of accs) {
          w.u32(s.maxBal[a]);
          w.u32(s.maxVBal[a]);
          w.u32(s.maxVal[a]);
        }
        w.u32(s.msgs.length);
        for (const m of s.msgs) {
          w.u32(msgKey(m));
          w.u32(m.vbal * 16 + m.v);
        }
        w.u32(s.tallies.length);
        for (const t of s.tallies) {
          w.u32(t.b);
          w.u32(t.v);
          w.u32(t.voters);
        }
        w.u32(s.chosen);
        w.bool(s.stable);
      },
      show: (s) => ({
        ...Object.fromEntries(
          props.map((p) => [
            propName(p),
            s.phase[p] === PHASE1
              ? `phase 1 b=${s.bal[p]} promises={${accs.filter((a) => (s.promises[p] >>> a) & 1).map(accName).join(',')}}${s.hiVBal[p] ? ` highest vote (${s.hiVBal[p]}, ${s.hiVal[p]})` : ''}`
              : s.phase[p] === PHASE2
                ? `phase 2 b=${s.bal[p]}`
                : PHASE_NAMES[s.phase[p]],
          ]),
        ),
        ...Object.fromEntries(accs.map((a) => [accName(a), `maxBal=${s.maxBal[a]}${s.maxVBal[a] ? ` voted (${s.maxVBal[a]}, ${s.maxVal[a]})` : ''}`])),
        msgs: s.msgs.map(showMessage),
        ...(s.tallies.length ? { votes: s.tallies.map((t) => ({ b: t.b, v: t.v, by: accs.filter((a) => (t.voters >>> a) & 1).map(accName) })) } : {}),
        chosen: chosenValues(s),
        ...(leader >= 0 ? { omega: s.stable ? `trusts ${propName(leader)}` : 'unstable' } : {}),
      }),
    };
  },
});
