// Reporting a check: the human summary (with the trace of a violation), the one-object JSON form, and
// saving the counterexample after it is printed (checker/search/verdict.ts decides what the verdict is).

import { relative } from 'node:path';
import { collisionProbability } from '../state/fingerprint.ts';
import type { PathStep, SearchResult } from '../search/types.ts';
import { formatTrace, formatValue } from '../trace/format.ts';
import { showState } from '../trace/show.ts';
import { trySaveTrace, type Saved, type TraceFile } from '../trace/trace-file.ts';
import { buildTraceFile, saveOptions } from '../trace/run-trace.ts';
import { overallVerdict, unreachableWitnesses, vacuousImplications } from '../search/verdict.ts';
import type { Configured } from '../load/configure.ts';
import type { ChalkInstance } from 'chalk';
import type { Io } from './io.ts';
import type { WatchHeader } from './watch.ts';
import { replayCommand } from '../trace/trace-model.ts';
import type { TypecheckResult } from '../load/typecheck.ts';
import { explainViolation, explanation } from '../trace/explain.ts';
import type { Coverage } from '../search/coverage.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function resultJson(cfg: Configured, r: SearchResult<unknown>, saved: Saved | undefined, cwd: string, symmetry = false) {
  return {
    ...(symmetry ? { symmetry: true } : {}),
    model: cfg.plan.model.name,
    variant: cfg.variant ?? null,
    constants: cfg.constants,
    ...(cfg.plan.spec ? { spec: relative(cwd, cfg.plan.spec) } : {}),
    ...(cfg.plan.typecheck ? { typecheck: { seconds: round(cfg.plan.typecheck.seconds, 3), config: cfg.plan.typecheck.config } } : {}),
    result: overallVerdict(cfg, r),
    ...(r.bound ? { bound: r.bound } : {}),
    distinctStates: r.distinctStates,
    statesGenerated: r.statesGenerated,
    depth: r.depth,
    seconds: round(r.seconds, 3),
    statesPerSecond: Math.round(r.distinctStates / Math.max(r.seconds, 1e-6)),
    invariants: cfg.properties.invariants.map((p) => p.name),
    visitedBytesPerState: round(r.visitedBytes / Math.max(1, r.distinctStates), 1),
    collisionProbability: collisionProbability(r.distinctStates),
    ...(r.memory ? { memory: memoryJson(r) } : {}),
    ...(r.phases ? { phaseSeconds: Object.fromEntries(Object.entries(r.phases).map(([k, v]) => [k, round(v, 3)])) } : {}),
    ...(r.violation
      ? {
          violation: {
            invariant: r.violation.invariant,
            ...(r.violation.deadlock ? { deadlock: true } : whyJson(cfg, r.violation)),
            length: r.violation.path.length - 1,
            ...savedJson(saved, cfg, r.violation.invariant, r.violation.path, cwd, r.violation.deadlock ? 'deadlock' : 'invariant'),
          },
        }
      : {}),
    ...(r.coverage ? { coverage: r.coverage } : {}),
    ...(vacuousImplications(cfg, r).length ? { vacuous: vacuousImplications(cfg, r).map((i) => ({ invariant: i.invariant, premise: i.premise, location: `${i.location.file}:${i.location.line}:${i.location.col}` })) } : {}),
    ...(unreachableWitnesses(cfg, r).length ? { unreachableWitnesses: unreachableWitnesses(cfg, r) } : {}),
    ...(cfg.properties.witnesses.length
      ? {
          witnesses: cfg.properties.witnesses.map((w) => {
            const p = r.witnesses.get(w.name);
            return { name: w.name, reachable: p ? true : r.result === 'holds' ? false : null, ...(p ? { length: p.length - 1 } : {}) };
          }),
        }
      : {}),
    ...(cfg.properties.unchecked.length ? { unchecked: cfg.properties.unchecked } : {}),
  };
}

/**
 * Where a trace was saved, for --json; when it could not be, the error and the trace itself, so the one
 * JSON object still holds the result.
 */
export function savedJson(saved: Saved | undefined, cfg: Configured, property: string, path: readonly PathStep<unknown>[], cwd: string, kind: TraceFile['property']['kind'] = 'invariant') {
  if (saved?.file) return { traceFile: relative(cwd, saved.file) };
  return { traceFile: null, ...(saved ? { saveError: saved.error, trace: buildTraceFile(cfg, property, kind, path, cwd) } : {}) };
}

