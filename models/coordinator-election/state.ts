// The coordinator-election model's state (models/coordinator-election.ts): the service (its clock, the
// leader znode and the epoch counter), each coordinator's role, session clock and pending command, each
// storage server's record of the epochs it obeyed, and the commands in flight; their encoding and how a
// trace shows them.

import type { MessageLabel } from '../../checker/model.ts';
import type { Decoder } from '../../checker/state/decode.ts';
import type { Encoder } from '../../checker/state/encode.ts';

export const [IDLE, CANDIDATE, LEADER] = [0, 1, 2];
export const ROLE_NAMES = ['idle', 'candidate', 'leader'] as const;
/** `owner` and `pending` when there is none. */
export const NONE = -1;

export interface Coordinator {
  /** IDLE (no session), CANDIDATE (a session, watching /leader) or LEADER (created /leader). */
  readonly role: number;
  /** As leader: the epoch of the /leader it created; 0 otherwise. */
  readonly epoch: number;
  /**
   * Ticks of the service's clock since the session was opened or last renewed (0 when idle). The service
   * expires the session when it reaches sessionTimeout; counted on up to sessionTimeout + maxDrift, past
   * which nothing can tell two values apart.
   */
  readonly since: number;
  /** Ticks the coordinator's own clock has lost against the service's since then (0..maxDrift). */
  readonly lag: number;
  /** Paused: takes no step (GC pause, swapped out, VM migrated) until it resumes. Its clock runs on. */
  readonly paused: boolean;
  /** The server it decided to command after a successful lease check, not yet sent; NONE if none. */
  readonly pending: number;
}

export interface Server {
  /** Epoch of the last command it executed (0: none yet). */
  readonly lastEpoch: number;
  /** The highest epoch of any command it executed: what the fencing check compares with. */
  readonly highestEpoch: number;
}

/** A command from coordinator `from`, elected with `epoch`, to server `to`. */
export interface Command {
  readonly epoch: number;
  readonly from: number;
  readonly to: number;
}

export interface ElectionState {
  /** The service's clock (0..maxTicks). */
  readonly now: number;
  /** The coordinator holding the ephemeral /leader znode, or NONE. */
  readonly owner: number;
  /** Epochs given out so far: /leader's creations are numbered 1, 2, ... (its czxid). */
  readonly zxid: number;
  readonly coords: readonly Coordinator[];
  readonly servers: readonly Server[];
  /** Commands sent and not yet delivered, as sorted keys (Layout.key). */
  readonly inFlight: readonly number[];
}

export const coordName = (c: number) => `c${c + 1}`;
export const serverName = (s: number) => `s${s + 1}`;

/** The sizes an instance is built for, and the numbering of commands. */
export interface Layout {
  /** Coordinators, servers, session timeout, drift bound, tick bound. */
  readonly C: number;
  readonly S: number;
  readonly T: number;
  readonly D: number;
  readonly M: number;
  /** The value `since` stops at: sessionTimeout + maxDrift. */
  readonly sinceCap: number;
  readonly key: (m: Command) => number;
  readonly command: (key: number) => Command;
}

export function layout(C: number, S: number, T: number, D: number, M: number): Layout {
  return {
    C,
    S,
    T,
    D,
    M,
    sinceCap: T + D,
    key: (m) => (m.epoch * C + m.from) * S + m.to,
    command: (k) => ({ epoch: Math.floor(k / (C * S)), from: Math.floor(k / S) % C, to: k % S }),
  };
}

export const idleCoordinator: Coordinator = { role: IDLE, epoch: 0, since: 0, lag: 0, paused: false, pending: NONE };

export function initialState(L: Layout): ElectionState {
  return {
    now: 0,
    owner: NONE,
    zxid: 0,
    coords: Array.from({ length: L.C }, () => idleCoordinator),
    servers: Array.from({ length: L.S }, () => ({ lastEpoch: 0, highestEpoch: 0 })),
    inFlight: [],
  };
}

