// The two checks the coordinator-election model is about (models/coordinator-election.ts), each a line, and
// which of them a variant changes:
//   passesFence   where a command takes effect: a storage server executes a command only if its epoch is
//                 at least the highest epoch it has executed. Without it (variant no-fencing) a server
//                 obeys whichever command arrives, a deposed coordinator's included.
//   leaseValid    inside a coordinator: it trusts its leadership while its own clock shows fewer than
//                 sessionTimeout - maxDrift ticks since its last renewal, the margin covering a clock that
//                 runs slow. Without the margin (variant lease-without-drift-margin) its lease can outlive
//                 its session.

import { LEADER, type Coordinator, type Layout, type Server } from './state.ts';

export const VARIANTS = {
  'no-fencing': 'storage servers execute every command, whatever its epoch: a paused coordinator that resumes after its successor was elected still has its commands executed',
  'lease-without-drift-margin': 'a coordinator trusts its lease until its own clock shows sessionTimeout ticks, without subtracting maxDrift: a slow clock lets its lease outlive its session',
} as const;

export type Variant = keyof typeof VARIANTS | undefined;

/** The fencing check: only a command at least as new as every one the server has obeyed is executed. */
export const passesFence = (server: Server, epoch: number): boolean => epoch >= server.highestEpoch;

/** Ticks since the coordinator's last renewal, as its own clock counts them. */
export const ownClock = (c: Coordinator): number => c.since - c.lag;

export interface Rules {
  /** Whether server `server` executes a command of `epoch`. */
  readonly executes: (server: Server, epoch: number) => boolean;
  /** Ticks of its own clock after which a coordinator stops trusting its lease. */
  readonly leaseTicks: number;
}

export function rulesOf(L: Layout, variant: Variant): Rules {
  return {
    executes: variant === 'no-fencing' ? () => true : passesFence,
    leaseTicks: variant === 'lease-without-drift-margin' ? L.T : L.T - L.D,
  };
}

/** A coordinator's own judgement: it is leader and its lease has not run out by its clock. */
export const leaseValid = (rules: Rules, c: Coordinator): boolean => c.role === LEADER && ownClock(c) < rules.leaseTicks;