/** The violated invariant's explanation as `why: [lines]` (checker/trace/explain.ts), when it has one. */
function whyJson(cfg: Configured, v: { invariant: string; path: readonly PathStep<unknown>[] }) {
  const why = explanation(cfg.properties.invariants, v.invariant, v.path[v.path.length - 1].state);
  return why.length ? { why } : {};
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The first lines of a check's report: model, variant, constants, invariants, symmetry. */
export function reportHeader(cfg: Configured, c: ChalkInstance, symmetry = false): string[] {
  const consts = Object.entries(cfg.constants).map(([k, v]) => `${k}=${v}`).join(' ');
  return [
    `${c.bold(cfg.plan.model.name)}${cfg.variant ? ` (variant ${cfg.variant})` : ''}  ${consts}`,
    `invariants: ${cfg.properties.invariants.map((p) => p.name).join(', ') || '(none)'}`,
    ...(cfg.plan.typecheck ? [typecheckLine(cfg.plan.typecheck)] : []),
    ...(symmetry ? [`symmetry reduction: on (counts are orbits under ${cfg.instance.symmetry?.sorts.join(' and ') ?? 'the declared'} permutations)`] : []),
  ];
}

/** The header's line for a model file that was type-checked before it was loaded. */
export function typecheckLine(t: TypecheckResult): string {
  return `type check: passed in ${t.seconds.toFixed(2)} s (tsc --noEmit, ${t.config === 'built-in' ? 'built-in strict settings' : t.config})`;
}

/** What the supervisor needs to report a search it has to stop from outside (checker/cli/watch.ts). */
export function watchHeader(cfg: Configured, io: Io, json: boolean, timeLimit: number | undefined, symmetry = false): WatchHeader {
  return {
    json,
    timeLimit,
    lines: reportHeader(cfg, io.chalk, symmetry),
    json0: { model: cfg.plan.model.name, variant: cfg.variant ?? null, constants: cfg.constants, invariants: cfg.properties.invariants.map((p) => p.name) },
  };
}

/** Why a search was incomplete, in words. */
export function boundText(bound: SearchResult<unknown>['bound']): string {
  if (bound === 'interrupted') return 'interrupted';
  if (bound === 'time-limit') return 'time limit reached';
  return bound ? `the ${bound} bound was hit` : 'some properties were not checked';
}

/** Saves a trace, the run's verdict already printed: where it went, or a warning (the exit code stands). */
export function saveAndSay(dir: string, trace: TraceFile, cfg: Configured, io: Io, source?: string): Saved {
  const say = saveNow(dir, trace, cfg, io, source);
  say();
  return say.saved;
}

/**
 * Saves a trace at once and returns the saying of it (saveAndSay's line or warning) for later: a report
 * says where its trace went after the violated invariant's explanation, which runs the model's explain();
 * one that never returns (an endless loop, then Ctrl-C) lost the trace when it was saved after it.
 */
export function saveNow(dir: string, trace: TraceFile, cfg: Configured, io: Io, source?: string): (() => void) & { saved: Saved } {
  const saved = trySaveTrace(dir, trace, saveOptions(cfg, source));
  const say = () => {
    if (saved.file) io.out(`trace saved to ${relative(io.cwd, saved.file)}  (replay: ${replayCommand(trace, saved.file, io.cwd)})`);
    else io.err(`${io.chalk.yellow('warning:')} ${saved.error} (the trace is printed above)`);
  };
  return Object.assign(say, { saved });
}

/**
 * The human report. A violation's trace is printed first and then saved by `save`, which returns the
 * saying of where it went (or a warning), so a trace that cannot be written is still on the screen; the
 * saving comes before the explanation (the model's code) and the saying after it.
 */
export function printCheckResult(cfg: Configured, r: SearchResult<unknown>, save: () => (() => void) | undefined, io: Io, symmetry = false): void {
  const c = io.chalk;
  for (const l of reportHeader(cfg, c, symmetry)) io.out(l);
  if (r.violation?.deadlock) {
    printDeadlock(cfg, r.violation.path, io);
    save()?.();
  } else if (r.violation) {
    const steps = r.violation.path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) }));
    io.out('');
    io.out(c.red.bold(`✗ invariant ${r.violation.invariant} is violated`) + ` after ${steps.length - 1} steps:`);
    for (const l of formatTrace(steps, c)) io.out(l);
    io.out('');
    io.out(c.red(`Violating state (step ${steps.length - 1}), ${r.violation.invariant} is false:`));
    for (const [k, v] of Object.entries(steps[steps.length - 1].state)) io.out(`    ${k} = ${formatValue(v)}`);
    const inv = cfg.instance.invariants[r.violation.invariant];
    if (inv) io.out(c.dim(`    (${r.violation.invariant}: ${inv.description})`));
    const say = save();
    for (const l of explainViolation(cfg.properties.invariants, r.violation.invariant, r.violation.path[r.violation.path.length - 1].state)) io.out(l);
    say?.();
  }
  for (const w of cfg.properties.witnesses) {
    const p = r.witnesses.get(w.name);
    io.out('');
    if (p) {
      io.out(c.green(`◆ sometimes ${w.name}: reachable in ${p.length - 1} steps:`));
      for (const l of formatTrace(p.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })), c)) io.out(l);
    } else if (r.result === 'holds') io.out(c.red(`✗ sometimes ${w.name}: no reachable state satisfies it`));
    else io.out(c.yellow(`? sometimes ${w.name}: not reached before the search stopped`));
  }
  for (const u of cfg.properties.unchecked) io.out(c.yellow(`? ${u.name} was not checked: ${u.reason}`));
  io.out('');
  const verdict = overallVerdict(cfg, r);
  const vacuous = unreachableWitnesses(cfg, r);
  if (vacuous.length > 0) io.out(c.red.bold(`✗ the invariants hold, but no reachable state satisfies ${vacuous.map((w) => `sometimes ${w}`).join(', ')} (search complete)`));
  else if (verdict === 'holds') io.out(c.green.bold(`✓ ${cfg.properties.invariants.length} invariant(s) hold on every reachable state (search complete)`));
  else if (verdict === 'incomplete') {
    io.out(c.yellow.bold(`? incomplete: ${boundText(r.bound)}; no violation found in the part explored`));
  }
  io.out(
    `${n(r.distinctStates)} distinct states, ${n(r.statesGenerated)} generated, depth ${r.depth}, ${r.seconds.toFixed(2)} s ` +
      `(${n(Math.round(r.distinctStates / Math.max(r.seconds, 1e-6)))} states/s); fingerprint collision probability ${collisionProbability(r.distinctStates).toExponential(1)}`,
  );
  if (r.coverage) io.out(c.dim(coverageLine(r.coverage)));
  for (const i of vacuousImplications(cfg, r)) {
    io.out(c.yellow(`warning: ${i.location.file}:${i.location.line}:${i.location.col}: invariant ${i.invariant} holds vacuously: its premise ${i.premise} is false in every reachable state`));
  }
}

