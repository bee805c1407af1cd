// `clab simulate <model | model.ts | spec.spec> [options]`: seeded random walks (explore/simulate.ts), on
// one thread or, with --swarm, on several (explore/swarm.ts). A violation is minimised (steps removed
// while it still replays, checker/trace/minimize.ts) unless --no-minimize, then printed, saved like
// `clab check` saves counterexamples, and the seed that reproduces it is printed.

import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { simulate, type SimulationResult } from '../../explore/simulate.ts';
import { swarm } from '../../explore/swarm.ts';
import { minimizeTrace } from '../../trace/minimize.ts';
import { formatTrace } from '../../trace/format.ts';
import { showState } from '../../trace/show.ts';
import { saveTrace } from '../../trace/trace-file.ts';
import type { Io } from '../io.ts';
import { intOption, secondsOption, parseCommand } from '../options.ts';
import { buildTraceFile } from '../report.ts';
import { configure, loadPlan } from '../../configure.ts';

export const simulateUsage = `usage: clab simulate <model | path/to/model.ts | path/to/file.spec> [options]
  --variant V         simulate a named (buggy) variant
  --const k=v         set a constant (repeatable)
  --invariant I       check only this invariant (repeatable; default: all)
  --seed S            base seed (run i uses seed S+i; default: from the clock, printed)
  --runs N            random walks (default 1000)
  --depth D           steps per walk (default 100)
  --time-limit S      stop starting new walks after S seconds
  --swarm             spread the runs over worker threads (same result as one thread)
  --workers N         threads for --swarm (default: available cores)
  --no-minimize       keep the raw trace of a violation
  --out DIR           where to save the counterexample (default: counterexamples/)
  --json              print one JSON object on stdout`;

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
  }, simulateUsage, 'a model, model file or spec file');
  const seed = intOption('--seed', v.seed) ?? (Date.now() >>> 0);
  if (seed > 0xffffffff) throw new ClabError(`--seed expects an integer in 0..4294967295, got '${v.seed}'`);
  const runs = intOption('--runs', v.runs, 1) ?? 1000;
  const depth = intOption('--depth', v.depth, 0) ?? 100;
  const timeLimit = secondsOption('--time-limit', v['time-limit']);
  const workers = intOption('--workers', v.workers, 1) ?? availableParallelism();
  const plan = await loadPlan(target, io.cwd);
  const cfg = configure(plan, v.const ?? [], v.variant, v.invariant ?? []);
  const invariants = cfg.properties.invariants;

  const result: SimulationResult<unknown> = v.swarm
    ? await swarm(cfg.instance, invariants, { target, cwd: io.cwd, consts: v.const ?? [], variant: v.variant, only: v.invariant ?? [] }, { workers, seed, runs, depth, timeLimit })
    : simulate(cfg.instance, { invariants, seed, runs, depth, timeLimit });

  const c = io.chalk;
  const reproduce = (s: number) =>
    `clab simulate ${target}${v.variant ? ` --variant ${v.variant}` : ''}${(v.const ?? []).map((k) => ` --const ${k}`).join('')} --seed ${s} --runs 1 --depth ${depth}`;
  if (!result.violation) {
    if (v.json) io.out(JSON.stringify({ model: cfg.plan.model.name, variant: cfg.variant ?? null, constants: cfg.constants, result: 'no-violation', seed, runs: result.runs, steps: result.steps, seconds: result.seconds, timedOut: result.timedOut }));
    else {
      io.out(`${c.bold(cfg.plan.model.name)}${cfg.variant ? ` (variant ${cfg.variant})` : ''}: no violation in ${result.runs} random walks of up to ${depth} steps (${result.steps} steps, seed ${seed}${v.swarm ? `, ${workers} threads` : ''}, ${result.seconds.toFixed(2)} s)`);
      io.out(c.dim('simulation explores a sample of behaviours: it finds bugs, it does not prove their absence'));
    }
    return ExitCode.Holds;
  }
  const viol = result.violation;
  const predicate = invariants.find((p) => p.name === viol.invariant)!;
  const path = v['no-minimize'] ? viol.path : minimizeTrace(cfg.instance, viol.path, predicate);
  const traceFile = saveTrace(resolve(io.cwd, v.out ?? 'counterexamples'), buildTraceFile(cfg, viol.invariant, 'invariant', path, io.cwd));
  if (v.json) {
    io.out(
      JSON.stringify({
        model: cfg.plan.model.name,
        variant: cfg.variant ?? null,
        constants: cfg.constants,
        result: 'violation',
        seed,
        violation: { invariant: viol.invariant, run: viol.run, seed: viol.seed, rawLength: viol.path.length - 1, length: path.length - 1, minimized: !v['no-minimize'], traceFile: relative(io.cwd, traceFile), reproduce: reproduce(viol.seed) },
        runs: result.runs,
        steps: result.steps,
        seconds: result.seconds,
      }),
    );
  } else {
    io.out(c.red.bold(`✗ invariant ${viol.invariant} is violated`) + ` in random walk ${viol.run} (seed ${viol.seed}) after ${viol.path.length - 1} steps` + (v['no-minimize'] ? '' : `, minimised to ${path.length - 1}:`));
    for (const l of formatTrace(path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })), c)) io.out(l);
    io.out(`trace saved to ${relative(io.cwd, traceFile)}  (replay: clab replay ${relative(io.cwd, traceFile)})`);
    io.out(`reproduce the walk: ${reproduce(viol.seed)}`);
  }
  return ExitCode.Violation;
}
