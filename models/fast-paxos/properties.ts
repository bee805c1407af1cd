// The Fast Paxos model's invariants and views (models/fast-paxos.ts).
//   chosen     v is chosen in round r when 2b(a, r, v) was sent by a quorum of that round's kind: |Qf|
//              acceptors in a fast round, |Qc| in a classic one (the sizes the variant uses: a learner
//              that trusts a too-small fast quorum is the bug small-fast-quorum shows);
//   agreement  at most one value is chosen;
//   validity   a chosen value was proposed (its client sent propose(v)).
// The views are what specs/fast-paxos.spec states the same properties over.

import type { Invariant, View } from '../../checker/model.ts';
import type { InFlight } from '../lib/network.ts';
import { M2A, M2B, accName } from './messages.ts';
import { has, range, type FastState, type Layout } from './state.ts';

/** Each chosen value with the rounds and quorums that chose it. */
export interface Choice {
  readonly v: number;
  readonly r: number;
  readonly by: readonly number[];
}

export function choicesOf(L: Layout, msgs: InFlight): Choice[] {
  const { N, V, R } = L.cfg;
  const out: Choice[] = [];
  for (let r = 1; r <= R; r++) {
    for (let v = 1; v <= V; v++) {
      const by = range(0, N - 1).filter((a) => has(msgs, L.M.m2b[a][r][v]));
      if (by.length >= L.quorumOf(r)) out.push({ v, r, by });
    }
  }
  return out;
}

/** The chosen values, ascending. */
export const chosenOf = (L: Layout, msgs: InFlight): number[] => [...new Set(choicesOf(L, msgs).map((c) => c.v))].sort((x, y) => x - y);

const proposedOf = (L: Layout, msgs: InFlight): number[] => range(1, L.cfg.V).filter((v) => has(msgs, L.M.propose[v]));

const describe = (L: Layout, c: Choice) => `v=${c.v} chosen in round ${c.r} (${L.isFast(c.r) ? 'fast' : 'classic'}, quorum ${L.quorumOf(c.r)}) by ${c.by.map(accName).join(', ')}`;

export function invariantsOf(L: Layout): Record<string, Invariant<FastState>> {
  // The predicates run on every state: the chosen values as a bitmask (bit v), from the 2b indices of each
  // (round, value) listed once here, with no allocation per state.
  const { N, V, R } = L.cfg;
  const tallies: { v: number; quorum: number; idx: number[] }[] = [];
  for (let r = 1; r <= R; r++) for (let v = 1; v <= V; v++) tallies.push({ v, quorum: L.quorumOf(r), idx: range(0, N - 1).map((a) => L.M.m2b[a][r][v]) });
  const chosenMask = (msgs: InFlight): number => {
    let mask = 0;
    for (const t of tallies) {
      let n = 0;
      for (const i of t.idx) if (has(msgs, i)) n++;
      if (n >= t.quorum) mask |= 1 << t.v;
    }
    return mask;
  };
  return {
    agreement: {
      description: 'at most one value is chosen (chosen: voted in one round by a quorum of its kind, fast or classic)',
      holds: (s) => {
        const m = chosenMask(s.msgs);
        return (m & (m - 1)) === 0;
      },
      explain: (s) => choicesOf(L, s.msgs).map((c) => describe(L, c)),
    },
    validity: {
      description: 'a chosen value was proposed by its client',
      holds: (s) => {
        const m = chosenMask(s.msgs);
        for (let v = 1; v <= V; v++) if ((m >>> v) & 1 && !has(s.msgs, L.M.propose[v])) return false;
        return true;
      },
      explain: (s) => [`chosen: ${chosenOf(L, s.msgs).join(', ')}; proposed: ${proposedOf(L, s.msgs).join(', ') || 'none'}`],
    },
  };
}

const INT = { kind: 'int' } as const;
const ACC = { kind: 'id', sort: 'acceptor' } as const;
const INTS = { kind: 'set', elem: INT } as const;
const accMap = (f: (s: FastState) => readonly number[]) => (s: FastState) => new Map(f(s).map((x, a) => [a, x]));

export function viewsOf(L: Layout): Record<string, View<FastState>> {
  const { N, V, R } = L.cfg;
  const votes = L.M.all.flatMap((m, i) => (m.t === M2B ? [{ i, rec: Object.freeze({ acc: m.a, round: m.r, v: m.v }) }] : []));
  const anyOrValue = L.M.all.flatMap((m, i) => (m.t === M2A ? [{ i, rec: Object.freeze({ round: m.r, v: m.v }) }] : []));
  const acceptors = Object.freeze(range(0, N - 1));
  const values = Object.freeze(range(1, V));
  const rounds = Object.freeze(range(1, R));
  const fastRounds = Object.freeze(rounds.filter(L.isFast));
  return {
    acceptors: { type: { kind: 'set', elem: ACC }, description: 'all acceptors', get: () => acceptors },
    values: { type: INTS, description: 'all values 1..values (client c_v proposes v)', get: () => values },
    rounds: { type: INTS, description: 'all rounds 1..rounds', get: () => rounds },
    fastRounds: { type: INTS, description: 'the fast rounds (1..fastRounds)', get: () => fastRounds },
    classicQuorum: { type: INT, description: 'classic quorum size |Qc| (0 in the constants: a majority)', get: () => L.cfg.classicQuorum },
    fastQuorum: { type: INT, description: "fast quorum size |Qf| (the variant's; 0 in the constants: the least meeting |Qc| + 2|Qf| > 2n)", get: () => L.cfg.fastQuorum },
    proposed: { type: INTS, description: 'the values their clients have proposed', get: (s) => proposedOf(L, s.msgs) },
    rnd: { type: { kind: 'map', key: ACC, value: INT }, description: 'per acceptor: the highest round it has joined or voted in', get: accMap((s) => s.rnd) },
    vrnd: { type: { kind: 'map', key: ACC, value: INT }, description: 'per acceptor: the round of its last vote (0: none)', get: accMap((s) => s.vrnd) },
    vval: { type: { kind: 'map', key: ACC, value: INT }, description: 'per acceptor: the value of its last vote (0: none)', get: accMap((s) => s.vval) },
    sent2a: {
      type: { kind: 'set', elem: { kind: 'record', fields: { round: INT, v: INT } } },
      description: "2a messages sent: {round, v}, v = 0 for 'any'",
      get: (s) => anyOrValue.filter((x) => has(s.msgs, x.i)).map((x) => x.rec),
    },
    votes: {
      type: { kind: 'set', elem: { kind: 'record', fields: { acc: ACC, round: INT, v: INT } } },
      description: '2b messages sent: acceptor acc voted v in round',
      get: (s) => votes.filter((x) => has(s.msgs, x.i)).map((x) => x.rec),
    },
    chosen: { type: INTS, description: 'the values chosen (voted in one round by a quorum of its kind)', get: (s) => chosenOf(L, s.msgs) },
  };
}