/**
 * Coverage in one line: new states by action (`sends 1a 7 · promises, sends 1b 9,261`), and with
 * --coverage the successors each produced; an action that fired without ever reaching a new state is
 * marked, as a guard that is never usefully true may be a mistake.
 */
export function coverageLine(cov: Coverage): string {
  if (cov.actions.length === 0) return `coverage: no action fired (${n(cov.initialStates)} initial state${cov.initialStates === 1 ? '' : 's'})`;
  const fired = cov.actions[0].fired !== undefined;
  const parts = cov.actions.map((a) => `${a.action} ${n(a.newStates)}${fired ? ` / ${n(a.fired!)}${a.newStates === 0 ? ' (no new state)' : ''}` : ''}`);
  return `coverage (new states${fired ? ' / successors' : ''} by action): ${parts.join(' · ')}`;
}

/** A deadlock's trace, as a violation's is printed: the steps, then the state where nothing is enabled. */
export function printDeadlock(cfg: Configured, path: readonly PathStep<unknown>[], io: Io): void {
  const c = io.chalk;
  const steps = path.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) }));
  io.out('');
  io.out(c.red.bold('✗ deadlock') + ` after ${steps.length - 1} steps: a reachable state has no successor and the model does not mark it terminal:`);
  for (const l of formatTrace(steps, c)) io.out(l);
  io.out('');
  io.out(c.red(`Deadlocked state (step ${steps.length - 1}), no action is enabled:`));
  for (const [k, v] of Object.entries(steps[steps.length - 1].state)) io.out(`    ${k} = ${formatValue(v)}`);
  io.out(c.dim("    (if the run is meant to end here, mark such states with the instance's terminal(s); or check with --no-deadlock)"));
}

/** Memory figures for --json: peak RSS and bytes per state, split by structure. */
function memoryJson(r: SearchResult<unknown>) {
  const m = r.memory!;
  const per = (b: number) => round(b / Math.max(1, r.distinctStates), 1);
  return {
    peakRssMiB: round(m.peakRssBytes / 2 ** 20, 1),
    bytesPerState: { fingerprints: per(m.fingerprintBytes), parents: per(m.parentBytes), frontierPeak: per(m.frontierPeakBytes) },
    ...(m.workers ? { workers: m.workers } : {}),
  };
}
