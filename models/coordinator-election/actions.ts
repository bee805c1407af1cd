// next() of the coordinator-election model (models/coordinator-election.ts): the coordinators' steps
// (connect, renew, learn of an expired session, create /leader, check the lease, send, pause, resume), the
// storage servers' deliveries, and the service's clock tick, which expires sessions and lets coordinators'
// clocks fall behind. Every step builds a new state and leaves its input untouched.

import type { Action, Step } from '../../checker/model.ts';
import { leaseValid, ownClock, type Rules } from './rules.ts';
import { CANDIDATE, coordName, IDLE, idleCoordinator, LEADER, NONE, serverName, showCommand, type Coordinator, type ElectionState, type Layout } from './state.ts';

const setAt = <T,>(xs: readonly T[], i: number, x: T): T[] => {
  const c = xs.slice();
  c[i] = x;
  return c;
};

const insertSorted = (xs: readonly number[], k: number): readonly number[] => (xs.includes(k) ? xs : [...xs, k].sort((a, b) => a - b));

/**
 * Time passes only when nothing is due now: every command in flight has been delivered, and every running
 * coordinator has sent the command it decided on and renewed a session that the next tick would expire. So
 * a session expires only while its coordinator is paused, and a command is delayed only by a pause.
 */
function somethingDue(L: Layout, s: ElectionState): boolean {
  if (s.inFlight.length > 0) return true;
  return s.coords.some((c) => !c.paused && c.role !== IDLE && (c.pending !== NONE || c.since === L.T - 1));
}

