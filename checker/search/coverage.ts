// Coverage, as TLC reports it: for each action, how many successors it produced (fired, self-loops and
// states already seen included) and how many of them were new states (the action that first reached
// them). An action is named by its label's kind and, when the label carries a message, the message's type
// (`sends 1a`, `sends 2a`): a model's kind alone is often a verb shared by several actions. The checker
// only knows the actions it has seen fire: one that never fires does not appear (a spec states no guards
// to report as never true), and one that fired but never produced a new state is worth a look.
//
// Cost: new states are counted where the search records one (a table insert, the invariants, a frontier
// push), so a few property reads there are lost in the noise. Counting every successor by action means
// reading each label on the hot path: measured 18-21% slower on TwoPhase rms=7 (one successor ~150 ns,
// and its labels change action at nearly every successor, so even a one-entry cache of the last (kind,
// type) misses), so it is done only when asked (`clab check --coverage`). The slot of the last (kind,
// type) pair is kept, and the map read only when it changes. Counting new states, measured against the
// search without coverage (CPU seconds, min / median, runs alternating): TwoPhase rms=7 -2% / +2% (42
// runs), rms=8 -1% / +6% (12 runs), Paxos A3 P2 B4 min equal (6 runs); the medians move with the load.

/** One action's figures. */
export interface ActionCoverage {
  /** `kind` or `kind type` (the message's type). */
  readonly action: string;
  /** Successors it produced (counted only when asked: absent otherwise). */
  readonly fired?: number;
  /** Those that were states not reached before. */
  readonly newStates: number;
}

export interface Coverage {
  readonly initialStates: number;
  /** In the order first seen. */
  readonly actions: readonly ActionCoverage[];
}

export class CoverageCounter {
  private readonly byKind = new Map<unknown, Map<unknown, number>>();
  private lastKind: unknown = this;
  private lastType: unknown = undefined;
  private lastSlot = 0;
  private readonly names: string[] = [];
  /** Per slot: successors produced, and new states among them (the search increments these). */
  readonly fired: number[] = [];
  readonly fresh: number[] = [];

  /** The slot of an action label: the map is read only when (kind, type) differs from the last label's. */
  slotOf(a: { readonly kind: unknown; readonly message?: { readonly type: unknown } }): number {
    const kind = a.kind;
    const m = a.message;
    const type = m === undefined ? undefined : m.type;
    if (kind !== this.lastKind || type !== this.lastType) {
      this.lastKind = kind;
      this.lastType = type;
      this.lastSlot = this.slot(kind, type);
    }
    return this.lastSlot;
  }

  /** Counts every step of one expansion by action. */
  countFired(steps: readonly { readonly action: { readonly kind: unknown; readonly message?: { readonly type: unknown } } }[]): void {
    for (let j = 0; j < steps.length; j++) this.fired[this.slotOf(steps[j].action)]++;
  }

  /** The slot of the action with this kind and message type (undefined: no message). */
  slot(kind: unknown, type: unknown): number {
    let types = this.byKind.get(kind);
    if (!types) this.byKind.set(kind, (types = new Map()));
    let s = types.get(type);
    if (s === undefined) {
      s = this.names.length;
      types.set(type, s);
      this.names.push(type === undefined ? String(kind) : `${String(kind)} ${String(type)}`);
      this.fired.push(0);
      this.fresh.push(0);
    }
    return s;
  }

  result(initialStates: number, withFired: boolean): Coverage {
    return { initialStates, actions: this.names.map((action, i) => ({ action, ...(withFired ? { fired: this.fired[i] } : {}), newStates: this.fresh[i] })) };
  }
}
