// The benchmark cases: which model, which constants, the counts an independent source expects (TLC's
// published figures or the peers' Spin/Rumur runs, so a benchmark that got faster by being wrong shows it
// at once), and how to build the same model for Spin and Rumur (bench/peers.ts).

import type { PeerSpec } from './peers.ts';

export interface BenchCase {
  readonly name: string;
  /** A shipped model's name, or the path of a model file (relative to the repository). */
  readonly model: string;
  readonly variant?: string;
  readonly constants: Readonly<Record<string, number>>;
  /** Distinct states an independent checker reports for the same semantics. */
  readonly expectedStates?: number;
  readonly source?: string;
  /** Only with --large. */
  readonly large?: boolean;
  /** The equivalent peer models, where they exist. */
  readonly peers?: PeerSpec;
  /** One core only (no parallel run, no thread ceiling). */
  readonly serialOnly?: boolean;
  /** The case whose rate this one is compared with (printed as a fraction of it). */
  readonly comparedWith?: string;
  /**
   * Run the model with its hand-written encode/decode removed, so the generic structural encoding is
   * measured on the same model (next to the hand-written case of the same name).
   */
  readonly generic?: boolean;
}

const twophasePeers = (n: number, hashBits: number, rumur = true): PeerSpec => ({
  spin: { file: 'twophase.pml', defines: [`-DNRM=${n}`], hashBits },
  ...(rumur ? { rumur: { file: 'twophase.m', set: { NRM: n } } } : {}),
});

export const cases: readonly BenchCase[] = [
  { name: 'twophase rms=6', model: 'twophase', constants: { rms: 6 }, expectedStates: 50816, source: 'TLC (TwoPhase.tla)' },
  { name: 'twophase rms=7', model: 'twophase', constants: { rms: 7 }, expectedStates: 296448, source: 'Spin, Rumur', peers: twophasePeers(7, 21) },
  { name: 'paxos (defaults)', model: 'paxos', constants: {} },
  // The same Paxos written without the kit (bench/paxos-plain.ts: a sorted array of plain message objects, the
  // generic encoder) and with it (examples/paxos.ts), against the packed model: docs/fast-models.md's figures.
  { name: 'paxos plain B3', model: 'bench/paxos-plain.ts', constants: {}, expectedStates: 74681, source: 'models/paxos.ts', serialOnly: true, comparedWith: 'paxos (defaults)' },
  { name: 'paxos natural B3', model: 'examples/paxos.ts', constants: {}, expectedStates: 74681, source: 'models/paxos.ts', serialOnly: true, comparedWith: 'paxos (defaults)' },
  {
    name: 'paxos A3 P2 B4',
    model: 'paxos',
    constants: { acceptors: 3, proposers: 2, maxBallot: 4 },
    expectedStates: 3122593,
    source: 'Spin, Rumur',
    peers: { spin: { file: 'paxos.pml', defines: [], hashBits: 24 }, rumur: { file: 'paxos.m' } },
  },
  // Paxos written the natural way with the model kit (examples/paxos.ts): no hand-written encoding, the
  // same states as the packed model; issue 14's goal is at least 1/4 of the packed model's rate.
  {
    name: 'paxos natural B4',
    model: 'examples/paxos.ts',
    constants: { acceptors: 3, proposers: 2, maxBallot: 4 },
    expectedStates: 3122593,
    source: 'Spin, Rumur',
    serialOnly: true,
    comparedWith: 'paxos A3 P2 B4',
  },
  { name: 'paxos A3 P2 B4 generic', model: 'paxos', constants: { acceptors: 3, proposers: 2, maxBallot: 4 }, expectedStates: 3122593, source: 'Spin, Rumur', generic: true, serialOnly: true, comparedWith: 'paxos A3 P2 B4' },
  // The smallest TwoPhase case past 10^6 states, where the bench also times the parallel search.
  { name: 'twophase rms=8', model: 'twophase', constants: { rms: 8 }, source: 'Spin', peers: twophasePeers(8, 23, false) },
  { name: 'twophase rms=8 generic', model: 'twophase', constants: { rms: 8 }, expectedStates: 1745408, source: 'Spin', generic: true, serialOnly: true, comparedWith: 'twophase rms=8' },
  // Rumur needs minutes here (about 75k states/s), so only Spin runs the large cases.
  { name: 'twophase rms=9', model: 'twophase', constants: { rms: 9 }, expectedStates: 10340352, source: 'Spin', large: true, peers: twophasePeers(9, 25, false) },
  { name: 'twophase rms=10', model: 'twophase', constants: { rms: 10 }, source: 'Spin', large: true, peers: twophasePeers(10, 27, false) },
];
