// An independent, deliberately naive single-decree Paxos for cross-checking models/paxos.ts: the abstract
// semantics of Lamport's Paxos.tla with the message set as a JS Set of strings and states compared as
// JSON strings. Written from the protocol's definition, sharing no code with the model or the checker.

import { naiveBfs } from '../helpers/naive-bfs.ts';

interface RefState {
  maxBal: number[];
  maxVBal: number[];
  maxVal: number[];
  msgs: string[]; // sorted, distinct
}

export type RefVariant = undefined | 'ignore-accepted' | 'accept-below-promise' | 'minority-quorum';

export function referencePaxos(A: number, P: number, B: number, variant: RefVariant = undefined) {
  const owner = (b: number) => ((b - 1) % P) + 1;
  const quorumSize = variant === 'minority-quorum' ? Math.max(1, Math.floor(A / 2)) : Math.floor(A / 2) + 1;
  const subsets: number[][] = [];
  for (let mask = 1; mask < 1 << A; mask++) {
    const q = [...Array(A).keys()].filter((a) => (mask >> a) & 1);
    if (q.length >= quorumSize) subsets.push(q);
  }
  const add = (s: RefState, m: string): RefState => ({ ...s, msgs: [...new Set([...s.msgs, m])].sort() });
  const parse = (m: string) => m.split(',').map((x, i) => (i === 0 ? x : Number(x))) as [string, ...number[]];

  function successors(s: RefState): RefState[] {
    const out: RefState[] = [];
    const msgs = s.msgs.map(parse);
    for (let b = 1; b <= B; b++) out.push(add(s, `1a,${b}`));
    for (let a = 0; a < A; a++) {
      for (const [t, ...f] of msgs) {
        if (t === '1a' && f[0] > s.maxBal[a]) {
          const mb = [...s.maxBal];
          mb[a] = f[0];
          out.push(add({ ...s, maxBal: mb }, `1b,${a},${f[0]},${s.maxVBal[a]},${s.maxVal[a]}`));
        }
        if (t === '2a' && (variant === 'accept-below-promise' || f[0] >= s.maxBal[a])) {
          const [b, v] = f;
          const mb = [...s.maxBal];
          mb[a] = variant === 'accept-below-promise' ? Math.max(mb[a], b) : b;
          const mvb = [...s.maxVBal];
          mvb[a] = b;
          const mv = [...s.maxVal];
          mv[a] = v;
          out.push(add({ maxBal: mb, maxVBal: mvb, maxVal: mv, msgs: s.msgs }, `2b,${a},${b},${v}`));
        }
      }
    }
    for (let b = 1; b <= B; b++) {
      if (msgs.some(([t, bb]) => t === '2a' && bb === b)) continue;
      for (const q of subsets) {
        const oneBs = msgs.filter(([t, a, bb]) => t === '1b' && bb === b && q.includes(a));
        if (new Set(oneBs.map((m) => m[1])).size !== q.length) continue;
        const top = Math.max(...oneBs.map((m) => m[3]));
        const values = variant === 'ignore-accepted' || top === 0 ? [owner(b)] : [...new Set(oneBs.filter((m) => m[3] === top).map((m) => m[4]))];
        for (const v of values) out.push(add(s, `2a,${b},${v}`));
      }
    }
    return out;
  }

  function agreement(s: RefState): boolean {
    const chosen = new Set<number>();
    for (let b = 1; b <= B; b++) {
      for (let v = 1; v <= P; v++) {
        const n = s.msgs.filter((m) => m.startsWith('2b,') && m.endsWith(`,${b},${v}`)).length;
        if (2 * n > A) chosen.add(v);
      }
    }
    return chosen.size <= 1;
  }

  /** BFS (test/helpers/naive-bfs.ts): distinct states, depth, and the steps to the first violation found. */
  const explore = () => naiveBfs<RefState>({ maxBal: Array(A).fill(0), maxVBal: Array(A).fill(0), maxVal: Array(A).fill(0), msgs: [] }, successors, agreement);
  return { explore };
}
