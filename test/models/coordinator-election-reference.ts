// An independent, naive enumeration of the coordinator-election model (models/coordinator-election.ts),
// written from its header alone: states are plain objects keyed by their JSON text, every step copies the
// whole state and edits the copy, commands in flight are strings. Nothing is shared with the model's code, so
// equal counts mean the model's packed states, encoding, decoding and successor function agree with this
// direct reading of the rules.

export type RefVariant = undefined | 'no-fencing' | 'lease-without-drift-margin';

interface RefCoord {
  role: 'idle' | 'candidate' | 'leader';
  epoch: number;
  /** Service ticks since the session was opened or renewed. */
  age: number;
  /** Ticks the coordinator's own clock is behind the service's since then. */
  slow: number;
  paused: boolean;
  /** Index of the server it will command, or null. */
  plan: number | null;
}

interface RefState {
  time: number;
  holder: number | null;
  created: number;
  coords: RefCoord[];
  servers: { last: number; high: number }[];
  /** Commands in flight as "epoch/from/to", sorted. */
  net: string[];
}

export interface RefConfig {
  coordinators: number;
  servers: number;
  sessionTimeout: number;
  maxDrift: number;
  maxTicks: number;
}

const idle = (): RefCoord => ({ role: 'idle', epoch: 0, age: 0, slow: 0, paused: false, plan: null });
const copy = (s: RefState): RefState => ({ ...s, coords: s.coords.map((c) => ({ ...c })), servers: s.servers.map((sv) => ({ ...sv })), net: [...s.net] });

