// Shared helpers for the Byzantine tests: check a shipped model in-process (the CLI's own stages), and
// replay a reduced OM counterexample on the unreduced (literal) OM model message by message.

import { configure, loadPlan, type Configured } from '../../checker/load/configure.ts';
import { bfs } from '../../checker/search/bfs.ts';
import type { Predicate, SearchResult } from '../../checker/search/types.ts';
import type { Action } from '../../checker/model.ts';
import { showState } from '../../checker/trace/show.ts';
import type { TraceFile } from '../../checker/trace/trace-file.ts';

export async function configured(model: string, consts: Record<string, string | number | boolean>, variant?: string): Promise<Configured> {
  const plan = await loadPlan(model, process.cwd());
  return configure(plan, Object.entries(consts).map(([k, v]) => `${k}=${v}`), variant, []);
}

export async function check(model: string, consts: Record<string, string | number | boolean>, variant?: string, witnesses: Predicate<unknown>[] = []): Promise<SearchResult<unknown> & { cfg: Configured }> {
  const cfg = await configured(model, consts, variant);
  return { ...bfs(cfg.instance, { invariants: cfg.properties.invariants, witnesses }), cfg };
}

/** The traitor messages a reduced OM trace names: "path>to" → value. */
export function omMessages(actions: readonly (Action | null)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of actions) {
    const msg = a?.message;
    if (!msg) continue;
    if (msg.type === 'order' && msg.to !== undefined) out.set(`${msg.path}>${msg.to}`, String(msg.v));
    if (msg.type === 'orders') for (const [k, v] of Object.entries(msg)) if (k !== 'type' && k !== 'to') out.set(`${k}>${msg.to}`, String(v));
  }
  return out;
}

/**
 * Drives the unreduced OM model with a reduced trace's choices: the same traitors and order, each traitor
 * message the trace names with its value, every other traitor message "nothing". Returns the final shown
 * state and which invariants it breaks.
 */
export async function replayOmUnreduced(trace: TraceFile): Promise<{ shown: Record<string, unknown>; broken: string[] }> {
  const cfg = await configured('om', { ...trace.constants, reduce: false } as Record<string, string | number | boolean>, trace.variant ?? undefined);
  const inst = cfg.instance;
  const start = trace.steps[0].state as Record<string, unknown>;
  let s = inst.init().find((x) => {
    const sh = showState(inst, x);
    return sh.commander === start.commander && JSON.stringify(sh.traitors) === JSON.stringify(start.traitors);
  });
  if (s === undefined) throw new Error('no unreduced initial state with the same traitors and order');
  const choices = omMessages(trace.steps.map((st) => st.action));
  for (;;) {
    const succ = inst.next(s);
    if (succ.length === 0) break;
    if (succ.length === 1) {
      s = succ[0].state;
      continue;
    }
    const m = succ[0].action.message!;
    const want = choices.get(`${m.path}>${m.to}`) ?? 'nothing';
    s = succ.find((st) => st.action.message!.v === want)!.state;
  }
  const broken = Object.entries(inst.invariants).filter(([, inv]) => !inv.holds(s)).map(([name]) => name);
  return { shown: showState(inst, s), broken };
}
