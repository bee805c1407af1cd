// An independent, deliberately naive Multi-Paxos for cross-checking models/multi-paxos.ts: the protocol as
// its header states it, written again from that description with plain objects, messages as strings in a
// sorted array, and states compared as JSON strings. It shares no code with the model or the checker.

export type RefVariant = undefined | 'skip-phase1' | 'no-repropose';

interface RefAcceptor {
  bal: number;
  /** Per slot: [ballot, command] of the vote, [0, 0] for none. */
  votes: [number, number][];
}

interface RefProposer {
  bal: number;
  phase: 'idle' | 'phase1' | 'leading';
  /** Per slot, the command to propose while leading; zeros otherwise. */
  plan: number[];
}

interface RefState {
  acc: RefAcceptor[];
  prop: RefProposer[];
  msgs: string[];
}

export interface RefConfig {
  readonly A: number;
  readonly P: number;
  readonly S: number;
  readonly B: number;
  readonly piggyback: boolean;
  readonly variant?: RefVariant;
}

export interface RefResult {
  /** States reached (all of them, or up to and including the level of the first violation). */
  readonly distinct: number;
  /** BFS levels, the initial state being level 1. */
  readonly depth: number;
  /** Steps to the first state where two commands are chosen for one slot, if any. */
  readonly violationAt?: number;
  /** Reachable states without a successor in which some slot's decision was never announced. */
  readonly deadlocks: number;
}

