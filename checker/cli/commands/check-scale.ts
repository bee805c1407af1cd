// The scale options of `clab check`: --workers N (parallel search on worker threads), --memory SIZE (a
// budget the search stops cleanly before) and --symmetry. Kept apart from check.ts, which only chains
// the stages: this decides which search strategy runs, from the options it names in ScaleOptions (so it
// does not import check.ts, which imports it).

import { availableParallelism } from 'node:os';
import { ClabError } from '../../errors.ts';
import { intOption } from '../options.ts';
import { parallelBfs } from '../../search/parallel/parallel-bfs.ts';
import { parseBytes } from '../../search/memory.ts';
import type { SearchResult } from '../../search/types.ts';
import { canonicalizer } from '../../state/symmetry.ts';
import type { Io } from '../io.ts';
import type { Configured } from '../../load/configure.ts';

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
 * The parallel search when --workers > 1 and the model can decode its states; otherwise `sequential()`.
 * Witness targets (`sometimes`) and --all-violations need the sequential search. The parallel search
 * runs the single-core search itself where its answer would differ (search/parallel/parallel-bfs.ts).
 */
export async function searchFast(cfg: Configured, opts: ScaleOptions, io: Io, sequential: () => SearchResult<unknown>): Promise<SearchResult<unknown>> {
  if (!opts.workers || opts.workers <= 1) return sequential();
  const why =
    typeof cfg.instance.decode !== 'function'
      ? 'the model has no decode()'
      : cfg.properties.witnesses.length > 0
        ? 'the spec has reachability (sometimes) targets'
        : opts.allViolations
          ? '--all-violations needs the sequential search'
          : opts.freeze
            ? '--debug-freeze needs the sequential search'
            : undefined;
  if (why) {
    if (!opts.quiet) io.err(`note: --workers ignored (${why}); searching on one core`);
    return sequential();
  }
  const showProgress = !opts.quiet && io.stderrIsTTY;
  let onOneCore = false;
  let nextLine = 1;
  try {
    return await parallelBfs(
      cfg.instance,
      { target: opts.target, cwd: io.cwd, consts: opts.consts, variant: opts.variant, only: opts.invariants, symmetry: opts.symmetry },
      {
        workers: opts.workers,
        invariants: cfg.properties.invariants,
        maxStates: opts.maxStates ?? cfg.plan.bounds?.maxStates,
        maxDepth: opts.maxDepth ?? cfg.plan.bounds?.maxDepth,
        timeLimit: opts.timeLimit,
        memoryBudget: opts.memoryBudget,
        canonical: opts.symmetry ? canonicalizer(cfg.instance) : undefined,
        onSingleCore: (why) => {
          onOneCore = true;
          // A worker reports an exception but not how its state was reached. Models are deterministic, so
          // the single-core search meets the same exception and reports it with the trace (and throws it).
          if (why === 'model-error' && !opts.quiet) io.err('note: the model failed in a worker thread (an exception or a malformed result); searching again on one core to show where');
        },
        onProgress: (p) => {
          io.watch?.progress(p);
          if (!showProgress) return;
          if (!onOneCore) io.progress(`${p.distinctStates.toLocaleString('en-US')} states  depth ${p.depth}  ${p.seconds.toFixed(0)}s  (${opts.workers} workers)`);
          else if (p.seconds >= nextLine) {
            // The single-core search reports about every thousand expansions: a line a second.
            nextLine = Math.floor(p.seconds) + 1;
            io.progress(`${p.distinctStates.toLocaleString('en-US')} states  depth ${p.depth}  ${p.seconds.toFixed(0)}s  (one core, for the single-core counts and trace)`);
          }
        },
      },
    );
  } finally {
    io.progress(null);
  }
}
