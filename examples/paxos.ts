// Single-decree Paxos written the natural way, with the model kit (checker/model-kit/): plain readonly
// records, a set of sent messages, spread-style updates, next() as four named action functions, and no
// hand-written encoding (the state's shape gives encode, decode, show and symmetry). It has exactly the
// semantics of the shipped, bit-packed models/paxos.ts (Lamport's Paxos.tla: acceptors keep maxBal,
// maxVBal, maxVal; the network is the set of sent messages, which only grows), so it reaches the same
// states: 1,777 / 74,681 / 3,122,593 distinct states for maxBallot 2 / 3 / 4 with 3 acceptors and 2
// proposers, with the same successors generated and depth (test/examples/paxos.test.ts checks it, and
// `npm run bench` runs it beside the packed model). docs/fast-models.md walks through it.
//
//   clab check examples/paxos.ts --const maxBallot=4 --profile

import { defineModel, type Action, type Step } from '../checker/index.ts';
import { actions, assign, int, messages, perProcess, record, setAt, setOf, sort, stateCodec, type SortedSet } from '../checker/model-kit/index.ts';

type Msg =
  | { readonly type: '1a'; readonly b: number }
  | { readonly type: '1b'; readonly acc: number; readonly b: number; readonly vbal: number; readonly v: number }
  | { readonly type: '2a'; readonly b: number; readonly v: number }
  | { readonly type: '2b'; readonly acc: number; readonly b: number; readonly v: number };

interface Acceptor {
  /** Highest ballot promised or accepted (0: none). */
  readonly maxBal: number;
  /** Ballot of the last vote (0: none). */
  readonly maxVBal: number;
  /** Value of the last vote (0: none). */
  readonly maxVal: number;
}

interface State {
  readonly acceptors: readonly Acceptor[];
  readonly msgs: SortedSet<Msg>;
}

const VARIANTS = {
  'ignore-accepted': "Phase2a proposes the owner's own value, ignoring the votes reported in 1b messages",
  'accept-below-promise': 'Phase2b accepts a 2a whose ballot is below the promise maxBal[a]',
  'minority-quorum': 'Phase2a needs 1b messages from only floor(N/2) acceptors',
} as const;

