// Single-decree Paxos for liveness: duelling proposers, and what a stable leader (an Ω oracle) changes.
// Unlike models/paxos.ts (safety: stateless proposers, bounded ballots, a growing message set), proposers
// here have local state and ballots are unbounded, so "two proposers preempting each other forever" is a
// cycle of the state graph and `eventually chosen` can be checked under fairness.
//
// Protocol (acceptors a1..aN, proposers p1..pP; proposer p proposes value p; majorities are quorums):
//   p starts            (p idle) fresh ballot b above every ballot in the system; 1a(b) to every acceptor.
//   a receives 1a(b)    b > maxBal: promise (maxBal := b), 1b(a, b, maxVBal, maxVal) to b's proposer;
//                       b < maxBal: reject, nack(b) to b's proposer; b = maxBal: ignored.
//   p receives 1b quorum  (p in phase 1 of b) the 1b's of a majority Q: 2a(b, v) to every acceptor, v the
//                       value of the highest vote reported in Q, or p's own value if none: phase 2. (Each
//                       1b is received in this one step; the 1b's outside Q arrive too late to matter.)
//   a receives 2a(b, v) b >= maxBal: accept (maxBal := maxVBal := b, maxVal := v); else nack(b).
//   p restarts          (p on ballot b, a nack(b) in flight, no request of b still in flight) preempted: a
//                       fresh ballot as in `starts` — unless Ω trusts another proposer: then p `yields` for
//                       good. Acting on a nack only once every request of the ballot is delivered means no
//                       request outlives its ballot (a scheduling choice: the nack is delivered late).
//   omega trusts pk     (leader = k, once) Ω stabilises: from then on only pk starts or restarts ballots.
// leader = 0: no oracle, every preempted proposer restarts. leader = k: Ω stabilises on pk after an
// unstable period of any length; its step is weakly fair (`fair weak omega`), so it does happen.
// A value is chosen when a majority of acceptors accepted it in one ballot. Proposers do not learn the
// outcome (there is no 2b round): `chosen` is a ghost set updated when a vote completes a majority of one
// ballot's votes (the votes need not be simultaneous), which is exactly Paxos's definition.
// A fresh ballot above every ballot present is a restriction (a real proposer picks one above those it has
// seen, and may be rejected until it passes the others): every run of the model is a run of Paxos, so the
// duel is real; and after Ω stabilises only finitely many ballots are above the leader's, which a real
// leader passes after finitely many rejections.
//
// Network: no loss, each message delivered at most once. Nacks are identified by ballot only (one is
// enough to preempt). Constant `network`:
//   fifo (default)  each acceptor receives its requests (1a, 2a) in the order they were sent — a restriction
//                   of the schedules that keeps the graph small (hundreds of states); replies in any order.
//   bag             any order. The verdicts are the same (measured, acceptors 3, proposers 2: leader 0
//                   violated on 222,933 states, leader 1 holds on 448,294; about 10 and 25 s).
// Fairness: `fair weak` on every process (and omega): a process with something to do eventually does a step.
//
// Normalisation (why the state space is finite). After every step:
//   1. Messages no one can act on are dropped: a 1b for a ballot no proposer is in phase 1 of; a nack for a
//      ballot no proposer is running; a 1a(b) to an acceptor whose maxBal is b; a 1a or 2a whose only effect
//      would be a nack to a ballot no one runs (none exist, by the restart rule, but the rule is general).
//      A vote tally is kept while a 2a of its ballot is in flight; the ghost `chosen` keeps every majority.
//   2. Ballots are renumbered densely, 1..k in their order, wherever they occur (proposers' ballots,
//      acceptors' maxBal and maxVBal, messages' b and vbal, tallies); 0 (none) stays 0. The protocol only
//      compares ballots (<, =, >) and makes new ones "above everything present", and an order-preserving
//      renaming commutes with all of that: the successors of a renumbered state are the renumbered
//      successors. So states that differ by a shift (or any monotone renaming) of all ballots are one state
//      and the quotient is a bisimulation (verdicts of agreement and of temporal properties, which read only
//      `chosen`, are unchanged). The ballots present are at most the running ones (P) and the acceptors'
//      (2N), so the window is bounded. A label's ballot numbers are those of the state before the step: a
//      ballot can be renumbered in the next state (`p2 restarts … ballot 3` may show p2 on ballot 2).
//
// Counts (acceptors 3, proposers 2, fifo): leader 0: 801 states, `eventuallyChosen` violated by a lasso of
// 21 steps returning to step 5 (p1 and p2 each preempted once per turn of the cycle); leader 1 or 2: 1,611
// states, it holds. Agreement holds in all of them.

