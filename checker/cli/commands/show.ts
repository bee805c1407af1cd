// `clab show <trace.json | trace.itf.json>`: prints a saved trace as a step list (default), a table
// (--table) or every state in full (--full), and writes a sequence chart (--svg, --html) or an ITF export
// (--itf). Works from the file alone: no model is loaded, so traces of changed or foreign models still show.

import { resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { buildChart, titleOf } from '../../show/chart.ts';
import { renderHtml } from '../../show/html.ts';
import { renderSvg } from '../../show/svg.ts';
import { elide } from '../../trace/elide.ts';
import { formatTrace } from '../../trace/format.ts';
import { formatFull } from '../../trace/full.ts';
import { toItf } from '../../trace/itf.ts';
import { loadShownTrace } from '../../trace/shown-trace.ts';
import { formatTable } from '../../trace/table.ts';
import { writeFileAtomic } from '../../trace/trace-file.ts';
import type { Io } from '../io.ts';
import { intOption, parseCommand } from '../options.ts';

export const showUsage = `usage: clab show <trace.json | trace.itf.json> [options]
  --table             one row per step, one column per process, messages in flight at the side
  --full              every state in full
  --width N           line width, at least 40 (default: the terminal's, or 100)
  --svg FILE          write a message sequence chart as SVG
  --html FILE         write a self-contained HTML page (chart + step table + state at each step)
  --itf FILE          export the trace in the Informal Trace Format (Apalache/Quint)`;

export function defaultWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100;
}

export async function runShow(args: readonly string[], io: Io): Promise<number> {
  const { values: v, target } = parseCommand('show', args, {
    table: { type: 'boolean' },
    full: { type: 'boolean' },
    width: { type: 'string' },
    svg: { type: 'string' },
    html: { type: 'string' },
    itf: { type: 'string' },
  }, showUsage, 'a trace file');
  if (v.table && v.full) throw new ClabError('--table and --full are alternatives; give one', showUsage);
  const width = intOption('--width', v.width, 40) ?? defaultWidth();
  const trace = await loadShownTrace(resolve(io.cwd, target));

  const written: string[] = [];
  const write = (flag: string, file: string | undefined, render: () => string) => {
    if (file === undefined) return;
    if (file === '') throw new ClabError(`${flag} needs a file name`, showUsage);
    writeFileAtomic(resolve(io.cwd, file), render());
    written.push(file);
  };
  write('--svg', v.svg, () => renderSvg(buildChart(trace)));
  write('--html', v.html, () => renderHtml(trace));
  write('--itf', v.itf, () => JSON.stringify(toItf(trace), null, 2) + '\n');

  const c = io.chalk;
  if (written.length === 0 || v.table || v.full) {
    io.out(c.bold(elide(titleOf(trace), width)));
    const opts = { width, ...(trace.loopStart !== undefined ? { loopStart: trace.loopStart } : {}) };
    const lines = v.table ? formatTable(trace.steps, c, opts) : v.full ? formatFull(trace.steps, c, opts) : formatTrace(trace.steps, c, opts);
    for (const l of lines) io.out(l);
  }
  for (const f of written) io.out(`wrote ${f}`);
  return ExitCode.Holds;
}
