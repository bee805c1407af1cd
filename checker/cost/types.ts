// What the cost engine (checker/cost/) needs to know about a model to count its messages and message
// delays, and how a model describes the runs to measure. The engine knows no protocol: a model says, per
// step, which messages it sends (each with its number of recipients: a broadcast to three acceptors is
// three messages) and which it reads, which steps are faulty behaviour, and when a decision has been made.
// Models import these types through checker/index.ts.

import type { Constants, ConstValue, Model, Step } from '../model.ts';

/** One message a step sends, counted once per recipient. */
export interface SentMessage {
  /** Names the message, so a later step that reads it can say so (e.g. `2a(b=1,v=1)`). */
  readonly id: string;
  /** How many processes receive it (a broadcast to n-1 others: n-1). */
  readonly recipients: number;
}

/** What one step (or an initial state) does with messages. */
export interface MessageFlow {
  /**
   * The process that takes the step: its steps are causally ordered (a step comes after the actor's
   * previous one). Absent: a step of nobody in particular (it inherits no earlier step's delay).
   */
  readonly actor?: string;
  /** Messages sent by the step (only new ones: re-sending a message already in a message set sends nothing). */
  readonly sends?: readonly SentMessage[];
  /**
   * Ids of the messages the step acted on. An id no earlier step sent (a message of a phase done in
   * advance) is taken as available from the start.
   */
  readonly reads?: readonly string[];
}

/** How the engine reads one instance of a model. */
export interface CostProbe<S> {
  /** A decision has been made in `s` (the first such state ends a run's count). */
  decided(s: S): boolean;
  /** The messages of one step. */
  flow(from: S, step: Step<S>): MessageFlow;
  /** Messages already sent in an initial state (e.g. a primary's pre-prepare at time zero). */
  initialFlow?(s: S): MessageFlow;
  /** Faulty behaviour (a traitor's message, a crash): such steps are left out of the failure-free run. */
  faulty(from: S, step: Step<S>): boolean;
  /** An initial state with faults in it (traitors placed): left out of the failure-free run. */
  faultyInit?(s: S): boolean;
  /**
   * The decision is known where the deciding step's messages arrive (a learner counting 2b messages):
   * the decision then comes one message delay after the deciding step.
   */
  readonly decidedOnArrival?: boolean;
}

/** One run to measure: a configuration of the model and how to read it. */
export interface CostScenario {
  /** What the row says, e.g. `phase 1 done in advance`. */
  readonly name: string;
  readonly constants: Readonly<Record<string, ConstValue>>;
  /** The probe for these constants. */
  probe(c: Constants): CostProbe<any>;
  /**
   * The worst case too (faulty steps included): its bound grows with this constant over these values
   * (e.g. ballots): if the worst case grows at every step the report says "unbounded".
   */
  readonly worstCase?: boolean | { readonly growth: { readonly constant: string; readonly values: readonly number[] } };
  /** false: no failure-free figures (a model whose runs are all contention, e.g. duelling proposers). */
  readonly failureFree?: boolean;
  /** Commands decided by one run: its figures are also given per command (amortised). */
  readonly commands?: number;
}

/** The threshold search for the replicas a number of faults needs. */
export interface ReplicaSearch {
  /** The constant that counts replicas (`n`, `acceptors`). */
  readonly size: string;
  /** The constant that bounds faults (`m`, `f`); absent when faults are crashes the probe silences (`crashable`). */
  readonly faults?: string;
  /**
   * Fault bounds to search, each with the sizes to try (ascending), and constants of its own for the safety
   * check where the common ones would make it long.
   */
  readonly rows: readonly { readonly faults: number; readonly sizes: readonly number[]; readonly safety?: Readonly<Record<string, ConstValue>> }[];
  /** Constants for the safety check (a full check of the model's properties), e.g. reductions that keep verdicts. */
  readonly safety?: Readonly<Record<string, ConstValue>>;
  /** Constants for the liveness check (decision reachable with faulty processes silent), e.g. reduce=false. */
  readonly liveness?: Readonly<Record<string, ConstValue>>;
  /**
   * Crash faults the model has no constant for: the actors that may crash (silent from the start), for
   * these constants. Every set of at most `faults` of them is tried.
   */
  crashable?(c: Constants): readonly string[];
  /** What the fault is, for the report (`Byzantine`, `crash`). */
  readonly kind: string;
  /**
   * The initial states a decision must stay reachable from (default: all). PBFT's slot: those with a correct
   * primary, since a faulty primary is replaced by a view change the slot does not model.
   */
  livenessFrom?(s: unknown): boolean;
  /** The probe for the liveness check's constants (its `faulty` steps are the ones left out). */
  probe(c: Constants): CostProbe<any>;
}

/** A model's cost description (models/cost/<model>.ts). */
export interface ModelCost {
  readonly model: Model<any>;
  /** Why some figure cannot be computed, if one cannot (e.g. "the model has no crash faults"). */
  readonly notes?: readonly string[];
  /** Its steps cannot name the messages they read: delays are not given. */
  readonly noDelays?: boolean;
  readonly replicas?: ReplicaSearch;
  readonly scenarios: readonly CostScenario[];
}
