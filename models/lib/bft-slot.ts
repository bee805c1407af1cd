// One slot of a PBFT-style normal case, shared by models/pbft.ts and models/trusted-bft.ts. Replicas 0..n-1,
// replica 0 the primary, at most f of them faulty (which ones is chosen by the initial state). Requests are
// a and b. A correct replica's local state is its stage and value:
//   pre-prepared(v)  accepted the primary's pre-prepare(v) (a backup then broadcasts prepare(v); the correct
//                    primary starts here with its own request and sends no prepare, as in PBFT);
//   prepared(v)      also holds prepare(v) from q-1 distinct backups; broadcasts commit(v);
//   committed(v)     holds commit(v) from q distinct replicas: v is executed (decided).
// The network is the set of sent messages (Lamport's style: loss, delay and reordering are covered because a
// replica may act on them at any later time), so a correct replica's messages follow from its stage.
// Faulty replicas: with `equivocate` (PBFT) each may send any message with any value to anyone; without it
// (trusted counter, MinBFT/A2M/TrInc style) every message a faulty replica sends of one kind carries one
// value, the same for every recipient, though it may withhold it from some.
// Invariant `agreement`: no two correct replicas commit different requests.
//
// reduce=true (default) applies, and reduce=false omits (test/bft checks the verdicts agree):
//   B1 faulty placement: the faulty backups are the highest-numbered (backups are interchangeable);
//   B2 request symmetry: a correct primary proposes a (a and b are interchangeable);
//   B3 faulty messages sent at time zero: every message a faulty replica may send is available from the
//      start (trusted: one value per faulty replica and kind, chosen by the initial state), because
//      correct replicas' guards only count messages, so an available message can only enable steps and a
//      correct replica is never forced to use one. Unreduced, each faulty message to each correct
//      recipient is a separate send step (trusted: the first send of a kind binds its value).
// Messages to faulty replicas are modelled in neither version: nobody reads them.

import type { Action, Constants, Instance, Step, ViewType } from '../../checker/model.ts';

export const REQUESTS = ['a', 'b'] as const;
export const STAGES = ['idle', 'pre-prepared', 'prepared', 'committed'] as const;
const [IDLE, PREPREPARED, PREPARED, COMMITTED] = [0, 1, 2, 3];
/** Message kinds a faulty replica sends. */
const KINDS = ['pre-prepare', 'prepare', 'commit'] as const;
const [PP, PR, CM] = [0, 1, 2];

export interface SlotState {
  /** Bitmask of faulty replicas. */
  readonly faulty: number;
  /** The correct primary's request (0 = a, 1 = b), -1 if the primary is faulty. */
  readonly proposal: number;
  /** Per replica: stage * 2 + value for correct replicas (0 for idle), 0 for faulty ones. */
  readonly local: readonly number[];
  /**
   * Faulty messages. Reduced PBFT: unused (all available). Reduced trusted: per faulty replica and kind, its
   * value (0/1). Unreduced: a bitmask per (sender, kind, recipient) of values sent, and (trusted) the bound
   * value per (sender, kind) as value+1 (0: none yet).
   */
  readonly byz: readonly number[];
}

export type QuorumRule = 'n-f' | '2f+1' | 'f+1';

export function quorumSize(rule: QuorumRule, n: number, f: number): number {
  return rule === 'n-f' ? n - f : rule === '2f+1' ? 2 * f + 1 : f + 1;
}

const isBit = (mask: number, r: number) => ((mask >>> r) & 1) === 1;
export const replicaName = (r: number) => (r === 0 ? 'r0(primary)' : `r${r}`);
const shortName = (r: number) => `r${r}`;

