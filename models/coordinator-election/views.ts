// The coordinator-election model's views (models/coordinator-election.ts): the named values
// specs/coordinator-election.spec states its invariants and witnesses over.

import type { View, ViewType } from '../../checker/model.ts';
import { leaseValid, ownClock, type Rules } from './rules.ts';
import { IDLE, NONE, ROLE_NAMES, type ElectionState, type Layout } from './state.ts';

const coordinator: ViewType = { kind: 'id', sort: 'coordinator' };
const server: ViewType = { kind: 'id', sort: 'server' };
const int: ViewType = { kind: 'int' };
const coordinatorSet: ViewType = { kind: 'set', elem: coordinator };
const command: ViewType = { kind: 'record', fields: { epoch: int, from: coordinator, to: server } };

export function electionViews(L: Layout, rules: Rules): Record<string, View<ElectionState>> {
  const coords = Array.from({ length: L.C }, (_, i) => i);
  const servers = Array.from({ length: L.S }, (_, i) => i);
  const perCoordinator = <T,>(f: (s: ElectionState, i: number) => T) => (s: ElectionState) => new Map(coords.map((i) => [i, f(s, i)]));
  const perServer = <T,>(f: (s: ElectionState, i: number) => T) => (s: ElectionState) => new Map(servers.map((i) => [i, f(s, i)]));
  const coordsWhere = (f: (s: ElectionState, i: number) => boolean) => (s: ElectionState) => coords.filter((i) => f(s, i));
  return {
    coordinators: { type: coordinatorSet, description: 'all coordinators', get: () => coords },
    servers: { type: { kind: 'set', elem: server }, description: 'all storage servers', get: () => servers },
    time: { type: int, description: "the service's clock", get: (s) => s.now },
    leaderEpoch: { type: int, description: 'the epoch of /leader, 0 when it does not exist', get: (s) => (s.owner === NONE ? 0 : s.zxid) },
    holdsZnode: { type: coordinatorSet, description: 'the coordinator holding /leader (none or one)', get: (s) => (s.owner === NONE ? [] : [s.owner]) },
    role: {
      type: { kind: 'map', key: coordinator, value: { kind: 'string' } },
      description: "each coordinator's role: idle, candidate or leader (what it believes)",
      get: perCoordinator((s, i) => ROLE_NAMES[s.coords[i].role]),
    },
    epoch: { type: { kind: 'map', key: coordinator, value: int }, description: "each leader's epoch (0 when not leader)", get: perCoordinator((s, i) => s.coords[i].epoch) },
    paused: { type: coordinatorSet, description: 'the coordinators that are paused', get: coordsWhere((s, i) => s.coords[i].paused) },
    sessionLive: {
      type: coordinatorSet,
      description: 'the coordinators whose session the service has not expired',
      get: coordsWhere((s, i) => s.coords[i].role !== IDLE && s.coords[i].since < L.T),
    },
    ownClock: {
      type: { kind: 'map', key: coordinator, value: int },
      description: "ticks since each coordinator's last renewal, by its own clock",
      get: perCoordinator((s, i) => ownClock(s.coords[i])),
    },
    leaseValid: {
      type: coordinatorSet,
      description: "the leaders whose lease is still valid by their own clock and rule (the variant's rule)",
      get: coordsWhere((s, i) => leaseValid(rules, s.coords[i])),
    },
    pending: {
      type: { kind: 'set', elem: command },
      description: 'commands decided after a lease check and not yet sent',
      get: (s) => coords.flatMap((i) => (s.coords[i].pending === NONE ? [] : [{ epoch: s.coords[i].epoch, from: i, to: s.coords[i].pending }])),
    },
    inFlight: { type: { kind: 'set', elem: command }, description: 'commands sent and not yet delivered', get: (s) => s.inFlight.map(L.command) },
    lastEpoch: { type: { kind: 'map', key: server, value: int }, description: 'the epoch of the last command each server executed (0: none)', get: perServer((s, i) => s.servers[i].lastEpoch) },
    highestEpoch: { type: { kind: 'map', key: server, value: int }, description: 'the highest epoch of a command each server executed', get: perServer((s, i) => s.servers[i].highestEpoch) },
  };
}