export default defineModel<State>({
  name: 'paxos-natural',
  summary: 'Single-decree Paxos (Paxos.tla) written with the model kit: records, a message set, named actions',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 9, description: 'number of acceptors (a1..aN); quorums are majorities' },
    proposers: { kind: 'int', default: 2, min: 1, max: 6, description: 'number of proposers; proposer p owns ballots p, p+P, ... and proposes value p' },
    maxBallot: { kind: 'int', default: 3, min: 1, max: 8, description: 'ballots are 1..maxBallot' },
  },
  variants: VARIANTS,
  instantiate(c, variant) {
    const A = c.acceptors as number;
    const P = c.proposers as number;
    const B = c.maxBallot as number;

    // What the state holds. 0 means "none" for ballots and values.
    const Acc = sort('acceptor', A);
    const Proposer = sort('proposer', P);
    const Ballot = int(0, B);
    const Value = int(0, P);
    const Msg = messages({
      '1a': { b: Ballot },
      '1b': { acc: Acc, b: Ballot, vbal: Ballot, v: Value },
      '2a': { b: Ballot, v: Value },
      '2b': { acc: Acc, b: Ballot, v: Value },
    });
    const Msgs = setOf<Msg>(Msg);
    const State = record({ acceptors: perProcess(Acc, record({ maxBal: Ballot, maxVBal: Ballot, maxVal: Value })), msgs: Msgs });

    const owner = (b: number) => ((b - 1) % P) + 1; // the proposer owning ballot b, and its value
    const quorumSize = variant === 'minority-quorum' ? Math.max(1, Math.floor(A / 2)) : Math.floor(A / 2) + 1;
    // Every set of acceptors with at least quorumSize members, as arrays of ids.
    const quorums: number[][] = [];
    for (let mask = 1; mask < 1 << A; mask++) {
      const q = Acc.ids.filter((a) => (mask >> a) & 1);
      if (q.length >= quorumSize) quorums.push(q);
    }
    const send = (s: State, m: Msg): State => assign(s, { msgs: s.msgs.add(m) });
    // An action's label: who, what, the message sent and the one it answers (sequence charts draw it).
    const label = (actor: string, kind: string, m: Msg, answers?: Msg): Action =>
      answers ? { actor, kind, message: Msg.shown(m), received: [Msg.shown(answers)] } : { actor, kind, message: Msg.shown(m) };

    const next = actions<State>({
      // A proposer sends 1a(b) for a ballot it owns (again and again: re-sending changes nothing).
      phase1a(s, out) {
        for (let b = 1; b <= B; b++) {
          const m: Msg = { type: '1a', b };
          out.push({ action: label(Proposer.nameOf(owner(b) - 1), 'sends', m), state: send(s, m) });
        }
      },
      // An acceptor promises a higher ballot and reports its last vote.
      phase1b(s, out) {
        for (const m of s.msgs) {
          if (m.type !== '1a') continue;
          for (const a of Acc.ids) {
            const acc = s.acceptors[a];
            if (m.b <= acc.maxBal) continue;
            const reply: Msg = { type: '1b', acc: a, b: m.b, vbal: acc.maxVBal, v: acc.maxVal };
            out.push({
              action: label(Acc.nameOf(a), 'promises, sends', reply, m),
              state: { acceptors: setAt(s.acceptors, a, { ...acc, maxBal: m.b }), msgs: s.msgs.add(reply) },
            });
          }
        }
      },
      // The owner of ballot b, with promises from a quorum, proposes the value of the highest vote reported
      // (its own value if none voted); at most one 2a per ballot.
      phase2a(s, out) {
        // One pass over the messages: the promises (1b) of each ballot, and the ballots proposed already.
        const promises: Extract<Msg, { type: '1b' }>[][] = [];
        const proposed: boolean[] = [];
        for (const m of s.msgs) {
          if (m.type === '1b') (promises[m.b] ??= []).push(m);
          else if (m.type === '2a') proposed[m.b] = true;
        }
        for (let b = 1; b <= B; b++) {
          const ps = promises[b];
          if (proposed[b] || ps === undefined || ps.length < quorumSize) continue;
          for (const q of quorums) {
            const votes = ps.filter((m) => q.includes(m.acc));
            if (votes.length !== q.length) continue;
            let top = votes[0];
            for (const m of votes) if (m.vbal > top.vbal) top = m;
            const v = variant === 'ignore-accepted' || top.vbal === 0 ? owner(b) : top.v;
            const m: Msg = { type: '2a', b, v };
            const action: Action = {
              actor: Proposer.nameOf(owner(b) - 1),
              kind: 'sends',
              message: Msg.shown(m),
              detail: `after 1b from ${q.map((a) => Acc.nameOf(a)).join(', ')}`,
              received: votes.map((r) => Msg.shown(r)),
            };
            out.push({ action, state: send(s, m) });
          }
        }
      },
      // An acceptor votes for a proposal whose ballot is not below its promise (again and again: re-voting
      // changes nothing).
      phase2b(s, out) {
        for (const m of s.msgs) {
          if (m.type !== '2a') continue;
          for (const a of Acc.ids) {
            const acc = s.acceptors[a];
            if (m.b < acc.maxBal && variant !== 'accept-below-promise') continue;
            const vote: Msg = { type: '2b', acc: a, b: m.b, v: m.v };
            const voted = assign(acc, { maxBal: Math.max(acc.maxBal, m.b), maxVBal: m.b, maxVal: m.v });
            out.push({ action: label(Acc.nameOf(a), 'accepts, sends', vote, m), state: assign(s, { acceptors: setAt(s.acceptors, a, voted), msgs: s.msgs.add(vote) }) });
          }
        }
      },
    });

    /** The values accepted in one ballot by a majority of acceptors. */
    const chosen = (s: State): number[] => {
      const votes: number[] = []; // by ballot and value: b * (P + 1) + v
      const out: number[] = [];
      for (const m of s.msgs) {
        if (m.type !== '2b') continue;
        const k = m.b * (P + 1) + m.v;
        votes[k] = (votes[k] ?? 0) + 1;
        if (2 * votes[k] > A && !out.includes(m.v)) out.push(m.v);
      }
      return out;
    };

    return {
      init: () => [{ acceptors: Acc.ids.map(() => ({ maxBal: 0, maxVBal: 0, maxVal: 0 })), msgs: Msgs.empty }],
      next,
      invariants: {
        agreement: { description: 'at most one value is chosen (accepted in one ballot by a majority of acceptors)', holds: (s) => chosen(s).length <= 1 },
        validity: {
          description: 'a chosen value was proposed: its proposer sent 1a for a ballot it owns',
          holds: (s) => chosen(s).every((v) => v >= 1 && v <= P && s.msgs.some((m) => m.type === '1a' && owner(m.b) === v)),
        },
      },
      ...stateCodec<State>(State, { symmetry: [Acc] }),
    };
  },
});
