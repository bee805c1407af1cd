// An independent transition relation for models/twophase-blocking.ts, written from its header only: states
// are plain JSON (participants as letters, messages as strings in a sorted list), successors are listed
// directly, and a breadth-first search over JSON strings counts distinct states, transitions and depth.
// It also counts the stuck states: some participant undecided and every successor the state itself.

type Outcome = 'commit' | 'abort';
interface Acc {
  up: boolean;
  promised: boolean;
  /** [ballot, value] accepted last, or null. */
  took: [number, Outcome] | null;
}
interface RefState {
  rm: string[]; // w p c a
  tm: 'init' | Outcome;
  tmUp: boolean;
  tmGot: number[];
  b: 'idle' | 'p1' | 'p2';
  acc: Acc[];
  msgs: string[];
}

export interface RefConfig {
  mode: 'wait' | 'cooperative' | 'paxos';
  /** Variant backup-ignores-reports: B proposes abort whatever it hears. */
  ignoreReports?: boolean;
  rms: number;
  acceptors: number;
  tmCrashes: number;
  acceptorCrashes: number;
}

const OUT: Outcome[] = ['commit', 'abort'];
const clone = (s: RefState): RefState => ({ ...s, rm: [...s.rm], tmGot: [...s.tmGot], acc: s.acc.map((a) => ({ ...a, took: a.took && [a.took[0], a.took[1]] })), msgs: [...s.msgs] });
const add = (s: RefState, m: string) => {
  if (!s.msgs.includes(m)) s.msgs = [...s.msgs, m].sort();
};

function successors(s: RefState, c: RefConfig): RefState[] {
  const out: RefState[] = [];
  const n = c.rms;
  const paxos = c.mode === 'paxos';
  const majority = Math.floor(c.acceptors / 2) + 1;
  const has = (m: string) => s.msgs.includes(m);
  const step = (f: (t: RefState) => void) => {
    const t = clone(s);
    f(t);
    out.push(t);
  };
  for (let i = 0; i < n; i++) {
    const before = out.length;
    const me = s.rm[i];
    if (me === 'w') {
      step((t) => {
        t.rm[i] = 'p';
        add(t, `P${i}`);
      });
      step((t) => (t.rm[i] = 'a'));
    }
    if (me === 'w' || me === 'p') {
      if (paxos) {
        for (const b of [0, 1]) {
          for (const v of OUT) {
            let votes = 0;
            for (let k = 0; k < c.acceptors; k++) if (has(`2b${k}:${b}:${v}`)) votes++;
            if (votes >= majority) step((t) => (t.rm[i] = v === 'commit' ? 'c' : 'a'));
          }
        }
      } else {
        for (const from of ['TM', ...Array.from({ length: n }, (_, k) => `r${k}`)]) {
          for (const v of OUT) if (has(`D${from}>${i}:${v}`)) step((t) => (t.rm[i] = v === 'commit' ? 'c' : 'a'));
        }
      }
    }
    if (c.mode === 'cooperative' && me !== 'p') {
      for (let j = 0; j < n; j++) {
        if (j === i || !has(`Q${j}`)) continue;
        const v: Outcome = me === 'c' ? 'commit' : 'abort';
        if (has(`Dr${i}>${j}:${v}`)) continue;
        step((t) => {
          if (me === 'w') t.rm[i] = 'a';
          add(t, `Dr${i}>${j}:${v}`);
        });
      }
    }
    if (me === 'p' && out.length === before) {
      if (c.mode === 'wait') out.push(clone(s));
      else step((t) => add(t, `Q${i}`));
    }
  }
  if (s.tmUp) {
    if (s.tm === 'init') {
      for (let i = 0; i < n; i++) if (has(`P${i}`) && !s.tmGot.includes(i)) step((t) => (t.tmGot = [...t.tmGot, i].sort()));
      for (const v of OUT) {
        if (v === 'commit' && s.tmGot.length < n) continue;
        step((t) => {
          t.tm = v;
          if (paxos) add(t, `2a0:${v}`);
        });
      }
    } else if (!paxos) {
      for (let i = 0; i < n; i++) if (!has(`DTM>${i}:${s.tm}`)) step((t) => add(t, `DTM>${i}:${s.tm}`));
    }
    if (c.tmCrashes > 0) step((t) => (t.tmUp = false));
  }
  if (paxos) {
    if (s.b === 'idle') {
      for (let i = 0; i < n; i++) {
        if (has(`Q${i}`)) {
          step((t) => {
            t.b = 'p1';
            add(t, '1a');
          });
        }
      }
    }
    if (s.b === 'p1') {
      // Every majority of the acceptors that sent a 1b.
      const reports = s.acc.map((_, k) => s.msgs.find((m) => m.startsWith(`1b${k}:`)));
      for (let mask = 0; mask < 1 << c.acceptors; mask++) {
        const q = reports.flatMap((r, k) => ((mask >> k) & 1 ? [r] : []));
        if (q.length !== majority || q.some((r) => r === undefined)) continue;
        const seen = q.map((r) => r!.split(':')[1]).find((x) => x !== 'none');
        const v = (c.ignoreReports ? 'abort' : (seen ?? 'abort')) as Outcome;
        step((t) => {
          t.b = 'p2';
          add(t, `2a1:${v}`);
        });
      }
    }
    const crashedAccs = s.acc.filter((a) => !a.up).length;
    s.acc.forEach((a, k) => {
      if (!a.up) return;
      if (has('1a') && !a.promised) {
        step((t) => {
          t.acc[k].promised = true;
          add(t, `1b${k}:${a.took ? a.took[1] : 'none'}`);
        });
      }
      for (const v of OUT) {
        if (has(`2a0:${v}`) && !a.promised && a.took === null) {
          step((t) => {
            t.acc[k].took = [0, v];
            add(t, `2b${k}:0:${v}`);
          });
        }
        if (has(`2a1:${v}`) && !(a.took && a.took[0] === 1 && a.took[1] === v)) {
          step((t) => {
            t.acc[k].promised = true;
            t.acc[k].took = [1, v];
            add(t, `2b${k}:1:${v}`);
          });
        }
      }
      if (crashedAccs < c.acceptorCrashes) step((t) => (t.acc[k].up = false));
    });
  }
  return out.map((t) => forget(t, c));
}

