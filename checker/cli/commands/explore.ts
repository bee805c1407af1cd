// `clab explore <model | model.ts | spec | trace.json> [--port P]`: serves the interactive explorer on
// 127.0.0.1 until interrupted. Given a saved trace, explores the model, variant and constants it was saved
// with and prints a link that opens at its violating state. A trace picks only a shipped model or spec
// by itself; a model module or spec of the user's own is named with --model / --spec (trace-model.ts).

import { resolve } from 'node:path';
import { startExplorer } from '../../explorer/server.ts';
import { addressOfTrace } from '../../explorer/session.ts';
import { ClabError, ExitCode } from '../../errors.ts';
import { safeText } from '../../trace/format.ts';
import { loadShownTrace, toTraceFile } from '../../trace/shown-trace.ts';
import { planForTrace, shellWord, type TraceSourceFlags } from '../../trace/trace-model.ts';
import type { Io } from '../io.ts';
import { intOption, loadOptions, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';
import { configure, loadPlan, type Configured } from '../../load/configure.ts';
import { traceConstArgs } from './replay.ts';

export const exploreUsage = `usage: clab explore <model | path/to/model.ts | file.spec | trace.json> [options]
  --variant V         explore a named (buggy) variant
  --const k=v         set a constant (repeatable)
  --port P            port on 127.0.0.1 (default 7878; 0 picks a free one)
  --model M           with a trace: explore this model (shipped name or module path) instead of the trace's
  --spec FILE         with a trace: explore this spec instead of the trace's
${typecheckUsage}`;

/** Stepping through a model needs nothing to check: a model without invariants is explored too. */
const STEP_THROUGH = { requireProperties: false } as const;

/** The configuration a target names, and for a trace file the address of its last state. */
export async function exploreTarget(target: string, consts: readonly string[], variant: string | undefined, cwd: string, flags: TraceSourceFlags = {}): Promise<{ cfg: Configured; start?: string }> {
  if (target.endsWith('.json')) {
    const file = resolve(cwd, target);
    const trace = toTraceFile(await loadShownTrace(file), target);
    const plan = await planForTrace(trace, file, flags, cwd, `clab explore ${shellWord(target)}`);
    const traceVariant = trace.variant === null ? undefined : safeText(trace.variant);
    const cfg = configure(plan, [...traceConstArgs(trace.constants), ...consts], variant ?? traceVariant, [], STEP_THROUGH);
    const addr = addressOfTrace(cfg, trace);
    const q = new URLSearchParams({ ...(addr.init ? { init: String(addr.init) } : {}), ...(addr.path.length ? { path: addr.path.join('.') } : {}) });
    return { cfg, start: q.toString() ? `?${q}` : undefined };
  }
  if (flags.model !== undefined || flags.spec !== undefined) {
    throw new ClabError('--model and --spec go with a trace file', `to explore a model or spec, give it as the target: clab explore ${shellWord(flags.spec ?? flags.model!)}`);
  }
  return { cfg: configure(await loadPlan(target, cwd, { typecheck: flags.typecheck }), consts, variant, [], STEP_THROUGH) };
}

export async function runExplore(args: readonly string[], io: Io): Promise<number> {
  const { values: v, target } = parseCommand(
    'explore',
    args,
    { variant: { type: 'string' }, const: { type: 'string', multiple: true }, port: { type: 'string' }, model: { type: 'string' }, spec: { type: 'string' }, ...typecheckOption },
    exploreUsage,
    'a model, model file, spec or trace file',
  );
  const port = intOption('--port', v.port, 0) ?? 7878;
  if (port > 65535) throw new ClabError(`--port must be at most 65535, got ${port}`);
  const { cfg, start } = await exploreTarget(target, v.const ?? [], v.variant, io.cwd, { model: v.model, spec: v.spec, ...loadOptions(v) });
  const explorer = await startExplorer(cfg, port);
  io.out(`exploring ${safeText(cfg.plan.model.name)}${cfg.variant ? ` (variant ${safeText(cfg.variant)})` : ''} at ${explorer.url}${start ?? ''}`);
  io.out('press Ctrl-C to stop');
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void explorer.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return ExitCode.Holds;
}
