// Majority voting: a register replicated on n replicas with read and write quorums, under transient
// faults (replicas that crash and recover, messages lost), checked for linearizability by the engine's
// tester over the history of invocations and responses the model records in its state.
//
// Protocol (the course's majority voting, ABD-style, single writer): every operation has two phases.
//   phase 1   the client sends query to every replica; a replica replies with its (version, value); the
//             client waits for readQuorum replies and takes the highest (version, value).
//   phase 2   a write sends store(version + 1, its value), a read writes back the highest pair it saw
//             (read repair); a replica keeps a store that is newer than what it holds and acknowledges
//             it; the client waits for writeQuorum acks, then returns (a read returns the value it wrote
//             back). Pairs are ordered by version, then value.
// Clients: c1 writes 1, 2, ... (`writes` of them), c2 reads (`reads` of them), each one operation at a
// time; the history of their invocations and responses is part of the state. Faults: up to `crashes`
// crashes (a crashed replica takes no step until it recovers; messages to it wait), up to `losses` lost
// messages. No retransmission, so after a loss a client may wait for ever: such states are terminal.
//
// Invariant `linearizable`: the recorded history, pending operations included (a pending write may or
// may not have taken effect), is linearizable against a read/write register initially 0. It is checked
// on every reachable state, so the first response that breaks it is found. `explain` names the stale read
// and the write it missed (checker/linearizability/).
//
// Variants (each returns a stale value at the defaults):
//   non-intersecting-quorums   phase 1 waits for only n − writeQuorum replies (1 of 3), so a read quorum
//                              can miss every replica of the last write's quorum: a read that starts
//                              after write(1) returned gets 0.
//   no-stable-storage          a replica recovers without its version and value (both 0 again): write(1)
//                              is on two of three replicas, one of them crashes and forgets it, and a
//                              read quorum of that one and the third returns 0.
//   no-write-back              a read returns the highest value of its quorum without writing it back:
//                              while write(1) is on one replica only, one read sees it and the next one,
//                              by the same client, misses it (a new/old inversion).
// The rule each shows: read and write quorums must intersect, what a replica acknowledged it must keep
// across a crash, and a read must make its value as durable as a write before returning it.
//
// Modelling choices that keep the state space small without losing behaviour: a client takes a whole
// quorum of replies in one step (one successor per quorum among the replies in flight; receiving a reply
// changes nothing visible until the quorum is complete); when a client moves on, its queries, replies and
// acks still in flight are dropped (a replica answering a stale query changes nothing, and the client
// would ignore them), but stores stay, since a late store still changes its replica.
//
// Counts (distinct / generated / depth, BFS with the initial state at level 1), replicas=3, quorums 2/2,
// writes=1; a naive reference in the tests (its own transition relation, brute-force linearizability)
// gives the same figures:
//   reads=1 crashes=0 losses=0                    1,561 /     5,194 / 17
//   reads=1 crashes=1 losses=1 (the defaults)    36,620 /   174,553 / 19   (about 1 s of CPU)
//   reads=2 crashes=0 losses=0                   18,637 /    73,027 / 25
//   reads=2 crashes=1 losses=1                  426,695 / 2,313,016 / 27   (opt-in: about 9 s of CPU)
// Shortest counterexamples at the defaults: non-intersecting-quorums 12 steps, no-stable-storage 16;
// no-write-back holds with one read and breaks with reads=2 in 13.

import type { Action, MessageLabel, Step } from '../checker/index.ts';
import { defineModel } from '../checker/index.ts';
import { explainHistory, historyEvents, historyLines, invokeEvent, linearizabilityOracle, operationName, returnEvent, WRITER } from './majority-voting/history.ts';
import { ACK, clientName, clientOf, kindOf, messageLabel, opOf, pack, QUERY, REPLY, replicaName, replicaOf, sendAll, STORE, valOf, verOf, without } from './majority-voting/messages.ts';

const IDLE = 0;
const QUERYING = 1;
const STORING = 2;
const CLIENTS = 2;

export interface MajorityVotingState {
  /** Per replica: its version and value. */
  readonly ver: readonly number[];
  readonly val: readonly number[];
  /** Bit r set while replica r is crashed. */
  readonly down: number;
  /** Faults used so far. */
  readonly crashes: number;
  readonly losses: number;
  /** Per client: operations invoked so far, the phase of the current one, and the pair it stores. */
  readonly started: readonly number[];
  readonly phase: readonly number[];
  readonly cver: readonly number[];
  readonly cval: readonly number[];
  /** Messages in flight (messages.ts), sorted. */
  readonly net: readonly number[];
  /** Invocations and responses (history.ts), in order. */
  readonly history: readonly number[];
}

