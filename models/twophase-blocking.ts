// Two-phase commit when the coordinator crashes: the blocking scenario as a liveness violation, and what
// removes it. Participants r1..rN, a transaction manager TM that may crash for good (tmCrashes = 1), and, in
// the correct version only, a backup coordinator B and acceptors a1..aA of which acceptorCrashes may crash.
//
//   ri prepares           (working) sends Prepared to the TM: from now on ri may not decide on its own.
//   ri aborts             (working) unilaterally: it has not promised anything yet.
//   TM receives Prepared  records it; TM decides commit once every participant is prepared, or abort at any
//                         time (its timeout). Variants wait and cooperative: it then sends the decision to
//                         each participant, one message per step, so `env crashes TM` can fall before,
//                         between or after the sends. Correct version: the decision goes to the acceptors
//                         instead, as one 2a(b=0) in the deciding step.
//   ri times out          (prepared, nothing it could receive) what a participant may do while it waits:
//     variant wait         nothing: plain 2PC's participant can only wait for the TM (a step that changes
//                          nothing). If the TM crashed before telling ri, ri never decides: the fair lasso.
//     variant cooperative  cooperative termination: it sends Ask to the other participants. One that has
//                          decided answers with its decision; one still working aborts and answers Abort; a
//                          prepared one cannot help. So it still blocks when every participant is prepared
//                          and none has heard from the crashed TM: the lasso the checker finds.
//     correct              Paxos Commit's idea, simplified to one Paxos instance on the outcome: acceptors
//                          accept the TM's decision at ballot 0 (each sends 2b to every participant). A
//                          timed-out participant sends Help to B, which takes over with ballot 1 (1a); each
//                          acceptor promises and reports what it accepted at ballot 0 (1b); from a majority's
//                          reports B proposes the ballot-0 value if one is reported, else abort (2a(b=1)),
//                          and acceptors accept it. A participant decides when a majority of acceptors
//                          report one value at one ballot (2b). A promised acceptor refuses the TM's late
//                          2a, so a value chosen at ballot 0 is reported by every majority and B cannot
//                          overturn it; while fewer than half the acceptors crash, B hears from a majority
//                          and every participant decides.
// Timeouts may fire while the TM is alive and slow: B may run beside it. B itself does not crash (a crashed
// backup would need a third coordinator and ballot 2: Paxos Commit's coordinators keep taking over with
// higher ballots; the model stops at two). Messages are a set that only grows (as in Gray & Lamport's
// TwoPhase): a message to a crashed process is never received, one sent before a crash still arrives. What
// no one can act on any more is forgotten after each step (normalise below), which keeps the correct
// version's graph small; traces show those messages leaving the network.
//
// Variant backup-ignores-reports breaks that rule: B proposes abort whatever the 1b's report; a majority
// has voted commit at ballot 0 (one of them reported it to B), abort is chosen at ballot 1, and two
// participants learn different outcomes: `consistent` fails in 16 steps.
//
// Property `termination`: eventually every participant has decided, under weak fairness of every process
// (not of `env`: crashes are never forced). Invariant `consistent`: no participant commits while another
// aborts, in every version. At the defaults (rms 2, acceptors 3, tmCrashes 1, acceptorCrashes 1): wait 115
// states, termination violated by a lasso of 9 steps back to step 8 (the TM told r1, then crashed; r2 waits);
// cooperative 390 states, 10 steps back to step 8 (both prepared, the TM decided and crashed; both ask
// forever); correct 22,660 states, termination holds (with acceptors 1: 842 states, violated).

