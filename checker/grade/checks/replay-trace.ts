// The `replay-trace` check: the submission's trace file is data. It is replayed against the model and
// variant the exercise names (never the model, variant or spec the trace names), with the exercise's
// constants, and must end in a violation of the exercise's property (an invariant, a deadlock, or a
// temporal property violated by an admissible lasso).

import { join } from 'node:path';
import { replayTrace } from '../../trace/replay.ts';
import { canonicalJson, loadTrace, type TraceFile } from '../../trace/trace-file.ts';
import { configureFor, instructorPlan } from '../instructor.ts';
import type { ReplayTraceCheck } from '../manifest.ts';
import { errorLines, traceLines } from '../plain.ts';
import { fail, pass, type Outcome } from '../result.ts';

export async function replayTraceCheck(check: ReplayTraceCheck, submission: string): Promise<Outcome> {
  let trace: TraceFile;
  try {
    trace = loadTrace(join(submission, check.file));
  } catch (e) {
    return fail(`${check.file} is not a trace clab can read`, errorLines(e, submission));
  }
  const length = trace.steps.length - 1;
  if (length > check.maxSteps) return fail(`${check.file} has ${length} steps; at most ${check.maxSteps} are accepted`);
  const cfg = configureFor(await instructorPlan(check), check.constants, check.variant);
  if (canonicalJson(trace.constants) !== canonicalJson({ ...cfg.constants })) {
    return fail(`${check.file} was made with other constants than the exercise's`, [`the trace's: ${describe(trace.constants)}`, `the exercise's: ${describe(cfg.constants)}`]);
  }
  const prop = check.property;
  const ours: TraceFile = { ...trace, property: prop.kind === 'deadlock' ? { kind: 'deadlock', name: 'deadlock' } : { kind: prop.kind, name: prop.name } };
  if (prop.kind === 'temporal' && trace.loopStart === undefined) return fail(`${check.file} is not a lasso (it has no "loopStart"): a run that violates ${prop.name} repeats forever`);
  let outcome;
  try {
    outcome = replayTrace(cfg, ours);
  } catch (e) {
    return fail(`${check.file} cannot be replayed`, errorLines(e, submission));
  }
  const what = prop.kind === 'deadlock' ? 'a deadlock' : `${prop.name} violated`;
  if (outcome.kind === 'invalid-step') return fail(`step ${outcome.step} of ${check.file} is not a step of the exercise's model: ${outcome.reason}`);
  if (outcome.kind === 'not-reproduced') {
    const reason = typeof outcome.summary.reason === 'string' ? `: ${outcome.summary.reason}` : '';
    return fail(`every step of ${check.file} is a step of the model, but it does not show ${what}${reason}`, traceLines(outcome.steps, trace.loopStart !== undefined ? { loopStart: trace.loopStart } : {}));
  }
  return pass(`${check.file} replays (${length} steps) and shows ${what}`);
}

function describe(cs: Readonly<Record<string, unknown>>): string {
  return Object.entries(cs).map(([k, v]) => `${k}=${String(v)}`).join(' ') || '(none)';
}
