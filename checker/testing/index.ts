// The package's test entry point (`import { checkModel } from 'consensus-lab/testing'`): a user's own
// vitest (or any) test checks a model in-process and asserts exact figures: the verdict, the number of
// distinct states, the depth, and for a violation the property broken and the trace's length and actions.
// It runs the stages `clab check` runs (load/configure.ts, search/search.ts, the liveness check for
// temporal properties), on one core, so its figures are the command's figures for the same constants.
// The model is passed as the object the test imported: a test runner that compiles the test's TypeScript
// has already loaded it, and the checker never imports it a second time (not even through a spec).

import { resolve } from 'node:path';
import { ClabError, suggest } from '../errors.ts';
import { SpecError } from '../language/diagnostics.ts';
import { configure, type Configured } from '../load/configure.ts';
import { checkModel as checkDeclarations } from '../load/model-checks.ts';
import type { CheckPlan } from '../load/plan.ts';
import { checkLiveness, temporalProperties } from '../liveness/check.ts';
import type { ConstValue, Model } from '../model.ts';
import { search } from '../search/search.ts';
import type { PathStep, SearchResult, Verdict } from '../search/types.ts';
import { overallVerdict, unreachableWitnesses } from '../search/verdict.ts';
import { canonicalizer } from '../state/symmetry.ts';
import { formatAction } from '../trace/values.ts';

export type { Verdict };

export interface CheckModelOptions {
  /** Values for the model's constants (the others keep their defaults); they override a spec's. */
  readonly constants?: Readonly<Record<string, ConstValue>>;
  /** A buggy variant's name; absent: the correct protocol (or the spec's variant). */
  readonly variant?: string;
  /**
   * A `.spec` file (relative to the current folder) whose properties, constants, bounds and symmetry are
   * checked on this model instead of the model's own invariants. Its `model` item must name this model.
   */
  readonly spec?: string;
  /** Check only these invariants (as `clab check --invariant`). */
  readonly invariants?: readonly string[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** Search with the model's declared symmetry reduction (as `--symmetry`); states then count orbits. */
  readonly symmetry?: boolean;
  /** Report deadlocks (states with no successor the model does not mark terminal), as `clab check` does (default true). */
  readonly deadlock?: boolean;
}

export interface CheckOutcome {
  /** As `clab check` gives it: 'holds' (exit 0), 'violation' (exit 1), 'incomplete' (exit 3). */
  readonly verdict: Verdict;
  /** Distinct states (orbits with symmetry) the search reached. */
  readonly states: number;
  readonly generated: number;
  /** Breadth-first levels explored (the initial states are level 1). */
  readonly depth: number;
  /** The broken invariant, `sometimes` target never reached, or temporal property. */
  readonly violated?: string;
  /** Steps of the counterexample (its states less the initial one), as `clab check` prints it. */
  readonly traceLength?: number;
  /** The counterexample's action labels as traces print them (`n1 votes for n2`), one per step. */
  readonly actions: readonly string[];
  /** The counterexample's states, the initial one first (the model's own state objects). */
  readonly trace: readonly unknown[];
}

/**
 * Checks `model` exhaustively, as `clab check` would with the same options, and returns its figures. Bad
 * input (an unknown constant or variant, a model that breaks the API's rules, a spec with errors) throws
 * the command's error, its message made what the command prints (location, every spec diagnostic, hint),
 * since a test runner shows only the message.
 */
export async function checkModel(model: Model, opts: CheckModelOptions = {}): Promise<CheckOutcome> {
  try {
    return await run(model, opts);
  } catch (e) {
    if (e instanceof ClabError) e.message = printed(e);
    throw e;
  }
}

/** A ClabError as `clab` prints it, without colour. */
function printed(e: ClabError): string {
  if (e instanceof SpecError) return e.formatLines().join('\n');
  const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.col}: ` : '';
  return `${where}${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`;
}

/** The options checkModel knows: a misspelt one would be ignored, and the test would check something else. */
const OPTIONS: Record<keyof CheckModelOptions, 'object' | 'string' | 'strings' | 'count' | 'boolean'> = {
  constants: 'object',
  variant: 'string',
  spec: 'string',
  invariants: 'strings',
  maxStates: 'count',
  maxDepth: 'count',
  symmetry: 'boolean',
  deadlock: 'boolean',
};

/**
 * Refuses what a test written in JavaScript (or with a cast) could pass that would be silently ignored or
 * misread: an unknown option (`constant` for `constants`), a bound that is not a positive integer (NaN
 * meant no bound, -1 an empty search), a string for the invariants (read letter by letter), 'no' for a
 * boolean (true).
 */
function checkOptions(model: unknown, opts: unknown): void {
  if (model === null || typeof model !== 'object') throw new ClabError(`checkModel needs a model (the default export of a model file), got ${model === null ? 'null' : typeof model}`);
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) throw new ClabError(`checkModel's options must be an object, got ${opts === null ? 'null' : Array.isArray(opts) ? 'an array' : typeof opts}`);
  for (const [key, v] of Object.entries(opts)) {
    const kind = OPTIONS[key as keyof CheckModelOptions];
    if (!kind) throw new ClabError(`checkModel has no option '${key}'`, suggest(key, Object.keys(OPTIONS), 'options'));
    if (v === undefined) continue;
    const ok =
      kind === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v)
      : kind === 'string' ? typeof v === 'string'
      : kind === 'strings' ? Array.isArray(v) && v.every((x) => typeof x === 'string')
      : kind === 'count' ? typeof v === 'number' && Number.isInteger(v) && v > 0
      : typeof v === 'boolean';
    const wanted = { object: 'an object (name → value)', string: 'a string', strings: 'an array of names', count: 'a positive integer', boolean: 'true or false' }[kind];
    if (!ok) throw new ClabError(`checkModel's option '${key}' must be ${wanted}, got ${typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v}`);
  }
}

