// The `model-check` check: the submitted model, transpiled here and run in the sandbox, is explored into
// an explicit state graph (sandbox/explore.ts); the instructor's spec is parsed here and its invariants
// are evaluated on the views the model exposes, by the engine's ordinary search over that graph
// (sandbox/graph-instance.ts). A violation's trace is the search's shortest one, replayed on the graph
// before it is shown. What the sandbox stopped (limits, refused system calls) is reported with the check.

import { join } from 'node:path';
import { ClabError } from '../../errors.ts';
import { compileSpec, loadSpecFile } from '../../language/plan.ts';
import { configure, type Configured } from '../../load/configure.ts';
import type { CheckPlan } from '../../load/plan.ts';
import type { Model } from '../../model.ts';
import { search } from '../../search/search.ts';
import type { SearchResult } from '../../search/types.ts';
import { replayTrace } from '../../trace/replay.ts';
import { showState } from '../../trace/show.ts';
import { TRACE_FORMAT, TRACE_VERSION, type TraceFile } from '../../trace/trace-file.ts';
import { constArgs } from '../instructor.ts';
import type { ModelCheckCheck } from '../manifest.ts';
import { errorLines, traceLines } from '../plain.ts';
import type { Outcome } from '../result.ts';
import { refusal, SandboxChild, SandboxEnded } from '../sandbox/child.ts';
import { exploreGraph, ModelFailure, type StateGraph } from '../sandbox/explore.ts';
import { graphInstance } from '../sandbox/graph-instance.ts';
import type { SandboxOptions } from '../sandbox/options.ts';
import { transpile } from '../sandbox/transpile.ts';
import { AnswerError } from '../sandbox/validate.ts';

const n = (x: number) => x.toLocaleString('en-US');

/** Runs the submission in the sandbox and explores its graph; the outcome when that fails. */
async function explore(check: ModelCheckCheck, submission: string, sandbox: SandboxOptions): Promise<{ graph?: StateGraph; failed?: Outcome; blocked: string[]; printed: string[] }> {
  const t = await transpile(join(submission, check.file), submission);
  if (!t.ok) return { failed: { passed: false, verdict: `${check.file} does not compile`, details: t.errors }, blocked: [], printed: [] };
  const { child, loaded } = await SandboxChild.start(sandbox.mode, sandbox.limits, t.code);
  const blocked: string[] = [];
  const note = (e: { error: string; code?: string; syscall?: string }) => {
    const r = refusal(e);
    if (r && !blocked.includes(r)) blocked.push(r);
  };
  let graph: StateGraph | undefined;
  let failed: Outcome | undefined;
  try {
    if (loaded.ready !== true) {
      const err = { error: String(loaded.error ?? 'unknown error'), ...(typeof loaded.code === 'string' ? { code: loaded.code } : {}), ...(typeof loaded.syscall === 'string' ? { syscall: loaded.syscall } : {}) };
      note(err);
      failed = { passed: false, verdict: `${check.file} cannot be loaded: ${err.error}` };
    } else graph = await exploreGraph(child, check.constants, check.variant, check.maxStates);
  } catch (e) {
    if (e instanceof ModelFailure) {
      failed = { passed: false, verdict: e.message, details: e.path.length ? ['the state where it happened was reached by:', ...traceLines(e.path)] : [] };
    } else if (e instanceof AnswerError) failed = { passed: false, verdict: `your model's answer was refused: ${e.message}` };
    else if (e instanceof SandboxEnded) failed = { passed: false, verdict: `your model stopped: ${e.reason}` };
    else throw e;
  } finally {
    await child.close();
  }
  // A limit hit after the last answer (a flood of output, a timer that loops) fails the check all the same.
  const limit = child.limitHit();
  if (graph && limit !== undefined) {
    graph = undefined;
    failed = { passed: false, verdict: `your model stopped: ${limit}` };
  }
  for (const ev of child.events) note(ev);
  return { ...(graph ? { graph } : {}), ...(failed ? { failed } : {}), blocked: [...child.blocked, ...blocked], printed: child.printed() };
}

