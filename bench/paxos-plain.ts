// The Paxos of examples/paxos.ts written without the model kit, as a model is written before anyone tunes
// it: plain readonly objects, the set of sent messages as an array kept sorted (by its JSON text) and
// without repeats, spread updates, one next() function, no encode() or decode() (the generic structural
// encoder fingerprints every state, and the frontier keeps objects). The same semantics and counts as
// models/paxos.ts; `npm run bench` checks it beside the kit's version and the packed model (bench/cases.ts),
// which is what docs/fast-models.md's "with and without the kit" figures come from.

import { defineModel, type Action, type Step } from '../checker/index.ts';

type Msg =
  | { readonly type: '1a'; readonly b: number }
  | { readonly type: '1b'; readonly acc: number; readonly b: number; readonly vbal: number; readonly v: number }
  | { readonly type: '2a'; readonly b: number; readonly v: number }
  | { readonly type: '2b'; readonly acc: number; readonly b: number; readonly v: number };

interface Acceptor {
  readonly maxBal: number;
  readonly maxVBal: number;
  readonly maxVal: number;
}

interface State {
  readonly acceptors: readonly Acceptor[];
  /** Sorted by JSON text, no repeats, so equal sets are equal arrays. */
  readonly msgs: readonly Msg[];
}

export default defineModel<State>({
  name: 'paxos-plain',
  summary: 'Single-decree Paxos (Paxos.tla) written without the model kit: plain objects, a sorted message array, the generic encoder',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 9, description: 'number of acceptors' },
    proposers: { kind: 'int', default: 2, min: 1, max: 6, description: 'number of proposers' },
    maxBallot: { kind: 'int', default: 3, min: 1, max: 8, description: 'ballots are 1..maxBallot' },
  },
  instantiate(c) {
    const A = c.acceptors as number;
    const P = c.proposers as number;
    const B = c.maxBallot as number;
    const owner = (b: number) => ((b - 1) % P) + 1;
    const quorumSize = Math.floor(A / 2) + 1;
    const quorums: number[][] = [];
    for (let mask = 1; mask < 1 << A; mask++) {
      const q = [...Array(A).keys()].filter((a) => (mask >> a) & 1);
      if (q.length >= quorumSize) quorums.push(q);
    }
    const key = (m: Msg) => JSON.stringify(m);
    const send = (msgs: readonly Msg[], m: Msg): readonly Msg[] => {
      const k = key(m);
      if (msgs.some((x) => key(x) === k)) return msgs;
      return [...msgs, m].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    };
    const label = (actor: string, kind: string, m: Msg): Action => ({ actor, kind, message: m.type === '1b' || m.type === '2b' ? { ...m, acc: `a${m.acc + 1}` } : m });

    function next(s: State): Step<State>[] {
      const out: Step<State>[] = [];
      for (let b = 1; b <= B; b++) {
        const m: Msg = { type: '1a', b };
        const msgs = send(s.msgs, m);
        out.push({ action: label(`p${owner(b)}`, 'sends', m), state: msgs === s.msgs ? s : { ...s, msgs } });
      }
      for (const m of s.msgs) {
        if (m.type !== '1a') continue;
        s.acceptors.forEach((acc, a) => {
          if (m.b <= acc.maxBal) return;
          const reply: Msg = { type: '1b', acc: a, b: m.b, vbal: acc.maxVBal, v: acc.maxVal };
          out.push({ action: label(`a${a + 1}`, 'promises, sends', reply), state: { acceptors: s.acceptors.map((x, i) => (i === a ? { ...x, maxBal: m.b } : x)), msgs: send(s.msgs, reply) } });
        });
      }
      for (let b = 1; b <= B; b++) {
        if (s.msgs.some((m) => m.type === '2a' && m.b === b)) continue;
        const promises = s.msgs.filter((m): m is Extract<Msg, { type: '1b' }> => m.type === '1b' && m.b === b);
        for (const q of quorums) {
          const votes = promises.filter((m) => q.includes(m.acc));
          if (votes.length !== q.length) continue;
          const top = votes.reduce((x, y) => (y.vbal > x.vbal ? y : x));
          const m: Msg = { type: '2a', b, v: top.vbal === 0 ? owner(b) : top.v };
          const msgs = send(s.msgs, m);
          out.push({ action: label(`p${owner(b)}`, 'sends', m), state: msgs === s.msgs ? s : { ...s, msgs } });
        }
      }
      for (const m of s.msgs) {
        if (m.type !== '2a') continue;
        s.acceptors.forEach((acc, a) => {
          if (m.b < acc.maxBal) return;
          const vote: Msg = { type: '2b', acc: a, b: m.b, v: m.v };
          const msgs = send(s.msgs, vote);
          const same = msgs === s.msgs && acc.maxBal === m.b && acc.maxVBal === m.b && acc.maxVal === m.v;
          const acceptors = s.acceptors.map((x, i) => (i === a ? { maxBal: m.b, maxVBal: m.b, maxVal: m.v } : x));
          out.push({ action: label(`a${a + 1}`, 'accepts, sends', vote), state: same ? s : { acceptors, msgs } });
        });
      }
      return out;
    }

    const chosen = (s: State): Set<number> => {
      const out = new Set<number>();
      for (let b = 1; b <= B; b++)
        for (let v = 1; v <= P; v++) if (2 * s.msgs.filter((m) => m.type === '2b' && m.b === b && m.v === v).length > A) out.add(v);
      return out;
    };
    return {
      init: () => [{ acceptors: Array.from({ length: A }, () => ({ maxBal: 0, maxVBal: 0, maxVal: 0 })), msgs: [] }],
      next,
      invariants: {
        agreement: { description: 'at most one value is chosen', holds: (s) => chosen(s).size <= 1 },
        validity: { description: 'a chosen value was proposed', holds: (s) => [...chosen(s)].every((v) => s.msgs.some((m) => m.type === '1a' && owner(m.b) === v)) },
      },
    };
  },
});
