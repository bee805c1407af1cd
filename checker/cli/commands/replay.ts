// `clab replay <trace.json>`: re-executes a saved trace against the model. Exit 1 if it still reaches a
// state that breaks the recorded invariant, 0 if every step is valid and the invariant now holds at the end,
// 2 if a step is no longer a transition of the model (the step is named) or the file is malformed.

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { looksLikePath } from '../../registry.ts';
import { ClabError, ExitCode } from '../../errors.ts';
import { replayTrace } from '../../trace/replay.ts';
import { loadTrace } from '../../trace/trace-file.ts';
import { formatTrace } from '../../trace/format.ts';
import { configure, loadPlan } from '../../configure.ts';
import type { Io } from '../io.ts';
import { parseCommand } from '../options.ts';

export async function runReplay(args: readonly string[], io: Io): Promise<number> {
  const { values, target } = parseCommand('replay', args, { quiet: { type: 'boolean' }, json: { type: 'boolean' } }, 'usage: clab replay <trace.json> [--quiet] [--json]', 'a trace file');
  const file = resolve(io.cwd, target);
  const trace = loadTrace(file);
  const base = dirname(file);
  // A spec or model path in a trace is relative to the folder it was checked from (usually the project
  // root, the cwd here) or else to the trace's own folder.
  const ref = trace.spec ?? trace.model;
  const plan = await loadPlan(ref, looksLikePath(ref) && !existsSync(resolve(io.cwd, ref)) ? base : io.cwd);
  const consts = Object.entries(trace.constants).map(([k, v]) => `${k}=${v}`);
  const cfg = configure(plan, consts, trace.variant ?? undefined, []);
  const outcome = replayTrace(cfg, trace);
  const c = io.chalk;
  if (values.json) io.out(JSON.stringify({ file: target, ...outcome.summary }));
  if (outcome.kind === 'invalid-step') {
    if (!values.json) io.err(c.red(`✗ step ${outcome.step} is not a valid transition any more: ${outcome.reason}`));
    return ExitCode.BadInput;
  }
  if (!values.json && !values.quiet) for (const l of formatTrace(outcome.steps, c, trace.loopStart !== undefined ? { loopStart: trace.loopStart } : {})) io.out(l);
  const name = trace.property.name;
  if (outcome.kind === 'reproduced') {
    if (!values.json && trace.property.kind === 'temporal') {
      io.out(c.red.bold(`✗ reproduced: temporal property ${name} is violated`) + (trace.loopStart !== undefined ? ` by a fair run that repeats steps ${trace.loopStart + 1}..${outcome.steps.length - 1} forever from step ${trace.loopStart}` : ` at step ${outcome.steps.length - 1}`));
    } else if (!values.json) io.out(c.red.bold(`✗ reproduced: ${trace.property.kind} ${name} ${trace.property.kind === 'invariant' ? 'is violated' : 'is satisfied'} at step ${outcome.steps.length - 1}`));
    return ExitCode.Violation;
  }
  if (!values.json && trace.property.kind === 'temporal') io.out(c.green.bold(`✓ every step is valid but the run no longer violates ${name}: ${String(outcome.summary.reason)}`));
  else if (!values.json) io.out(c.green.bold(`✓ every step is valid and ${name} ${trace.property.kind === 'invariant' ? 'holds' : 'is not satisfied'} at the end: the recorded violation no longer reproduces`));
  return ExitCode.Holds;
}
