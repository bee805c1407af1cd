// `clab sweep <model | model.ts | spec.spec> --param n=3..7 --param m=1..2`: checks every combination of
// the swept constants with the same stages as `clab check` (loadPlan, configure, bfs) and prints a table
// (first parameter as columns, the others as rows), the counterexample files and the threshold found.
// Exit 0 when every cell was decided (holds or violated), 3 when some cell is incomplete, 2 on bad input
// (including a combination the model's constraints reject, unless --skip-invalid).

import { resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import type { ConstValue } from '../../model.ts';
import { runCell, type SweepCell } from '../../sweep/cell.ts';
import { grid, parseParams, type SweepParam } from '../../sweep/params.ts';
import { formatSweepTable } from '../../sweep/table.ts';
import { describeThreshold, rowThreshold, type RowThreshold } from '../../sweep/threshold.ts';
import type { Io } from '../io.ts';
import { intOption, secondsOption, parseCommand } from '../options.ts';
import { configure, loadPlan, type Configured } from '../../configure.ts';

export const sweepUsage = `usage: clab sweep <model | path/to/model.ts | path/to/file.spec> --param k=a..b [--param k2=x,y] [options]
  --param k=a..b      sweep constant k over a range (or a comma list); the first --param gives the columns
  --const k=v         fix another constant for every cell
  --variant V         sweep a named (buggy) variant
  --max-states N      per cell: stop after N distinct states (the cell is incomplete)
  --time-limit S      per cell: stop after S seconds (the cell is incomplete)
  --skip-invalid      skip combinations the model's constraints reject (default: error, exit 2)
  --json              print an array of {constants, result, distinctStates, seconds, violation?}
  --out DIR           where to save counterexamples (default: counterexamples/)`;

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
  }, sweepUsage, 'a model, model file or spec file');
  const limits = { maxStates: intOption('--max-states', v['max-states'], 1), timeLimit: secondsOption('--time-limit', v['time-limit']) };
  const fixed = v.const ?? [];
  const plan = await loadPlan(target, io.cwd);
  const params = parseParams(plan.model, v.param ?? [], fixed);
  const combos = grid(params);

  // Configure every cell before searching any, so bad combinations are reported at once.
  const configured: { swept: Record<string, ConstValue>; cfg?: Configured; problem?: string }[] = combos.map((swept) => {
    const args = [...fixed, ...Object.entries(swept).map(([k, x]) => `${k}=${x}`)];
    try {
      return { swept, cfg: configure(plan, args, v.variant, []) };
    } catch (e) {
      if (!(e instanceof ClabError)) throw e;
      return { swept, problem: e.message };
    }
  });
  const invalid = configured.filter((x) => x.problem !== undefined);
  const show = (s: Record<string, ConstValue>) => Object.entries(s).map(([k, x]) => `${k}=${x}`).join(' ');
  if (invalid.length > 0 && !v['skip-invalid']) {
    const list = invalid.slice(0, 5).map((x) => `${show(x.swept)} (${x.problem})`).join('; ');
    throw new ClabError(`${invalid.length} of ${combos.length} combinations are invalid: ${list}${invalid.length > 5 ? '; ...' : ''}`, 'narrow the --param ranges, or pass --skip-invalid to skip those combinations');
  }
  if (invalid.length === combos.length) throw new ClabError('every combination is invalid: nothing to check', 'widen or change the --param ranges');
  for (const x of invalid) io.err(`note: skipped ${show(x.swept)}: ${x.problem}`);

  const outDir = resolve(io.cwd, v.out ?? 'counterexamples');
  const cells: (SweepCell | undefined)[] = [];
  configured.forEach((x, k) => {
    if (!x.cfg) return cells.push(undefined);
    if (!v.quiet) io.progress(`sweep: cell ${k + 1}/${combos.length} ${show(x.swept)}`);
    cells.push(runCell(x.cfg, x.swept, limits, outDir, io.cwd));
  });
  io.progress(null);

  const done = cells.filter((x): x is SweepCell => x !== undefined);
  if (v.json) io.out(JSON.stringify(done));
  else printSweep(plan.model.name, v.variant, params, combos, cells, io);
  return done.some((x) => x.result === 'incomplete') ? ExitCode.Incomplete : ExitCode.Holds;
}

function printSweep(model: string, variant: string | undefined, params: readonly SweepParam[], combos: readonly Record<string, ConstValue>[], cells: readonly (SweepCell | undefined)[], io: Io): void {
  const c = io.chalk;
  const name = `${model}${variant ? ` (variant ${variant})` : ''}`;
  const done = cells.filter((x): x is SweepCell => x !== undefined);
  const seconds = done.reduce((s, x) => s + x.seconds, 0);
  io.out(c.bold(`${name}: sweep over ${params.map((p) => p.name).join(', ')} (${done.length} cells${done.length < cells.length ? `, ${cells.length - done.length} skipped` : ''})`));
  for (const l of formatSweepTable(params, combos, cells, c)) io.out(l);
  const [column, ...rowParams] = params;
  const width = column.values.length;
  const rows: RowThreshold[] = [];
  for (let k = 0; k < cells.length; k += width) {
    const verdicts = cells.slice(k, k + width).map((x) => x?.result ?? 'skipped');
    rows.push({ row: combos[k], from: rowThreshold(column.values, verdicts) });
  }
  io.out('');
  io.out(c.bold(describeThreshold(model.toUpperCase(), column.name, rowParams.map((p) => p.name), rows)));
  io.out(c.dim(`${done.length} cells, ${seconds.toFixed(2)} s of search`));
}