export function showCommand(m: Command): MessageLabel {
  return { type: 'command', epoch: m.epoch, from: coordName(m.from), to: serverName(m.to) };
}

export function encodeState(L: Layout, s: ElectionState, w: Encoder): void {
  w.u32(s.now);
  w.int(s.owner);
  w.u32(s.zxid);
  for (const c of s.coords) {
    w.u32(c.role);
    w.u32(c.epoch);
    w.u32(c.since);
    w.u32(c.lag);
    w.bool(c.paused);
    w.int(c.pending);
  }
  for (const sv of s.servers) {
    w.u32(sv.lastEpoch);
    w.u32(sv.highestEpoch);
  }
  w.ints(s.inFlight);
}

export function decodeState(L: Layout, r: Decoder): ElectionState {
  const now = r.u32();
  const owner = r.int();
  const zxid = r.u32();
  const coords: Coordinator[] = [];
  for (let c = 0; c < L.C; c++) coords.push({ role: r.u32(), epoch: r.u32(), since: r.u32(), lag: r.u32(), paused: r.bool(), pending: r.int() });
  const servers: Server[] = [];
  for (let s = 0; s < L.S; s++) servers.push({ lastEpoch: r.u32(), highestEpoch: r.u32() });
  return { now, owner, zxid, coords, servers, inFlight: r.ints() };
}

/**
 * The state with coordinators renamed by `pc` and servers by `ps` (pc[i] is the new number of coordinator
 * i): what --symmetry needs. Coordinators are interchangeable (epochs come from the service, in the order
 * of creation, not from their names), and so are servers.
 */
export function renameState(L: Layout, s: ElectionState, pc: readonly number[], ps: readonly number[]): ElectionState {
  const coords = new Array<Coordinator>(L.C);
  s.coords.forEach((c, i) => {
    coords[pc[i]] = c.pending === NONE ? c : { ...c, pending: ps[c.pending] };
  });
  const servers = new Array<Server>(L.S);
  s.servers.forEach((sv, i) => {
    servers[ps[i]] = sv;
  });
  const inFlight = s.inFlight
    .map((k) => {
      const m = L.command(k);
      return L.key({ epoch: m.epoch, from: pc[m.from], to: ps[m.to] });
    })
    .sort((x, y) => x - y);
  return { ...s, owner: s.owner === NONE ? NONE : pc[s.owner], coords, servers, inFlight };
}

/** How a coordinator reads in a trace: `leader e1 (paused), session 2/3, clock -1, will command s1`. */
function showCoordinator(L: Layout, c: Coordinator): string {
  if (c.role === IDLE) return 'idle';
  let out = c.role === LEADER ? `leader e${c.epoch}` : 'candidate';
  if (c.paused) out += ' (paused)';
  out += c.since >= L.T ? ', session expired' : `, session ${c.since}/${L.T}`;
  if (c.lag > 0) out += `, clock -${c.lag}`;
  if (c.pending !== NONE) out += `, will command ${serverName(c.pending)}`;
  return out;
}

function showServer(sv: Server): string {
  if (sv.lastEpoch === 0) return 'no command yet';
  return sv.lastEpoch === sv.highestEpoch ? `obeys e${sv.lastEpoch}` : `obeys e${sv.lastEpoch} (after e${sv.highestEpoch})`;
}

/**
 * A state as traces show it: zk's clock and /leader, then each coordinator (`e1` is epoch 1, `session 2/3`
 * the session's age against the timeout, `clock -1` how far its own clock has fallen behind), each server,
 * and the commands in flight.
 */
export function showState(L: Layout, s: ElectionState): Record<string, unknown> {
  return {
    zk: `time ${s.now}, /leader ${s.owner === NONE ? 'absent' : `held by ${coordName(s.owner)} (e${s.zxid})`}`,
    ...Object.fromEntries(s.coords.map((c, i) => [coordName(i), showCoordinator(L, c)])),
    ...Object.fromEntries(s.servers.map((sv, i) => [serverName(i), showServer(sv)])),
    msgs: s.inFlight.map((k) => showCommand(L.command(k))),
  };
}
