// What the explorer shows, computed with the checker's own API (instance.init/next, showState, the
// configured invariants): a state is addressed by an initial-state index and a list of successor indices
// into next(), so a URL names it exactly and a reload recomputes it. Also maps a saved trace onto such a
// path by replaying it (label and shown state must match at each step, as `clab replay` does).

import type { Configured } from '../load/configure.ts';
import { ClabError } from '../errors.ts';
import { formatAction, formatValue, type PrintableStep } from '../trace/format.ts';
import { globalView, inferLayout, inFlight, processView } from '../trace/processes.ts';
import { showState } from '../trace/show.ts';
import { canonicalJson, type TraceFile } from '../trace/trace-file.ts';

export interface Address {
  readonly init: number;
  readonly path: readonly number[];
}

/** Parses `3.0.5` (empty: no steps). */
export function parsePath(text: string | null | undefined): number[] {
  if (!text) return [];
  if (!/^\d+(\.\d+)*$/.test(text)) throw new ClabError(`bad path '${text}'`, 'a path is successor indices separated by dots, e.g. 3.0.5');
  return text.split('.').map(Number);
}

interface Walked {
  readonly states: unknown[];
  readonly steps: PrintableStep[];
}

function walk(cfg: Configured, addr: Address): Walked {
  const inits = cfg.instance.init();
  if (addr.init < 0 || addr.init >= inits.length) throw new ClabError(`there is no initial state ${addr.init}`, `the model has ${inits.length}`);
  let state = inits[addr.init];
  const states = [state];
  const steps: PrintableStep[] = [{ action: null, state: showState(cfg.instance, state) }];
  addr.path.forEach((i, k) => {
    const succ = cfg.instance.next(state);
    if (i >= succ.length) throw new ClabError(`step ${k + 1} of the path picks successor ${i}, but only ${succ.length} are enabled`, 'the model or its constants changed since the link was made');
    state = succ[i].state;
    states.push(state);
    steps.push({ action: succ[i].action, state: showState(cfg.instance, state) });
  });
  return { states, steps };
}

/** The explorer page's view of one address, with `at` the position shown (0..path.length). */
export function viewOf(cfg: Configured, addr: Address, at: number) {
  if (at < 0 || at > addr.path.length) throw new ClabError(`position ${at} is outside the path (0..${addr.path.length})`);
  const { states, steps } = walk(cfg, addr);
  const layout = inferLayout(steps);
  const inst = cfg.instance;
  const state = states[at];
  const shown = steps[at].state;
  const failing = (s: unknown) => cfg.properties.invariants.filter((p) => !p.holds(s)).map((p) => p.name);
  const fmt = (rec: Record<string, unknown>) => Object.entries(rec).map(([k, v]) => ({ name: k, value: formatValue(v) }));
  return {
    init: addr.init,
    path: addr.path,
    at,
    steps: steps.map((st, i) => ({ index: i, action: st.action ? formatAction(st.action) : 'initial state', actor: st.action?.actor ?? null, violates: failing(states[i]) })),
    state: {
      processes: layout.processes.map((p) => ({ name: p, fields: fmt(processView(layout, shown, p)) })),
      inFlight: inFlight(layout, shown).map(formatValue),
      globals: fmt(globalView(layout, shown)),
      fields: fmt(shown),
    },
    enabled: inst.next(state).map((st, i) => ({ index: i, action: formatAction(st.action), actor: st.action.actor ?? null })),
    invariants: cfg.properties.invariants.map((p) => ({ name: p.name, description: inst.invariants[p.name]?.description ?? '', holds: p.holds(state) })),
  };
}

export function infoOf(cfg: Configured) {
  return {
    model: cfg.plan.model.name,
    variant: cfg.variant ?? null,
    constants: cfg.constants,
    initialStates: cfg.instance.init().length,
    invariants: cfg.properties.invariants.map((p) => p.name),
  };
}

/** The address of a saved trace's final state, found by replaying its labels and shown states. */
export function addressOfTrace(cfg: Configured, trace: TraceFile): Address {
  const inst = cfg.instance;
  const inits = inst.init();
  const want0 = canonicalJson(trace.steps[0].state);
  const init = inits.findIndex((s) => canonicalJson(showState(inst, s)) === want0);
  if (init < 0) throw new ClabError("the trace's initial state is not an initial state of the model being explored", 'explore the model, variant and constants the trace was saved with');
  let state = inits[init];
  const path: number[] = [];
  for (let k = 1; k < trace.steps.length; k++) {
    const rec = trace.steps[k];
    const label = canonicalJson(rec.action);
    const want = canonicalJson(rec.state);
    const succ = inst.next(state);
    const i = succ.findIndex((st) => canonicalJson(st.action) === label && canonicalJson(showState(inst, st.state)) === want);
    if (i < 0) throw new ClabError(`step ${k} of the trace (${formatAction(rec.action!)}) is not a transition of the model being explored`, 'explore the model, variant and constants the trace was saved with');
    path.push(i);
    state = succ[i].state;
  }
  return { init, path };
}
