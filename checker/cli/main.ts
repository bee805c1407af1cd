// The clab command line: parses the subcommand and hands over to it. User errors (ClabError) print as
// "error: ..." with a location and hint, never a stack trace, and exit with their code.

import { ClabError, ExitCode, ModelError } from '../errors.ts';
import { formatTrace, type PrintableStep } from '../trace/format.ts';
import { processIo, type Io } from './io.ts';
import { checkUsage, runCheck } from './commands/check.ts';
import { runList } from './commands/list.ts';
import { runReplay } from './commands/replay.ts';

type Command = (args: readonly string[], io: Io) => Promise<number>;

const commands: Record<string, { run: Command; summary: string }> = {
  list: { run: runList, summary: 'list the shipped models, their variants, constants and invariants' },
  check: { run: runCheck, summary: 'check the invariants of a model or spec exhaustively (breadth-first)' },
  replay: { run: runReplay, summary: 're-execute a saved counterexample against its model' },
  parse: { run: async (a, io) => (await import('./commands/parse.ts')).runParse(a, io), summary: 'check a .spec file without searching and print it normalised (or its errors)' },
  show: { run: async (a, io) => (await import('./commands/show.ts')).runShow(a, io), summary: 'print a saved trace (steps, --table, --full) or write it as SVG/HTML chart or ITF' },
  sweep: { run: async (a, io) => (await import('./commands/sweep.ts')).runSweep(a, io), summary: 'check every combination of swept constants (e.g. --param n=3..7 --param m=1..2) and print a verdict table' },
  explore: { run: async (a, io) => (await import('./commands/explore.ts')).runExplore(a, io), summary: 'step through a model interactively in a local web page' },
  valence: { run: async (a, io) => (await import('./commands/valence.ts')).runValence(a, io), summary: 'FLP valence analysis: which decisions each reachable configuration can still reach, bivalent initial configurations' },
  simulate: { run: async (a, io) => (await import('./commands/simulate.ts')).runSimulate(a, io), summary: 'random walks from a seed (--runs, --depth, --swarm on several threads); a violation is minimised and its seed printed' },
};

export const usage = () =>
  [
    'usage: clab <command> [options]',
    '',
    ...Object.entries(commands).map(([k, c]) => `  ${k.padEnd(10)} ${c.summary}`),
    '',
    'exit codes: 0 holds, 1 violation, 2 bad input, 3 incomplete (a bound was hit), 4 internal error',
    '',
    checkUsage,
  ].join('\n');

export function registerCommand(name: string, summary: string, run: Command): void {
  commands[name] = { run, summary };
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.out(usage());
    return cmd === undefined ? ExitCode.BadInput : ExitCode.Holds;
  }
  const entry = commands[cmd];
  if (!entry) {
    const { suggest } = await import('../errors.ts');
    io.err(`error: unknown command '${cmd}'`);
    io.err(`hint: ${suggest(cmd, Object.keys(commands), 'commands')}`);
    return ExitCode.BadInput;
  }
  try {
    return await entry.run(rest, io);
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: Io): number {
  const c = io.chalk;
  if (e instanceof ClabError && 'formatLines' in e && typeof e.formatLines === 'function') {
    // Several located diagnostics at once (a .spec file's errors), each with its source line and caret.
    for (const l of (e.formatLines as (c: unknown) => string[])(c)) io.err(l);
    return e.exitCode;
  }
  if (e instanceof ClabError) {
    const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.col}: ` : '';
    io.err(`${c.red('error:')} ${where}${e.message}`);
    if (e.hint) io.err(`${c.dim('hint:')} ${e.hint}`);
    if (e instanceof ModelError && e.trace) {
      io.err(`the state where it happened was reached by:`);
      for (const l of formatTrace(e.trace as PrintableStep[], c)) io.err(l);
    }
    return e.exitCode;
  }
  io.err(`${c.red('internal error:')} ${(e as Error)?.stack ?? String(e)}`);
  io.err('This is a bug in consensus-lab; please report it with the command that caused it.');
  return ExitCode.Internal;
}
