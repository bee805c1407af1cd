// `clab check <model | model.ts | spec.spec> [options]`: load → plan → instantiate → search → report.
// Each stage returns a value or throws a ClabError; this file only chains them.

import { relative, resolve } from 'node:path';
import { configure, loadPlan, type Configured } from '../../load/configure.ts';
import { ExitCode } from '../../errors.ts';
import type { SearchResult, Violation } from '../../search/types.ts';
import type { Io } from '../io.ts';
import { intOption, loadOptions, secondsOption, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';
import { memoryOption, progressAndNotes, workersOption, type ScaleOptions } from './check-scale.ts';
import { search } from '../../search/search.ts';
import { printCheckResult, resultJson, saveAndSay, savedJson, saveNow, watchHeader } from '../report.ts';
import { buildTraceFile, saveOptions } from '../../trace/run-trace.ts';
import { unreachableWitnesses } from '../../search/verdict.ts';
import { DEFAULT_TRACE_DIR, trySaveTrace } from '../../trace/trace-file.ts';
import { canonicalizer } from '../../state/symmetry.ts';
import { combineVerdicts, runTemporal } from '../temporal-report.ts';
import { profiled, Profiler } from '../../profile/profile.ts';
import { profileJson, profileLines } from '../../profile/format.ts';

export const checkUsage = `usage: clab check <model | path/to/model.ts | path/to/file.spec> [options]
  --variant V         check a named (buggy) variant of the model
  --const k=v         set a constant (repeatable; overrides a spec's value)
  --invariant I       check only this invariant (repeatable; default: all)
  --max-states N      stop after N distinct states (verdict: incomplete)
  --max-depth N       explore BFS levels 1..N only (verdict: incomplete if more exist)
  --time-limit S      stop after S seconds (verdict: incomplete)
  --json              print one JSON object on stdout
  --out DIR           where to save counterexamples (default: clab-traces/)
  --quiet             no progress line
  --debug-freeze      deep-freeze every state, so a model that mutates one fails where it does
  --all-violations    keep searching after a violation; save one shortest trace per violated invariant
  --valence           label each step of a temporal counterexample with its valence (models with a decision view)
  --workers N         parallel search on N worker threads (same counts; models with decode())
  --memory SIZE       memory budget, e.g. 8GiB: stop cleanly (incomplete) before passing it
  --symmetry          symmetry reduction over the model's declared interchangeable sorts
  --profile           time next() (each action), encode, decode and invariants; printed after the verdict (one core)
  --coverage          also count every successor by action (new states by action are always counted)
  --no-deadlock       do not report states without successors (deadlocks; the model's terminal() states never are)
${typecheckUsage}`;

/** Everything `clab check` reads: the scale options (check-scale.ts) and the report's. */
export interface CheckOptions extends ScaleOptions {
  readonly json: boolean;
  readonly out: string;
  readonly valence?: boolean;
  /** --profile: time the model's parts (checker/profile/), reported after the verdict. */
  readonly profile?: boolean;
  /** Type-check a model file before loading it (default; `--no-typecheck` turns it off). */
  readonly typecheck?: boolean;
  /** Report deadlocks (default; `--no-deadlock` turns it off). */
  readonly deadlock?: boolean;
  /** Count every successor by action for the coverage report (`--coverage`). */
  readonly coverage?: boolean;
}

export function parseCheckArgs(args: readonly string[], io: Io): CheckOptions {
  const { values: v, target } = parseCommand('check', args, {
    variant: { type: 'string' },
    const: { type: 'string', multiple: true },
    invariant: { type: 'string', multiple: true },
    'max-states': { type: 'string' },
    'max-depth': { type: 'string' },
    'time-limit': { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
    'debug-freeze': { type: 'boolean' },
    'all-violations': { type: 'boolean' },
    valence: { type: 'boolean' },
    workers: { type: 'string' },
    memory: { type: 'string' },
    symmetry: { type: 'boolean' },
    profile: { type: 'boolean' },
    ...typecheckOption,
    'no-deadlock': { type: 'boolean' },
    coverage: { type: 'boolean' },
  }, checkUsage, 'a model, model file or spec file');
  return {
    target,
    variant: v.variant,
    consts: v.const ?? [],
    invariants: v.invariant ?? [],
    maxStates: intOption('--max-states', v['max-states'], 1),
    maxDepth: intOption('--max-depth', v['max-depth'], 1),
    timeLimit: secondsOption('--time-limit', v['time-limit']),
    json: v.json ?? false,
    out: v.out ?? DEFAULT_TRACE_DIR,
    quiet: v.quiet ?? false,
    freeze: v['debug-freeze'] ?? false,
    allViolations: v['all-violations'] ?? false,
    valence: v.valence ?? false,
    workers: workersOption(v.workers, io),
    memoryBudget: memoryOption(v.memory),
    symmetry: v.symmetry ?? false,
    profile: v.profile ?? false,
    typecheck: loadOptions(v).typecheck,
    deadlock: !(v['no-deadlock'] ?? false),
    coverage: v.coverage ?? false,
  };
}

/** Stage 3: the search, one request to the search's entry point (one core or --workers). */
export async function runSearch(cfg: Configured, opts: CheckOptions, io: Io, profiler?: Profiler<unknown>): Promise<SearchResult<unknown>> {
  try {
    return await search(profiler?.instance ?? cfg.instance, profiled(profiler, {
      invariants: cfg.properties.invariants,
      witnesses: cfg.properties.witnesses,
      maxStates: opts.maxStates ?? cfg.plan.bounds?.maxStates,
      maxDepth: opts.maxDepth ?? cfg.plan.bounds?.maxDepth,
      timeLimit: opts.timeLimit,
      freeze: opts.freeze,
      allViolations: opts.allViolations,
      memoryBudget: opts.memoryBudget,
      canonical: opts.symmetry ? canonicalizer(cfg.instance) : undefined,
      deadlock: opts.deadlock ?? true,
      countFired: opts.coverage,
      workers: opts.workers,
      load: { target: opts.target, cwd: io.cwd, consts: opts.consts, variant: opts.variant, only: opts.invariants, symmetry: opts.symmetry },
      ...progressAndNotes(opts, io),
    }));
  } finally {
    io.progress(null);
  }
}

export async function runCheck(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCheckArgs(args, io);
  // Loading and configuring run the model's code: the watchdog's clock starts now.
  io.watch?.started({ json: parsed.json, timeLimit: parsed.timeLimit, lines: [`${parsed.target} (loading)`], json0: { target: parsed.target } });
  const plan = await loadPlan(parsed.target, io.cwd, { typecheck: parsed.typecheck });
  // A spec's `symmetry` item asks for what --symmetry does.
  const opts = plan.symmetry ? { ...parsed, symmetry: true } : parsed;
  const cfg = configure(plan, opts.consts, opts.variant, opts.invariants);
  io.watch?.started(watchHeader(cfg, io, opts.json, opts.timeLimit, opts.symmetry));
  const profiler = opts.profile ? new Profiler(cfg.instance) : undefined;
  const result = await runSearch(cfg, opts, io, profiler);
  // Temporal properties (the spec's or the model's own): the liveness checker, unless safety already failed.
  const temporal = result.violation ? undefined : runTemporal(cfg, { maxStates: opts.maxStates ?? cfg.plan.bounds?.maxStates, out: opts.out, valence: opts.valence }, io);
  io.watch?.finished();
  // Stage 4: report. The verdict and trace are printed before anything is saved, and a trace that cannot
  // be saved is a warning: the result is never lost, and the exit code is the verdict's.
  const dir = resolve(io.cwd, opts.out);
  const traceOf = (v: Violation<unknown>) => buildTraceFile(cfg, v.invariant, v.deadlock ? 'deadlock' : 'invariant', v.path, io.cwd);
  // --all-violations: the other violated invariants' shortest traces, saved and listed after the first.
  const more = (result.violations ?? []).slice(1);
  if (opts.json) {
    const saved = result.violation ? trySaveTrace(dir, traceOf(result.violation), saveOptions(cfg)) : undefined;
    const alsoViolated = more.map((v) => ({ invariant: v.invariant, ...(v.deadlock ? { deadlock: true } : {}), length: v.path.length - 1, ...savedJson(trySaveTrace(dir, traceOf(v), saveOptions(cfg)), cfg, v.invariant, v.path, io.cwd, v.deadlock ? 'deadlock' : 'invariant') }));
    const safety = resultJson(cfg, result, saved, io.cwd, opts.symmetry);
    io.out(JSON.stringify({ ...temporal?.json(), ...safety, ...(temporal ? { result: combineVerdicts(safety.result, temporal.result) } : {}), ...(opts.allViolations ? { alsoViolated } : {}), ...(profiler ? { profile: profileJson(profiler.report(result)) } : {}) }));
  } else {
    printCheckResult(cfg, result, () => (result.violation ? saveNow(dir, traceOf(result.violation), cfg, io) : undefined), io, opts.symmetry);
    for (const v of more) {
      io.out(io.chalk.red(`✗ also violated: ${v.deadlock ? 'deadlock (a state with no successor, not terminal)' : v.invariant}, shortest trace ${v.path.length - 1} steps`));
      saveAndSay(dir, traceOf(v), cfg, io);
    }
    temporal?.print(io);
    if (profiler) for (const l of ['', ...profileLines(profiler.report(result))]) io.out(l);
  }
  if (temporal?.result === 'violation') return ExitCode.Violation;
  if (result.result === 'violation') return ExitCode.Violation;
  // A `sometimes` witness no reachable state satisfies, in a complete search, is a failure (vacuity).
  if (unreachableWitnesses(cfg, result).length > 0) return ExitCode.Violation;
  if (result.result === 'incomplete' || temporal?.result === 'incomplete' || cfg.properties.unchecked.length > 0) return ExitCode.Incomplete;
  return ExitCode.Holds;
}
