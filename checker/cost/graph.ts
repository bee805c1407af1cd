// The explicit state graph a cost is measured on: every state reachable from the initial states without
// passing a decided state (decided states are reached but not expanded), each edge weighted by the
// messages its step sends (per recipient). Built breadth-first with exact keys (a state's encoded words),
// no symmetry, no fingerprints: a hash collision would silently merge two states' costs.

import type { Instance, Step } from '../model.ts';
import { Encoder } from '../state/encode.ts';
import { stateCodec } from '../state/fingerprinter.ts';
import type { CostProbe, MessageFlow } from './types.ts';

export interface CostGraph<S> {
  readonly states: S[];
  readonly decided: boolean[];
  /** Indices of the initial states kept. */
  readonly inits: number[];
  /** Messages already sent in each kept initial state (by node index). */
  readonly initWeight: Map<number, number>;
  /** Per node: its edges, each [to, weight, index of the step in next(from)]. */
  readonly out: number[][][];
}

export interface GraphOptions<S> {
  /** Leave out faulty steps (the failure-free run; a liveness check, where faulty processes stay silent). */
  readonly noFaultySteps: boolean;
  /** Leave out initial states with faults in them (the failure-free run). */
  readonly noFaultyInits: boolean;
  /** Steps of these actors are left out (crashed from the start). */
  readonly silenced?: ReadonlySet<string>;
  /** Refuse graphs larger than this many states. */
  readonly maxStates?: number;
}

export const weightOf = (f: MessageFlow): number => (f.sends ?? []).reduce((n, m) => n + m.recipients, 0);

/** Whether the step is left out under `opts`. */
export function excluded<S>(probe: CostProbe<S>, from: S, step: Step<S>, opts: GraphOptions<S>): boolean {
  if (opts.noFaultySteps && probe.faulty(from, step)) return true;
  if (opts.silenced && opts.silenced.size > 0) {
    const actor = probe.flow(from, step).actor;
    if (actor !== undefined && opts.silenced.has(actor)) return true;
  }
  return false;
}

export function buildGraph<S>(inst: Instance<S>, probe: CostProbe<S>, opts: GraphOptions<S>): CostGraph<S> {
  const { encode } = stateCodec(inst);
  const enc = new Encoder();
  const keyOf = (s: S): string => {
    enc.reset();
    encode(s, enc);
    return Buffer.from(enc.words.buffer, enc.words.byteOffset, enc.length * 4).toString('latin1');
  };
  const index = new Map<string, number>();
  const g: CostGraph<S> = { states: [], decided: [], inits: [], initWeight: new Map(), out: [] };
  const add = (s: S): number => {
    const k = keyOf(s);
    let i = index.get(k);
    if (i === undefined) {
      i = g.states.length;
      if (opts.maxStates !== undefined && i >= opts.maxStates) throw new Error(`the cost graph passed ${opts.maxStates} states`);
      index.set(k, i);
      g.states.push(s);
      g.decided.push(probe.decided(s));
      g.out.push([]);
    }
    return i;
  };
  for (const s of inst.init()) {
    if (opts.noFaultyInits && probe.faultyInit?.(s)) continue;
    const i = add(s);
    if (!g.inits.includes(i)) g.inits.push(i);
    g.initWeight.set(i, probe.initialFlow ? weightOf(probe.initialFlow(s)) : 0);
  }
  for (let i = 0; i < g.states.length; i++) {
    if (g.decided[i]) continue;
    const from = g.states[i];
    const steps = inst.next(from);
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      if (excluded(probe, from, step, opts)) continue;
      g.out[i].push([add(step.state), weightOf(probe.flow(from, step)), k]);
    }
  }
  return g;
}
