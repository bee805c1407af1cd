// Binary consensus among n = 3 asynchronous processes with at most one crash: the setting of Fischer, Lynch
// and Paterson's impossibility result, on two deterministic protocols a student would write.
//
//   rounds (the default)  rounds of two phases, each waiting for n-1 messages (its own and one other):
//     phase 1: send est; on the first other est: propose v if both ests are v, else ⊥;
//     phase 2: send the proposal; on the first other proposal: decide v if both are v; est := v if one is v;
//              else est := 0 (a deterministic fallback). Then the next round.
//     Two processes never propose different values in one round (that needs two v and two v' among three
//     ests), and after a decision on v every process sees a v proposal, so agreement holds. FLP says some
//     admissible run then never decides: the checker finds it as a fair lasso.
//   variant majority       send your input; on the first other input decide the majority of the two, a tie
//     going to the lower-numbered process's value. Every admissible run decides, and agreement fails: the
//     other horn of FLP.
//
// The network is asynchronous: a message from q to p waits in flight until p receives it, in any order.
// `env crashes p` crashes a process (at most maxCrashes of them): it takes no more steps and messages to it
// are dropped. Process p's steps are `p starts` (sends its first message) and `p receives m`; receiving the
// message that completes a phase also computes and sends the next one (an FLP step: receive, compute, send).
// Admissible runs are the runs that are weakly fair to every process (`fair weak p1` ...): a process with a
// message waiting receives one eventually, and since any one other message completes its phase, it never
// waits forever while a message is in flight to it. Messages a process no longer needs (of an earlier phase)
// are received and ignored as soon as it moves on, which the model folds into the step that moves on.
//
// Finite state: rounds are stored relative to the lowest round among live processes (a state and the same
// state with every round shifted are one state), and a process may not run more than maxLag rounds ahead of
// the slowest live one (a restriction of the scheduler: every run of the model is a run of the protocol).
// Traces still print absolute rounds, stable from step to step: each state also carries `base`, the round
// its relative round 0 stands for, which `encode` leaves out (as TLC's VIEW leaves out a variable). So
// `base` is no part of a state's identity and the counts are those of the relative states; a trace, rebuilt
// by re-running next() from its initial state, accumulates it along the run it prints. A lasso's last state
// is its loop state with every round shifted by the rounds the cycle completed.