export function electionNext(L: Layout, rules: Rules): (s: ElectionState) => Step<ElectionState>[] {
  const names = Array.from({ length: L.C }, (_, i) => coordName(i));
  const connectLabels = names.map((actor): Action => ({ actor, kind: 'connects', detail: 'to zk: a new session' }));
  const learnLabels = names.map((actor): Action => ({ actor, kind: 'learns its session expired', detail: 'and steps down' }));
  const pauseLabels = names.map((actor): Action => ({ actor, kind: 'pauses', detail: '(no step until it resumes; its clock runs on)' }));
  const resumeLabels = names.map((actor): Action => ({ actor, kind: 'resumes' }));

  /** The steps of a running coordinator with a session (connecting and resuming are below). */
  function coordinatorSteps(s: ElectionState, i: number, out: Step<ElectionState>[]): void {
    const c = s.coords[i];
    if (c.paused || c.role === IDLE) return;
    const withCoord = (next: Coordinator, more: Partial<ElectionState> = {}): ElectionState => ({ ...s, ...more, coords: setAt(s.coords, i, next) });
    if (c.since >= L.T) {
      // Its next request to the service is answered "session expired" (the service deleted /leader then).
      out.push({ action: learnLabels[i], state: withCoord(idleCoordinator) });
    } else {
      if (c.since > 0 || c.lag > 0) {
        out.push({ action: { actor: names[i], kind: 'renews its session', detail: `after ${c.since} ticks` }, state: withCoord({ ...c, since: 0, lag: 0 }) });
      }
      if (c.role === CANDIDATE && s.owner === NONE) {
        const epoch = s.zxid + 1;
        out.push({
          action: { actor: names[i], kind: 'creates /leader', detail: `with epoch ${epoch}: the coordinator` },
          state: withCoord({ ...c, role: LEADER, epoch }, { owner: i, zxid: epoch }),
        });
      }
    }
    if (c.pending !== NONE) {
      // Sent without looking at the lease again: it was checked when the command was decided.
      const m = { epoch: c.epoch, from: i, to: c.pending };
      out.push({ action: { actor: names[i], kind: 'sends', message: showCommand(m) }, state: withCoord({ ...c, pending: NONE }, { inFlight: insertSorted(s.inFlight, L.key(m)) }) });
    } else if (leaseValid(rules, c)) {
      for (let sv = 0; sv < L.S; sv++) {
        out.push({
          action: { actor: names[i], kind: 'finds its lease valid', detail: `(${ownClock(c)} of ${rules.leaseTicks} ticks by its clock), will command ${serverName(sv)}` },
          state: withCoord({ ...c, pending: sv }),
        });
      }
    }
    if (c.role === LEADER) out.push({ action: pauseLabels[i], state: withCoord({ ...c, paused: true }) });
  }

  /** A storage server receives a command: executes it, or (fencing) rejects it. */
  function deliverySteps(s: ElectionState, out: Step<ElectionState>[]): void {
    for (const k of s.inFlight) {
      const m = L.command(k);
      const server = s.servers[m.to];
      const inFlight = s.inFlight.filter((x) => x !== k);
      const message = showCommand(m);
      if (rules.executes(server, m.epoch)) {
        const servers = setAt(s.servers, m.to, { lastEpoch: m.epoch, highestEpoch: Math.max(server.highestEpoch, m.epoch) });
        out.push({ action: { actor: serverName(m.to), kind: 'receives', message, detail: 'and executes it' }, state: { ...s, servers, inFlight } });
      } else {
        out.push({ action: { actor: serverName(m.to), kind: 'receives', message, detail: `and rejects it (epoch ${m.epoch} < ${server.highestEpoch})` }, state: { ...s, inFlight } });
      }
    }
  }

  /**
   * The service's clock ticks: every session ages by one; one that reaches sessionTimeout expires, and if
   * its coordinator held /leader the znode is deleted. Each coordinator's own clock ticks too, or (a slow
   * clock) does not, as long as it has lost fewer than maxDrift ticks since its last renewal: one successor
   * per choice of the clocks that fall behind.
   */
  function tickSteps(s: ElectionState, out: Step<ElectionState>[]): void {
    if (s.now >= L.M || somethingDue(L, s)) return;
    const aging = s.coords.flatMap((c, i) => (c.role !== IDLE && c.since < L.sinceCap ? [i] : []));
    const mayLag = aging.filter((i) => s.coords[i].lag < L.D);
    for (let choice = 0; choice < 1 << mayLag.length; choice++) {
      const lags = new Set(mayLag.filter((_, j) => (choice >> j) & 1));
      const coords = s.coords.slice();
      let owner = s.owner;
      const notes = [`to time ${s.now + 1}`];
      for (const i of aging) {
        const c = s.coords[i];
        coords[i] = { ...c, since: c.since + 1, lag: c.lag + (lags.has(i) ? 1 : 0) };
        if (c.since + 1 === L.T) {
          notes.push(owner === i ? `${names[i]}'s session expires: /leader deleted` : `${names[i]}'s session expires`);
          if (owner === i) owner = NONE;
        }
        if (lags.has(i)) notes.push(`${names[i]}'s clock falls behind`);
      }
      out.push({ action: { actor: 'zk', kind: 'ticks', detail: notes.join('; ') }, state: { ...s, now: s.now + 1, owner, coords } });
    }
  }

  return (s) => {
    const out: Step<ElectionState>[] = [];
    // The order of the successors decides which of several shortest traces the search reports (the first
    // in this order at each step): coordinators with a session act before time passes, time passes before a
    // new session is opened, and a paused coordinator resumes as late as it can. The "slow, not dead" trace
    // then tells its story in order: pause, expiry, successor, its command, resumption, the stale command.
    for (let i = 0; i < L.C; i++) coordinatorSteps(s, i, out);
    tickSteps(s, out);
    for (let i = 0; i < L.C; i++) {
      if (s.coords[i].role === IDLE) out.push({ action: connectLabels[i], state: { ...s, coords: setAt(s.coords, i, { ...idleCoordinator, role: CANDIDATE }) } });
    }
    deliverySteps(s, out);
    for (let i = 0; i < L.C; i++) {
      const c = s.coords[i];
      if (c.paused) out.push({ action: resumeLabels[i], state: { ...s, coords: setAt(s.coords, i, { ...c, paused: false }) } });
    }
    return out;
  };
}
