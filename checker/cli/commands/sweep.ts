// `clab sweep <model | model.ts | spec.spec> --param n=3..7 --param m=1..2`: checks every combination of
// the swept constants with the same stages as `clab check` (loadPlan, configure, search) and prints a table
// (first parameter as columns, the others as rows), the counterexample files and the threshold found.
// Cells are streamed in grid order (sweep/params.ts), never materialised, so a huge range runs until the
// sweep's --time-limit, an interrupt or MAX_SWEEP_CELLS stops it cleanly, with the cells so far reported.
// Exit 1 when some cell is violated, else 3 when some cell is incomplete or was not run, else 0; 2 on bad
// input (including a combination the model's constraints reject, unless --skip-invalid).

import { resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { stopRequested, type StopReason } from '../../search/interrupt.ts';
import type { ConstValue } from '../../model.ts';
import { runCell, type SweepCell } from '../../sweep/cell.ts';
import { DEFAULT_TRACE_DIR } from '../../trace/trace-file.ts';
import { comboAt, grid, gridSize, parseParams, type SweepParam } from '../../sweep/params.ts';
import { formatSweepTable, sweepView, type SweepSlot } from '../../sweep/table.ts';
import { describeThreshold, rowThreshold, type RowThreshold } from '../../sweep/threshold.ts';
import type { Io } from '../io.ts';
import { intOption, loadOptions, secondsOption, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';
import { configure, loadPlan, type Configured } from '../../load/configure.ts';

/** Cells one sweep runs at most (each leaves a small record for the report, printed at the end). */
export const MAX_SWEEP_CELLS = 100_000;
/** The limit in force: tests lower it, to reach it quickly. */
export const sweepLimits = { maxCells: MAX_SWEEP_CELLS };
/** Grids this small are configured whole before any search, so every invalid combination is reported at once. */
export const PREVALIDATE_CELLS = 1000;

const count = (x: number) => x.toLocaleString('en-US');

export const sweepUsage = `usage: clab sweep <model | path/to/model.ts | path/to/file.spec> --param k=a..b [--param k2=x,y] [options]
  --param k=a..b      sweep constant k over a range (or a comma list); the first --param gives the columns
  --const k=v         fix another constant for every cell
  --variant V         sweep a named (buggy) variant
  --max-states N      per cell: stop after N distinct states (the cell is incomplete)
  --time-limit S      the whole sweep: the cell searching at S seconds stops (incomplete), later cells are not run
  --skip-invalid      skip combinations the model's constraints reject (default: error, exit 2)
  --json              print an array of {constants, result, distinctStates, seconds, bound?, violation?}
                      for the cells run
  --out DIR           where to save counterexamples (default: clab-traces/)
  --quiet             no progress line
  --no-deadlock       do not report states without successors (deadlocks) as violations
${typecheckUsage}
Cells run in order, the first --param fastest, at most ${count(MAX_SWEEP_CELLS)} per sweep; Ctrl-C stops the sweep
cleanly and reports the cells so far.
exit codes: 0 every cell holds; 1 some cell is violated; 3 none is violated but some cell is incomplete or was not run;
  2 bad input`;

/** Why a sweep stopped before its last cell. */
type SweepStop = StopReason | 'max-cells' | 'invalid';

export async function runSweep(args: readonly string[], io: Io): Promise<number> {
  const { values: v, target } = parseCommand('sweep', args, {
    param: { type: 'string', multiple: true },
    const: { type: 'string', multiple: true },
    variant: { type: 'string' },
    'max-states': { type: 'string' },
    'time-limit': { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
    ...typecheckOption,
    'no-deadlock': { type: 'boolean' },
  }, sweepUsage, 'a model, model file or spec file');
  const maxStates = intOption('--max-states', v['max-states'], 1);
  const timeLimit = secondsOption('--time-limit', v['time-limit']);
  const fixed = v.const ?? [];
  // Loading and configuring run the model's code: the supervisor's watchdog (cli/watch.ts) starts now.
  io.watch?.started({ json: v.json ?? false, timeLimit, lines: [`${target} (loading)`], json0: { target } });
  const plan = await loadPlan(target, io.cwd, loadOptions(v));
  const params = parseParams(plan.model, v.param ?? [], fixed);
  const total = gridSize(params);
  const sweptNames = params.map((p) => p.name);
  io.watch?.started({
    json: v.json ?? false,
    timeLimit,
    lines: [`${plan.model.name}${v.variant ? ` (variant ${v.variant})` : ''}: sweep over ${params.map((p) => p.name).join(', ')} (${count(total)} cells; figures: the cell being searched)`],
    json0: { model: plan.model.name, variant: v.variant ?? null, params: params.map((p) => p.name), cells: total },
  });
  const start = performance.now();
  const deadline = timeLimit !== undefined ? start + timeLimit * 1000 : Infinity;
  const show = (s: Record<string, ConstValue>) => Object.entries(s).map(([k, x]) => `${k}=${x}`).join(' ');
  const configureCell = (swept: Record<string, ConstValue>): { cfg?: Configured; problem?: string } => {
    try {
      return { cfg: configure(plan, [...fixed, ...Object.entries(swept).map(([k, x]) => `${k}=${x}`)], v.variant, []) };
    } catch (e) {
      if (!(e instanceof ClabError)) throw e;
      return { problem: e.message };
    }
  };

  // A small grid is configured whole before any search, so bad combinations are reported at once; a
  // larger one is configured as it streams, and an invalid cell stops it (after reporting the cells so far).
  const early: { cfg?: Configured; problem?: string }[] = [];
  if (total <= PREVALIDATE_CELLS) {
    for (const swept of grid(params)) early.push(configureCell(swept));
    const invalid = early.flatMap((x, k) => (x.problem !== undefined ? [{ swept: comboAt(params, k), problem: x.problem }] : []));
    if (invalid.length > 0 && !v['skip-invalid']) {
      const list = invalid.slice(0, 5).map((x) => `${show(x.swept)} (${x.problem})`).join('; ');
      throw new ClabError(`${invalid.length} of ${total} combinations are invalid: ${list}${invalid.length > 5 ? '; ...' : ''}`, 'narrow the --param ranges, or pass --skip-invalid to skip those combinations');
    }
    if (invalid.length === total) throw new ClabError('every combination is invalid: nothing to check', 'widen or change the --param ranges');
  }

  const outDir = resolve(io.cwd, v.out ?? DEFAULT_TRACE_DIR);
  const slots: SweepSlot[] = [];
  let stopped: SweepStop | undefined;
  let invalidCell: { swept: Record<string, ConstValue>; problem: string } | undefined;
  let k = 0;
  for (const swept of grid(params)) {
    if (k >= sweepLimits.maxCells) stopped = 'max-cells';
    else stopped = performance.now() > deadline ? 'time-limit' : stopRequested();
    if (stopped) break;
    const x = k < early.length ? early[k] : configureCell(swept);
    if (!x.cfg) {
      if (!v['skip-invalid']) {
        stopped = 'invalid';
        invalidCell = { swept, problem: x.problem! };
        break;
      }
      io.err(`note: skipped ${show(swept)}: ${x.problem}`);
      slots.push('skipped');
      k++;
      continue;
    }
    if (!v.quiet) io.progress(`sweep: cell ${count(k + 1)}/${count(total)} ${show(swept)}`);
    const remaining = deadline === Infinity ? undefined : Math.max(0.001, (deadline - performance.now()) / 1000);
    const cell = await runCell(x.cfg, sweptNames, { maxStates, timeLimit: remaining, deadlock: !(v['no-deadlock'] ?? false) }, outDir, io.cwd, io.watch && ((p) => io.watch!.progress(p)));
    slots.push(cell);
    k++;
    // The sweep's own limit or an interrupt ended this cell's search: the sweep ends with it.
    if (cell.bound === 'interrupted' || (cell.bound === 'time-limit' && remaining !== undefined)) {
      stopped = cell.bound;
      break;
    }
  }
  io.progress(null);
  io.watch?.finished();
  if (stopped === undefined && slots.every((x) => x === 'skipped')) throw new ClabError('every combination is invalid: nothing to check', 'widen or change the --param ranges');

  const done = slots.filter((x): x is SweepCell => typeof x === 'object');
  const notRun = total - slots.length;
  const why = stopped && stopped !== 'invalid' && notRun > 0 ? stopText(stopped) : undefined;
  if (v.json) {
    io.out(JSON.stringify(done));
    if (why && !v.quiet) io.err(`note: the sweep stopped (${why}): ${count(slots.length)} of ${count(total)} cells reached, ${count(notRun)} not run`);
  } else printSweep(plan.model.name, v.variant, params, total, slots, why, io);
  if (invalidCell) {
    throw new ClabError(`combination ${show(invalidCell.swept)} is invalid: ${invalidCell.problem} (the ${count(done.length)} cells before it are reported above)`, 'narrow the --param ranges, or pass --skip-invalid to skip such combinations');
  }
  if (done.some((x) => x.result === 'violation')) return ExitCode.Violation;
  return notRun > 0 || done.some((x) => x.result === 'incomplete') ? ExitCode.Incomplete : ExitCode.Holds;
}

function stopText(stopped: Exclude<SweepStop, 'invalid'>): string {
  if (stopped === 'max-cells') return `the limit of ${count(sweepLimits.maxCells)} cells per sweep`;
  return stopped === 'interrupted' ? 'interrupted' : 'time limit reached';
}

/** The human report; `why`: why the sweep stopped before its last cell, if it did. */
function printSweep(model: string, variant: string | undefined, params: readonly SweepParam[], total: number, slots: readonly SweepSlot[], why: string | undefined, io: Io): void {
  const c = io.chalk;
  const name = `${model}${variant ? ` (variant ${variant})` : ''}`;
  const done = slots.filter((x): x is SweepCell => typeof x === 'object');
  const skipped = slots.filter((x) => x === 'skipped').length;
  const notRun = total - slots.length;
  const seconds = done.reduce((s, x) => s + x.seconds, 0);
  const extra = [...(skipped ? [`${count(skipped)} skipped`] : []), ...(notRun ? [`${count(notRun)} not run`] : [])];
  io.out(c.bold(`${name}: sweep over ${params.map((p) => p.name).join(', ')} (${count(total)} cells${extra.length ? `, ${extra.join(', ')}` : ''})`));
  const view = sweepView(params, total, slots.length, (k) => slots[k]);
  for (const l of formatSweepTable(view, params.map((p) => p.name), done.filter((x) => x.violation), c)) io.out(l);
  const rows: RowThreshold[] = view.rows.map((r) => ({
    row: r.at,
    from: view.allColumns ? rowThreshold(view.columnValues, r.slots.map((x) => (typeof x === 'object' ? x.result : x))) : undefined,
  }));
  io.out('');
  if (rows.length) io.out(c.bold(describeThreshold(model.toUpperCase(), params[0].name, params.slice(1).map((p) => p.name), rows)));
  io.out(c.dim(`${done.length} cells, ${seconds.toFixed(2)} s of search`));
  const violated = done.filter((x) => x.result === 'violation').length;
  const incomplete = done.filter((x) => x.result === 'incomplete').length;
  const stop = why ? `stopped (${why}) with ${count(notRun)} of ${count(total)} cells not run` : '';
  if (violated) io.out(c.red.bold(`✗ ${count(violated)} of ${count(done.length)} cells violated`) + (stop ? `; ${stop}` : ''));
  else if (incomplete || notRun) io.out(c.yellow.bold(`? incomplete: ${[stop, ...(incomplete ? [`${count(incomplete)} of ${count(done.length)} cells incomplete`] : [])].filter(Boolean).join('; ')}; no cell violated`));
  else io.out(c.green.bold('✓ every cell holds'));
}
