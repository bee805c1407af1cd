// Two-phase commit, translated from Gray & Lamport's TLA+ module TwoPhase: one transaction manager (TM)
// and `rms` resource managers. Every action instance of the TLA+ Next is one successor, self-loops
// included (RMRcvCommitMsg has no guard on the RM's state), so distinct states, states generated and depth
// equal TLC's: rms=3 gives 288 / 1146 / 11. A self-loop's successor is the parent object itself, which the
// search counts as generated without looking it up (36% of the successors).

import type { Action, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';
import { Network, type InFlight, type MessageCodec } from './lib/network.ts';

export const RM_STATES = ['working', 'prepared', 'committed', 'aborted'] as const;
const [WORKING, PREPARED, COMMITTED, ABORTED] = [0, 1, 2, 3];
export const TM_STATES = ['init', 'committed', 'aborted'] as const;
const [TM_INIT, TM_COMMITTED, TM_ABORTED] = [0, 1, 2];

/** Messages: Prepared(rm) for each RM, then Commit, then Abort. */
export type TwoPhaseMessage = { type: 'Prepared'; rm: number } | { type: 'Commit' } | { type: 'Abort' };

export interface TwoPhaseState {
  readonly rmState: readonly number[];
  readonly tmState: number;
  /** Bitmask of RMs the TM has received Prepared from. */
  readonly tmPrepared: number;
  readonly msgs: InFlight;
}

const rmName = (i: number) => `r${i + 1}`;

export function twoPhaseCodec(n: number): MessageCodec<TwoPhaseMessage> {
  return {
    size: n + 2,
    index: (m) => (m.type === 'Prepared' ? m.rm : m.type === 'Commit' ? n : n + 1),
    message: (i) => (i < n ? { type: 'Prepared', rm: i } : i === n ? { type: 'Commit' } : { type: 'Abort' }),
  };
}

export default defineModel<TwoPhaseState>({
  name: 'twophase',
  summary: "Two-phase commit (Gray & Lamport's TLA+ TwoPhase): a TM and resource managers over a growing message set",
  topic: 'Atomic commit',
  constants: {
    rms: { kind: 'int', default: 3, min: 1, max: 12, description: 'number of resource managers' },
  },
  instantiate(c) {
    const n = c.rms as number;
    const all = (1 << n) - 1;
    const net = new Network(twoPhaseCodec(n), 'set');
    const COMMIT = n;
    const ABORT = n + 1;
    const sent = (s: TwoPhaseState, i: number) => net.countIndex(s.msgs, i) > 0;
    const setRm = (s: TwoPhaseState, rm: number, v: number) => {
      const r = s.rmState.slice();
      r[rm] = v;
      return r;
    };
    const label = (actor: string, kind: string, message?: TwoPhaseMessage): Action =>
      message ? { actor, kind, message: message.type === 'Prepared' ? { type: 'Prepared', rm: rmName(message.rm) } : { type: message.type } } : { actor, kind };
    // Action labels, built once per instance (successors share them; labels are never mutated).
    const tmCommitLabel = label('TM', 'commits, sends', { type: 'Commit' });
    const tmAbortLabel = label('TM', 'aborts, sends', { type: 'Abort' });
    const rmIds = Array.from({ length: n }, (_, rm) => rm);
    const tmRcvLabels = rmIds.map((rm) => label('TM', 'receives', { type: 'Prepared', rm }));
    const prepareLabels = rmIds.map((rm) => label(rmName(rm), 'prepares, sends', { type: 'Prepared', rm }));
    const chooseAbortLabels = rmIds.map((rm) => label(rmName(rm), 'chooses to abort'));
    const rcvCommitLabels = rmIds.map((rm) => label(rmName(rm), 'receives', { type: 'Commit' }));
    const rcvAbortLabels = rmIds.map((rm) => label(rmName(rm), 'receives', { type: 'Abort' }));
    const msgWords = net.empty().length;

    return {
      init: () => [{ rmState: new Array(n).fill(WORKING), tmState: TM_INIT, tmPrepared: 0, msgs: net.empty() }],
      next(s) {
        const out: Step<TwoPhaseState>[] = [];
        const { rmState, tmState, tmPrepared, msgs } = s;
        const commitSent = sent(s, COMMIT);
        const abortSent = sent(s, ABORT);
        if (tmState === TM_INIT) {
          // TMCommit, TMAbort
          if (tmPrepared === all) out.push({ action: tmCommitLabel, state: { rmState, tmState: TM_COMMITTED, tmPrepared, msgs: net.sendIndex(msgs, COMMIT) } });
          out.push({ action: tmAbortLabel, state: { rmState, tmState: TM_ABORTED, tmPrepared, msgs: net.sendIndex(msgs, ABORT) } });
        }
        for (let rm = 0; rm < n; rm++) {
          // TMRcvPrepared(rm)
          // A step that changes nothing gives the parent itself (the search then skips it as a self-loop).
          if (tmState === TM_INIT && sent(s, rm)) {
            const tp = tmPrepared | (1 << rm);
            out.push({ action: tmRcvLabels[rm], state: tp === tmPrepared ? s : { rmState, tmState, tmPrepared: tp, msgs } });
          }
          if (rmState[rm] === WORKING) {
            // RMPrepare(rm), RMChooseToAbort(rm)
            out.push({ action: prepareLabels[rm], state: { rmState: setRm(s, rm, PREPARED), tmState, tmPrepared, msgs: net.sendIndex(msgs, rm) } });
            out.push({ action: chooseAbortLabels[rm], state: { rmState: setRm(s, rm, ABORTED), tmState, tmPrepared, msgs } });
          }
          // RMRcvCommitMsg(rm), RMRcvAbortMsg(rm): no guard on the RM's own state, as in the TLA+ spec.
          if (commitSent) out.push({ action: rcvCommitLabels[rm], state: rmState[rm] === COMMITTED ? s : { rmState: setRm(s, rm, COMMITTED), tmState, tmPrepared, msgs } });
          if (abortSent) out.push({ action: rcvAbortLabels[rm], state: rmState[rm] === ABORTED ? s : { rmState: setRm(s, rm, ABORTED), tmState, tmPrepared, msgs } });
        }
        return out;
      },
      decode(r) {
        const rmState = new Array<number>(n);
        for (let i = 0; i < n; i++) rmState[i] = r.u32();
        const tmState = r.u32();
        const tmPrepared = r.u32();
        const msgs = new Array<number>(msgWords);
        for (let i = 0; i < msgWords; i++) msgs[i] = r.u32();
        return { rmState, tmState, tmPrepared, msgs };
      },
      invariants: {
        consistent: {
          description: 'no resource manager has committed while another has aborted (TCConsistent)',
          holds: (s) => !(s.rmState.includes(COMMITTED) && s.rmState.includes(ABORTED)),
          explain: (s) => {
            const inState = (x: number) => s.rmState.flatMap((v, i) => (v === x ? [rmName(i)] : [])).join(', ');
            return [`committed: ${inState(COMMITTED)}; aborted: ${inState(ABORTED)}`];
          },
        },
      },
      sorts: { rm: Array.from({ length: n }, (_, i) => rmName(i)) },
      views: {
        rmState: {
          type: { kind: 'map', key: { kind: 'id', sort: 'rm' }, value: { kind: 'string' } },
          description: "each RM's state: working, prepared, committed or aborted",
          get: (s) => new Map(s.rmState.map((v, i) => [i, RM_STATES[v]])),
        },
        tmState: { type: { kind: 'string' }, description: "the TM's state: init, committed or aborted", get: (s) => TM_STATES[s.tmState] },
        tmPrepared: {
          type: { kind: 'set', elem: { kind: 'id', sort: 'rm' } },
          description: 'RMs the TM knows are prepared',
          get: (s) => Array.from({ length: n }, (_, i) => i).filter((i) => (s.tmPrepared >>> i) & 1),
        },
        rms: { type: { kind: 'set', elem: { kind: 'id', sort: 'rm' } }, description: 'all resource managers', get: () => Array.from({ length: n }, (_, i) => i) },
      },
      encode(s, w) {
        for (let i = 0; i < n; i++) w.u32(s.rmState[i]);
        w.u32(s.tmState);
        w.u32(s.tmPrepared);
        net.encode(s.msgs, w);
      },
      show: (s) => ({
        rmState: Object.fromEntries(s.rmState.map((v, i) => [rmName(i), RM_STATES[v]])),
        tmState: TM_STATES[s.tmState],
        tmPrepared: Array.from({ length: n }, (_, i) => i).filter((i) => (s.tmPrepared >>> i) & 1).map(rmName),
        msgs: net.messages(s.msgs).map((m) => (m.type === 'Prepared' ? { type: 'Prepared', rm: rmName(m.rm) } : { type: m.type })),
      }),
    };
  },
});
