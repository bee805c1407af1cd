// A coordinator elected through a ZooKeeper-like service, as in RAMCloud: "slow, not dead". Candidate
// coordinators open sessions with the service (`zk`) and race to create the ephemeral znode /leader; the one
// that creates it is the coordinator and commands the storage servers. The service expires a session that
// has not been renewed for sessionTimeout ticks of its clock and then deletes the session's ephemeral node,
// so another candidate can take over. But a coordinator whose session expired need not be dead: paused
// (a GC pause, a VM migration), it resumes still believing it is the coordinator, and a command it decided
// on before the pause reaches a storage server after its successor's commands. Only the place where a
// command takes effect can tell: each command carries its coordinator's epoch (the number the service gave
// /leader when it was created, its czxid), and a server rejects a command older than one it has obeyed
// (fencing). Leases alone cannot: the coordinator checks its lease, then pauses, then sends.
//
// Processes: zk (the service, and the reference clock), coordinators c1..cC, storage servers s1..sS.
//   c connects             (idle) opens a session: candidate.
//   c creates /leader      (candidate, /leader absent) the service numbers it: epoch = zxid + 1. Leader.
//   c renews its session   (session live) the session and the coordinator's lease restart from 0.
//   c learns its session expired  (session expired) its next request says so: idle again.
//   c checks its lease     (leader, lease valid by its own clock) decides to command server s: pending.
//   c sends                (a pending command) command(epoch, from c, to s) without a new lease check.
//   c pauses / resumes     a leader stops taking steps, and later goes on where it stopped.
//   s receives             executes the command if it passes the fence (rules.ts), else rejects it.
//   zk ticks               time + 1; every session ages; one reaching sessionTimeout expires (its /leader is
//                          deleted); a coordinator's clock may fall behind, at most maxDrift ticks per lease.
// Time passes only when nothing is due: a running coordinator renews before its session would expire and
// sends a command as soon as it has decided on it, and every command is delivered before the next tick (a
// prompt network). So a session expires only under a pause, and a stale command is delayed only by a pause:
// the checker's traces show the pause itself. A fast clock is left out: it only makes a lease check fail
// sooner, which allows nothing a correct clock does not.
//
// Invariants (each broken by one variant, both hold in the correct protocol):
//   singleCoordinatorAccepted  no storage server executes a command of an older epoch than one it executed:
//                              servers obey the coordinators in the order the service elected them.
//                              Variant no-fencing (servers ignore epochs) breaks it: old coordinator decides a
//                              command, pauses, its session expires, a successor is elected and its command
//                              executed, the old one resumes and sends, and the server executes it.
//   leaseWithinSession         a coordinator whose lease is valid by its own clock still holds /leader.
//                              Variant lease-without-drift-margin (lease of sessionTimeout ticks on a clock
//                              that may run maxDrift slow) breaks it; its stale commands are still rejected by
//                              the fence, which does not depend on clocks.
//
// Counts (distinct states / depth of the correct protocol; coordinators 2, servers 1, sessionTimeout 3,
// maxDrift 1): maxTicks 3: 6,420 / 21; maxTicks 4 (the defaults, time enough for three epochs): 21,468 / 29;
// maxTicks 6: 88,240 / 36; servers 2 and maxTicks 4: 307,100 / 34. Shortest traces at the defaults:
// no-fencing breaks singleCoordinatorAccepted in 15 steps, lease-without-drift-margin breaks
// leaseWithinSession in 6. Coordinators are interchangeable, and so are servers (--symmetry: 10,755 orbits
// at the defaults; servers 2 and maxTicks 4: 78,089).

import { defineModel } from '../checker/model.ts';
import { electionNext } from './coordinator-election/actions.ts';
import { leaseValid, rulesOf, VARIANTS, type Variant } from './coordinator-election/rules.ts';
import { coordName, decodeState, encodeState, initialState, layout, NONE, renameState, serverName, showState, type ElectionState } from './coordinator-election/state.ts';
import { electionViews } from './coordinator-election/views.ts';

export type { ElectionState } from './coordinator-election/state.ts';

export default defineModel<ElectionState>({
  name: 'coordinator-election',
  summary: 'A coordinator elected through a ZooKeeper-like service (sessions, an ephemeral /leader, clock ticks with drift); a paused coordinator resumes, and only epochs checked by the storage servers (fencing) stop its stale commands',
  topic: 'Coordination and leader election',
  constants: {
    coordinators: { kind: 'int', default: 2, min: 1, max: 3, description: 'number of candidate coordinators (c1..cC)' },
    servers: { kind: 'int', default: 1, min: 1, max: 3, description: 'number of storage servers (s1..sS)' },
    sessionTimeout: { kind: 'int', default: 3, min: 2, max: 6, description: "ticks of the service's clock without a renewal after which a session expires" },
    maxDrift: { kind: 'int', default: 1, min: 0, max: 5, description: "how many ticks a coordinator's clock may lose against the service's over one lease" },
    maxTicks: { kind: 'int', default: 4, min: 0, max: 12, description: "the service's clock stops at this time (bounds the search)" },
  },
  variants: VARIANTS,
  validate: (c) => ((c.maxDrift as number) >= (c.sessionTimeout as number) ? 'maxDrift must be below sessionTimeout (else no lease is ever valid)' : undefined),
  instantiate(c, variant) {
    if (variant !== undefined && !(variant in VARIANTS)) throw new Error(`coordinator-election: unknown variant '${variant}'`);
    const L = layout(c.coordinators as number, c.servers as number, c.sessionTimeout as number, c.maxDrift as number, c.maxTicks as number);
    const rules = rulesOf(L, variant as Variant);
    const initial = initialState(L);
    return {
      init: () => [initial],
      next: electionNext(L, rules),
      invariants: {
        singleCoordinatorAccepted: {
          description: 'no storage server executes a command of an older epoch than one it has executed (deposed coordinators are not obeyed)',
          holds: (s) => s.servers.every((sv) => sv.lastEpoch === sv.highestEpoch),
          explain: (s) =>
            s.servers.flatMap((sv, i) =>
              sv.lastEpoch === sv.highestEpoch ? [] : [`${serverName(i)} executed a command of epoch ${sv.lastEpoch} after one of epoch ${sv.highestEpoch}`],
            ),
        },
        leaseWithinSession: {
          description: 'a coordinator whose lease is valid by its own clock holds /leader (its lease never outlives its session)',
          holds: (s) => s.coords.every((co, i) => !leaseValid(rules, co) || s.owner === i),
          explain: (s) =>
            s.coords.flatMap((co, i) =>
              !leaseValid(rules, co) || s.owner === i
                ? []
                : [
                    `${coordName(i)} trusts its lease (${co.since - co.lag} of ${rules.leaseTicks} ticks on its own clock) but the service ${co.since === L.T ? 'has just expired its session' : `expired its session ${co.since - L.T} tick(s) ago`}; /leader is ${s.owner === NONE ? 'absent' : `held by ${coordName(s.owner)}`}`,
                  ],
            ),
        },
      },
      sorts: { coordinator: Array.from({ length: L.C }, (_, i) => coordName(i)), server: Array.from({ length: L.S }, (_, i) => serverName(i)) },
      views: electionViews(L, rules),
      encode: (s, w) => encodeState(L, s, w),
      decode: (r) => decodeState(L, r),
      symmetry: { sorts: ['coordinator', 'server'], apply: (s, [pc, ps]) => renameState(L, s, pc, ps) },
      show: (s) => showState(L, s),
    };
  },
});
