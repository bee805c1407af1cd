// Replaying a temporal counterexample (`clab replay` on a trace with property kind 'temporal'): every step
// must still be a transition of the model; a lasso's cycle must close (the last state is the state of step
// loopStart, or that state has no successor); the property must be violated along the infinite run; and the
// cycle must be fair under the property's fairness assumptions.

import type { Configured } from '../load/configure.ts';
import { ClabError } from '../errors.ts';
import { encodeState, sameWords } from '../state/fingerprinter.ts';
import type { Action } from '../model.ts';
import type { PrintableStep } from '../trace/values.ts';
import { safeText } from '../trace/safe-text.ts';
import { formatAction } from '../trace/values.ts';
import type { ReplayOutcome } from '../trace/replay-outcome.ts';
import { showState } from '../trace/show.ts';
import { canonicalJson, type TraceFile } from '../trace/trace-file.ts';
import { temporalProperties } from './check.ts';
import { expandFairness } from './fairness.ts';
import { ActionInterner } from './graph.ts';
import type { TemporalProperty } from './types.ts';


export function replayLasso(cfg: Configured, trace: TraceFile): ReplayOutcome {
  const inst = cfg.instance;
  const prop = temporalProperties(cfg).find((p) => p.name === trace.property.name);
  // The name reaches the terminal in messages: made printable (a real property's name is unchanged).
  const name = safeText(trace.property.name);
  if (!prop) throw new ClabError(`the trace is about temporal property '${name}', which the model or spec does not define`, 'was the model or spec changed since the trace was saved?');
  const loopStart = trace.loopStart;
  if (loopStart === undefined && prop.kind !== 'always') throw new ClabError(`the trace of '${name}' has no "loopStart": a ${prop.kind} property needs a lasso`, 'a temporal trace is what `clab check` writes under clab-traces/');
  const invalid = (step: number, reason: string): ReplayOutcome => ({ kind: 'invalid-step', step, reason, summary: { result: 'invalid', step, reason } });

  const want0 = canonicalJson(trace.steps[0].state);
  const first = inst.init().find((s) => canonicalJson(showState(inst, s)) === want0);
  if (first === undefined) return invalid(0, 'the recorded initial state is not an initial state of the model');
  const states: unknown[] = [first];
  const actions: (Action | null)[] = [null];
  for (let i = 1; i < trace.steps.length; i++) {
    const rec = trace.steps[i];
    const label = canonicalJson(rec.action);
    const want = canonicalJson(rec.state);
    const sameLabel = inst.next(states[i - 1]).filter((st) => canonicalJson(st.action) === label);
    if (sameLabel.length === 0) return invalid(i, `no enabled action '${formatAction(rec.action!)}'`);
    const match = sameLabel.find((st) => canonicalJson(showState(inst, st.state)) === want);
    if (!match) return invalid(i, `action '${formatAction(rec.action!)}' is enabled but leads to a different state than recorded`);
    states.push(match.state);
    actions.push(match.action);
  }
  const last = states.length - 1;
  if (loopStart !== undefined) {
    if (loopStart < last && !sameWords(encodeState(inst, states[last]), encodeState(inst, states[loopStart]))) {
      return invalid(last, `the cycle does not close: the state of step ${last} is not the state of step ${loopStart}`);
    }
    if (loopStart === last && inst.next(states[last]).length > 0) return invalid(last, `step ${last} has successors, so the run cannot stay there forever`);
  }
  const steps: PrintableStep[] = states.map((s, i) => ({ action: actions[i], state: showState(inst, s) }));
  const why = violationReason(prop, states, loopStart);
  const unfair = why === undefined || loopStart === undefined ? undefined : unfairness(cfg, prop, states, actions, loopStart);
  const reproduced = why !== undefined && unfair === undefined;
  const summary = { result: reproduced ? 'reproduced' : 'not-reproduced', length: last, ...(loopStart !== undefined ? { loopStart } : {}), ...(reproduced ? {} : { reason: unfair ?? `${name} is not violated along this run` }) };
  return { kind: reproduced ? 'reproduced' : 'not-reproduced', steps, summary };
}

/** Why the run (a lasso, or a finite trace for `always`) violates the property, or undefined. */
function violationReason(prop: TemporalProperty<unknown>, states: readonly unknown[], loopStart: number | undefined): string | undefined {
  const last = states.length - 1;
  const cycle = loopStart === undefined ? [] : states.slice(loopStart, Math.max(loopStart + 1, last));
  switch (prop.kind) {
    case 'always': {
      const i = states.findIndex((s) => !prop.p(s));
      return i >= 0 ? `false at step ${i}` : undefined;
    }
    case 'eventually':
      return states.every((s) => !prop.p(s)) ? 'never true on the run' : undefined;
    case 'always-eventually':
      return cycle.every((s) => !prop.p(s)) ? `false at every step from ${loopStart} on` : undefined;
    case 'leadsto': {
      if (!cycle.every((s) => !prop.q(s))) return undefined;
      let j = last;
      while (j > 0 && !prop.q(states[j - 1])) j--;
      // states[j..] never satisfy Q; a P state among them (or in the cycle) is never followed by Q
      for (let i = j; i <= last; i++) if (prop.p(states[i])) return `true at step ${i}, and the target is never true afterwards`;
      return undefined;
    }
  }
}

/** Why the lasso's cycle is not fair, or undefined if it is. */
function unfairness(cfg: Configured, prop: TemporalProperty<unknown>, states: readonly unknown[], actions: readonly (Action | null)[], loopStart: number): string | undefined {
  const last = states.length - 1;
  const interner = new ActionInterner();
  const cycleStates = loopStart < last ? states.slice(loopStart, last) : [states[last]];
  const enabled = cycleStates.map((s) => new Set(cfg.instance.next(s).map((st) => interner.id(st.action))));
  const taken = new Set(actions.slice(loopStart + 1).map((a) => interner.id(a!)));
  for (const c of expandFairness(prop.fairness ?? [], interner.actions)) {
    const inClass = (a: number) => c.inClass[a] === 1;
    if ([...taken].some(inClass)) continue;
    const enabledAt = enabled.map((set) => [...set].some(inClass));
    if (c.strong ? enabledAt.some(Boolean) : enabledAt.every(Boolean)) return `the cycle is not fair: ${c.description} is violated (enabled ${c.strong ? 'infinitely often' : 'forever'}, never taken)`;
  }
  return undefined;
}
