// Starter: a coordinator elected through a ZooKeeper-like service, as in RAMCloud, WITHOUT fencing. Your
// task (see the handout): make the storage servers fence commands by epoch, so that a coordinator that was
// paused, lost its session and resumed ("slow, not dead") can no longer have a command executed after its
// successor's. Keep the constants, the views and their meaning: the grader checks its properties on them.
//
// Candidate coordinators open sessions with the service (zk) and race to create the ephemeral znode
// /leader; the one that creates it is the coordinator, and the service numbers each creation: its epoch
// (1, 2, ...). The service expires a session that has not been renewed for sessionTimeout ticks of its
// clock and deletes the session's /leader. A coordinator checks its lease on its own clock (which may fall
// up to maxDrift ticks behind), decides to command a server, and sends the command later, without a new
// check; it may pause between the two. Every command carries its coordinator's epoch.
//   c connects / renews its session / learns its session expired / creates /leader
//   c finds its lease valid (decides to command s) / sends / pauses / resumes
//   s receives (executes the command)
//   zk ticks (sessions age; one reaching sessionTimeout expires; coordinators' clocks may fall behind)
// Time passes only when nothing is due: running coordinators renew before expiry and send what they
// decided, and commands in flight are delivered first. So only a pause delays a command.
// States are plain data (the grader's sandbox passes them as JSON).
import { defineModel } from 'consensus-lab';

type Role = 'idle' | 'candidate' | 'leader';

interface Coordinator {
  readonly role: Role;
  /** As leader: the epoch of the /leader it created; 0 otherwise. */
  readonly epoch: number;
  /** Ticks of the service's clock since the session was opened or renewed (counted up to sessionTimeout + maxDrift). */
  readonly since: number;
  /** Ticks its own clock has lost against the service's since then (0..maxDrift). */
  readonly lag: number;
  /** Paused: takes no step until it resumes; its clock runs on. */
  readonly paused: boolean;
  /** The server it decided to command after a lease check, not yet sent; -1 if none. */
  readonly pending: number;
}

interface Server {
  /** The epoch of the last command it executed (0: none yet). */
  readonly lastEpoch: number;
  /** The highest epoch of any command it executed. */
  readonly highestEpoch: number;
}

interface Command {
  readonly epoch: number;
  readonly from: number;
  readonly to: number;
}

interface State {
  /** The service's clock. */
  readonly now: number;
  /** The coordinator holding /leader, or -1. */
  readonly owner: number;
  /** Epochs given out so far. */
  readonly zxid: number;
  readonly coords: readonly Coordinator[];
  readonly servers: readonly Server[];
  /** Commands sent and not yet delivered, sorted by (epoch, from, to), one copy each. */
  readonly inFlight: readonly Command[];
}

interface Step {
  readonly action: { readonly actor: string; readonly kind: string; readonly detail?: string };
  readonly state: State;
}

const IDLE: Coordinator = { role: 'idle', epoch: 0, since: 0, lag: 0, paused: false, pending: -1 };
const cName = (i: number) => `c${i + 1}`;
const sName = (i: number) => `s${i + 1}`;
const cmdText = (m: Command) => `command(epoch=${m.epoch}, from=${cName(m.from)}, to=${sName(m.to)})`;
const setAt = <T,>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));
const order = (a: Command, b: Command) => a.epoch - b.epoch || a.from - b.from || a.to - b.to;
const same = (a: Command, b: Command) => order(a, b) === 0;