/** The instructor's spec compiled for the explored graph (the submission's model stands where the spec names a model). */
async function configured(check: ModelCheckCheck, g: StateGraph): Promise<Configured> {
  const inst = graphInstance(g);
  const model: Model = { name: g.name, summary: 'the submitted model', constants: g.decls, variants: Object.fromEntries(g.variants.map((v) => [v, 'variant'])), instantiate: () => inst };
  const loaded = await loadSpecFile(check.properties, process.cwd(), { given: model });
  const plan: CheckPlan = { model, modelRef: g.name, constants: loaded.constants, spec: loaded.file, properties: (i, cs) => compileSpec(loaded, i, cs).properties };
  return configure(plan, constArgs(check.constants), undefined, check.invariants ?? []);
}

/** The violation's trace, replayed on the graph (so what is shown is a run of the model), as feedback lines. */
function verifiedTrace(cfg: Configured, r: SearchResult<unknown>): string[] {
  const v = r.violation!;
  const trace: TraceFile = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    model: cfg.plan.model.name,
    variant: null,
    constants: cfg.constants,
    property: v.deadlock ? { kind: 'deadlock', name: 'deadlock' } : { kind: 'invariant', name: v.invariant },
    steps: v.path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })),
  };
  const out = replayTrace(cfg, trace);
  if (out.kind !== 'reproduced') throw new Error(`the trace of ${v.invariant} does not replay on the explored graph`);
  return [`a shortest trace (${v.path.length - 1} steps, replayed):`, ...traceLines(out.steps), ...(out.why ?? []).map((l) => `  ${l}`)];
}

export async function modelCheck(check: ModelCheckCheck, submission: string, sandbox: SandboxOptions): Promise<Outcome> {
  const ran = await explore(check, submission, sandbox);
  const printed = ran.printed.length ? ['your model printed:', ...ran.printed.map((l) => `  | ${l}`)] : [];
  const out = (o: Outcome): Outcome => ({ ...o, details: [...(o.details ?? []), ...printed], ...(ran.blocked.length ? { blocked: ran.blocked } : {}) });
  if (!ran.graph) return out(ran.failed!);
  const g = ran.graph;
  let cfg: Configured;
  try {
    cfg = await configured(check, g);
  } catch (e) {
    if (!(e instanceof ClabError)) throw e;
    return out({ passed: false, verdict: "the exercise's properties cannot be checked on your model", details: errorLines(e, submission) });
  }
  const r = await search(cfg.instance, { invariants: cfg.properties.invariants, witnesses: cfg.properties.witnesses, maxStates: g.nodes.length + 1, timeLimit: sandbox.limits.wallSeconds, deadlock: check.deadlock, puritySample: 0, phaseTimes: false });
  const size = `${n(g.nodes.length)}${g.truncated ? '+' : ''} states`;
  if (r.violation) {
    const what = r.violation.deadlock ? `a deadlock is reached after ${r.violation.path.length - 1} steps` : `${r.violation.invariant} is violated after ${r.violation.path.length - 1} steps`;
    if (check.expect === 'violated' && !r.violation.deadlock) return out({ passed: true, verdict: `${what}, as expected` });
    return out({ passed: false, verdict: `${what} (expected: every invariant holds)`, details: verifiedTrace(cfg, r) });
  }
  if (r.result === 'incomplete' && r.bound === 'time-limit') return out({ passed: false, verdict: `no verdict: checking the exercise's properties on your model's ${size} passed the time limit (${sandbox.limits.wallSeconds} s)` });
  if (g.truncated) return out({ passed: false, verdict: `no verdict: your model has more than ${n(check.maxStates)} states (with the exercise's constants); no violation among the first ${n(g.nodes.length)}` });
  if (check.expect === 'violated') return out({ passed: false, verdict: `every invariant holds on all ${size} of your model (expected: ${check.invariants ? check.invariants.join(' or ') : 'an invariant'} violated)` });
  const unreached = cfg.properties.witnesses.filter((w) => !r.witnesses.has(w.name)).map((w) => w.name);
  if (unreached.length > 0) return out({ passed: false, verdict: `every invariant holds on all ${size}, but no reachable state satisfies ${unreached.join(', ')} (the model never gets there)` });
  return out({ passed: true, verdict: `every invariant holds on all ${size} of your model` });
}