/** The header's normalisation: what the TM collected after it stops collecting, and messages no one can act on. */
function forget(t: RefState, c: RefConfig): RefState {
  const collecting = t.tm === 'init' && t.tmUp;
  if (!collecting) {
    t.tmGot = [];
    t.msgs = t.msgs.filter((m) => !m.startsWith('P'));
  }
  if (c.mode === 'paxos') {
    const live = t.acc.filter((a) => a.up);
    const gone = (m: string) =>
      (t.b !== 'idle' && m.startsWith('Q')) ||
      (t.b !== 'p1' && m.startsWith('1b')) ||
      (m === '1a' && live.every((a) => a.promised)) ||
      (m.startsWith('2a0:') && live.every((a) => a.promised || a.took !== null)) ||
      (m.startsWith('2a1:') && live.every((a) => a.took !== null && a.took[0] === 1 && a.took[1] === m.slice(4)));
    t.msgs = t.msgs.filter((m) => !gone(m));
  }
  return t;
}

export function referenceCounts(c: RefConfig): { distinct: number; transitions: number; depth: number; stuck: number } {
  const init: RefState = {
    rm: new Array(c.rms).fill('w'),
    tm: 'init',
    tmUp: true,
    tmGot: [],
    b: 'idle',
    acc: c.mode === 'paxos' ? Array.from({ length: c.acceptors }, () => ({ up: true, promised: false, took: null })) : [],
    msgs: [],
  };
  const seen = new Set([JSON.stringify(init)]);
  let frontier = [init];
  let depth = 0;
  let transitions = 0;
  let stuck = 0;
  while (frontier.length > 0) {
    const nextFrontier: RefState[] = [];
    for (const s of frontier) {
      const key = JSON.stringify(s);
      const succ = successors(s, c);
      transitions += succ.length;
      const keys = succ.map((t) => JSON.stringify(t));
      if (s.rm.some((x) => x === 'w' || x === 'p') && keys.every((k) => k === key)) stuck++;
      succ.forEach((t, x) => {
        if (seen.has(keys[x])) return;
        seen.add(keys[x]);
        nextFrontier.push(t);
      });
    }
    if (nextFrontier.length > 0) depth++;
    frontier = nextFrontier;
  }
  return { distinct: seen.size, transitions, depth: depth + 1, stuck };
}
