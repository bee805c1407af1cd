// What `clab check` does with temporal properties: runs the liveness checker after the safety search,
// saves each lasso counterexample (trace format with loopStart) once it is printed (or, under --json,
// before the one JSON object is), and contributes to the JSON and human reports. With --valence each
// printed step carries its valence (the decision values still reachable).

import { relative, resolve } from 'node:path';
import type { Configured } from '../load/configure.ts';
import type { Io } from './io.ts';
import type { Verdict } from '../search/types.ts';
import { formatTrace } from '../trace/format.ts';
import { showState } from '../trace/show.ts';
import { trySaveTrace, type Saved, type TraceFile } from '../trace/trace-file.ts';
import { boundText, saveAndSay } from './report.ts';
import { buildTraceFile, saveOptions } from '../trace/run-trace.ts';
import { checkLiveness, temporalProperties } from '../liveness/check.ts';
import type { Counterexample, LivenessResult, TemporalProperty } from '../liveness/types.ts';
import { analyseValence, valenceLabel } from '../liveness/valence.ts';

export interface TemporalOutcome {
  readonly result: Verdict;
  readonly liveness: LivenessResult<unknown>;
  /** Fields merged into `clab check --json` (saves the traces first). */
  json(): Record<string, unknown>;
  print(io: Io): void;
}

const KIND_TEXT = { always: 'always', eventually: 'eventually', 'always-eventually': 'always eventually', leadsto: 'leadsto' } as const;

export function lassoTraceFile(cfg: Configured, name: string, cx: Counterexample<unknown>, cwd: string): TraceFile {
  return buildTraceFile(cfg, name, 'temporal', cx.steps, cwd, cx.loopStart);
}

/** Lines of a lasso (or finite) counterexample, optionally with each step's valence. */
export function formatCounterexample(cfg: Configured, cx: Counterexample<unknown>, io: Io, valenceOf?: (s: unknown) => number): string[] {
  const c = io.chalk;
  const shown = cx.steps.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) }));
  let stepNo = -1;
  const lines = formatTrace(shown, c, cx.loopStart !== undefined ? { loopStart: cx.loopStart } : {}).map((l) => {
    // eslint-disable-next-line no-control-regex
    // formatTrace marks the cycle (a bar before each of its steps, the back edge after the last).
    const m = /^(?:\x1b\[[0-9;]*m)*(?:│ )?(?:\x1b\[[0-9;]*m)*Step (\d+)/.exec(l);
    if (!m || !valenceOf) return l;
    stepNo = Number(m[1]);
    return l + c.magenta(`  [${valenceLabel(valenceOf(cx.steps[stepNo].state))}]`);
  });
  return lines;
}

export function runTemporal(cfg: Configured, opts: { maxStates?: number; out: string; valence?: boolean }, io: Io): TemporalOutcome | undefined {
  const properties = temporalProperties(cfg);
  if (properties.length === 0) return undefined;
  const liveness = checkLiveness(cfg.instance, { properties, maxStates: opts.maxStates });
  const dir = resolve(io.cwd, opts.out);
  const valenceOf = opts.valence && liveness.result === 'violation' ? analyseValence(cfg.instance, { maxStates: opts.maxStates }).valenceOf : undefined;
  const first = liveness.properties.find((p) => p.counterexample);
  const json = (): Record<string, unknown> => {
    const saved = new Map<string, Saved>();
    for (const p of liveness.properties) if (p.counterexample) saved.set(p.name, trySaveTrace(dir, lassoTraceFile(cfg, p.name, p.counterexample, io.cwd), saveOptions(cfg)));
    const s = first ? saved.get(first.name)! : undefined;
    return {
    temporal: liveness.properties.map((p) => ({
      name: p.name,
      kind: p.kind,
      result: p.result,
      ...(p.counterexample ? { length: p.counterexample.steps.length - 1, ...(p.counterexample.loopStart !== undefined ? { loopStart: p.counterexample.loopStart } : {}) } : {}),
    })),
    livenessStates: liveness.distinctStates,
    deadlocks: { count: liveness.deadlocks.count, terminal: liveness.deadlocks.terminal, ...(liveness.deadlocks.path ? { length: liveness.deadlocks.path.length - 1 } : {}) },
    ...(first
      ? {
          violation: {
            property: first.name,
            kind: 'temporal',
            length: first.counterexample!.steps.length - 1,
            ...(first.counterexample!.loopStart !== undefined ? { loopStart: first.counterexample!.loopStart } : {}),
            ...(s?.file ? { traceFile: relative(io.cwd, s.file) } : { traceFile: null, saveError: s?.error, trace: lassoTraceFile(cfg, first.name, first.counterexample!, io.cwd) }),
          },
        }
      : {}),
    };
  };
  const print = (io: Io) => {
    const c = io.chalk;
    for (const p of liveness.properties) {
      const prop = properties.find((q) => q.name === p.name)!;
      const what = `${KIND_TEXT[p.kind]} property ${p.name}${prop.description ? ` (${prop.description})` : ''}`;
      io.out('');
      if (p.result === 'holds') io.out(c.green(`✓ ${what} holds on every fair run`));
      else if (p.result === 'incomplete') io.out(c.yellow(`? ${what}: no violation in the part explored (${boundText(liveness.bound)})`));
      else {
        const cx = p.counterexample!;
        const shape = cx.loopStart === undefined ? `after ${cx.steps.length - 1} steps` : `by a fair run: a prefix of ${cx.loopStart} steps, then a cycle of ${cx.steps.length - 1 - cx.loopStart} steps`;
        io.out(c.red.bold(`✗ ${what} is violated`) + ` ${shape}:`);
        for (const l of formatCounterexample(cfg, cx, io, valenceOf)) io.out(l);
        saveAndSay(dir, lassoTraceFile(cfg, p.name, cx, io.cwd), cfg, io);
      }
    }
    const d = liveness.deadlocks;
    if (d.count > 0) {
      io.out('');
      io.out(c.yellow(`! ${d.count} reachable state(s) have no successor and are not declared terminal (deadlocks); a shortest path to one:`));
      for (const l of formatTrace(d.path!.map((st) => ({ action: st.action, state: showState(cfg.instance, st.state) })), c)) io.out(l);
    }
    io.out(
      c.dim(
        `liveness: ${liveness.distinctStates.toLocaleString('en-US')} states, ${liveness.transitions.toLocaleString('en-US')} transitions, ${liveness.seconds.toFixed(2)} s` +
          (d.terminal ? `; ${d.terminal} intended terminal state(s)` : ''),
      ),
    );
  };
  return { result: liveness.result, liveness, json, print };
}

/** The verdict of a check with both a safety search and temporal properties. */
export function combineVerdicts(safety: Verdict, temporal: Verdict): Verdict {
  if (safety === 'violation' || temporal === 'violation') return 'violation';
  return safety === 'incomplete' || temporal === 'incomplete' ? 'incomplete' : 'holds';
}
