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

/** Colour codes (SGR: ESC [ digits m), or a control character other than tab and newline. */
// eslint-disable-next-line no-control-regex
const COLOUR_OR_CONTROL = /\x1b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line as it may reach a terminal: colour codes pass, every other control character (and bidi override)
 * is written as a `\u` escape, which is also what it means inside a JSON string. The last line of defence:
 * trace data is already made safe where it is formatted (trace/format.ts), but a model's name, a spec's
 * text or a file name in an error message reach the screen too.
 */
export function terminalSafe(line: string): string {
  return line.replace(COLOUR_OR_CONTROL, (m) => (m.length > 1 ? m : `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`));
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
    out: (l) => process.stdout.write(terminalSafe(l) + '\n'),
    err: (l) => process.stderr.write(terminalSafe(l) + '\n'),
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