export function referenceElection(k: RefConfig, variant: RefVariant) {
  const { sessionTimeout: T, maxDrift: D, maxTicks: M } = k;
  const leaseLength = variant === 'lease-without-drift-margin' ? T : T - D;
  const trustsLease = (c: RefCoord) => c.role === 'leader' && c.age - c.slow < leaseLength;

  function successors(s: RefState): RefState[] {
    const out: RefState[] = [];
    s.coords.forEach((c, i) => {
      if (c.paused) {
        const n = copy(s);
        n.coords[i].paused = false;
        out.push(n);
        return;
      }
      if (c.role === 'idle') {
        const n = copy(s);
        n.coords[i] = { ...idle(), role: 'candidate' };
        out.push(n);
        return;
      }
      if (c.age >= T) {
        const n = copy(s);
        n.coords[i] = idle();
        out.push(n);
      }
      if (c.age < T && (c.age !== 0 || c.slow !== 0)) {
        const n = copy(s);
        n.coords[i].age = 0;
        n.coords[i].slow = 0;
        out.push(n);
      }
      if (c.age < T && c.role === 'candidate' && s.holder === null) {
        const n = copy(s);
        n.created += 1;
        n.holder = i;
        n.coords[i].role = 'leader';
        n.coords[i].epoch = n.created;
        out.push(n);
      }
      if (c.plan !== null) {
        const n = copy(s);
        const cmd = `${c.epoch}/${i}/${c.plan}`;
        if (!n.net.includes(cmd)) n.net = [...n.net, cmd].sort();
        n.coords[i].plan = null;
        out.push(n);
      } else if (trustsLease(c)) {
        for (let srv = 0; srv < k.servers; srv++) {
          const n = copy(s);
          n.coords[i].plan = srv;
          out.push(n);
        }
      }
      if (c.role === 'leader') {
        const n = copy(s);
        n.coords[i].paused = true;
        out.push(n);
      }
    });
    for (const cmd of s.net) {
      const [epoch, , to] = cmd.split('/').map(Number);
      const n = copy(s);
      n.net = n.net.filter((x) => x !== cmd);
      const sv = n.servers[to];
      if (variant === 'no-fencing' || epoch >= sv.high) n.servers[to] = { last: epoch, high: Math.max(sv.high, epoch) };
      out.push(n);
    }
    const due = s.net.length > 0 || s.coords.some((c) => !c.paused && c.role !== 'idle' && (c.plan !== null || c.age === T - 1));
    if (s.time < M && !due) {
      const ticking = s.coords.map((c, i) => i).filter((i) => s.coords[i].role !== 'idle' && s.coords[i].age < T + D);
      const canSlip = ticking.filter((i) => s.coords[i].slow < D);
      for (let mask = 0; mask < 2 ** canSlip.length; mask++) {
        const n = copy(s);
        n.time += 1;
        for (const i of ticking) {
          n.coords[i].age += 1;
          if (n.coords[i].age === T && n.holder === i) n.holder = null;
        }
        canSlip.forEach((i, bit) => {
          if (mask & (1 << bit)) n.coords[i].slow += 1;
        });
        out.push(n);
      }
    }
    return out;
  }

  const invariants: Record<string, (s: RefState) => boolean> = {
    singleCoordinatorAccepted: (s) => s.servers.every((sv) => sv.last === sv.high),
    leaseWithinSession: (s) => s.coords.every((c, i) => !trustsLease(c) || s.holder === i),
  };

  const initial = (): RefState => ({
    time: 0,
    holder: null,
    created: 0,
    coords: Array.from({ length: k.coordinators }, idle),
    servers: Array.from({ length: k.servers }, () => ({ last: 0, high: 0 })),
    net: [],
  });

  /** Breadth-first: distinct states, generated (initial included), levels; or the first violation's distance. */
  function explore(): { distinct: number; generated: number; depth: number } | { violated: string; at: number } {
    const init = initial();
    const seen = new Set([JSON.stringify(init)]);
    let frontier = [init];
    let generated = 1;
    let depth = 1;
    for (let level = 0; frontier.length > 0; level++) {
      for (const s of frontier) for (const [name, ok] of Object.entries(invariants)) if (!ok(s)) return { violated: name, at: level };
      const next: RefState[] = [];
      for (const s of frontier) {
        for (const t of successors(s)) {
          generated++;
          const key = JSON.stringify(t);
          if (!seen.has(key)) {
            seen.add(key);
            next.push(t);
          }
        }
      }
      if (next.length > 0) depth++;
      frontier = next;
    }
    return { distinct: seen.size, generated, depth };
  }

  /** The state with coordinator i renamed pc[i] and server j renamed ps[j]. */
  function rename(s: RefState, pc: number[], ps: number[]): RefState {
    const n = copy(s);
    s.coords.forEach((c, i) => (n.coords[pc[i]] = { ...c, plan: c.plan === null ? null : ps[c.plan] }));
    s.servers.forEach((sv, j) => (n.servers[ps[j]] = { ...sv }));
    n.holder = s.holder === null ? null : pc[s.holder];
    n.net = s.net
      .map((cmd) => {
        const [e, f, t] = cmd.split('/').map(Number);
        return `${e}/${pc[f]}/${ps[t]}`;
      })
      .sort();
    return n;
  }

  const orders = (n: number): number[][] => (n === 0 ? [[]] : orders(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)])));

  /** How many orbits the reachable states fall into when coordinators and servers are renamed. */
  function orbits(): number {
    const queue = [initial()];
    const seen = new Set(queue.map((s) => JSON.stringify(s)));
    for (let h = 0; h < queue.length; h++) {
      for (const t of successors(queue[h])) {
        const key = JSON.stringify(t);
        if (!seen.has(key)) (seen.add(key), queue.push(t));
      }
    }
    const canon = new Set<string>();
    for (const s of queue) {
      let least: string | undefined;
      for (const pc of orders(k.coordinators)) {
        for (const ps of orders(k.servers)) {
          const key = JSON.stringify(rename(s, pc, ps));
          if (least === undefined || key < least) least = key;
        }
      }
      canon.add(least!);
    }
    return canon.size;
  }

  return { explore, orbits };
}
