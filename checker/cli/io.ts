// Where the CLI writes: stdout for results, stderr for progress and errors. Injected so that tests can run
// commands in-process and read what they printed. Colour follows the terminal: plain when stdout is not a
// TTY or NO_COLOR is set, forced with FORCE_COLOR.

import { Chalk, type ChalkInstance } from 'chalk';
import type { SearchWatch } from './watch.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the live progress line on stderr (no-op when stderr is not a terminal). */
  progress(line: string | null): void;
  readonly stderrIsTTY: boolean;
  readonly chalk: ChalkInstance;
  readonly cwd: string;
  /** Set when a supervisor watches the command (supervisor.ts): a search reports its header and figures. */
  readonly watch?: SearchWatch;
}

export function colourLevel(isTTY: boolean, env: NodeJS.ProcessEnv = process.env): 0 | 1 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return 1;
  return isTTY ? 1 : 0;
}

export function processIo(): Io {
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  let progressShown = false;
  return {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    progress(line) {
      if (!stderrIsTTY) return;
      if (line === null) {
        if (progressShown) process.stderr.write('\r\x1b[K');
        progressShown = false;
      } else {
        process.stderr.write('\r\x1b[K' + line);
        progressShown = true;
      }
    },
    stderrIsTTY,
    chalk: new Chalk({ level: colourLevel(Boolean(process.stdout.isTTY)) }),
    cwd: process.cwd(),
  };
}

/** An Io that records lines, for tests. */
export function memoryIo(cwd = process.cwd()): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), progress: () => {}, stderrIsTTY: false, chalk: new Chalk({ level: 0 }), cwd };
}