import type { Action, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';
import { crashes } from './lib/network.ts';

const N = 3;
const BOTTOM = 2;
/** Phases: 0 not started, 1 and 2 as above; 3 done (majority: decided and stopped). */
const [NOT_STARTED, PH1, PH2, DONE] = [0, 1, 2, 3];

/** A message in flight: round (relative), phase 1 or 2, sender, receiver, value (0, 1 or ⊥ = 2). */
export interface FlpMessage {
  readonly r: number;
  readonly ph: number;
  readonly from: number;
  readonly to: number;
  readonly v: number;
}

export interface FlpState {
  readonly crashed: number;
  readonly round: readonly number[];
  readonly phase: readonly number[];
  readonly est: readonly number[];
  /** Phase-2 proposal (0, 1 or ⊥). */
  readonly prop: readonly number[];
  /** -1 undecided, else the decided value (kept after a crash). */
  readonly decided: readonly number[];
  /** Sorted by (r, ph, from, to). */
  readonly msgs: readonly FlpMessage[];
  /** The absolute round of relative round 0, for traces only: not encoded, so not part of the state's identity. */
  readonly base: number;
}

const pName = (p: number) => `p${p + 1}`;
const vName = (v: number) => (v === BOTTOM ? '⊥' : v);
const key = (m: FlpMessage) => ((m.r * 2 + m.ph) * N + m.from) * N + m.to;
const byKey = (a: FlpMessage, b: FlpMessage) => key(a) - key(b);
const isLive = (s: FlpState, p: number) => !crashes.isCrashed(s.crashed, p);

const set = (xs: readonly number[], i: number, v: number) => {
  const c = xs.slice();
  c[i] = v;
  return c;
};

export function allCorrectDecided(s: FlpState): boolean {
  for (let p = 0; p < N; p++) if (isLive(s, p) && s.decided[p] < 0) return false;
  return true;
}

export default defineModel<FlpState>({
  name: 'flp',
  summary: 'FLP: deterministic binary consensus, 3 asynchronous processes, at most one crash (round-based; variant majority)',
  topic: 'Impossibility of asynchronous consensus (FLP)',
  constants: {
    maxCrashes: { kind: 'int', default: 1, min: 0, max: 1, description: 'processes that may crash' },
    maxLag: { kind: 'int', default: 1, min: 1, max: 3, description: 'rounds a live process may run ahead of the slowest live one (rounds protocol)' },
  },
  variants: {
    majority: 'decide the majority of your input and the first other input received (tie: the lower-numbered process wins): terminates, but two processes can decide differently',
  },
  instantiate(c, variant) {
    const maxCrashes = c.maxCrashes as number;
    const maxLag = c.maxLag as number;
    const majority = variant === 'majority';

    /** Shifts rounds so the slowest live process is at round 0, drops messages nobody will read. */
    const normalise = (s: FlpState): FlpState => {
      let min = Infinity;
      for (let p = 0; p < N; p++) if (isLive(s, p)) min = Math.min(min, s.round[p]);
      if (!Number.isFinite(min)) min = 0;
      const round = s.round.map((r, p) => (isLive(s, p) ? r - min : 0));
      const msgs = s.msgs
        .filter((m) => isLive(s, m.to) && (m.r > s.round[m.to] || (m.r === s.round[m.to] && m.ph >= s.phase[m.to])))
        .map((m) => (min === 0 ? m : { ...m, r: m.r - min }));
      return { ...s, round, msgs, base: s.base + min };
    };

    const broadcast = (msgs: readonly FlpMessage[], from: number, r: number, ph: number, v: number): FlpMessage[] => {
      const out = msgs.slice();
      for (let to = 0; to < N; to++) if (to !== from) out.push({ r, ph, from, to, v });
      return out.sort(byKey);
    };

    const slowest = (s: FlpState) => {
      let min = Infinity;
      for (let p = 0; p < N; p++) if (isLive(s, p)) min = Math.min(min, s.round[p]);
      return min;
    };

    /** p receives m, which belongs to p's current phase: the next state, or null when the lag bound forbids it. */
    const receive = (s: FlpState, p: number, m: FlpMessage): FlpState | null => {
      const msgs = s.msgs.filter((x) => x !== m);
      if (majority) {
        if (s.phase[p] !== PH1) return { ...s, msgs };
        const mine = s.est[p];
        const v = mine === m.v ? mine : p < m.from ? mine : m.v;
        return { ...s, msgs, phase: set(s.phase, p, DONE), decided: set(s.decided, p, v) };
      }
      const r = s.round[p];
      if (s.phase[p] === PH1) {
        const prop = s.est[p] === m.v ? m.v : BOTTOM;
        return { ...s, phase: set(s.phase, p, PH2), prop: set(s.prop, p, prop), msgs: broadcast(msgs, p, r, PH2, prop) };
      }
      if (r + 1 - slowest(s) > maxLag) return null;
      const mine = s.prop[p];
      let est: number;
      let decided = s.decided;
      if (mine !== BOTTOM && mine === m.v) {
        est = mine;
        if (s.decided[p] < 0) decided = set(s.decided, p, mine);
      } else if (mine !== BOTTOM) est = mine;
      else if (m.v !== BOTTOM) est = m.v;
      else est = 0;
      return {
        ...s,
        decided,
        round: set(s.round, p, r + 1),
        phase: set(s.phase, p, PH1),
        est: set(s.est, p, est),
        prop: set(s.prop, p, 0),
        msgs: broadcast(msgs, p, r + 1, PH1, est),
      };
    };

    const inits: FlpState[] = [];
    for (let x = 0; x < 1 << N; x++) {
      inits.push({
        crashed: 0,
        round: [0, 0, 0],
        phase: [NOT_STARTED, NOT_STARTED, NOT_STARTED],
        est: [x & 1, (x >> 1) & 1, (x >> 2) & 1],
        prop: [0, 0, 0],
        decided: [-1, -1, -1],
        msgs: [],
        base: 0,
      });
    }

    const labels = {
      starts: Array.from({ length: N }, (_, p): Action => ({ actor: pName(p), kind: 'starts' })),
      crash: Array.from({ length: N }, (_, p): Action => ({ actor: 'env', kind: 'crashes', detail: pName(p) })),
    };
    const msgLabel = (m: FlpMessage) => ({ type: m.ph === PH1 ? 'est' : 'prop', from: pName(m.from), v: vName(m.v) });

    return {
      init: () => inits,
      next(s) {
        const out: Step<FlpState>[] = [];
        for (let p = 0; p < N; p++) {
          if (!isLive(s, p)) continue;
          if (s.phase[p] === NOT_STARTED) {
            const t: FlpState = { ...s, phase: set(s.phase, p, PH1), msgs: broadcast(s.msgs, p, s.round[p], PH1, s.est[p]) };
            out.push({ action: labels.starts[p], state: normalise(t) });
            continue;
          }
          for (const m of s.msgs) {
            if (m.to !== p || m.r !== s.round[p] || m.ph !== (majority ? PH1 : s.phase[p])) continue;
            const t = receive(s, p, m);
            if (t) out.push({ action: { actor: pName(p), kind: 'receives', message: msgLabel(m) }, state: normalise(t) });
          }
        }
        for (let p = 0; p < N; p++) {
          if (!crashes.canCrash(s.crashed, p, maxCrashes)) continue;
          const t: FlpState = {
            ...s,
            crashed: crashes.crash(s.crashed, p),
            round: set(s.round, p, 0),
            phase: set(s.phase, p, NOT_STARTED),
            est: set(s.est, p, 0),
            prop: set(s.prop, p, 0),
          };
          out.push({ action: labels.crash[p], state: normalise(t) });
        }
        return out;
      },
      invariants: {
        agreement: {
          description: 'no two processes decide differently (crashed ones included)',
          holds: (s) => !(s.decided.includes(0) && s.decided.includes(1)),
          explain: (s) => [`decided: ${[0, 1, 2].filter((p) => s.decided[p] >= 0).map((p) => `${pName(p)} ${s.decided[p]}${isLive(s, p) ? '' : ' (crashed since)'}`).join(', ')}`],
        },
      },
      terminal: allCorrectDecided,
      temporal: [
        {
          name: 'termination',
          kind: 'eventually',
          description: 'eventually every live process has decided (admissible runs: weakly fair to every process)',
          p: allCorrectDecided,
          fairness: Array.from({ length: N }, (_, p) => ({ strength: 'weak' as const, actor: pName(p) })),
        },
      ],
      sorts: { process: Array.from({ length: N }, (_, p) => pName(p)) },
      views: {
        decision: { type: { kind: 'set', elem: { kind: 'int' } }, description: 'the values decided so far', get: (s) => [...new Set(s.decided.filter((v) => v >= 0))].sort() },
        decided: {
          type: { kind: 'set', elem: { kind: 'id', sort: 'process' } },
          description: 'processes that have decided',
          get: (s) => [0, 1, 2].filter((p) => s.decided[p] >= 0),
        },
        crashed: { type: { kind: 'set', elem: { kind: 'id', sort: 'process' } }, description: 'crashed processes', get: (s) => [0, 1, 2].filter((p) => !isLive(s, p)) },
        processes: { type: { kind: 'set', elem: { kind: 'id', sort: 'process' } }, description: 'all processes', get: () => [0, 1, 2] },
        allDecided: { type: { kind: 'bool' }, description: 'every live process has decided', get: allCorrectDecided },
      },
      encode(s, w) {
        w.u32(s.crashed);
        for (let p = 0; p < N; p++) {
          w.u32(s.round[p]);
          w.u32(s.phase[p]);
          w.u32(s.est[p]);
          w.u32(s.prop[p]);
          w.int(s.decided[p]);
        }
        w.u32(s.msgs.length);
        for (const m of s.msgs) {
          w.u32(key(m));
          w.u32(m.v);
        }
      },
      show: (s) => ({
        ...Object.fromEntries(
          [0, 1, 2].map((p) => [
            pName(p),
            isLive(s, p)
              ? `${s.phase[p] === NOT_STARTED ? 'not started' : majority ? (s.phase[p] === DONE ? 'done' : 'waiting') : `r${s.base + s.round[p]}.${s.phase[p]}`} est=${s.est[p]}${!majority && s.phase[p] === PH2 ? ` prop=${vName(s.prop[p])}` : ''}${s.decided[p] >= 0 ? ` decided ${s.decided[p]}` : ''}`
              : `crashed${s.decided[p] >= 0 ? ` (decided ${s.decided[p]})` : ''}`,
          ]),
        ),
        msgs: s.msgs.map((m) => ({ type: m.ph === PH1 ? 'est' : 'prop', ...(majority ? {} : { r: s.base + m.r }), from: pName(m.from), to: pName(m.to), v: vName(m.v) })),
      }),
    };
  },
});