export default defineModel<State>({
  name: 'election',
  summary: 'a coordinator elected through a ZooKeeper-like service; a paused coordinator resumes after its successor is elected',
  constants: {
    coordinators: { kind: 'int', default: 2, min: 1, max: 3, description: 'candidate coordinators (c1..cC)' },
    servers: { kind: 'int', default: 1, min: 1, max: 3, description: 'storage servers (s1..sS)' },
    sessionTimeout: { kind: 'int', default: 3, min: 2, max: 6, description: "ticks without a renewal after which the service expires a session" },
    maxDrift: { kind: 'int', default: 1, min: 0, max: 5, description: "ticks a coordinator's clock may lose over one lease" },
    maxTicks: { kind: 'int', default: 3, min: 0, max: 12, description: "the service's clock stops here (bounds the search)" },
  },
  validate: (c) => ((c.maxDrift as number) >= (c.sessionTimeout as number) ? 'maxDrift must be below sessionTimeout' : undefined),
  instantiate(c) {
    const C = c.coordinators as number;
    const S = c.servers as number;
    const T = c.sessionTimeout as number;
    const D = c.maxDrift as number;
    const M = c.maxTicks as number;
    /** A lease is trusted while the coordinator's own clock shows fewer than T - D ticks since renewal. */
    const leaseValid = (co: Coordinator) => co.role === 'leader' && co.since - co.lag < T - D;

    function coordinatorSteps(s: State, i: number, out: Step[]): void {
      const co = s.coords[i];
      if (co.paused || co.role === 'idle') return;
      const actor = cName(i);
      const withCoord = (next: Coordinator, more: Partial<State> = {}): State => ({ ...s, ...more, coords: setAt(s.coords, i, next) });
      if (co.since >= T) {
        out.push({ action: { actor, kind: 'learns its session expired', detail: 'and steps down' }, state: withCoord(IDLE) });
      } else {
        if (co.since > 0 || co.lag > 0) out.push({ action: { actor, kind: 'renews its session', detail: `after ${co.since} ticks` }, state: withCoord({ ...co, since: 0, lag: 0 }) });
        if (co.role === 'candidate' && s.owner === -1) {
          const epoch = s.zxid + 1;
          out.push({ action: { actor, kind: 'creates /leader', detail: `with epoch ${epoch}: the coordinator` }, state: withCoord({ ...co, role: 'leader', epoch }, { owner: i, zxid: epoch }) });
        }
      }
      if (co.pending !== -1) {
        // Sent without looking at the lease again: it was checked when the command was decided.
        const m: Command = { epoch: co.epoch, from: i, to: co.pending };
        const inFlight = s.inFlight.some((x) => same(x, m)) ? s.inFlight : [...s.inFlight, m].sort(order);
        out.push({ action: { actor, kind: 'sends', detail: cmdText(m) }, state: withCoord({ ...co, pending: -1 }, { inFlight }) });
      } else if (leaseValid(co)) {
        for (let sv = 0; sv < S; sv++) {
          out.push({ action: { actor, kind: 'finds its lease valid', detail: `(${co.since - co.lag} of ${T - D} ticks by its clock), will command ${sName(sv)}` }, state: withCoord({ ...co, pending: sv }) });
        }
      }
      if (co.role === 'leader') out.push({ action: { actor, kind: 'pauses' }, state: withCoord({ ...co, paused: true }) });
    }

    /** A storage server receives a command and executes it, whoever sent it. */
    function deliverySteps(s: State, out: Step[]): void {
      for (const m of s.inFlight) {
        const server = s.servers[m.to];
        const inFlight = s.inFlight.filter((x) => !same(x, m));
        const servers = setAt(s.servers, m.to, { lastEpoch: m.epoch, highestEpoch: Math.max(server.highestEpoch, m.epoch) });
        out.push({ action: { actor: sName(m.to), kind: 'receives', detail: `${cmdText(m)} and executes it` }, state: { ...s, servers, inFlight } });
      }
    }

    /** Something must happen before the next tick: a delivery, a send, or a renewal the tick would make too late. */
    const somethingDue = (s: State) => s.inFlight.length > 0 || s.coords.some((co) => !co.paused && co.role !== 'idle' && (co.pending !== -1 || co.since === T - 1));

    function tickSteps(s: State, out: Step[]): void {
      if (s.now >= M || somethingDue(s)) return;
      const aging = s.coords.flatMap((co, i) => (co.role !== 'idle' && co.since < T + D ? [i] : []));
      const mayLag = aging.filter((i) => s.coords[i].lag < D);
      for (let choice = 0; choice < 1 << mayLag.length; choice++) {
        const lags = new Set(mayLag.filter((_, j) => (choice >> j) & 1));
        const coords = s.coords.slice();
        let owner = s.owner;
        const notes = [`to time ${s.now + 1}`];
        for (const i of aging) {
          const co = s.coords[i];
          coords[i] = { ...co, since: co.since + 1, lag: co.lag + (lags.has(i) ? 1 : 0) };
          if (co.since + 1 === T) {
            notes.push(owner === i ? `${cName(i)}'s session expires: /leader deleted` : `${cName(i)}'s session expires`);
            if (owner === i) owner = -1;
          }
          if (lags.has(i)) notes.push(`${cName(i)}'s clock falls behind`);
        }
        out.push({ action: { actor: 'zk', kind: 'ticks', detail: notes.join('; ') }, state: { ...s, now: s.now + 1, owner, coords } });
      }
    }

    const coordIds = Array.from({ length: C }, (_, i) => i);
    const serverIds = Array.from({ length: S }, (_, i) => i);
    const command = { kind: 'record' as const, fields: { epoch: { kind: 'int' as const }, from: { kind: 'id' as const, sort: 'coordinator' }, to: { kind: 'id' as const, sort: 'server' } } };
    const perServer = (f: (sv: Server) => number) => (s: State) => new Map(serverIds.map((i) => [i, f(s.servers[i])]));

    return {
      init: () => [{ now: 0, owner: -1, zxid: 0, coords: coordIds.map(() => IDLE), servers: serverIds.map(() => ({ lastEpoch: 0, highestEpoch: 0 })), inFlight: [] }],
      next(s) {
        const out: Step[] = [];
        for (const i of coordIds) coordinatorSteps(s, i, out);
        tickSteps(s, out);
        for (const i of coordIds) if (s.coords[i].role === 'idle') out.push({ action: { actor: cName(i), kind: 'connects', detail: 'to zk: a new session' }, state: { ...s, coords: setAt(s.coords, i, { ...IDLE, role: 'candidate' }) } });
        deliverySteps(s, out);
        for (const i of coordIds) if (s.coords[i].paused) out.push({ action: { actor: cName(i), kind: 'resumes' }, state: { ...s, coords: setAt(s.coords, i, { ...s.coords[i], paused: false }) } });
        return out;
      },
      // The clock stops at maxTicks: any state may be the last one of a run.
      terminal: () => true,
      invariants: {},
      sorts: { coordinator: coordIds.map(cName), server: serverIds.map(sName) },
      views: {
        servers: { type: { kind: 'set', elem: { kind: 'id', sort: 'server' } }, description: 'all storage servers', get: () => serverIds },
        inFlight: { type: { kind: 'set', elem: command }, description: 'commands sent and not yet delivered', get: (s) => s.inFlight },
        lastEpoch: { type: { kind: 'map', key: { kind: 'id', sort: 'server' }, value: { kind: 'int' } }, description: 'the epoch of the last command each server executed (0: none)', get: perServer((sv) => sv.lastEpoch) },
        highestEpoch: { type: { kind: 'map', key: { kind: 'id', sort: 'server' }, value: { kind: 'int' } }, description: 'the highest epoch of a command each server executed', get: perServer((sv) => sv.highestEpoch) },
      },
      show: (s) => ({
        zk: `time ${s.now}, /leader ${s.owner === -1 ? 'absent' : `held by ${cName(s.owner)} (e${s.zxid})`}`,
        ...Object.fromEntries(s.coords.map((co, i) => [cName(i), co.role === 'idle' ? 'idle' : `${co.role === 'leader' ? `leader e${co.epoch}` : 'candidate'}${co.paused ? ' (paused)' : ''}${co.since >= T ? ', session expired' : `, session ${co.since}/${T}`}${co.lag > 0 ? `, clock -${co.lag}` : ''}${co.pending !== -1 ? `, will command ${sName(co.pending)}` : ''}`])),
        ...Object.fromEntries(s.servers.map((sv, i) => [sName(i), sv.lastEpoch === 0 ? 'no command yet' : `obeys e${sv.lastEpoch}${sv.lastEpoch === sv.highestEpoch ? '' : ` (after e${sv.highestEpoch})`}`])),
        msgs: s.inFlight.map(cmdText),
      }),
    };
  },
});
