// An independent, deliberately naive majority-voting register for cross-checking models/majority-voting.ts:
// the protocol written again from its description (the model's header), states as plain objects compared
// as JSON strings, messages as strings, and linearizability decided by brute force (every subset of the
// pending operations, every order of them and the completed ones, checked against a register) instead
// of the engine's tester. Shares no code with the model or the checker.

export type RefVariant = undefined | 'non-intersecting-quorums' | 'no-stable-storage' | 'no-write-back';

export interface RefConfig {
  readonly replicas: number;
  readonly readQuorum: number;
  readonly writeQuorum: number;
  readonly writes: number;
  readonly reads: number;
  readonly crashes: number;
  readonly losses: number;
}

interface Replica {
  v: number;
  x: number;
  up: boolean;
}
interface Client {
  /** Operations invoked so far. */
  n: number;
  ph: 'idle' | 'query' | 'store';
  v: number;
  x: number;
}
interface RefState {
  reps: Replica[];
  crashes: number;
  losses: number;
  cl: Client[];
  /** Sorted: "query c r", "reply r c v x", "store c r k v x", "ack r c". */
  msgs: string[];
  /** "inv c" or "ret c result". */
  hist: string[];
}

const clone = (s: RefState): RefState => JSON.parse(JSON.stringify(s));
const withMsgs = (s: RefState, msgs: string[]): RefState => ({ ...s, msgs: [...msgs].sort() });
const greater = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** Brute-force linearizability of a register history (initial value 0; c0 writes n for its n-th write). */
export function bruteLinearizable(hist: readonly string[]): boolean {
  type Op = { c: number; write: boolean; arg: number; res: number | null; start: number; end: number };
  const ops: Op[] = [];
  const open: Record<number, Op> = {};
  const writesBy: Record<number, number> = {};
  hist.forEach((e, i) => {
    const [kind, c, r] = e.split(' ');
    const cl = Number(c);
    if (kind === 'inv') {
      const write = cl === 0;
      const op: Op = { c: cl, write, arg: write ? (writesBy[cl] = (writesBy[cl] ?? 0) + 1) : 0, res: null, start: i, end: Infinity };
      open[cl] = op;
      ops.push(op);
    } else {
      open[cl].end = i;
      open[cl].res = r === undefined ? null : Number(r);
    }
  });
  const done = ops.filter((o) => o.end !== Infinity);
  const pending = ops.filter((o) => o.end === Infinity);
  const tryOrders = (left: Op[], value: number, last: Op[]): boolean => {
    if (left.length === 0) return true;
    return left.some((o, i) => {
      // o may go now only if nothing left returned before o was invoked.
      if (left.some((p) => p !== o && p.end < o.start)) return false;
      if (!o.write && o.end !== Infinity && o.res !== value) return false;
      return tryOrders([...left.slice(0, i), ...left.slice(i + 1)], o.write ? o.arg : value, [...last, o]);
    });
  };
  for (let mask = 0; mask < 1 << pending.length; mask++) {
    if (tryOrders([...done, ...pending.filter((_, i) => (mask >> i) & 1)], 0, [])) return true;
  }
  return false;
}

