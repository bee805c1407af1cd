// `clab simulate <model | model.ts | spec.spec> [options]`: seeded random walks (search/simulation/simulate.ts), on
// one thread or, with --swarm, on several (search/simulation/swarm.ts). A violation is minimised (steps removed
// while it still replays, checker/trace/minimize.ts) unless --no-minimize or it is longer than
// MINIMIZE_MAX_STEPS, then printed, saved like `clab check` saves counterexamples, and the seed that
// reproduces it is printed (exit 1). No violation proves nothing, so it is "incomplete" (exit 3), as is a
// simulation stopped by its time limit or an interrupt (with the figures so far).

import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { MAX_DEPTH, simulate, type SimulationResult } from '../../search/simulation/simulate.ts';
import { swarm } from '../../search/simulation/swarm.ts';
import { minimizeTrace } from '../../trace/minimize.ts';
import { explainViolation, explanation } from '../../trace/explain.ts';
import { formatTrace } from '../../trace/format.ts';
import { showState } from '../../trace/show.ts';
import { DEFAULT_TRACE_DIR, trySaveTrace } from '../../trace/trace-file.ts';
import type { Io } from '../io.ts';
import { intOption, loadOptions, secondsOption, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';
import { savedJson, saveNow, watchHeader } from '../report.ts';
import { buildTraceFile, saveOptions } from '../../trace/run-trace.ts';
import { configure, loadPlan } from '../../load/configure.ts';

/** Runs beyond 2^32 would repeat seeds (run i uses seed S+i mod 2^32). */
export const MAX_RUNS = 2 ** 32;
/** Threads --swarm may start. */
export const MAX_WORKERS = 256;
/** A violation's explanation for --json, as `clab check` gives it: `why`, when there is one. */
const whyOf = (why: string[]) => (why.length ? { why } : {});

/** Longer violations are not minimised: the minimiser's replays grow about quadratically (2,000 steps: ~10 s). */
export const MINIMIZE_MAX_STEPS = 1000;

const count = (x: number) => x.toLocaleString('en-US');

export const simulateUsage = `usage: clab simulate <model | path/to/model.ts | path/to/file.spec> [options]
  --variant V         simulate a named (buggy) variant
  --const k=v         set a constant (repeatable)
  --invariant I       check only this invariant (repeatable; default: all)
  --seed S            base seed (run i uses seed S+i; default: from the clock, printed)
  --runs N            random walks (default 1000; at most 2^32)
  --depth D           steps per walk (default 100; at most ${count(MAX_DEPTH)})
  --time-limit S      stop after S seconds, also inside a walk (verdict: incomplete)
  --swarm             spread the runs over worker threads (same result as one thread)
  --workers N         threads for --swarm (default: available cores; at most ${MAX_WORKERS})
  --no-minimize       keep the raw trace of a violation (traces over ${count(MINIMIZE_MAX_STEPS)} steps are kept raw anyway)
  --out DIR           where to save the counterexample (default: clab-traces/)
  --json              print one JSON object on stdout
  --quiet             no notes on stderr
  --no-deadlock       do not report a walk that ends in a state with no successor the model does not mark terminal
${typecheckUsage}
exit codes: 1 a violation was found; 3 none was found (random walks prove nothing), or the run was stopped
  (time limit, Ctrl-C) first; 2 bad input`;

export async function runSimulate(args: readonly string[], io: Io): Promise<number> {
  const { values: v, target } = parseCommand('simulate', args, {
    variant: { type: 'string' },
    const: { type: 'string', multiple: true },
    invariant: { type: 'string', multiple: true },
    seed: { type: 'string' },
    runs: { type: 'string' },
    depth: { type: 'string' },
    'time-limit': { type: 'string' },
    swarm: { type: 'boolean' },
    workers: { type: 'string' },
    'no-minimize': { type: 'boolean' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
    ...typecheckOption,
    'no-deadlock': { type: 'boolean' },
  }, simulateUsage, 'a model, model file or spec file');
  const seed = intOption('--seed', v.seed) ?? (Date.now() >>> 0);
  if (seed > 0xffffffff) throw new ClabError(`--seed expects an integer in 0..4294967295, got '${v.seed}'`);
  const runs = intOption('--runs', v.runs, 1) ?? 1000;
  if (runs > MAX_RUNS) throw new ClabError(`--runs expects an integer in 1..${MAX_RUNS}, got '${v.runs}'`, 'run i uses seed S+i (mod 2^32): more runs would repeat walks');
  const depth = intOption('--depth', v.depth, 0) ?? 100;
  if (depth > MAX_DEPTH) {
    throw new ClabError(`--depth expects an integer in 0..${count(MAX_DEPTH)}, got '${v.depth}'`, `a walk that breaks an invariant is held in memory step by step, so a walk is at most ${count(MAX_DEPTH)} steps; for more coverage give more --runs (and a --time-limit)`);
  }
  const timeLimit = secondsOption('--time-limit', v['time-limit']);
  const workers = Math.min(intOption('--workers', v.workers, 1) ?? availableParallelism(), runs);
  if (workers > MAX_WORKERS) throw new ClabError(`--workers expects an integer in 1..${MAX_WORKERS}, got '${v.workers}'`);
  // Loading and configuring run the model's code: the supervisor's watchdog (cli/watch.ts) starts now.
  io.watch?.started({ json: v.json ?? false, timeLimit, lines: [`${target} (loading)`], json0: { target } });
  const plan = await loadPlan(target, io.cwd, loadOptions(v));
  const cfg = configure(plan, v.const ?? [], v.variant, v.invariant ?? []);
  const invariants = cfg.properties.invariants;
  const deadlock = !(v['no-deadlock'] ?? false);
  io.watch?.started(watchHeader(cfg, io, v.json ?? false, timeLimit));

  const result: SimulationResult<unknown> = v.swarm
    ? await swarm(cfg.instance, invariants, { target, cwd: io.cwd, consts: v.const ?? [], variant: v.variant, only: v.invariant ?? [] }, { workers, seed, runs, depth, timeLimit, deadlock })
    : simulate(cfg.instance, { invariants, seed, runs, depth, timeLimit, deadlock });
  io.watch?.finished();

  const c = io.chalk;
  const reproduce = (s: number) =>
    `clab simulate ${target}${v.variant ? ` --variant ${v.variant}` : ''}${(v.const ?? []).map((k) => ` --const ${k}`).join('')} --seed ${s} --runs 1 --depth ${depth}`;
  if (!result.violation) {
    const stopped = result.stopped ? `${result.stopped === 'interrupted' ? 'interrupted' : 'time limit reached'} after ${count(result.runs)} of ${count(runs)} runs; ` : '';
    const reason = `no violation in ${count(result.runs)} random runs; this is not a proof`;
    if (v.json) {
      io.out(JSON.stringify({ model: cfg.plan.model.name, variant: cfg.variant ?? null, constants: cfg.constants, result: 'incomplete', bound: result.stopped ?? 'runs', reason: stopped + reason, seed, runs: result.runs, runsAsked: runs, depth, steps: result.steps, seconds: Math.round(result.seconds * 1000) / 1000, timedOut: result.timedOut }));
    } else {
      io.out(`${c.bold(cfg.plan.model.name)}${cfg.variant ? ` (variant ${cfg.variant})` : ''}: ${count(result.runs)} random walks of up to ${count(depth)} steps (${count(result.steps)} steps, seed ${seed}${v.swarm ? `, ${workers} threads` : ''}, ${result.seconds.toFixed(2)} s)`);
      io.out(c.yellow.bold(`? incomplete: ${stopped}${reason}`));
      io.out(c.dim('simulation explores a sample of behaviours: it finds bugs, it does not prove their absence'));
    }
    return ExitCode.Incomplete;
  }
  const viol = result.violation;
  // A deadlock, minimised, must still end in a state with no successor that is not terminal.
  const predicate = viol.deadlock ? { name: viol.invariant, holds: (s: unknown) => cfg.instance.next(s).length > 0 || Boolean(cfg.instance.terminal?.(s)) } : invariants.find((p) => p.name === viol.invariant)!;
  const kind = viol.deadlock ? 'deadlock' : 'invariant';
  const tooLong = viol.path.length - 1 > MINIMIZE_MAX_STEPS;
  const minimized = !v['no-minimize'] && !tooLong;
  if (tooLong && !v['no-minimize'] && !v.quiet) io.err(`note: the trace is not minimised: ${count(viol.path.length - 1)} steps is over the ${count(MINIMIZE_MAX_STEPS)} the minimiser takes`);
  const path = minimized ? minimizeTrace(cfg.instance, viol.path, predicate) : viol.path;
  // Printed before it is saved, and a trace that cannot be saved is a warning (as `clab check` does).
  const dir = resolve(io.cwd, v.out ?? DEFAULT_TRACE_DIR);
  const trace = buildTraceFile(cfg, viol.invariant, kind, path, io.cwd);
  if (v.json) {
    const saved = trySaveTrace(dir, trace, saveOptions(cfg, 'simulate'));
    io.out(
      JSON.stringify({
        model: cfg.plan.model.name,
        variant: cfg.variant ?? null,
        constants: cfg.constants,
        result: 'violation',
        seed,
        violation: { invariant: viol.invariant, ...(viol.deadlock ? { deadlock: true } : whyOf(explanation(invariants, viol.invariant, path[path.length - 1].state))), run: viol.run, seed: viol.seed, rawLength: viol.path.length - 1, length: path.length - 1, minimized, ...savedJson(saved, cfg, viol.invariant, path, io.cwd, kind), reproduce: reproduce(viol.seed) },
        runs: result.runs,
        steps: result.steps,
        seconds: Math.round(result.seconds * 1000) / 1000,
      }),
    );
  } else {
    io.out(c.red.bold(viol.deadlock ? '✗ deadlock (a state with no successor, not marked terminal)' : `✗ invariant ${viol.invariant} is violated`) + ` in random walk ${viol.run} (seed ${viol.seed}) after ${viol.path.length - 1} steps` + (minimized ? `, minimised to ${path.length - 1}:` : ''));
    for (const l of formatTrace(path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })), c)) io.out(l);
    // Saved before the explanation runs the model's explain(), said after it (report.ts saveNow).
    const say = saveNow(dir, trace, cfg, io, 'simulate');
    if (!viol.deadlock) for (const l of explainViolation(invariants, viol.invariant, path[path.length - 1].state)) io.out(l);
    io.out(`reproduce the walk: ${reproduce(viol.seed)}`);
    say();
  }
  return ExitCode.Violation;
}
