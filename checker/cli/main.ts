// The clab command line: parses the subcommand and hands over to it. User errors (ClabError) print as
// "error: ..." with a location and hint, never a stack trace, and exit with their code. Help and the
// version are answered here, once for every command: `clab <command> --help` (or -h) and `clab help
// <command>` print that command's usage, `clab --help` the command list and exit codes, `clab --version`
// (-V, `version`) the package's version.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClabError, ExitCode, ModelError, suggest } from '../errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { formatTrace, type PrintableStep } from '../trace/format.ts';
import { processIo, type Io } from './io.ts';
import { checkUsage, runCheck } from './commands/check.ts';
import { listUsage, runList } from './commands/list.ts';
import { replayUsage, runReplay } from './commands/replay.ts';

type Command = (args: readonly string[], io: Io) => Promise<number>;

interface Entry {
  readonly run: Command;
  readonly summary: string;
  /** The command's usage and options; commands other than the common ones are loaded only when asked. */
  readonly usage: () => Promise<string>;
}

const commands = new Map<string, Entry>(Object.entries({
  list: { run: runList, summary: 'list the shipped models, their variants, constants, views and invariants', usage: async () => listUsage },
  check: { run: runCheck, summary: 'check the invariants of a model or spec exhaustively (breadth-first)', usage: async () => checkUsage },
  replay: { run: runReplay, summary: 're-execute a saved counterexample against its model', usage: async () => replayUsage },
  parse: { run: async (a, io) => (await import('./commands/parse.ts')).runParse(a, io), summary: 'check a .spec file without searching and print it normalised (or its errors)', usage: async () => (await import('./commands/parse.ts')).parseUsage },
  show: { run: async (a, io) => (await import('./commands/show.ts')).runShow(a, io), summary: 'print a saved trace (steps, --table, --full) or write it as SVG/HTML chart or ITF', usage: async () => (await import('./commands/show.ts')).showUsage },
  sweep: { run: async (a, io) => (await import('./commands/sweep.ts')).runSweep(a, io), summary: 'check every combination of swept constants (e.g. --param n=3..7 --param m=1..2) and print a verdict table', usage: async () => (await import('./commands/sweep.ts')).sweepUsage },
  explore: { run: async (a, io) => (await import('./commands/explore.ts')).runExplore(a, io), summary: 'step through a model interactively in a local web page', usage: async () => (await import('./commands/explore.ts')).exploreUsage },
  valence: { run: async (a, io) => (await import('./commands/valence.ts')).runValence(a, io), summary: 'FLP valence analysis: which decisions each reachable configuration can still reach, bivalent initial configurations', usage: async () => (await import('./commands/valence.ts')).valenceUsage },
  cost: { run: async (a, io) => (await import('./commands/cost.ts')).runCost(a, io), summary: 'the cost of fault tolerance: replicas per fault bound, messages and message delays to a decision, failure-free and worst case', usage: async () => (await import('./commands/cost.ts')).costUsage },
  init: { run: async (a, io) => (await import('./commands/init.ts')).runInit(a, io), summary: 'write a model folder of your own (model, spec, tests) that installs this version of consensus-lab', usage: async () => (await import('./commands/init.ts')).initUsage },
  simulate: { run: async (a, io) => (await import('./commands/simulate.ts')).runSimulate(a, io), summary: 'random walks from a seed (--runs, --depth, --swarm on several threads); finds bugs, proves nothing (no violation: exit 3)', usage: async () => (await import('./commands/simulate.ts')).simulateUsage },
  grade: { run: async (a, io) => (await import('./commands/grade.ts')).runGrade(a, io), summary: 'grade a submission (or --batch a folder of them) against an exercise: points and feedback per check', usage: async () => (await import('./commands/grade.ts')).gradeUsage },
  exercise: { run: async (a, io) => (await import('./commands/exercise.ts')).runExercise(a, io), summary: "exercise export: write the student's copy of an exercise (no solution, no hidden checks)", usage: async () => (await import('./commands/exercise.ts')).exerciseUsage },
} satisfies Record<string, Entry>));

export const usage = () =>
  [
    'usage: clab <command> [options]',
    "       clab <command> --help    (or -h, or clab help <command>) the command's usage and options",
    '       clab --version           (or -V) the version',
    '',
    'commands:',
    ...[...commands].map(([k, c]) => `  ${k.padEnd(10)} ${c.summary}`),
    '',
    'exit codes:',
    '  0  holds: every checked property holds and the search was complete',
    '  1  violation: a property is violated (the trace is printed and saved)',
    "  2  bad input: usage, unknown names, bad values or files, a model that breaks the API's rules",
    '  3  incomplete: a bound (states, depth, time, memory) was hit or the run was interrupted, and no',
    '     violation was found; `simulate` whenever it finds none (a sample is not a proof)',
    '  4  internal error: a bug in consensus-lab',
  ].join('\n');

export function registerCommand(name: string, summary: string, run: Command, usageText = `usage: clab ${name}`): void {
  commands.set(name, { run, summary, usage: async () => usageText });
}

/** The version in consensus-lab's package.json, found from the package's location (not the cwd). */
export function version(): string {
  const file = join(PACKAGE_ROOT, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** A help request among a command's arguments (before a `--` that ends the options). */
function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

function unknownCommand(cmd: string, io: Io): number {
  io.err(`${io.chalk.red('error:')} unknown command '${cmd}'`);
  io.err(`${io.chalk.dim('hint:')} ${suggest(cmd, [...commands.keys()], 'commands')}; clab --help lists them`);
  return ExitCode.BadInput;
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined) {
      io.err(`${io.chalk.red('error:')} no command given`);
      io.err(usage());
      return ExitCode.BadInput;
    }
    if (cmd === '--help' || cmd === '-h') {
      io.out(usage());
      return ExitCode.Holds;
    }
    if (cmd === '--version' || cmd === '-V' || cmd === 'version') {
      io.out(`consensus-lab ${version()}`);
      return ExitCode.Holds;
    }
    if (cmd === 'help') {
      if (rest.length === 0) {
        io.out(usage());
        return ExitCode.Holds;
      }
      if (rest.length > 1) throw new ClabError(`help takes one command, got ${rest.length}: ${rest.join(' ')}`, 'e.g. clab help check');
      const entry = commands.get(rest[0]);
      if (!entry) return unknownCommand(rest[0], io);
      io.out(await entry.usage());
      return ExitCode.Holds;
    }
    const entry = commands.get(cmd);
    if (!entry) return unknownCommand(cmd, io);
    if (asksForHelp(rest)) {
      io.out(await entry.usage());
      return ExitCode.Holds;
    }
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