export function referenceMajorityVoting(cfg: RefConfig, variant: RefVariant = undefined) {
  const n = cfg.replicas;
  const R = variant === 'non-intersecting-quorums' ? Math.max(1, n - cfg.writeQuorum) : cfg.readQuorum;
  const W = cfg.writeQuorum;
  const total = [cfg.writes, cfg.reads];

  const dropClientMessages = (msgs: string[], c: number) =>
    msgs.filter((m) => {
      const f = m.split(' ');
      if (f[0] === 'query') return Number(f[1]) !== c;
      if (f[0] === 'reply' || f[0] === 'ack') return Number(f[2]) !== c;
      return true;
    });

  function successors(s: RefState): RefState[] {
    const out: RefState[] = [];
    // Clients.
    s.cl.forEach((c, ci) => {
      if (c.ph === 'idle' && c.n < total[ci]) {
        const t = clone(s);
        t.cl[ci] = { n: c.n + 1, ph: 'query', v: 0, x: 0 };
        t.hist.push(`inv ${ci}`);
        for (let r = 0; r < n; r++) t.msgs.push(`query ${ci} ${r}`);
        out.push(withMsgs(t, t.msgs));
      }
      if (c.ph === 'query') {
        const replies = new Map<number, [number, number]>();
        for (const m of s.msgs) {
          const f = m.split(' ');
          if (f[0] === 'reply' && Number(f[2]) === ci) replies.set(Number(f[1]), [Number(f[3]), Number(f[4])]);
        }
        for (let mask = 0; mask < 1 << n; mask++) {
          const q = [...Array(n).keys()].filter((r) => (mask >> r) & 1);
          if (q.length !== R || !q.every((r) => replies.has(r))) continue;
          let best: [number, number] = [0, 0];
          for (const r of q) if (greater(replies.get(r)!, best)) best = replies.get(r)!;
          const t = clone(s);
          t.msgs = dropClientMessages(t.msgs, ci);
          if (ci !== 0 && variant === 'no-write-back') {
            t.cl[ci] = { ...c, ph: 'idle' };
            t.hist.push(`ret ${ci} ${best[1]}`);
          } else {
            const [v, x] = ci === 0 ? [best[0] + 1, c.n] : best;
            t.cl[ci] = { ...c, ph: 'store', v, x };
            for (let r = 0; r < n; r++) t.msgs.push(`store ${ci} ${r} ${c.n - 1} ${v} ${x}`);
          }
          out.push(withMsgs(t, t.msgs));
        }
      }
      if (c.ph === 'store') {
        const acks = s.msgs.filter((m) => m.startsWith('ack ') && Number(m.split(' ')[2]) === ci).length;
        if (acks >= W) {
          const t = clone(s);
          t.msgs = dropClientMessages(t.msgs, ci);
          t.hist.push(ci === 0 ? `ret ${ci}` : `ret ${ci} ${c.x}`);
          t.cl[ci] = { n: c.n, ph: 'idle', v: 0, x: 0 };
          out.push(withMsgs(t, t.msgs));
        }
      }
    });
    // Replicas.
    s.reps.forEach((rep, r) => {
      if (!rep.up) {
        const t = clone(s);
        t.reps[r] = variant === 'no-stable-storage' ? { v: 0, x: 0, up: true } : { ...rep, up: true };
        out.push(t);
        return;
      }
      s.msgs.forEach((m, i) => {
        const f = m.split(' ');
        const rest = [...s.msgs.slice(0, i), ...s.msgs.slice(i + 1)];
        if (f[0] === 'query' && Number(f[2]) === r) {
          out.push(withMsgs(s, [...rest, `reply ${r} ${f[1]} ${rep.v} ${rep.x}`]));
        } else if (f[0] === 'store' && Number(f[2]) === r) {
          const [ci, k, v, x] = [Number(f[1]), Number(f[3]), Number(f[4]), Number(f[5])];
          const t = clone(s);
          if (greater([v, x], [rep.v, rep.x])) t.reps[r] = { v, x, up: true };
          const waiting = s.cl[ci].ph === 'store' && s.cl[ci].n - 1 === k;
          out.push(withMsgs(t, waiting ? [...rest, `ack ${r} ${ci}`] : rest));
        }
      });
      if (s.crashes < cfg.crashes) {
        const t = clone(s);
        t.reps[r].up = false;
        t.crashes++;
        out.push(t);
      }
    });
    // The network.
    if (s.losses < cfg.losses) {
      s.msgs.forEach((_, i) => {
        const t = withMsgs(s, [...s.msgs.slice(0, i), ...s.msgs.slice(i + 1)]);
        out.push({ ...t, losses: s.losses + 1 });
      });
    }
    return out;
  }

  const init: RefState = {
    reps: Array.from({ length: n }, () => ({ v: 0, x: 0, up: true })),
    crashes: 0,
    losses: 0,
    cl: [0, 1].map(() => ({ n: 0, ph: 'idle' as const, v: 0, x: 0 })),
    msgs: [],
    hist: [],
  };

  return {
    /**
     * Breadth-first: distinct states, successors generated (the initial state counted), levels (the
     * initial state at level 1), dead ends that are not terminal, and the steps to the first state whose
     * history is not linearizable (undefined when there is none).
     */
    explore() {
      const seen = new Set<string>([JSON.stringify(init)]);
      let frontier = [init];
      let depth = 0;
      let generated = 1;
      let deadlocks = 0;
      let violationAt: number | undefined;
      const verdicts = new Map<string, boolean>();
      const linearizable = (h: string[]) => {
        const k = h.join('|');
        if (!verdicts.has(k)) verdicts.set(k, bruteLinearizable(h));
        return verdicts.get(k)!;
      };
      while (frontier.length) {
        depth++;
        const next: RefState[] = [];
        for (const s of frontier) {
          if (violationAt === undefined && !linearizable(s.hist)) violationAt = depth - 1;
          const succ = successors(s);
          generated += succ.length;
          const allDone = s.cl.every((c, ci) => c.ph === 'idle' && c.n === total[ci]);
          if (succ.length === 0 && !(allDone || s.losses > 0)) deadlocks++;
          for (const t of succ) {
            const k = JSON.stringify(t);
            if (!seen.has(k)) {
              seen.add(k);
              next.push(t);
            }
          }
        }
        frontier = next;
      }
      return { distinct: seen.size, generated, depth, deadlocks, violationAt };
    },
  };
}