import type { Action, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';
import { crashes, Network, type InFlight } from './lib/network.ts';
import { ABORT, accName, COMMIT, CommitMessages, OUTCOME, rmName } from './twophase-blocking/messages.ts';

export const RM_STATES = ['working', 'prepared', 'committed', 'aborted'] as const;
const [WORKING, PREPARED, COMMITTED, ABORTED] = [0, 1, 2, 3];
export const TM_STATES = ['init', 'committed', 'aborted'] as const;
const TM_INIT = 0;
export const BACKUP_STATES = ['idle', 'phase 1', 'phase 2'] as const;
const [B_IDLE, B_PHASE1, B_PHASE2] = [0, 1, 2];
/** What an acceptor accepted: nothing, or (ballot b, value v) as 1 + 2b + v. */
const NOTHING = 0;
const acceptedAt = (b: number, v: number) => 1 + 2 * b + v;

export interface BlockingState {
  /** Each participant's state, an index into RM_STATES. */
  readonly rm: readonly number[];
  /** The TM's decision: an index into TM_STATES (kept after a crash). */
  readonly tm: number;
  /** Bitmask of participants the TM has received Prepared from. */
  readonly tmPrepared: number;
  /** Bit 0: the TM; bit 1 + k: acceptor ak. */
  readonly crashed: number;
  /** Correct version: B's phase, an index into BACKUP_STATES. */
  readonly backup: number;
  /** Per acceptor: the highest ballot promised (0 or 1). */
  readonly maxBal: readonly number[];
  /** Per acceptor: NOTHING or acceptedAt(b, v). */
  readonly accepted: readonly number[];
  readonly msgs: InFlight;
}

type Termination = 'wait' | 'cooperative' | 'paxos';

const isDecided = (x: number) => x === COMMITTED || x === ABORTED;
const set = (xs: readonly number[], i: number, v: number) => {
  const c = xs.slice();
  c[i] = v;
  return c;
};
const popcount = (x: number) => {
  let c = 0;
  for (let y = x; y; y &= y - 1) c++;
  return c;
};
/** The subsets of xs with exactly k members, in order. */
const subsets = (xs: readonly number[], k: number): number[][] =>
  k === 0 ? [[]] : xs.length < k ? [] : [...subsets(xs.slice(1), k - 1).map((r) => [xs[0], ...r]), ...subsets(xs.slice(1), k)];

export default defineModel<BlockingState>({
  name: 'twophase-blocking',
  summary: 'Two-phase commit with a crashing coordinator: prepared participants block (plain, cooperative termination) unless acceptors record the decision (Paxos Commit)',
  topic: 'Atomic commit',
  constants: {
    rms: { kind: 'int', default: 2, min: 1, max: 4, description: 'number of participants (resource managers r1..rN)' },
    acceptors: { kind: 'int', default: 3, min: 1, max: 5, description: 'acceptors recording the decision (2f+1 tolerate f crashes); the correct version only' },
    tmCrashes: { kind: 'int', default: 1, min: 0, max: 1, description: 'whether the TM may crash (for good)' },
    acceptorCrashes: { kind: 'int', default: 1, min: 0, max: 5, description: 'acceptors that may crash (the correct version terminates while fewer than half do)' },
  },
  variants: {
    wait: 'plain 2PC: a prepared participant that times out can only wait for the TM; a TM crash before it tells a prepared participant blocks that one for good',
    cooperative: 'cooperative termination: a timed-out participant asks the others; still blocks when all are prepared and the TM crashed before telling any',
    'backup-ignores-reports': "the backup proposes abort whatever the acceptors' 1b reports say: commit, chosen at ballot 0, and abort, chosen at ballot 1, are both learned",
  },
  faults: { crash: 'acceptorCrashes' },
  validate: (c) => ((c.acceptorCrashes as number) > (c.acceptors as number) ? `acceptorCrashes (${c.acceptorCrashes as number}) must be at most acceptors (${c.acceptors as number})` : undefined),
  instantiate(c, variant) {
    const mode: Termination = variant === 'wait' ? 'wait' : variant === 'cooperative' ? 'cooperative' : 'paxos';
    const paxos = mode === 'paxos';
    const ignoreReports = variant === 'backup-ignores-reports';
    const n = c.rms as number;
    const A = paxos ? (c.acceptors as number) : 0;
    const tmCrashes = c.tmCrashes as number;
    const accCrashes = c.acceptorCrashes as number;
    const majority = Math.floor(A / 2) + 1;
    const all = (1 << n) - 1;
    const M = new CommitMessages(n, A, paxos);
    const net = new Network(M, 'set');
    const msgWords = net.empty().length;
    const rms = Array.from({ length: n }, (_, i) => i);
    const accs = Array.from({ length: A }, (_, k) => k);
    const has = (s: BlockingState, i: number) => net.countIndex(s.msgs, i) > 0;
    const label = (i: number) => M.label(M.message(i));
    const tmUp = (s: BlockingState) => !crashes.isCrashed(s.crashed, 0);
    const accUp = (s: BlockingState, k: number) => !crashes.isCrashed(s.crashed, 1 + k);
    const accCrashCount = (s: BlockingState) => popcount(s.crashed >>> 1);

    // Action labels, built once (labels are never mutated).
    const L = {
      prepare: rms.map((i): Action => ({ actor: rmName(i), kind: 'prepares, sends', message: label(M.prepared + i) })),
      abort: rms.map((i): Action => ({ actor: rmName(i), kind: 'aborts', detail: 'unilaterally (not prepared)' })),
      /** [from][to][v]: from 0 the TM, 1 + k participant rk. */
      receiveDecision: [0, ...rms.map((k) => 1 + k)].map((from) => rms.map((i) => [COMMIT, ABORT].map((v): Action => ({ actor: rmName(i), kind: 'receives', message: label(M.decisionIndex(from, i, v)) })))),
      wait: rms.map((i): Action => ({ actor: rmName(i), kind: 'times out, waits', detail: 'for the TM (prepared: it may not decide alone)' })),
      ask: rms.map((i): Action => ({ actor: rmName(i), kind: 'times out, sends', message: label(M.ask + i) })),
      tmReceive: rms.map((i): Action => ({ actor: 'TM', kind: 'receives', message: label(M.prepared + i) })),
      tmDecide: [COMMIT, ABORT].map((v): Action => (paxos ? { actor: 'TM', kind: 'decides, sends', message: label(M.p2a0 + v) } : { actor: 'TM', kind: 'decides', detail: OUTCOME[v] })),
      tmCrash: { actor: 'env', kind: 'crashes', detail: 'TM' } as Action,
      accCrash: accs.map((k): Action => ({ actor: 'env', kind: 'crashes', detail: accName(k) })),
      takeOver: rms.map((i): Action => ({ actor: 'B', kind: 'receives', message: label(M.ask + i), detail: 'takes over, sends 1a(b=1)' })),
      promise: accs.map((k): Action => ({ actor: accName(k), kind: 'receives', message: label(M.p1a), detail: 'promises ballot 1' })),
      accept0: accs.map((k) => [COMMIT, ABORT].map((v): Action => ({ actor: accName(k), kind: 'receives', message: label(M.p2a0 + v), detail: 'accepts' }))),
      accept1: accs.map((k) => [COMMIT, ABORT].map((v): Action => ({ actor: accName(k), kind: 'receives', message: label(M.p2a1 + v), detail: 'accepts' }))),
    };
    const sendLabel = (actor: string, i: number): Action => ({ actor, kind: 'sends', message: label(i) });
    const tmSend = rms.map((i) => [COMMIT, ABORT].map((v) => sendLabel('TM', M.decisionIndex(0, i, v))));

    const rmStep = (s: BlockingState, i: number, v: number, msgs = s.msgs): BlockingState => ({ ...s, rm: set(s.rm, i, v), msgs });

    /** ri's steps other than its timeout. */
    function participantSteps(s: BlockingState, i: number, out: Step<BlockingState>[]): void {
      const st = s.rm[i];
      if (st === WORKING) {
        out.push({ action: L.prepare[i], state: rmStep(s, i, PREPARED, net.sendIndex(s.msgs, M.prepared + i)) });
        out.push({ action: L.abort[i], state: rmStep(s, i, ABORTED) });
      }
      if (!isDecided(st)) {
        if (paxos) {
          // Learn: 2b's of one (ballot, value) from a majority of acceptors.
          for (let b = 0; b < 2; b++) {
            for (const v of [COMMIT, ABORT]) {
              const from = accs.filter((k) => has(s, M.p2bIndex(k, b, v)));
              if (from.length < majority) continue;
              // No `message`: the 2b's themselves are what charts draw arrows for.
              const action: Action = {
                actor: rmName(i),
                kind: 'receives 2b quorum',
                detail: `(b=${b}, v=${OUTCOME[v]}) from ${from.map(accName).join(',')}, decides ${OUTCOME[v]}`,
                received: from.map((k) => label(M.p2bIndex(k, b, v))),
              };
              out.push({ action, state: rmStep(s, i, v === COMMIT ? COMMITTED : ABORTED) });
            }
          }
        } else {
          for (let from = 0; from <= n; from++) {
            for (const v of [COMMIT, ABORT]) {
              if (has(s, M.decisionIndex(from, i, v))) out.push({ action: L.receiveDecision[from][i][v], state: rmStep(s, i, v === COMMIT ? COMMITTED : ABORTED) });
            }
          }
        }
      }
      if (mode === 'cooperative') {
        // Answer each Ask once: with the decision, or (still working) by aborting first. A prepared
        // participant cannot help.
        for (const j of rms) {
          if (j === i || !has(s, M.ask + j)) continue;
          const v = st === COMMITTED ? COMMIT : ABORT;
          if (st === PREPARED) continue;
          const reply = M.decisionIndex(1 + i, j, v);
          if (has(s, reply)) continue;
          const detail = `${st === WORKING ? 'aborts (not prepared), ' : ''}answers ${v === COMMIT ? 'Commit' : 'Abort'}(to=${rmName(j)})`;
          out.push({
            action: { actor: rmName(i), kind: 'receives', message: label(M.ask + j), detail },
            state: rmStep(s, i, st === WORKING ? ABORTED : st, net.sendIndex(s.msgs, reply)),
          });
        }
      }
    }

    /** The correct version: B takes over on a Help and proposes from a majority's 1b reports; acceptors promise, accept and crash. */
    function backupAndAcceptorSteps(s: BlockingState, out: Step<BlockingState>[]): void {
    // B: takes over on a Help, then proposes from a majority's 1b reports.
    if (s.backup === B_IDLE) {
      for (const i of rms) if (has(s, M.ask + i)) out.push({ action: L.takeOver[i], state: { ...s, backup: B_PHASE1, msgs: net.sendIndex(s.msgs, M.p1a) } });
    } else if (s.backup === B_PHASE1) {
      const reported = accs.filter((k) => [0, 1, 2].some((r) => has(s, M.p1bIndex(k, r))));
      for (const q of subsets(reported, majority)) {
        const reports = q.map((k) => [0, 1, 2].find((r) => has(s, M.p1bIndex(k, r)))!);
        const seen = reports.find((r) => r !== 0);
        // Paxos's rule: a value reported by the majority may have been chosen, so B must propose it.
        const v = seen === undefined || ignoreReports ? ABORT : seen - 1;
        out.push({
          action: {
            actor: 'B',
            kind: 'receives 1b quorum',
            detail: `from ${q.map(accName).join(',')}, sends 2a(b=1, v=${OUTCOME[v]})`,
            received: q.map((k, x) => label(M.p1bIndex(k, reports[x]))),
          },
          state: { ...s, backup: B_PHASE2, msgs: net.sendIndex(s.msgs, M.p2a1 + v) },
        });
      }
    }
    for (const k of accs) {
      if (!accUp(s, k)) continue;
      if (has(s, M.p1a) && s.maxBal[k] === 0) {
        const report = s.accepted[k] === NOTHING ? 0 : s.accepted[k];
        out.push({ action: L.promise[k], state: { ...s, maxBal: set(s.maxBal, k, 1), msgs: net.sendIndex(s.msgs, M.p1bIndex(k, report)) } });
      }
      for (const v of [COMMIT, ABORT]) {
        if (has(s, M.p2a0 + v) && s.maxBal[k] === 0 && s.accepted[k] === NOTHING) {
          out.push({ action: L.accept0[k][v], state: { ...s, accepted: set(s.accepted, k, acceptedAt(0, v)), msgs: net.sendIndex(s.msgs, M.p2bIndex(k, 0, v)) } });
        }
        if (has(s, M.p2a1 + v) && s.accepted[k] !== acceptedAt(1, v)) {
          out.push({
            action: L.accept1[k][v],
            state: { ...s, maxBal: set(s.maxBal, k, 1), accepted: set(s.accepted, k, acceptedAt(1, v)), msgs: net.sendIndex(s.msgs, M.p2bIndex(k, 1, v)) },
          });
        }
      }
      if (accCrashCount(s) < accCrashes) out.push({ action: L.accCrash[k], state: { ...s, crashed: crashes.crash(s.crashed, 1 + k) } });
    }
    }

    /**
     * Forget what no one can act on any more (a smaller graph with the same behaviour, as a TLA+ VIEW would
     * give): what the TM collected once it has decided or crashed, and messages whose receive steps can never
     * be enabled again: Prepared to a TM that no longer collects, Help to a B that has taken over, 1b's once
     * B has proposed, a 1a or 2a every live acceptor has acted on. Every step that reads a dropped item is
     * guarded by the very condition that made it useless, so the successors of a state and of its
     * normalised form are the same up to normalisation.
     */
    const normalise = (s: BlockingState): BlockingState => {
      const collecting = s.tm === TM_INIT && tmUp(s);
      let msgs = s.msgs;
      const drop = (i: number) => {
        if (net.countIndex(msgs, i) === 0) return;
        const c = msgs === s.msgs ? msgs.slice() : (msgs as number[]);
        c[i >>> 5] = (c[i >>> 5] & ~(1 << (i & 31))) >>> 0;
        msgs = c;
      };
      if (!collecting) for (const i of rms) drop(M.prepared + i);
      if (paxos) {
        if (s.backup !== B_IDLE) for (const i of rms) drop(M.ask + i);
        if (s.backup !== B_PHASE1) for (const k of accs) for (const r of [0, 1, 2]) drop(M.p1bIndex(k, r));
        // Whether every live acceptor has promised; has promised or accepted; has accepted (1, v).
        let promised = true;
        let settled = true;
        let tookCommit = true;
        let tookAbort = true;
        for (let k = 0; k < A; k++) {
          if (!accUp(s, k)) continue;
          if (s.maxBal[k] !== 1) promised = false;
          if (s.maxBal[k] !== 1 && s.accepted[k] === NOTHING) settled = false;
          if (s.accepted[k] !== acceptedAt(1, COMMIT)) tookCommit = false;
          if (s.accepted[k] !== acceptedAt(1, ABORT)) tookAbort = false;
        }
        if (promised) drop(M.p1a);
        if (settled) for (const v of [COMMIT, ABORT]) drop(M.p2a0 + v);
        if (tookCommit) drop(M.p2a1 + COMMIT);
        if (tookAbort) drop(M.p2a1 + ABORT);
      }
      const tmPrepared = collecting ? s.tmPrepared : 0;
      return msgs === s.msgs && tmPrepared === s.tmPrepared ? s : { ...s, msgs, tmPrepared };
    };

    return {
      init: () => [{ rm: new Array(n).fill(WORKING), tm: TM_INIT, tmPrepared: 0, crashed: 0, backup: B_IDLE, maxBal: new Array(A).fill(0), accepted: new Array(A).fill(NOTHING), msgs: net.empty() }],
      next(s) {
        const out: Step<BlockingState>[] = [];
        for (const i of rms) {
          const before = out.length;
          participantSteps(s, i, out);
          // A timeout fires only when nothing else can happen to a prepared participant.
          if (s.rm[i] !== PREPARED || out.length > before) continue;
          if (mode === 'wait') out.push({ action: L.wait[i], state: s });
          else out.push({ action: L.ask[i], state: { ...s, msgs: net.sendIndex(s.msgs, M.ask + i) } });
        }
        if (tmUp(s)) {
          if (s.tm === TM_INIT) {
            for (const i of rms) {
              if (has(s, M.prepared + i) && !((s.tmPrepared >>> i) & 1)) out.push({ action: L.tmReceive[i], state: { ...s, tmPrepared: s.tmPrepared | (1 << i) } });
            }
            // Correct version: the decision goes to every acceptor at once, as one 2a(b=0).
            const decide = (v: number) => ({ ...s, tm: 1 + v, msgs: paxos ? net.sendIndex(s.msgs, M.p2a0 + v) : s.msgs });
            if (s.tmPrepared === all) out.push({ action: L.tmDecide[COMMIT], state: decide(COMMIT) });
            out.push({ action: L.tmDecide[ABORT], state: decide(ABORT) });
          } else if (!paxos) {
            const v = s.tm - 1;
            for (const i of rms) if (!has(s, M.decisionIndex(0, i, v))) out.push({ action: tmSend[i][v], state: { ...s, msgs: net.sendIndex(s.msgs, M.decisionIndex(0, i, v)) } });
          }
          if (tmCrashes > 0) out.push({ action: L.tmCrash, state: { ...s, crashed: crashes.crash(s.crashed, 0) } });
        }
        if (paxos) backupAndAcceptorSteps(s, out);
        for (let x = 0; x < out.length; x++) if (out[x].state !== s) out[x] = { action: out[x].action, state: normalise(out[x].state) };
        return out;
      },
      invariants: {
        consistent: {
          description: 'no participant has committed while another has aborted',
          holds: (s) => !(s.rm.includes(COMMITTED) && s.rm.includes(ABORTED)),
          explain: (s) => {
            const inState = (x: number) => rms.filter((i) => s.rm[i] === x).map(rmName).join(', ');
            return [`committed: ${inState(COMMITTED)}; aborted: ${inState(ABORTED)}`];
          },
        },
      },
      // The run is over once every participant has decided.
      terminal: (s) => s.rm.every(isDecided),
      temporal: [
        {
          name: 'termination',
          kind: 'eventually',
          description: 'eventually every participant has decided (weakly fair to every process; crashes are never forced)',
          p: (s) => s.rm.every(isDecided),
          fairness: [...rms.map(rmName), 'TM', ...(paxos ? ['B', ...accs.map(accName)] : [])].map((actor) => ({ strength: 'weak' as const, actor })),
        },
      ],
      sorts: { rm: rms.map(rmName), acceptor: accs.map(accName) },
      views: {
        rmState: {
          type: { kind: 'map', key: { kind: 'id', sort: 'rm' }, value: { kind: 'string' } },
          description: "each participant's state: working, prepared, committed or aborted",
          get: (s) => new Map(s.rm.map((v, i) => [i, RM_STATES[v]])),
        },
        rms: { type: { kind: 'set', elem: { kind: 'id', sort: 'rm' } }, description: 'all participants', get: () => rms },
        tmState: { type: { kind: 'string' }, description: "the TM's decision: init, committed or aborted (kept after a crash)", get: (s) => TM_STATES[s.tm] },
        tmCrashed: { type: { kind: 'bool' }, description: 'the TM has crashed', get: (s) => !tmUp(s) },
        backup: { type: { kind: 'string' }, description: "B's phase: idle, phase 1 or phase 2 (the correct version)", get: (s) => BACKUP_STATES[s.backup] },
        chosen: {
          type: { kind: 'set', elem: { kind: 'string' } },
          description: 'outcomes a majority of acceptors reported (2b) at one ballot',
          get: (s) => OUTCOME.filter((_, v) => [0, 1].some((b) => accs.filter((k) => has(s, M.p2bIndex(k, b, v))).length >= majority)),
        },
        crashedAcceptors: { type: { kind: 'set', elem: { kind: 'id', sort: 'acceptor' } }, description: 'acceptors that crashed', get: (s) => accs.filter((k) => !accUp(s, k)) },
      },
      encode(s, w) {
        for (let i = 0; i < n; i++) w.u32(s.rm[i]);
        w.u32(s.tm);
        w.u32(s.tmPrepared);
        w.u32(s.crashed);
        w.u32(s.backup);
        for (let k = 0; k < A; k++) {
          w.u32(s.maxBal[k]);
          w.u32(s.accepted[k]);
        }
        net.encode(s.msgs, w);
      },
      decode(r) {
        const rm = new Array<number>(n);
        for (let i = 0; i < n; i++) rm[i] = r.u32();
        const tm = r.u32();
        const tmPrepared = r.u32();
        const crashed = r.u32();
        const backup = r.u32();
        const maxBal = new Array<number>(A);
        const accepted = new Array<number>(A);
        for (let k = 0; k < A; k++) {
          maxBal[k] = r.u32();
          accepted[k] = r.u32();
        }
        const msgs = new Array<number>(msgWords);
        for (let x = 0; x < msgWords; x++) msgs[x] = r.u32();
        return { rm, tm, tmPrepared, crashed, backup, maxBal, accepted, msgs };
      },
      show: (s) => {
        const tmPrepared = rms.filter((i) => (s.tmPrepared >>> i) & 1).map(rmName);
        const tm = `${TM_STATES[s.tm]}${s.tm === TM_INIT && tmPrepared.length ? ` (prepared: ${tmPrepared.join(', ')})` : ''}${tmUp(s) ? '' : ', crashed'}`;
        const acc = (k: number) => {
          const a = s.accepted[k];
          const what = a === NOTHING ? 'nothing accepted' : `accepted (b=${(a - 1) >> 1}, ${OUTCOME[(a - 1) & 1]})`;
          return `maxBal=${s.maxBal[k]}, ${what}${accUp(s, k) ? '' : ', crashed'}`;
        };
        return {
          ...Object.fromEntries(rms.map((i) => [rmName(i), RM_STATES[s.rm[i]]])),
          TM: tm,
          ...(paxos ? { B: BACKUP_STATES[s.backup], ...Object.fromEntries(accs.map((k) => [accName(k), acc(k)])) } : {}),
          msgs: net.indices(s.msgs).map(label),
        };
      },
    };
  },
});