export function referenceMultiPaxos(cfg: RefConfig): RefResult {
  const { A, P, S, B, piggyback, variant } = cfg;
  const majority = Math.floor(A / 2) + 1;
  const ownerOf = (b: number) => ((b - 1) % P) + 1;
  const slots = Array.from({ length: S }, (_, k) => k + 1);
  const quorums: number[][] = [];
  for (let mask = 1; mask < 1 << A; mask++) {
    const q = Array.from({ length: A }, (_, a) => a).filter((a) => (mask >> a) & 1);
    if (q.length >= majority) quorums.push(q);
  }
  const copy = (s: RefState): RefState => JSON.parse(JSON.stringify(s));
  const send = (s: RefState, m: string): RefState => ({ ...s, msgs: [...new Set([...s.msgs, m])].sort() });
  const fields = (m: string) => m.split('|');
  const has = (s: RefState, pred: (f: string[]) => boolean) => s.msgs.some((m) => pred(fields(m)));
  /** Acceptors that sent a 2b for (b, slot). */
  const voters = (s: RefState, b: number, slot: number) => new Set(s.msgs.map(fields).filter((f) => f[0] === '2b' && +f[2] === b && +f[3] === slot).map((f) => f[1])).size;
  const proposal = (s: RefState, b: number, slot: number) => s.msgs.map(fields).find((f) => f[0] === '2a' && +f[1] === b && +f[2] === slot);

  function successors(s: RefState): RefState[] {
    const out: RefState[] = [];
    for (let p = 1; p <= P; p++) {
      const me = s.prop[p - 1];
      for (let b = 1; b <= B; b++) {
        if (ownerOf(b) !== p || b <= me.bal) continue;
        const t = copy(s);
        if (variant === 'skip-phase1' && b > 1) {
          t.prop[p - 1] = { bal: b, phase: 'leading', plan: slots.map(() => p) };
          out.push(t);
        } else {
          t.prop[p - 1] = { bal: b, phase: 'phase1', plan: slots.map(() => 0) };
          out.push(send(t, `1a|${b}`));
        }
      }
    }
    for (let a = 0; a < A; a++) {
      for (let b = 1; b <= B; b++) {
        if (!s.msgs.includes(`1a|${b}`) || b <= s.acc[a].bal) continue;
        const t = copy(s);
        t.acc[a].bal = b;
        out.push(send(t, `1b|${a}|${b}|${JSON.stringify(s.acc[a].votes)}`));
      }
    }
    for (let p = 1; p <= P; p++) {
      const me = s.prop[p - 1];
      if (me.phase !== 'phase1') continue;
      for (const q of quorums) {
        const reports = q.map((a) => s.msgs.map(fields).find((f) => f[0] === '1b' && +f[1] === a && +f[2] === me.bal));
        if (reports.some((r) => r === undefined)) continue;
        const plan = slots.map((slot) => {
          let best: [number, number] = [0, 0];
          for (const r of reports) {
            const vote = (JSON.parse(r![3]) as [number, number][])[slot - 1];
            if (vote[0] > best[0]) best = vote;
          }
          return variant === 'no-repropose' || best[0] === 0 ? p : best[1];
        });
        const t = copy(s);
        t.prop[p - 1] = { ...me, phase: 'leading', plan };
        out.push(t);
      }
    }
    for (let p = 1; p <= P; p++) {
      const me = s.prop[p - 1];
      if (me.phase !== 'leading') continue;
      const slot = slots.find((i) => proposal(s, me.bal, i) === undefined);
      if (slot === undefined) continue;
      if (slot > 1 && voters(s, me.bal, slot - 1) < majority) continue;
      const carried = piggyback && slot > 1 ? +proposal(s, me.bal, slot - 1)![3] : 0;
      out.push(send(s, `2a|${me.bal}|${slot}|${me.plan[slot - 1]}|${carried}`));
    }
    for (const m of s.msgs) {
      const f = fields(m);
      if (f[0] !== '2a') continue;
      const [b, slot, v] = [+f[1], +f[2], +f[3]];
      for (let a = 0; a < A; a++) {
        if (b < s.acc[a].bal || s.acc[a].votes[slot - 1][0] === b) continue;
        const t = copy(s);
        t.acc[a].bal = b;
        t.acc[a].votes[slot - 1] = [b, v];
        out.push(send(t, `2b|${a}|${b}|${slot}|${v}`));
      }
    }
    for (let p = 1; p <= P; p++) {
      const me = s.prop[p - 1];
      if (me.phase !== 'leading') continue;
      for (const slot of slots) {
        if (piggyback && slot !== S) continue;
        if (voters(s, me.bal, slot) < majority || has(s, (f) => f[0] === 'commit' && +f[1] === me.bal && +f[2] === slot)) continue;
        out.push(send(s, `commit|${me.bal}|${slot}|${proposal(s, me.bal, slot)![3]}`));
      }
    }
    return out;
  }

  /** Two different commands chosen for one slot (a majority's 2b for each, in some ballot). */
  const disagrees = (s: RefState) =>
    slots.some((slot) => {
      const chosen = new Set<number>();
      for (let b = 1; b <= B; b++)
        for (let v = 1; v <= P; v++) {
          const n = new Set(s.msgs.map(fields).filter((f) => f[0] === '2b' && +f[2] === b && +f[3] === slot && +f[4] === v).map((f) => f[1])).size;
          if (2 * n > A) chosen.add(v);
        }
      return chosen.size > 1;
    });
  const announced = (s: RefState) =>
    slots.every((slot) => has(s, (f) => (f[0] === 'commit' && +f[2] === slot) || (f[0] === '2a' && +f[2] === slot + 1 && f[4] !== '0')));

  const init: RefState = {
    acc: Array.from({ length: A }, () => ({ bal: 0, votes: slots.map((): [number, number] => [0, 0]) })),
    prop: Array.from({ length: P }, () => ({ bal: 0, phase: 'idle' as const, plan: slots.map(() => 0) })),
    msgs: [],
  };
  const seen = new Set<string>([JSON.stringify(init)]);
  let level: RefState[] = [init];
  let depth = 1;
  let deadlocks = 0;
  if (disagrees(init)) return { distinct: 1, depth, violationAt: 0, deadlocks };
  for (;;) {
    const nextLevel: RefState[] = [];
    let violated = false;
    for (const s of level) {
      const succ = successors(s);
      if (succ.length === 0 && !announced(s)) deadlocks++;
      for (const t of succ) {
        const k = JSON.stringify(t);
        if (seen.has(k)) continue;
        seen.add(k);
        nextLevel.push(t);
        if (disagrees(t)) violated = true;
      }
    }
    if (nextLevel.length === 0) return { distinct: seen.size, depth, deadlocks };
    depth++;
    if (violated) return { distinct: seen.size, depth, violationAt: depth - 1, deadlocks };
    level = nextLevel;
  }
}
