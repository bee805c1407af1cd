// The bug-hunt exercise's model (the instructor's): single-decree Paxos as in Lamport's Paxos.tla, written
// out plainly, with three buggy variants under neutral names. Each breaks one rule of the protocol; the
// student finds, with the checker, a run of each that chooses two values, and says which rule is broken.
// No imports, so that it loads the same from a checkout and from the installed package.
//
// Semantics (the shipped models/paxos.ts's, so that its state counts are a cross-check of this file):
//   acceptors a1..aN keep maxBal / maxVBal / maxVal; proposer p proposes value p; ballot b is owned by
//   proposer ((b-1) % P) + 1. The network is a set of sent messages that only grows (loss, duplication and
//   reordering are all covered).
//   Phase1a(b)    send 1a(b) (once: re-sending would change nothing).
//   Phase1b(a,b)  1a(b) sent and b > maxBal[a]: maxBal[a] := b, send 1b(a, b, maxVBal[a], maxVal[a]).
//   Phase2a(b,Q)  no 2a for b yet, Q a quorum (a majority) whose members all sent 1b for b: send 2a(b, v),
//                 v the value of Q's 1b with the highest vbal, or the owner's value if no member voted.
//   Phase2b(a,b)  2a(b, v) sent and b >= maxBal[a]: maxBal[a] := maxVBal[a] := b, maxVal[a] := v,
//                 send 2b(a, b, v).
// A value is chosen when a majority of acceptors sent 2b for it in one ballot; `agreement`: at most one is.
// Every state may be the last of a run (the ballots are bounded), so no state is a deadlock.
//
// The mysteries (the handout does not say which is which):
//   mystery-a  Phase2a is content with floor(N/2) acceptors' 1b (at least one), which for odd N can miss
//              the majority that chose a value (shortest violation: 10 steps with the exercise's constants).
//   mystery-b  Phase2a proposes the owner's value, ignoring the votes the 1b messages report (12 steps).
//   mystery-c  Phase2b accepts below the promise: the check b >= maxBal[a] is missing; the promise itself
//              is never lowered (maxBal[a] := max(maxBal[a], b)) (12 steps).

type Msg =
  | { readonly t: '1a'; readonly b: number }
  | { readonly t: '1b'; readonly a: number; readonly b: number; readonly vbal: number; readonly v: number }
  | { readonly t: '2a'; readonly b: number; readonly v: number }
  | { readonly t: '2b'; readonly a: number; readonly b: number; readonly v: number };

interface State {
  readonly maxBal: readonly number[];
  readonly maxVBal: readonly number[];
  readonly maxVal: readonly number[];
  /** Sent messages as traces print them (`2b(a1, b=2, v=1)`), sorted: a set, one copy each. */
  readonly msgs: readonly string[];
}

type Consts = Readonly<Record<string, number | boolean | string>>;

const VARIANTS = {
  'mystery-a': 'mystery variant A: one rule of Paxos is broken',
  'mystery-b': 'mystery variant B: one rule of Paxos is broken',
  'mystery-c': 'mystery variant C: one rule of Paxos is broken',
} as const;

/** A message as traces print it, and its sort key: `2b(a1, b=2, v=1)`. */
function text(m: Msg): string {
  switch (m.t) {
    case '1a':
      return `1a(b=${m.b})`;
    case '1b':
      return `1b(a${m.a + 1}, b=${m.b}, vbal=${m.vbal}, v=${m.v})`;
    case '2a':
      return `2a(b=${m.b}, v=${m.v})`;
    case '2b':
      return `2b(a${m.a + 1}, b=${m.b}, v=${m.v})`;
  }
}

/** A message's fields back from its text (memoised: a message's text is made once per instance). */
const FIELDS = /^(1a|1b|2a|2b)\((?:a(\d+), )?b=(\d+)(?:, vbal=(\d+))?(?:, v=(\d+))?\)$/;
const parsed = new Map<string, Msg>();
function parse(t: string): Msg {
  let m = parsed.get(t);
  if (m) return m;
  const [, kind, a, b, vbal, v] = FIELDS.exec(t)!;
  const n = (x: string | undefined) => Number(x ?? 0);
  m = kind === '1a' ? { t: '1a', b: n(b) } : kind === '1b' ? { t: '1b', a: n(a) - 1, b: n(b), vbal: n(vbal), v: n(v) } : kind === '2a' ? { t: '2a', b: n(b), v: n(v) } : { t: '2b', a: n(a) - 1, b: n(b), v: n(v) };
  parsed.set(t, m);
  return m;
}

function send(s: State, m: Msg): State {
  const key = text(m);
  if (s.msgs.includes(key)) return s;
  return { ...s, msgs: [...s.msgs, key].sort() };
}

const set = (xs: readonly number[], i: number, v: number) => xs.map((x, j) => (j === i ? v : x));

/** Every subset of 0..n-1 with at least k members, as sorted arrays. */
function subsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const members = [...Array(n).keys()].filter((i) => (mask >>> i) & 1);
    if (members.length >= k) out.push(members);
  }
  return out;
}

