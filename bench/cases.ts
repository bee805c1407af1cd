// The benchmark cases: which model, which constants, and the counts an independent source expects
// (TLC's published figures or the peers' Spin/Rumur runs), so a benchmark that got faster by being
// wrong shows it at once.

export interface BenchCase {
  readonly name: string;
  readonly model: string;
  readonly variant?: string;
  readonly constants: Readonly<Record<string, number>>;
  /** Distinct states an independent checker reports for the same semantics. */
  readonly expectedStates?: number;
  readonly source?: string;
  /** Only with --large. */
  readonly large?: boolean;
}

export const cases: readonly BenchCase[] = [
  { name: 'twophase rms=6', model: 'twophase', constants: { rms: 6 }, expectedStates: 50816, source: 'TLC (TwoPhase.tla)' },
  { name: 'twophase rms=7', model: 'twophase', constants: { rms: 7 }, expectedStates: 296448, source: 'Spin, Rumur' },
  { name: 'paxos (defaults)', model: 'paxos', constants: {} },
  { name: 'paxos A3 P2 B4', model: 'paxos', constants: { acceptors: 3, proposers: 2, maxBallot: 4 }, expectedStates: 3122593, source: 'Spin, Rumur' },
  { name: 'twophase rms=9', model: 'twophase', constants: { rms: 9 }, expectedStates: 10340352, source: 'Spin', large: true },
];
