// Re-executing a saved trace: at each step, find among the model's successors one whose action label and
// shown state both equal the recorded ones; at the end, evaluate the recorded property (for a deadlock:
// the last state has no successor and is not terminal).

import type { Configured } from '../load/configure.ts';
import { ClabError } from '../errors.ts';
import type { PrintableStep } from './format.ts';
import { formatAction, safeText } from './format.ts';
import { showState } from './show.ts';
import { canonicalJson, type TraceFile } from './trace-file.ts';
import { replayLasso } from '../liveness/replay-lasso.ts';
import { explainViolation } from './explain.ts';

export type { ReplayOutcome } from './replay-outcome.ts';
import type { ReplayOutcome } from './replay-outcome.ts';

export function replayTrace(cfg: Configured, trace: TraceFile): ReplayOutcome {
  const inst = cfg.instance;
  const prop = trace.property;
  if (prop.kind === 'temporal') return replayLasso(cfg, trace);
  // A deadlock: the last state has no successor and the model does not call it terminal.
  const deadlocked = { name: prop.name, holds: (s: unknown) => inst.next(s).length > 0 || Boolean(inst.terminal?.(s)) };
  const pred = prop.kind === 'deadlock' ? deadlocked : (prop.kind === 'invariant' ? cfg.properties.invariants : cfg.properties.witnesses).find((p) => p.name === prop.name);
  if (!pred) throw new ClabError(`the trace is about ${prop.kind} '${safeText(prop.name)}', which the model does not define`, 'was the model or spec changed since the trace was saved?');
  const invalid = (step: number, reason: string): ReplayOutcome => ({ kind: 'invalid-step', step, reason, summary: { result: 'invalid', step, reason } });

  const want0 = canonicalJson(trace.steps[0].state);
  let state = inst.init().find((s) => canonicalJson(showState(inst, s)) === want0);
  if (state === undefined) return invalid(0, 'the recorded initial state is not an initial state of the model');
  const steps: PrintableStep[] = [{ action: null, state: showState(inst, state) }];
  for (let i = 1; i < trace.steps.length; i++) {
    const rec = trace.steps[i];
    const label = canonicalJson(rec.action);
    const want = canonicalJson(rec.state);
    const succ = inst.next(state);
    const sameLabel = succ.filter((st) => canonicalJson(st.action) === label);
    if (sameLabel.length === 0) return invalid(i, `no enabled action '${formatAction(rec.action!)}'`);
    const match = sameLabel.find((st) => canonicalJson(showState(inst, st.state)) === want);
    if (!match) return invalid(i, `action '${formatAction(rec.action!)}' is enabled but leads to a different state than recorded`);
    state = match.state;
    steps.push({ action: match.action, state: showState(inst, state) });
  }
  const satisfied = pred.holds(state);
  const reproduced = prop.kind === 'witness' ? satisfied : !satisfied;
  const why = reproduced && prop.kind === 'invariant' ? explainViolation(cfg.properties.invariants, prop.name, state) : [];
  return { kind: reproduced ? 'reproduced' : 'not-reproduced', steps, summary: { result: reproduced ? 'reproduced' : 'not-reproduced', length: steps.length - 1 }, ...(why.length ? { why } : {}) };
}