export default {
  name: 'mystery-paxos',
  summary: 'single-decree Paxos with three mystery bugs (the bug-hunt exercise)',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 5, description: 'number of acceptors (a1..aN)' },
    proposers: { kind: 'int', default: 2, min: 1, max: 3, description: 'number of proposers; proposer p proposes value p' },
    maxBallot: { kind: 'int', default: 2, min: 1, max: 4, description: 'ballots 1..maxBallot; ballot b is owned by proposer ((b-1) % P) + 1' },
  },
  variants: VARIANTS,
  instantiate(c: Consts, variant?: string) {
    if (variant !== undefined && !(variant in VARIANTS)) throw new Error(`mystery-paxos: unknown variant '${variant}'`);
    const N = c.acceptors as number;
    const P = c.proposers as number;
    const B = c.maxBallot as number;
    const ballots = [...Array(B).keys()].map((i) => i + 1);
    const owner = (b: number) => ((b - 1) % P) + 1;
    const majority = Math.floor(N / 2) + 1;
    const quorums = subsets(N, variant === 'mystery-a' ? Math.max(1, Math.floor(N / 2)) : majority);

    const chosen = (s: State): number[] => {
      const out = new Set<number>();
      for (const b of ballots) {
        for (let v = 1; v <= P; v++) {
          const n = s.msgs.map(parse).filter((m) => m.t === '2b' && m.b === b && m.v === v).length;
          if (n >= majority) out.add(v);
        }
      }
      return [...out].sort();
    };

    const next = (s: State) => {
      const steps: { action: { actor: string; kind: string; detail?: string }; state: State }[] = [];
      const all = s.msgs.map(parse);
      const sent = (pred: (m: Msg) => boolean) => all.filter(pred);
      for (const b of ballots) {
        const p = `p${owner(b)}`;
        if (sent((m) => m.t === '1a' && m.b === b).length === 0) steps.push({ action: { actor: p, kind: 'sends', detail: text({ t: '1a', b }) }, state: send(s, { t: '1a', b }) });
      }
      for (let a = 0; a < N; a++) {
        for (const b of ballots) {
          if (b > s.maxBal[a] && sent((m) => m.t === '1a' && m.b === b).length > 0) {
            const m: Msg = { t: '1b', a, b, vbal: s.maxVBal[a], v: s.maxVal[a] };
            steps.push({ action: { actor: `a${a + 1}`, kind: 'sends', detail: text(m) }, state: send({ ...s, maxBal: set(s.maxBal, a, b) }, m) });
          }
        }
      }
      for (const b of ballots) {
        if (sent((m) => m.t === '2a' && m.b === b).length > 0) continue;
        const promises = sent((m) => m.t === '1b' && m.b === b) as Extract<Msg, { t: '1b' }>[];
        for (const q of quorums) {
          const got = q.map((a) => promises.find((m) => m.a === a));
          if (got.some((m) => m === undefined)) continue;
          let best = { vbal: 0, v: owner(b) };
          if (variant !== 'mystery-b') for (const m of got) if (m!.vbal > best.vbal) best = { vbal: m!.vbal, v: m!.v };
          const m: Msg = { t: '2a', b, v: best.v };
          steps.push({ action: { actor: `p${owner(b)}`, kind: 'sends', detail: `${text(m)} on 1b from ${q.map((a) => `a${a + 1}`).join(',')}` }, state: send(s, m) });
        }
      }
      for (let a = 0; a < N; a++) {
        for (const m of all) {
          if (m.t !== '2a') continue;
          if (variant !== 'mystery-c' && m.b < s.maxBal[a]) continue;
          const vote: Msg = { t: '2b', a, b: m.b, v: m.v };
          const after = { ...s, maxBal: set(s.maxBal, a, Math.max(s.maxBal[a], m.b)), maxVBal: set(s.maxVBal, a, m.b), maxVal: set(s.maxVal, a, m.v) };
          const st = send(after, vote);
          // Re-accepting the same 2a changes nothing: not a step.
          if (st === after && after.maxBal[a] === s.maxBal[a] && after.maxVBal[a] === s.maxVBal[a] && after.maxVal[a] === s.maxVal[a]) continue;
          steps.push({ action: { actor: `a${a + 1}`, kind: 'sends', detail: text(vote) }, state: st });
        }
      }
      return steps;
    };

    const zeros = Array.from({ length: N }, () => 0);
    return {
      init: (): State[] => [{ maxBal: zeros, maxVBal: zeros, maxVal: zeros, msgs: [] }],
      next,
      terminal: () => true,
      invariants: {
        agreement: { description: 'at most one value is chosen (accepted by a majority in one ballot)', holds: (s: State) => chosen(s).length <= 1 },
      },
      views: {
        chosen: { type: { kind: 'set', elem: { kind: 'int' } }, description: 'values accepted by a majority of acceptors in one ballot', get: chosen },
      },
      show: (s: State) => ({
        ...Object.fromEntries([...Array(N).keys()].map((a) => [`a${a + 1}`, `maxBal=${s.maxBal[a]} maxVBal=${s.maxVBal[a]} maxVal=${s.maxVal[a]}`])),
        msgs: s.msgs,
      }),
    };
  },
};
