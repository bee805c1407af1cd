// `clab show <trace.json | trace.itf.json>`: prints a saved trace as a step list (default), a table
// (--table) or every state in full (--full), and writes a sequence chart (--svg, --html) or an ITF export
// (--itf). Works from the file alone: no model is loaded, so traces of changed or foreign models still show.

import { realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { buildChart, titleOf } from '../../charts/chart.ts';
import { renderHtml } from '../../charts/html.ts';
import { renderSvg } from '../../charts/svg.ts';
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

const isFolder = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** True when both paths name one existing file (links followed). */
const sameFile = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
};

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
  const input = resolve(io.cwd, target);
  const trace = await loadShownTrace(input);

  // Every output is checked before anything is rendered or written, so a bad one leaves no file behind
  // and none is overwritten for nothing: not a folder, not the trace being shown, not two flags at once.
  const outputs: [string, string][] = [];
  for (const [flag, file] of [['--svg', v.svg], ['--html', v.html], ['--itf', v.itf]] as const) if (file !== undefined) outputs.push([flag, file]);
  const seen = new Map<string, string>();
  for (const [flag, file] of outputs) {
    if (file === '') throw new ClabError(`${flag} needs a file name`, showUsage);
    const abs = resolve(io.cwd, file);
    if (isFolder(abs)) throw new ClabError(`${flag} ${file} is a folder`, `give a file name, e.g. ${flag} ${join(file, `trace.${flag.slice(2)}${flag === '--itf' ? '.json' : ''}`)}`);
    if (sameFile(abs, input)) throw new ClabError(`${flag} ${file} is the trace being shown; writing it would replace the trace`, 'give another file name');
    const other = seen.get(abs);
    if (other) throw new ClabError(`${other} and ${flag} both write ${file}`, 'give each output its own file name');
    seen.set(abs, flag);
  }
  const rendered = outputs.map(([flag, file]) => {
    const text = flag === '--svg' ? renderSvg(buildChart(trace)) : flag === '--html' ? renderHtml(trace) : JSON.stringify(toItf(trace), null, 2) + '\n';
    return { flag, file, text };
  });
  const c = io.chalk;
  const lines: string[] = [];
  if (outputs.length === 0 || v.table || v.full) {
    lines.push(c.bold(elide(titleOf(trace), width)));
    const opts = { width, ...(trace.loopStart !== undefined ? { loopStart: trace.loopStart } : {}) };
    // Pushed one by one: a long trace's lines spread as arguments would overflow the call stack.
    for (const l of v.table ? formatTable(trace.steps, c, opts) : v.full ? formatFull(trace.steps, c, opts) : formatTrace(trace.steps, c, opts)) lines.push(l);
  }

  // Everything rendered: now write.
  const written: string[] = [];
  for (const { flag, file, text } of rendered) {
    try {
      writeFileAtomic(resolve(io.cwd, file), text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      throw new ClabError(`cannot write ${flag} ${file}${code ? ` (${code})` : ''}${written.length ? `; wrote ${written.join(', ')}` : ''}`, 'check that the folder exists or can be created, and that you may write there');
    }
    written.push(file);
  }
  for (const l of lines) io.out(l);
  for (const f of written) io.out(`wrote ${f}`);
  return ExitCode.Holds;
}
