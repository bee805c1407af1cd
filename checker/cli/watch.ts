// What a running search tells the thread that watches it (checker/cli/supervisor.ts), so that a report
// can still be printed when the search must be stopped from outside: the report's header (model,
// constants, properties) when the search starts, its latest figures about once a second, and the moment
// its verdict is known (after which the watchdog leaves it alone to print and save).

import type { Progress } from '../search/types.ts';

export interface WatchHeader {
  /** The run's --json flag: the fallback report is then one JSON object. */
  readonly json: boolean;
  /** Seconds the user allowed (--time-limit), if any: the watchdog stops a search stuck past it. */
  readonly timeLimit?: number;
  /** The human report's first lines (model, constants, properties). */
  readonly lines: readonly string[];
  /** The JSON report's identifying fields (model, variant, constants, invariants). */
  readonly json0: Readonly<Record<string, unknown>>;
}

export interface SearchWatch {
  started(header: WatchHeader): void;
  progress(p: Progress): void;
  /** The verdict is known: from here on the command only prints and saves. */
  finished(): void;
}

/** Progress figures as a shared Float64Array: [distinct, generated, depth, seconds]. */
export const PROGRESS_WORDS = 4;
