// `clab replay <trace.json> [--model PATH | --spec PATH]`: re-executes a saved trace against the model.
// Exit 1 if it still reaches a state that breaks the recorded invariant, 0 if every step is valid and the
// invariant now holds at the end, 2 if a step is no longer a transition of the model (the step is named),
// the file is malformed, or the trace names a model module or spec that is not shipped with clab and the
// command line does not name it (a trace is data; see checker/trace/trace-model.ts).

import { resolve } from 'node:path';
import { configure } from '../../load/configure.ts';
import { loopText } from '../../trace/loop-text.ts';
import { ExitCode } from '../../errors.ts';
import { formatTrace, safeText } from '../../trace/format.ts';
import { replayTrace } from '../../trace/replay.ts';
import { loadTrace } from '../../trace/trace-file.ts';
import { planForTrace, shellWord } from '../../trace/trace-model.ts';
import type { Io } from '../io.ts';
import { loadOptions, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';

export const replayUsage = `usage: clab replay <trace.json> [options]
  --model M           replay against this model (a shipped name or a module path), not the trace's
  --spec FILE         replay against this spec, not the trace's
  --quiet             print the verdict only, not the steps
  --json              print one JSON object on stdout
${typecheckUsage}
A trace runs a shipped model or spec by itself; a model module or spec of your own runs only when you
name it with --model or --spec (a trace is data, and may come from anyone).`;

/** The trace's constants as --const arguments (made printable: they reach error messages). */
export function traceConstArgs(constants: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(constants).map(([k, v]) => `${safeText(k)}=${safeText(String(v))}`);
}

export async function runReplay(args: readonly string[], io: Io): Promise<number> {
  const { values, target } = parseCommand(
    'replay',
    args,
    { quiet: { type: 'boolean' }, json: { type: 'boolean' }, model: { type: 'string' }, spec: { type: 'string' }, ...typecheckOption },
    replayUsage,
    'a trace file',
  );
  const file = resolve(io.cwd, target);
  const trace = loadTrace(file);
  const plan = await planForTrace(trace, file, { model: values.model, spec: values.spec, ...loadOptions(values) }, io.cwd, `clab replay ${shellWord(target)}`);
  // A variant with control characters names no variant; made printable, it gives a printable error.
  const cfg = configure(plan, traceConstArgs(trace.constants), trace.variant === null ? undefined : safeText(trace.variant), []);
  const outcome = replayTrace(cfg, trace);
  const c = io.chalk;
  if (values.json) io.out(JSON.stringify({ file: target, ...outcome.summary }));
  if (outcome.kind === 'invalid-step') {
    if (!values.json) io.err(c.red(`✗ step ${outcome.step} is not a valid transition any more: ${outcome.reason}`));
    return ExitCode.BadInput;
  }
  if (!values.json && !values.quiet) for (const l of formatTrace(outcome.steps, c, trace.loopStart !== undefined ? { loopStart: trace.loopStart } : {})) io.out(l);
  const name = safeText(trace.property.name);
  if (outcome.kind === 'reproduced') {
    if (!values.json && trace.property.kind === 'temporal') {
      io.out(c.red.bold(`✗ reproduced: temporal property ${name} is violated`) + (trace.loopStart !== undefined ? ` by a fair run: ${loopText(trace.loopStart, outcome.steps.length - 1)}` : ` at step ${outcome.steps.length - 1}`));
    } else if (!values.json && trace.property.kind === 'deadlock') {
      io.out(c.red.bold(`✗ reproduced: deadlock at step ${outcome.steps.length - 1}`) + ': no action is enabled and the model does not mark the state terminal');
    } else if (!values.json) io.out(c.red.bold(`✗ reproduced: ${trace.property.kind} ${name} ${trace.property.kind === 'invariant' ? 'is violated' : 'is satisfied'} at step ${outcome.steps.length - 1}`));
    if (!values.json && !values.quiet) for (const l of outcome.why ?? []) io.out(l);
    return ExitCode.Violation;
  }
  if (!values.json && trace.property.kind === 'temporal') io.out(c.green.bold(`✓ every step is valid but the run no longer violates ${name}: ${String(outcome.summary.reason)}`));
  else if (!values.json && trace.property.kind === 'deadlock') io.out(c.green.bold('✓ every step is valid and the last state is no longer a deadlock (it has a successor, or the model marks it terminal): the recorded violation no longer reproduces'));
  else if (!values.json) io.out(c.green.bold(`✓ every step is valid and ${name} ${trace.property.kind === 'invariant' ? 'holds' : 'is not satisfied'} at the end: the recorded violation no longer reproduces`));
  return ExitCode.Holds;
}