async function run(model: Model, opts: CheckModelOptions): Promise<CheckOutcome> {
  checkOptions(model, opts);
  checkDeclarations(model);
  let plan: CheckPlan = { model, modelRef: model.name, constants: {} };
  if (opts.spec !== undefined) {
    const { loadSpecPlan } = await import('../language/plan.ts');
    plan = await loadSpecPlan(resolve(opts.spec), process.cwd(), 'codegen', { given: model });
  }
  plan = { ...plan, constants: { ...plan.constants, ...opts.constants } };
  const cfg = configure(plan, [], opts.variant, opts.invariants ?? []);
  const symmetry = opts.symmetry ?? plan.symmetry ?? false;
  const maxStates = opts.maxStates ?? plan.bounds?.maxStates;
  const result = await search(cfg.instance, {
    invariants: cfg.properties.invariants,
    witnesses: cfg.properties.witnesses,
    maxStates,
    maxDepth: opts.maxDepth ?? plan.bounds?.maxDepth,
    canonical: symmetry ? canonicalizer(cfg.instance) : undefined,
    deadlock: opts.deadlock ?? true,
  });
  if (result.violation) return outcome(result, 'violation', result.violation.invariant, result.violation.path);
  const missed = unreachableWitnesses(cfg, result);
  if (missed.length > 0) return outcome(result, 'violation', missed[0], []);
  return temporalOutcome(cfg, result, maxStates) ?? outcome(result, overallVerdict(cfg, result));
}

/** The temporal properties' verdict, when the model or spec states some (as `clab check` runs them). */
function temporalOutcome(cfg: Configured, safety: SearchResult<unknown>, maxStates: number | undefined): CheckOutcome | undefined {
  const properties = temporalProperties(cfg);
  if (properties.length === 0) return undefined;
  const live = checkLiveness(cfg.instance, { properties, maxStates });
  const broken = live.properties.find((p) => p.counterexample);
  if (broken) return outcome(safety, 'violation', broken.name, broken.counterexample!.steps);
  const safe = overallVerdict(cfg, safety);
  return outcome(safety, safe === 'incomplete' || live.result === 'incomplete' ? 'incomplete' : safe);
}

function outcome(r: SearchResult<unknown>, verdict: Verdict, violated?: string, path?: readonly PathStep<unknown>[]): CheckOutcome {
  const steps = path ?? [];
  return {
    verdict,
    states: r.distinctStates,
    generated: r.statesGenerated,
    depth: r.depth,
    ...(violated !== undefined ? { violated } : {}),
    ...(path && path.length > 0 ? { traceLength: path.length - 1 } : {}),
    actions: steps.flatMap((s) => (s.action ? [formatAction(s.action)] : [])),
    trace: steps.map((s) => s.state),
  };
}
