// An independent, deliberately naive Fast Paxos (single decree) for cross-checking models/fast-paxos.ts:
// the messages are strings in a sorted array, states are compared as JSON strings, quorums are explicit
// lists of acceptors, and the coordinator's rule is Lamport's as written (for a collision, O4(w) is
// checked by trying every fast quorum R, not by the model's counting shortcut). Written from the
// protocol's definition, sharing no code with the model or the checker.
//
// Messages: "P v" (proposal), "1a r", "1b a r vr vv", "2a r v" (v = 0: any), "2b a r v".
// Round 1 has no phase 1; rounds 1..F are fast.

import { naiveBfs } from '../helpers/naive-bfs.ts';

interface RefState {
  rnd: number[];
  vrnd: number[];
  vval: number[];
  msgs: string[]; // sorted, distinct
}

export type RefVariant = undefined | 'small-fast-quorum' | 'ignore-collision-rule';

export interface RefConfig {
  n: number;
  values: number;
  rounds: number;
  fastRounds: number;
  /** 0: the default. */
  classicQuorum?: number;
  fastQuorum?: number;
}

export function referenceFastPaxos(c: RefConfig, variant: RefVariant = undefined) {
  const { n, values, rounds, fastRounds } = c;
  const qc = c.classicQuorum || Math.floor(n / 2) + 1;
  // The least fast quorum with qc + 2 qf > 2n, found by counting up.
  let least = 1;
  while (qc + 2 * least <= 2 * n) least++;
  const qf = variant === 'small-fast-quorum' ? Math.max(1, least - 1) : c.fastQuorum || least;
  const fast = (r: number) => r <= fastRounds;
  const acceptors = [...Array(n).keys()];
  const allSets: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) allSets.push(acceptors.filter((a) => (mask >> a) & 1));
  const classicQuorums = allSets.filter((q) => q.length >= qc);
  const fastQuorums = allSets.filter((q) => q.length >= qf);

  const add = (s: RefState, m: string): RefState => ({ ...s, msgs: [...new Set([...s.msgs, m])].sort() });
  // A set of each state's messages, made on first use (the reference stays naive, not slow).
  const sets = new WeakMap<RefState, Set<string>>();
  const sent = (s: RefState, m: string) => {
    let set = sets.get(s);
    if (!set) sets.set(s, (set = new Set(s.msgs)));
    return set.has(m);
  };
  const proposed = (s: RefState) => [...Array(values).keys()].map((i) => i + 1).filter((v) => sent(s, `P ${v}`));
  const fields = (m: string) => m.split(' ').slice(1).map(Number);

  /** The values (or [0] for "any") the coordinator of round r may send after the 1b messages of q. */
  function pick(s: RefState, r: number, oneBs: number[][]): number[] {
    const vr = (a: number) => oneBs.find((f) => f[0] === a)![2];
    const vv = (a: number) => oneBs.find((f) => f[0] === a)![3];
    const q = oneBs.map((f) => f[0]);
    const k = Math.max(...q.map(vr));
    const free = fast(r) ? [0] : proposed(s);
    if (k === 0) return free;
    const V = [...new Set(q.filter((a) => vr(a) === k).map(vv))];
    if (variant === 'ignore-collision-rule' || !fast(k) || V.length === 1) return V;
    const o4 = V.filter((w) => fastQuorums.some((R) => R.filter((a) => q.includes(a)).every((a) => vr(a) === k && vv(a) === w)));
    return o4.length > 0 ? o4 : free;
  }

  function successors(s: RefState): RefState[] {
    const out: RefState[] = [];
    for (let v = 1; v <= values; v++) if (!sent(s, `P ${v}`)) out.push(add(s, `P ${v}`));
    for (let r = 2; r <= rounds; r++) if (!sent(s, `1a ${r}`)) out.push(add(s, `1a ${r}`));
    for (const a of acceptors) {
      for (let r = 2; r <= rounds; r++) {
        if (sent(s, `1a ${r}`) && r > s.rnd[a]) {
          const rnd = [...s.rnd];
          rnd[a] = r;
          out.push(add({ ...s, rnd }, `1b ${a} ${r} ${s.vrnd[a]} ${s.vval[a]}`));
        }
      }
    }
    for (let r = 1; r <= rounds; r++) {
      if (s.msgs.some((m) => m.startsWith('2a ') && fields(m)[0] === r)) continue;
      if (r === 1) {
        for (const v of fast(1) ? [0] : proposed(s)) out.push(add(s, `2a 1 ${v}`));
        continue;
      }
      for (const q of classicQuorums) {
        const oneBs = s.msgs.filter((m) => m.startsWith('1b ')).map(fields).filter((f) => f[1] === r && q.includes(f[0]));
        if (oneBs.length !== q.length) continue;
        for (const v of pick(s, r, oneBs)) out.push(add(s, `2a ${r} ${v}`));
      }
    }
    for (const a of acceptors) {
      for (const m of s.msgs.filter((x) => x.startsWith('2a '))) {
        const [r, v] = fields(m);
        if (r < s.rnd[a] || s.vrnd[a] >= r) continue;
        for (const w of v === 0 ? proposed(s) : [v]) {
          const rnd = [...s.rnd];
          const vrnd = [...s.vrnd];
          const vval = [...s.vval];
          rnd[a] = vrnd[a] = r;
          vval[a] = w;
          out.push(add({ rnd, vrnd, vval, msgs: s.msgs }, `2b ${a} ${r} ${w}`));
        }
      }
    }
    return out;
  }

  function chosen(s: RefState): Set<number> {
    const out = new Set<number>();
    for (let r = 1; r <= rounds; r++) {
      for (let v = 1; v <= values; v++) {
        const votes = acceptors.filter((a) => sent(s, `2b ${a} ${r} ${v}`)).length;
        if (votes >= (fast(r) ? qf : qc)) out.add(v);
      }
    }
    return out;
  }
  const ok = (s: RefState) => {
    const ch = chosen(s);
    return ch.size <= 1 && [...ch].every((v) => sent(s, `P ${v}`));
  };

  /** BFS (test/helpers/naive-bfs.ts): distinct states, depth, and the steps to the first violation found. */
  const explore = () => naiveBfs<RefState>({ rnd: Array(n).fill(0), vrnd: Array(n).fill(0), vval: Array(n).fill(0), msgs: [] }, successors, ok);
  return { explore };
}