import type { Action, MessageLabel, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';

const [IDLE, PHASE1, PHASE2, YIELDED] = [0, 1, 2, 3];
const PHASE_NAMES = ['idle', 'phase 1', 'phase 2', 'yielded'];
const [M1A, M1B, M2A, NACK] = [0, 1, 2, 3];

/** A message in flight. 1a/2a go to acceptor `acc`; a 1b comes from `acc` to the proposer running `b`; a nack carries only `b` (acc 0). */
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
  /** Per proposer: phase and ballot (0 when idle or yielded). */
  readonly phase: readonly number[];
  readonly bal: readonly number[];
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
const isRequest = (m: DuelMessage) => m.t === M1A || m.t === M2A;
/** Bag: every message by key. */
const byKey = (x: DuelMessage, y: DuelMessage) => msgKey(x) - msgKey(y);
/** FIFO: requests first, in the order they were sent (a stable sort keeps it), then replies by key. */
const bySendOrder = (x: DuelMessage, y: DuelMessage) => (isRequest(x) ? (isRequest(y) ? 0 : -1) : isRequest(y) ? 1 : msgKey(x) - msgKey(y));
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
      return { type: 'nack', b: m.b };
  }
}

export default defineModel<DuelState>({
  name: 'paxos-duel',
  summary: 'Paxos liveness: duelling proposers with unbounded (normalised) ballots; an Ω leader makes a value eventually chosen',
  topic: 'Paxos',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 5, description: 'number of acceptors (a1..aN); quorums are majorities' },
    proposers: { kind: 'int', default: 2, min: 1, max: 3, description: 'number of proposers (p1..pP); proposer p proposes value p' },
    network: {
      kind: 'enum',
      default: 'fifo',
      values: ['fifo', 'bag'],
      description: 'fifo: each acceptor receives requests in the order they were sent; bag: in any order (much larger state space)',
    },
    leader: { kind: 'int', default: 0, min: 0, max: 3, description: '0: no stable leader; k: Ω eventually trusts proposer k, after which only it starts ballots' },
  },
  validate: (c) => ((c.leader as number) > (c.proposers as number) ? `leader must be 0 or one of the proposers 1..${c.proposers as number}` : undefined),
  instantiate(c) {
    const A = c.acceptors as number;
    const P = c.proposers as number;
    const leader = (c.leader as number) - 1; // -1: none
    const fifo = c.network === 'fifo';
    const msgOrder = fifo ? bySendOrder : byKey;
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
      for (const b of [...bal0, ...s.maxBal, ...s.maxVBal]) seen.add(b);
      for (const m of msgs0) seen.add(m.b).add(m.vbal);
      for (const t of tallies0) seen.add(t.b);
      const order = [...seen].sort((x, y) => x - y);
      const rank = new Map(order.map((b, i) => [b, i]));
      const r = (b: number) => rank.get(b)!;
      return {
        ...s,
        bal: bal0.map(r),
        maxBal: s.maxBal.map(r),
        maxVBal: s.maxVBal.map(r),
        msgs: msgs0.map((m) => ({ ...m, b: r(m.b), vbal: r(m.vbal) })).sort(msgOrder),
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
        msgs: out.sort(msgOrder),
      };
    };

    /** May p start or restart a ballot? Always without Ω; once Ω is stable only the leader may. */
    const mayLead = (s: DuelState, p: number) => !s.stable || p === leader;

    const addMsg = (msgs: readonly DuelMessage[], m: DuelMessage) => (msgs.some((x) => msgKey(x) === msgKey(m)) ? msgs : [...msgs, m].sort(msgOrder));

    const acceptorStep = (s: DuelState, m: DuelMessage, rest: readonly DuelMessage[]): { detail: string; state: DuelState } => {
      const a = m.acc;
      if (m.t === M1A) {
        if (m.b > s.maxBal[a]) {
          const reply: DuelMessage = { t: M1B, acc: a, b: m.b, vbal: s.maxVBal[a], v: s.maxVal[a] };
          return { detail: 'promises', state: { ...s, maxBal: set(s.maxBal, a, m.b), msgs: addMsg(rest, reply) } };
        }
        return { detail: 'rejects', state: { ...s, msgs: addMsg(rest, { t: NACK, acc: 0, b: m.b, vbal: 0, v: 0 }) } };
      }
      // 2a
      if (m.b < s.maxBal[a]) return { detail: 'rejects', state: { ...s, msgs: addMsg(rest, { t: NACK, acc: 0, b: m.b, vbal: 0, v: 0 }) } };
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

    /** p, preempted on its ballot, restarts above everything, or yields once Ω trusts another proposer. */
    const nackStep = (s: DuelState, p: number, rest: readonly DuelMessage[]): { kind: string; detail: string; state: DuelState } =>
      mayLead(s, p)
        ? { kind: 'restarts', detail: `with ballot ${highestBallot(s) + 1}`, state: startBallot(s, p, rest) }
        : { kind: 'yields', detail: `to ${propName(leader)}`, state: { ...s, phase: set(s.phase, p, YIELDED), msgs: rest } };

    /** p, in phase 1, acts on the 1b messages of quorum q (all in flight): 2a with the highest vote's value. */
    const quorumStep = (s: DuelState, p: number, q: readonly DuelMessage[]): { v: number; state: DuelState } => {
      let hi = q[0];
      for (const m of q) if (m.vbal > hi.vbal) hi = m;
      const v = hi.vbal > 0 ? hi.v : p + 1;
      const out = s.msgs.filter((m) => !q.includes(m));
      for (const a of accs) out.push({ t: M2A, acc: a, b: s.bal[p], vbal: 0, v });
      const tallies = [...s.tallies, { b: s.bal[p], v, voters: 0 }].sort((x, y) => x.b - y.b);
      return { v, state: { ...s, phase: set(s.phase, p, PHASE2), msgs: out.sort(msgOrder), tallies } };
    };

    /** The subsets of xs with exactly k members, in order. */
    const subsets = <T,>(xs: readonly T[], k: number): T[][] =>
      k === 0 ? [[]] : xs.length < k ? [] : [...subsets(xs.slice(1), k - 1).map((r) => [xs[0], ...r]), ...subsets(xs.slice(1), k)];

    const zeros = (n: number) => new Array<number>(n).fill(0);
    const initial: DuelState = {
      phase: zeros(P),
      bal: zeros(P),
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
        const served = new Set<number>();
        s.msgs.forEach((m, i) => {
          if (isRequest(m)) {
            if (fifo && served.has(m.acc)) return; // FIFO: only the oldest request to each acceptor
            served.add(m.acc);
          }
          const rest = s.msgs.filter((_, j) => j !== i);
          if (m.t === M1A || m.t === M2A) {
            const { detail, state } = acceptorStep(s, m, rest);
            out.push({ action: { actor: accName(m.acc), kind: 'receives', message: showMessage(m), detail }, state: normalise(state) });
          } else if (m.t === NACK) {
            // A preempted proposer acts on a nack once every request of its ballot has been delivered.
            if (s.msgs.some((x) => (x.t === M1A || x.t === M2A) && x.b === m.b)) return;
            const p = runnerOf(s, m.b);
            const { kind, detail, state } = nackStep(s, p, rest);
            out.push({ action: { actor: propName(p), kind, message: showMessage(m), detail }, state: normalise(state) });
          }
        });
        for (const p of props) {
          if (s.phase[p] !== PHASE1) continue;
          const promises = s.msgs.filter((m) => m.t === M1B && m.b === s.bal[p]);
          for (const q of subsets(promises, majority)) {
            const { v, state } = quorumStep(s, p, q);
            const message = { type: '1b quorum', b: s.bal[p], from: q.map((m) => accName(m.acc)).join(',') };
            out.push({ action: { actor: propName(p), kind: 'receives', message, detail: `sends 2a(v=${v})`, received: q.map(showMessage) }, state: normalise(state) });
          }
        }
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
              ? `phase 1 b=${s.bal[p]}`
              : s.phase[p] === PHASE2
                ? `phase 2 b=${s.bal[p]}`
                : PHASE_NAMES[s.phase[p]],
          ]),
        ),
        ...Object.fromEntries(accs.map((a) => [accName(a), `maxBal=${s.maxBal[a]}${s.maxVBal[a] ? ` voted (${s.maxVBal[a]}, ${s.maxVal[a]})` : ''}`])),
        msgs: s.msgs.map(showMessage),
        votes: s.tallies.map((t) => ({ b: t.b, v: t.v, by: accs.filter((a) => (t.voters >>> a) & 1).map(accName) })),
        chosen: chosenValues(s),
        ...(leader >= 0 ? { omega: s.stable ? `trusts ${propName(leader)}` : 'unstable' } : {}),
      }),
    };
  },
});