export function slotInstance(c: Constants, equivocate: boolean): Instance<SlotState> {
  const n = c.n as number;
  const f = c.f as number;
  const reduce = c.reduce as boolean;
  const q = quorumSize(c.quorum as QuorumRule, n, f);
  const replicas = Array.from({ length: n }, (_, r) => r);
  const stage = (s: SlotState, r: number) => s.local[r] >> 1;
  const value = (s: SlotState, r: number) => s.local[r] & 1;
  const kindsOf = (sender: number) => (sender === 0 ? [PP, CM] : [PR, CM]);
  // Unreduced layout of byz: sent[(sender*3 + kind)*n + to] (bit v set if value v sent), then bound[sender*3 + kind].
  const sentAt = (sender: number, kind: number, to: number) => (sender * 3 + kind) * n + to;
  const boundAt = (sender: number, kind: number) => 3 * n * n + sender * 3 + kind;

  /** Can `to` use message (sender, kind, v) from a faulty sender? */
  function faultyOffers(s: SlotState, sender: number, kind: number, to: number, v: number): boolean {
    if (!reduce) return ((s.byz[sentAt(sender, kind, to)] >>> v) & 1) === 1;
    if (equivocate) return true;
    return s.byz[sender * 3 + kind] === v;
  }
  const prepareFrom = (s: SlotState, from: number, to: number, v: number) =>
    from !== 0 && (isBit(s.faulty, from) ? faultyOffers(s, from, PR, to, v) : stage(s, from) >= PREPREPARED && value(s, from) === v);
  const commitFrom = (s: SlotState, from: number, to: number, v: number) =>
    isBit(s.faulty, from) ? faultyOffers(s, from, CM, to, v) : stage(s, from) >= PREPARED && value(s, from) === v;
  const prePrepareFor = (s: SlotState, to: number, v: number) => (isBit(s.faulty, 0) ? faultyOffers(s, 0, PP, to, v) : s.proposal === v);

  const set = (s: SlotState, r: number, st: number, v: number): SlotState => {
    const local = s.local.slice();
    local[r] = st * 2 + v;
    return { ...s, local };
  };

  function next(s: SlotState): Step<SlotState>[] {
    const out: Step<SlotState>[] = [];
    for (const r of replicas) {
      if (isBit(s.faulty, r)) continue;
      const st = stage(s, r);
      const v = value(s, r);
      const name = shortName(r);
      if (st === IDLE) {
        for (const w of [0, 1]) {
          if (prePrepareFor(s, r, w)) out.push({ action: { actor: name, kind: 'accepts', message: { type: 'pre-prepare', v: REQUESTS[w] }, detail: `and sends prepare(${REQUESTS[w]})` }, state: set(s, r, PREPREPARED, w) });
        }
      } else if (st === PREPREPARED) {
        if (replicas.filter((k) => prepareFrom(s, k, r, v)).length >= q - 1) {
          out.push({ action: { actor: name, kind: 'is prepared', message: { type: 'prepare', v: REQUESTS[v] }, detail: `(${q - 1} from backups) and sends commit(${REQUESTS[v]})` }, state: set(s, r, PREPARED, v) });
        }
      } else if (st === PREPARED) {
        if (replicas.filter((k) => commitFrom(s, k, r, v)).length >= q) {
          out.push({ action: { actor: name, kind: 'commits', message: { type: 'commit', v: REQUESTS[v] }, detail: `(${q} commits): executes ${REQUESTS[v]}` }, state: set(s, r, COMMITTED, v) });
        }
      }
    }
    if (!reduce) out.push(...faultySends(s));
    return out;
  }

  function faultySends(s: SlotState): Step<SlotState>[] {
    const out: Step<SlotState>[] = [];
    for (const sender of replicas) {
      if (!isBit(s.faulty, sender)) continue;
      for (const kind of kindsOf(sender)) {
        const bound = s.byz[boundAt(sender, kind)];
        for (const to of replicas) {
          if (to === sender || isBit(s.faulty, to)) continue;
          for (const v of [0, 1]) {
            const at = sentAt(sender, kind, to);
            if ((s.byz[at] >>> v) & 1) continue;
            if (!equivocate && bound !== 0 && bound !== v + 1) continue;
            const byz = s.byz.slice();
            byz[at] |= 1 << v;
            if (!equivocate) byz[boundAt(sender, kind)] = v + 1;
            const action: Action = { actor: shortName(sender), kind: 'sends', message: { type: KINDS[kind], to: shortName(to), v: REQUESTS[v] } };
            out.push({ action, state: { ...s, byz } });
          }
        }
      }
    }
    return out;
  }

  function initialStates(): SlotState[] {
    const sets: number[] = [];
    const size = (mask: number) => replicas.filter((r) => isBit(mask, r)).length;
    if (reduce) {
      for (const primaryFaulty of [0, 1]) {
        for (let k = 0; k + primaryFaulty <= f && k <= n - 1; k++) {
          let mask = primaryFaulty;
          for (let j = n - k; j < n; j++) mask |= 1 << j;
          sets.push(mask);
        }
      }
    } else {
      for (let mask = 0; mask < 1 << n; mask++) if (size(mask) <= f) sets.push(mask);
    }
    const out: SlotState[] = [];
    for (const faulty of sets) {
      const proposals = isBit(faulty, 0) ? [-1] : reduce ? [0] : [0, 1];
      for (const proposal of proposals) {
        const local = replicas.map((r) => (r === 0 && proposal >= 0 ? PREPREPARED * 2 + proposal : 0));
        for (const byz of faultyChoices(faulty)) out.push({ faulty, proposal, local, byz });
      }
    }
    return out;
  }

  /** Reduced trusted: every assignment of one value per (faulty sender, kind). Otherwise one empty layout. */
  function faultyChoices(faulty: number): number[][] {
    if (!reduce) return [new Array(3 * n * n + 3 * n).fill(0)];
    if (equivocate) return [[]];
    let choices: number[][] = [new Array(3 * n).fill(0)];
    for (const sender of replicas) {
      if (!isBit(faulty, sender)) continue;
      for (const kind of kindsOf(sender)) {
        choices = choices.flatMap((b) => [0, 1].map((v) => b.map((x, i) => (i === sender * 3 + kind ? v : x))));
      }
    }
    return choices;
  }

  const replica: ViewType = { kind: 'id', sort: 'replica' };
  const correct = (s: SlotState) => replicas.filter((r) => !isBit(s.faulty, r));
  const committed = (s: SlotState) => correct(s).filter((r) => stage(s, r) === COMMITTED);

  return {
    init: initialStates,
    next,
    terminal: () => true,
    invariants: {
      agreement: {
        description: 'no two correct replicas commit different requests',
        holds: (s) => {
          const vs = committed(s).map((r) => value(s, r));
          return vs.every((x) => x === vs[0]);
        },
        explain: (s) => [
          `correct replicas committed different requests: ${committed(s).map((r) => `${shortName(r)} ${REQUESTS[value(s, r)]}`).join(', ')}`,
          `faulty: ${replicas.filter((r) => isBit(s.faulty, r)).map(shortName).join(', ') || 'none'}`,
        ],
      },
    },
    sorts: { replica: replicas.map(shortName), request: [...REQUESTS] },
    views: {
      primary: { type: replica, description: 'the primary (replica 0)', get: () => 0 },
      faulty: { type: { kind: 'set', elem: replica }, description: 'the faulty replicas', get: (s) => replicas.filter((r) => isBit(s.faulty, r)) },
      correct: { type: { kind: 'set', elem: replica }, description: 'the correct replicas', get: correct },
      committed: { type: { kind: 'set', elem: replica }, description: 'correct replicas that have committed', get: committed },
      stage: { type: { kind: 'map', key: replica, value: { kind: 'string' } }, description: "each correct replica's stage (idle, pre-prepared, prepared, committed; 'faulty')", get: (s) => new Map(replicas.map((r) => [r, isBit(s.faulty, r) ? 'faulty' : STAGES[stage(s, r)]])) },
      decision: { type: { kind: 'map', key: replica, value: { kind: 'string' } }, description: "each correct replica's committed request, 'none' if not committed", get: (s) => new Map(replicas.map((r) => [r, !isBit(s.faulty, r) && stage(s, r) === COMMITTED ? REQUESTS[value(s, r)] : 'none'])) },
      quorum: { type: { kind: 'int' }, description: 'the quorum size q', get: () => q },
    },
    encode(s, w) {
      w.u32(s.faulty);
      w.u32(s.proposal + 1);
      for (let r = 0; r < n; r++) w.u32(s.local[r]);
      w.ints(s.byz);
    },
    show(s) {
      const shown: Record<string, unknown> = { faulty: replicas.filter((r) => isBit(s.faulty, r)).map(shortName), quorum: q };
      for (const r of replicas) {
        if (isBit(s.faulty, r)) {
          if (reduce && !equivocate) shown[shortName(r)] = `faulty, sends ${kindsOf(r).map((k) => `${KINDS[k]}(${REQUESTS[s.byz[r * 3 + k]]})`).join(' ')}`;
          else if (reduce) shown[shortName(r)] = 'faulty, may send anything';
          else {
            const sent: string[] = [];
            for (const k of kindsOf(r)) for (const to of replicas) for (const v of [0, 1]) if ((s.byz[sentAt(r, k, to)] >>> v) & 1) sent.push(`${KINDS[k]}(${REQUESTS[v]})→${shortName(to)}`);
            shown[shortName(r)] = { faulty: 'yes', sent };
          }
        } else shown[shortName(r)] = stage(s, r) === IDLE ? 'idle' : `${STAGES[stage(s, r)]}(${REQUESTS[value(s, r)]})`;
      }
      return shown;
    },
  };
}