const VARIANTS = {
  'non-intersecting-quorums': 'phase 1 waits for n − writeQuorum replies (1 of 3), so a read quorum can miss the last write quorum: a stale read',
  'no-stable-storage': 'a recovering replica has lost its version and value: a write acknowledged by a quorum can vanish from it, and a read returns the old value',
  'no-write-back': 'a read returns without writing its value back to a quorum: a later read can return an older value (new/old inversion)',
} as const;

const newer = (v1: number, x1: number, v2: number, x2: number) => v1 > v2 || (v1 === v2 && x1 > x2);
const setAt = (xs: readonly number[], i: number, v: number) => {
  const out = xs.slice();
  out[i] = v;
  return out;
};

/** The subsets of `xs` of size k, in lexicographic order. */
function subsets(xs: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i + k <= xs.length; i++) for (const rest of subsets(xs.slice(i + 1), k - 1)) out.push([xs[i], ...rest]);
  return out;
}

export default defineModel<MajorityVotingState>({
  name: 'majority-voting',
  summary: 'A register replicated with read and write quorums (majority voting, read repair) under crash-recover and message loss; linearizability checked over the recorded history',
  topic: 'Replication under transient faults',
  constants: {
    replicas: { kind: 'int', default: 3, min: 1, max: 5, description: 'number of replicas' },
    readQuorum: { kind: 'int', default: 2, min: 1, max: 5, description: 'replies a client waits for in phase 1 (of reads and writes)' },
    writeQuorum: { kind: 'int', default: 2, min: 1, max: 5, description: 'acks a client waits for in phase 2' },
    writes: { kind: 'int', default: 1, min: 0, max: 3, description: 'writes by client c1 (values 1, 2, ...)' },
    reads: { kind: 'int', default: 1, min: 0, max: 3, description: 'reads by client c2' },
    crashes: { kind: 'int', default: 1, min: 0, max: 3, description: 'replica crashes (each followed by a recovery)' },
    losses: { kind: 'int', default: 1, min: 0, max: 3, description: 'messages the network may lose' },
  },
  variants: VARIANTS,
  faults: { crash: 'crashes', loss: 'losses' },
  validate(c) {
    const n = c.replicas as number;
    if ((c.readQuorum as number) > n) return `readQuorum (${c.readQuorum}) must be at most replicas (${n})`;
    if ((c.writeQuorum as number) > n) return `writeQuorum (${c.writeQuorum}) must be at most replicas (${n})`;
    if ((c.writes as number) + (c.reads as number) === 0) return 'writes + reads must be at least 1';
    return undefined;
  },
  instantiate(c, variant) {
    const n = c.replicas as number;
    const W = c.writeQuorum as number;
    const R = variant === 'non-intersecting-quorums' ? Math.max(1, n - W) : (c.readQuorum as number);
    const maxCrashes = c.crashes as number;
    const maxLosses = c.losses as number;
    const total = [c.writes as number, c.reads as number];
    const stableStorage = variant !== 'no-stable-storage';
    const writeBack = variant !== 'no-write-back';
    const replicaIds = Array.from({ length: n }, (_, r) => r);
    const allNames = replicaIds.map(replicaName).join(', ');
    const linearizable = linearizabilityOracle();
    const done = (s: MajorityVotingState, cl: number) => s.phase[cl] === IDLE && s.started[cl] === total[cl];
    const up = (s: MajorityVotingState, r: number) => ((s.down >>> r) & 1) === 0;
    /** `net` without client cl's queries, replies and acks (its stores stay: they still change replicas). */
    const forget = (net: readonly number[], cl: number) => net.filter((m) => clientOf(m) !== cl || kindOf(m) === STORE);
    /** A message's label in state s (the operation it belongs to is its store's, or its client's current one). */
    const label = (s: MajorityVotingState, m: number): MessageLabel => messageLabel(m, s.started[clientOf(m)] - 1);
    const labels = (s: MajorityVotingState, ms: readonly number[]): MessageLabel[] => ms.map((m) => label(s, m));

    const next = (s: MajorityVotingState): Step<MajorityVotingState>[] => {
      const out: Step<MajorityVotingState>[] = [];
      for (let cl = 0; cl < CLIENTS; cl++) {
        const who = clientName(cl);
        const phase = s.phase[cl];
        const op = s.started[cl] - 1;
        if (phase === IDLE && s.started[cl] < total[cl]) {
          const action: Action = { actor: who, kind: 'invokes', detail: `${operationName(cl, op + 1)}, sends query to ${allNames}` };
          out.push({
            action,
            state: { ...s, started: setAt(s.started, cl, op + 2), phase: setAt(s.phase, cl, QUERYING), net: sendAll(s.net, replicaIds.map((r) => pack(QUERY, r, cl, 0, 0, 0))), history: [...s.history, invokeEvent(cl)] },
          });
        } else if (phase === QUERYING) {
          const replies = s.net.filter((m) => kindOf(m) === REPLY && clientOf(m) === cl);
          for (const quorum of subsets(replies, R)) {
            let hv = 0;
            let hx = 0;
            for (const m of quorum) if (newer(verOf(m), valOf(m), hv, hx)) [hv, hx] = [verOf(m), valOf(m)];
            const net = forget(s.net, cl);
            if (cl !== WRITER && !writeBack) {
              out.push({
                action: { actor: who, kind: 'returns', received: labels(s, quorum), detail: `read() → ${hx} (highest of its quorum: ver=${hv})` },
                state: { ...s, phase: setAt(s.phase, cl, IDLE), net, history: [...s.history, returnEvent(cl, hx)] },
              });
              continue;
            }
            const [sv, sx] = cl === WRITER ? [hv + 1, op + 1] : [hv, hx];
            out.push({
              action: { actor: who, kind: 'has a quorum:', received: labels(s, quorum), detail: `highest ver=${hv}, val=${hx}; sends store(ver=${sv}, val=${sx}) to ${allNames}` },
              state: {
                ...s,
                phase: setAt(s.phase, cl, STORING),
                cver: setAt(s.cver, cl, sv),
                cval: setAt(s.cval, cl, sx),
                net: sendAll(net, replicaIds.map((r) => pack(STORE, r, cl, op, sv, sx))),
              },
            });
          }
        } else if (phase === STORING) {
          const acks = s.net.filter((m) => kindOf(m) === ACK && clientOf(m) === cl);
          if (acks.length >= W) {
            const result = cl === WRITER ? 0 : s.cval[cl];
            out.push({
              action: { actor: who, kind: 'returns', received: labels(s, acks.slice(0, W)), detail: `${operationName(cl, op)} → ${cl === WRITER ? 'ok' : result}` },
              state: { ...s, phase: setAt(s.phase, cl, IDLE), cver: setAt(s.cver, cl, 0), cval: setAt(s.cval, cl, 0), net: forget(s.net, cl), history: [...s.history, returnEvent(cl, result)] },
            });
          }
        }
      }
      for (let r = 0; r < n; r++) {
        const who = replicaName(r);
        if (!up(s, r)) {
          const ver = stableStorage ? s.ver : setAt(s.ver, r, 0);
          const val = stableStorage ? s.val : setAt(s.val, r, 0);
          out.push({ action: { actor: who, kind: 'recovers', detail: stableStorage ? `with ver=${s.ver[r]}, val=${s.val[r]} from stable storage` : 'with nothing: ver=0, val=0' }, state: { ...s, down: s.down & ~(1 << r), ver, val } });
          continue;
        }
        s.net.forEach((m, i) => {
          if (replicaOf(m) !== r) return;
          const cl = clientOf(m);
          if (kindOf(m) === QUERY) {
            const reply = pack(REPLY, r, cl, 0, s.ver[r], s.val[r]);
            out.push({ action: { actor: who, kind: 'sends', message: label(s, reply), received: [label(s, m)] }, state: { ...s, net: sendAll(without(s.net, i), [reply]) } });
          } else if (kindOf(m) === STORE) {
            const keep = newer(verOf(m), valOf(m), s.ver[r], s.val[r]);
            const state = keep ? { ...s, ver: setAt(s.ver, r, verOf(m)), val: setAt(s.val, r, valOf(m)) } : s;
            // Acknowledged only while the store's operation waits for acks (else its client would ignore it).
            const current = s.phase[cl] === STORING && s.started[cl] - 1 === opOf(m);
            const verb = keep ? 'stores' : verOf(m) === s.ver[r] && valOf(m) === s.val[r] ? 'has it already' : 'keeps its newer pair';
            if (current) {
              const ack = pack(ACK, r, cl, 0, 0, 0);
              out.push({ action: { actor: who, kind: `${verb}, sends`, message: label(s, ack), received: [label(s, m)] }, state: { ...state, net: sendAll(without(s.net, i), [ack]) } });
            } else {
              const what = keep ? 'stores it' : verb === 'has it already' ? 'has it already' : 'keeps its newer pair';
              out.push({ action: { actor: who, kind: 'receives', message: label(s, m), detail: `after its operation returned: ${what}, no ack` }, state: { ...state, net: without(s.net, i) } });
            }
          }
        });
        if (s.crashes < maxCrashes) out.push({ action: { actor: who, kind: 'crashes' }, state: { ...s, down: s.down | (1 << r), crashes: s.crashes + 1 } });
      }
      if (s.losses < maxLosses) s.net.forEach((m, i) => out.push({ action: { kind: 'network loses', message: label(s, m) }, state: { ...s, net: without(s.net, i), losses: s.losses + 1 } }));
      return out;
    };

    /** The operations of the history, as the spec reads them. */
    const ops = (s: MajorityVotingState) => {
      const list: { client: number; op: string; arg: number; result: number; invoked: number; returned: number }[] = [];
      const open = [-1, -1];
      historyEvents(s.history).forEach((e, i) => {
        const cl = Number(e.client.slice(1)) - 1;
        if (e.type === 'invoke') {
          open[cl] = list.length;
          list.push({ client: cl, op: e.op, arg: e.arg ?? 0, result: -1, invoked: i, returned: -1 });
        } else {
          Object.assign(list[open[cl]], { result: e.result ?? 0, returned: i });
        }
      });
      return list;
    };
    const PHASES = ['idle', 'waiting for replies', 'waiting for acks'];

    return {
      init: () => [{ ver: replicaIds.map(() => 0), val: replicaIds.map(() => 0), down: 0, crashes: 0, losses: 0, started: [0, 0], phase: [IDLE, IDLE], cver: [0, 0], cval: [0, 0], net: [], history: [] }],
      next,
      terminal: (s) => s.losses > 0 || (done(s, 0) && done(s, 1)),
      invariants: {
        linearizable: {
          description: 'the history of invocations and responses is linearizable (a read/write register initially 0)',
          holds: (s) => linearizable(s.history),
          explain: (s) => explainHistory(s.history),
        },
      },
      sorts: { replica: replicaIds.map(replicaName), client: ['c1', 'c2'] },
      views: {
        version: { type: { kind: 'map', key: { kind: 'id', sort: 'replica' }, value: { kind: 'int' } }, description: "each replica's version", get: (s) => new Map(replicaIds.map((r) => [r, s.ver[r]])) },
        value: { type: { kind: 'map', key: { kind: 'id', sort: 'replica' }, value: { kind: 'int' } }, description: "each replica's value", get: (s) => new Map(replicaIds.map((r) => [r, s.val[r]])) },
        up: { type: { kind: 'set', elem: { kind: 'id', sort: 'replica' } }, description: 'replicas not crashed', get: (s) => replicaIds.filter((r) => up(s, r)) },
        ops: {
          type: {
            kind: 'seq',
            elem: { kind: 'record', fields: { client: { kind: 'id', sort: 'client' }, op: { kind: 'string' }, arg: { kind: 'int' }, result: { kind: 'int' }, invoked: { kind: 'int' }, returned: { kind: 'int' } } },
          },
          description: 'the operations in invocation order: op "read" or "write", arg (a write\'s value), result (a read\'s; -1 while pending), invoked and returned (positions in the history; returned -1 while pending)',
          get: ops,
        },
        linearizable: { type: { kind: 'bool' }, description: 'the linearizability tester says the history is linearizable', get: (s) => linearizable(s.history) },
      },
      encode(s, w) {
        for (let r = 0; r < n; r++) {
          w.u32(s.ver[r]);
          w.u32(s.val[r]);
        }
        w.u32(s.down);
        w.u32(s.crashes);
        w.u32(s.losses);
        for (let cl = 0; cl < CLIENTS; cl++) {
          w.u32(s.started[cl]);
          w.u32(s.phase[cl]);
          w.u32(s.cver[cl]);
          w.u32(s.cval[cl]);
        }
        w.ints(s.net);
        w.ints(s.history);
      },
      decode(rd) {
        const ver: number[] = [];
        const val: number[] = [];
        for (let r = 0; r < n; r++) {
          ver.push(rd.u32());
          val.push(rd.u32());
        }
        const down = rd.u32();
        const crashes = rd.u32();
        const losses = rd.u32();
        const started: number[] = [];
        const phase: number[] = [];
        const cver: number[] = [];
        const cval: number[] = [];
        for (let cl = 0; cl < CLIENTS; cl++) {
          started.push(rd.u32());
          phase.push(rd.u32());
          cver.push(rd.u32());
          cval.push(rd.u32());
        }
        return { ver, val, down, crashes, losses, started, phase, cver, cval, net: rd.ints(), history: rd.ints() };
      },
      show: (s) => ({
        replicas: Object.fromEntries(replicaIds.map((r) => [replicaName(r), `${up(s, r) ? '' : 'crashed, '}ver=${s.ver[r]}, val=${s.val[r]}`])),
        clients: Object.fromEntries(
          [0, 1].map((cl) => [
            clientName(cl),
            s.phase[cl] === IDLE ? `${s.started[cl]} of ${total[cl]} done` : `${operationName(cl, s.started[cl] - 1)}: ${PHASES[s.phase[cl]]}${s.phase[cl] === STORING ? ` (ver=${s.cver[cl]}, val=${s.cval[cl]})` : ''}`,
          ]),
        ),
        msgs: s.net.map((m) => label(s, m)),
        history: historyLines(s.history),
        faults: `crashes ${s.crashes} of ${maxCrashes}, losses ${s.losses} of ${maxLosses}`,
      }),
    };
  },
});
