// The explicit state graph a cost is measured on: every state reachable from the initial states without
// passing a decided state (decided states are reached but not expanded), each edge weighted by the
// messages its step sends (per recipient). Built breadth-first with exact keys (a state's encoded words),
// no symmetry, no fingerprints: a hash collision would silently merge two states' costs. States are not
// kept once expanded (a path's states are rebuilt by replaying its steps from its initial state), and the
// edges are flat arrays: node u's edges are first[u] .. first[u+1]-1, since nodes are expanded in order.

import type { Instance, Step } from '../model.ts';
import { Encoder } from '../state/encode.ts';
import { stateCodec } from '../state/fingerprinter.ts';
import { WordIndex } from './word-index.ts';
import type { CostProbe, MessageFlow } from './types.ts';

export interface CostGraph<S> {
  /** Number of nodes. */
  readonly size: number;
  readonly decided: Uint8Array;
  /** Node indices of the initial states kept, with their states and the messages already sent in them. */
  readonly inits: readonly { readonly node: number; readonly state: S; readonly weight: number }[];
  /** Node u's edges are first[u] .. first[u+1]-1 (length size+1). */
  readonly first: Int32Array;
  /** Per edge: the node it leads to, the messages its step sends, the step's index in next(from). */
  readonly to: Int32Array;
  readonly weight: Int32Array;
  readonly step: Int32Array;
}

export interface GraphOptions {
  /** Leave out faulty steps (the failure-free run; a liveness check, where faulty processes stay silent). */
  readonly noFaultySteps: boolean;
  /** Leave out initial states with faults in them (the failure-free run). */
  readonly noFaultyInits: boolean;
  /** Steps of these actors are left out (crashed from the start). */
  readonly silenced?: ReadonlySet<string>;
}

export const weightOf = (f: MessageFlow): number => (f.sends ?? []).reduce((n, m) => n + m.recipients, 0);

/** Whether the step is left out under `opts`. */
function excluded<S>(probe: CostProbe<S>, from: S, step: Step<S>, opts: GraphOptions): boolean {
  if (opts.noFaultySteps && probe.faulty(from, step)) return true;
  if (opts.silenced && opts.silenced.size > 0) {
    const actor = probe.flow(from, step).actor;
    if (actor !== undefined && opts.silenced.has(actor)) return true;
  }
  return false;
}

/** A growable Int32Array. */
class Ints {
  a = new Int32Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
  done(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

export function buildGraph<S>(inst: Instance<S>, probe: CostProbe<S>, opts: GraphOptions): CostGraph<S> {
  const { encode } = stateCodec(inst);
  const enc = new Encoder();
  const index = new WordIndex();
  const queue: (S | undefined)[] = [];
  const decided = new Ints();
  const add = (s: S): number => {
    enc.reset();
    encode(s, enc);
    const { id, added } = index.intern(enc.words, enc.length);
    if (added) {
      queue.push(s);
      decided.push(probe.decided(s) ? 1 : 0);
    }
    return id;
  };
  const inits: { node: number; state: S; weight: number }[] = [];
  for (const s of inst.init()) {
    if (opts.noFaultyInits && probe.faultyInit?.(s)) continue;
    const node = add(s);
    if (!inits.some((x) => x.node === node)) inits.push({ node, state: s, weight: probe.initialFlow ? weightOf(probe.initialFlow(s)) : 0 });
  }
  const first = new Ints();
  const to = new Ints();
  const weight = new Ints();
  const step = new Ints();
  for (let i = 0; i < queue.length; i++) {
    first.push(to.n);
    const from = queue[i]!;
    queue[i] = undefined;
    if (decided.a[i]) continue;
    const steps = inst.next(from);
    for (let k = 0; k < steps.length; k++) {
      const st = steps[k];
      if (excluded(probe, from, st, opts)) continue;
      to.push(add(st.state));
      weight.push(weightOf(probe.flow(from, st)));
      step.push(k);
    }
  }
  first.push(to.n);
  return { size: queue.length, decided: new Uint8Array(decided.done()), inits, first: first.done(), to: to.done(), weight: weight.done(), step: step.done() };
}
