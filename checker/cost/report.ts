// A model's cost report: for each of its scenarios, the failure-free run (faulty steps and faulty initial
// states left out) and the worst case within the fault bound (everything the model allows), each as
// messages up to the first decision (per recipient) and message delays on the critical path; and the
// replicas its fault bound needs. Everything is computed from the model's runs; nothing is typed.

import type { Constants, ConstValue } from '../model.ts';
import { resolveConstants } from '../load/constants.ts';
import { buildGraph } from './graph.ts';
import { delays, stepsOf } from './delays.ts';
import { fewest, most, pathTo } from './paths.ts';
import { replicasNeeded, type ReplicaRow } from './replicas.ts';
import type { CostProbe, CostScenario, ModelCost } from './types.ts';
import type { Action, Instance } from '../model.ts';

/** The figures of one run: messages up to the first decision and the delays on its critical path. */
export interface RunFigures {
  readonly messages: number;
  readonly delays: number;
  /** Steps of the run. */
  readonly steps: number;
}

export type WorstCase =
  | { readonly kind: 'bounded'; readonly run: RunFigures; readonly states: number }
  /**
   * cycle: a cycle of undecided states that sends messages (with the messages one turn sends); growth: the
   * worst case grows at every value of the bound tried. `bounded` is the figure at the scenario's constants
   * where there is one.
   */
  | { readonly kind: 'unbounded'; readonly why: 'cycle'; readonly perTurn: number; readonly cycle: readonly Action[]; readonly states: number }
  | { readonly kind: 'unbounded'; readonly why: 'growth'; readonly constant: string; readonly byBound: readonly { readonly value: number; readonly messages: number; readonly delays: number }[]; readonly bounded: RunFigures; readonly states: number }
  | { readonly kind: 'undecided'; readonly states: number };

export interface ScenarioReport {
  readonly name: string;
  readonly constants: Readonly<Record<string, ConstValue>>;
  /** The failure-free run; undefined if it never decides. */
  readonly failureFree?: { readonly fewest: RunFigures; readonly most: RunFigures | 'unbounded'; readonly states: number };
  readonly worst?: WorstCase;
  readonly commands?: number;
}

export interface CostReport {
  readonly model: string;
  readonly replicas?: { readonly kind: string; readonly size: string; readonly faults: string; readonly rows: readonly ReplicaRow[] };
  readonly scenarios: readonly ScenarioReport[];
  readonly notes: readonly string[];
  /** The model's messages cannot be told apart, so no delays are given. */
  readonly noDelays?: boolean;
}

export async function costReport(mc: ModelCost): Promise<CostReport> {
  const scenarios: ScenarioReport[] = [];
  for (const sc of mc.scenarios) scenarios.push(scenarioReport(mc, sc));
  const replicas = mc.replicas
    ? { kind: mc.replicas.kind, size: mc.replicas.size, faults: mc.replicas.faults ?? 'crashes', rows: await replicasNeeded(mc.model, mc.replicas) }
    : undefined;
  return { model: mc.model.name, ...(replicas ? { replicas } : {}), scenarios, notes: mc.notes ?? [], ...(mc.noDelays ? { noDelays: true } : {}) };
}

function instanceAt(mc: ModelCost, sc: CostScenario, extra: Readonly<Record<string, ConstValue>> = {}): { c: Constants; inst: Instance<unknown>; probe: CostProbe<unknown> } {
  const c = resolveConstants(mc.model, { ...sc.constants, ...extra });
  const bad = mc.model.validate?.(c);
  if (bad) throw new Error(`cost scenario '${sc.name}' of ${mc.model.name}: ${bad}`);
  return { c, inst: mc.model.instantiate(c), probe: sc.probe(c) };
}

export function scenarioReport(mc: ModelCost, sc: CostScenario): ScenarioReport {
  if (sc.failureFree === false) {
    const worst = sc.worstCase ? worstCase(mc, sc) : undefined;
    return { name: sc.name, constants: sc.constants, ...(worst ? { worst } : {}) };
  }
  const { inst, probe } = instanceAt(mc, sc);
  const g = buildGraph(inst, probe, { noFaultySteps: true, noFaultyInits: true });
  const lo = fewest(g);
  const hi = most(g);
  const figures = (path: NonNullable<typeof lo>): RunFigures => ({ messages: path.messages, delays: delays(probe, stepsOf(inst, g, path)), steps: path.edges.length });
  const failureFree = lo && hi.kind !== 'undecided' ? { fewest: figures(lo), most: hi.kind === 'bounded' ? figures(hi.path) : ('unbounded' as const), states: g.size } : undefined;
  const worst = sc.worstCase ? worstCase(mc, sc) : undefined;
  return { name: sc.name, constants: sc.constants, ...(failureFree ? { failureFree } : {}), ...(worst ? { worst } : {}), ...(sc.commands ? { commands: sc.commands } : {}) };
}

/** The worst case at some constants: the most messages before the first decision, or unbounded by a cycle. */
function worstAt(mc: ModelCost, sc: CostScenario, extra: Readonly<Record<string, ConstValue>> = {}): WorstCase {
  const { inst, probe } = instanceAt(mc, sc, extra);
  const g = buildGraph(inst, probe, { noFaultySteps: false, noFaultyInits: false });
  const r = most(g);
  if (r.kind === 'undecided') return { kind: 'undecided', states: g.size };
  if (r.kind === 'unbounded') {
    const lead = pathTo(g, r.cycle.start);
    const run = stepsOf(inst, g, { ...lead, edges: [...lead.edges, ...r.cycle.edges] });
    const cycle = run.steps.slice(lead.edges.length).map((s) => s.step.action);
    return { kind: 'unbounded', why: 'cycle', perTurn: r.cycle.messages, cycle, states: g.size };
  }
  const run = stepsOf(inst, g, r.path);
  return { kind: 'bounded', run: { messages: r.path.messages, delays: delays(probe, run), steps: r.path.edges.length }, states: g.size };
}

function worstCase(mc: ModelCost, sc: CostScenario): WorstCase {
  const here = worstAt(mc, sc);
  if (here.kind !== 'bounded' || typeof sc.worstCase !== 'object') return here;
  const { constant, values } = sc.worstCase.growth;
  const byBound: { value: number; messages: number; delays: number }[] = [];
  const configured = resolveConstants(mc.model, sc.constants)[constant];
  for (const value of values) {
    const w = value === configured ? here : worstAt(mc, sc, { [constant]: value });
    if (w.kind === 'unbounded') return w;
    if (w.kind !== 'bounded') return here;
    byBound.push({ value, messages: w.run.messages, delays: w.run.delays });
  }
  const grows = byBound.length >= 2 && byBound.every((b, i) => i === 0 || b.messages > byBound[i - 1].messages);
  return grows ? { kind: 'unbounded', why: 'growth', constant, byBound, bounded: here.run, states: here.states } : here;
}
