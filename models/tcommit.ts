// Transaction commit, translated from Gray & Lamport's TLA+ module TCommit: the specification that two-phase
// commit implements. There are no messages and no transaction manager, only the resource managers' states.
//   Prepare(rm)  rm working                                              -> prepared
//   Decide(rm)   (i)  rm prepared and every RM prepared or committed      -> committed
//                (ii) rm working or prepared and no RM committed          -> aborted
// Every enabled disjunct of every action instance is one successor, as TLC enumerates them (none is a
// self-loop), so distinct states, states generated and depth equal TLC's: rms=3 gives 34 / 94 / 7
// (and rms=1 4/5/3, 2 12/23/5, 4 96/357/9, 5 274/1296/11). Invariant: TCConsistent.

import type { Action, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';

export const RM_STATES = ['working', 'prepared', 'committed', 'aborted'] as const;
const [WORKING, PREPARED, COMMITTED, ABORTED] = [0, 1, 2, 3];

export interface TCommitState {
  /** Each RM's state, an index into RM_STATES. */
  readonly rmState: readonly number[];
}

const rmName = (i: number) => `r${i + 1}`;

export default defineModel<TCommitState>({
  name: 'tcommit',
  summary: "Transaction commit (Gray & Lamport's TLA+ TCommit): resource managers prepare, then all commit or all abort",
  topic: 'Atomic commit',
  constants: {
    rms: { kind: 'int', default: 3, min: 1, max: 12, description: 'number of resource managers' },
  },
  instantiate(c) {
    const n = c.rms as number;
    const labels = Array.from({ length: n }, (_, rm) => ({
      prepare: { actor: rmName(rm), kind: 'prepares' } as Action,
      commit: { actor: rmName(rm), kind: 'decides', detail: 'commit' } as Action,
      abort: { actor: rmName(rm), kind: 'decides', detail: 'abort' } as Action,
    }));
    const set = (s: TCommitState, rm: number, v: number): TCommitState => {
      const r = s.rmState.slice();
      r[rm] = v;
      return { rmState: r };
    };
    const ids = Array.from({ length: n }, (_, i) => i);

    return {
      init: () => [{ rmState: new Array(n).fill(WORKING) }],
      next(s) {
        const out: Step<TCommitState>[] = [];
        const r = s.rmState;
        let canCommit = true; // every RM prepared or committed
        let noneCommitted = true;
        for (let i = 0; i < n; i++) {
          if (r[i] !== PREPARED && r[i] !== COMMITTED) canCommit = false;
          if (r[i] === COMMITTED) noneCommitted = false;
        }
        for (let rm = 0; rm < n; rm++) {
          // Prepare(rm)
          if (r[rm] === WORKING) out.push({ action: labels[rm].prepare, state: set(s, rm, PREPARED) });
          // Decide(rm), first disjunct: commit
          if (r[rm] === PREPARED && canCommit) out.push({ action: labels[rm].commit, state: set(s, rm, COMMITTED) });
          // Decide(rm), second disjunct: abort
          if ((r[rm] === WORKING || r[rm] === PREPARED) && noneCommitted) out.push({ action: labels[rm].abort, state: set(s, rm, ABORTED) });
        }
        return out;
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
      // The run is over once every RM has decided (committed or aborted): exactly the states with no
      // successor, which are then not deadlocks.
      terminal: (s) => s.rmState.every((v) => v === COMMITTED || v === ABORTED),
      sorts: { rm: ids.map(rmName) },
      views: {
        rmState: {
          type: { kind: 'map', key: { kind: 'id', sort: 'rm' }, value: { kind: 'string' } },
          description: "each RM's state: working, prepared, committed or aborted",
          get: (s) => new Map(s.rmState.map((v, i) => [i, RM_STATES[v]])),
        },
        rms: { type: { kind: 'set', elem: { kind: 'id', sort: 'rm' } }, description: 'all resource managers', get: () => ids },
      },
      encode(s, w) {
        for (let i = 0; i < n; i++) w.u32(s.rmState[i]);
      },
      show: (s) => ({ rmState: Object.fromEntries(s.rmState.map((v, i) => [rmName(i), RM_STATES[v]])) }),
    };
  },
});
