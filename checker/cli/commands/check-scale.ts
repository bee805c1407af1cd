// The scale options of `clab check`: --workers N (parallel search on worker threads), --memory SIZE (a
// budget the search stops cleanly before) and --symmetry, their limits, and what the search tells the
// user while it runs (progress line, notes). Kept apart from check.ts, which only chains the stages; the
// strategy itself is chosen by the search's entry point (search/search.ts).

import { availableParallelism } from 'node:os';
import { ClabError } from '../../errors.ts';
import { intOption } from '../options.ts';
import { parseBytes } from '../../search/memory.ts';
import type { SearchRequest } from '../../search/search.ts';
import type { Io } from '../io.ts';

/** The smallest --memory budget: the process itself (Node, the loaded sources, two threads) takes about 100 MiB. */
export const MIN_MEMORY_BUDGET = 256 * 2 ** 20;
/** The most --workers: each thread loads its own copy of the model and takes 30-60 MiB before any state. */
export const MAX_WORKERS = 32;

export function memoryOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const bytes = parseBytes(text);
  if (bytes === undefined) throw new ClabError(`--memory expects a size such as 8GiB, 512MiB or 2G, got '${text}'`);
  if (bytes < MIN_MEMORY_BUDGET) throw new ClabError(`--memory ${text} is below the minimum of 256MiB`, 'the process itself takes about 100 MiB before it stores a state; give at least --memory 256MiB');
  return bytes;
}

/** --workers N: 1..MAX_WORKERS; more threads than cores is allowed but only slows the search, so it says so. */
export function workersOption(text: string | undefined, io: Io): number | undefined {
  const n = intOption('--workers', text, 1);
  if (n === undefined) return undefined;
  if (n > MAX_WORKERS) throw new ClabError(`--workers ${n} is above the maximum of ${MAX_WORKERS}`, `this machine has ${availableParallelism()} cores; --workers ${availableParallelism()} uses them all`);
  if (n > availableParallelism()) io.err(`${io.chalk.yellow('warning:')} --workers ${n} is more than this machine's ${availableParallelism()} cores: the threads will take turns, which is slower than --workers ${availableParallelism()}`);
  return n;
}

/** The options of `clab check` the choice of strategy and the parallel search read. */
export interface ScaleOptions {
  readonly target: string;
  readonly variant?: string;
  readonly consts: readonly string[];
  readonly invariants: readonly string[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimit?: number;
  readonly quiet: boolean;
  readonly freeze: boolean;
  readonly allViolations?: boolean;
  readonly workers?: number;
  readonly memoryBudget?: number;
  readonly symmetry?: boolean;
}

/**
 * What the search tells the user while it runs: the progress line (once a second, on a terminal) and the
 * watchdog's figures, and a note when --workers cannot be honoured or the single-core search gives the
 * answer (search/search.ts).
 */
export function progressAndNotes(opts: ScaleOptions, io: Io): Pick<SearchRequest<unknown>, 'onProgress' | 'onNote'> {
  const showProgress = !opts.quiet && io.stderrIsTTY;
  let oneCore = !opts.workers || opts.workers <= 1;
  let nextLine = 1;
  return {
    onProgress: (p) => {
      io.watch?.progress(p);
      if (!showProgress) return;
      // The parallel search reports every level; the single-core search about every thousand
      // expansions, so its line is rewritten once a second.
      if (!oneCore) io.progress(`${p.distinctStates.toLocaleString('en-US')} states  depth ${p.depth}  ${p.seconds.toFixed(0)}s  (${opts.workers} workers)`);
      else if (p.seconds >= nextLine) {
        nextLine = Math.floor(p.seconds) + 1;
        const rate = Math.round(p.distinctStates / p.seconds).toLocaleString('en-US');
        io.progress(`${p.distinctStates.toLocaleString('en-US')} states  ${rate}/s  queue ${p.queue.toLocaleString('en-US')}  depth ${p.depth}  ${p.seconds.toFixed(0)}s`);
      }
    },
    onNote: (note) => {
      oneCore = true;
      if (opts.quiet) return;
      if (note.kind === 'one-core') io.err(`note: --workers ignored (${note.why}); searching on one core`);
      // A worker reports an exception but not how its state was reached. Models are deterministic, so
      // the single-core search meets the same exception and reports it with the trace (and throws it).
      else if (note.why === 'model-error') io.err('note: the model failed in a worker thread (an exception or a malformed result); searching again on one core to show where');
    },
  };
}
