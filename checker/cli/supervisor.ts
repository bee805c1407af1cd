// The clab process's main thread: it runs the command in a worker thread (cli-worker.ts) and watches it.
// A search is a synchronous loop and a user's model may never return from next(), so neither a signal
// handler nor a timer could run in the thread that searches. Here they can:
//   - the first SIGINT/SIGTERM asks the search to stop (the shared stop word, search/interrupt.ts): it
//     stops at its next periodic check and the command prints its usual report, "incomplete:
//     interrupted", exit 3; if it does not stop within STOP_GRACE_MS (the model is stuck) the thread is
//     ended and the report is printed here from the last published figures; a second signal ends at once;
//   - with --time-limit, a search still running STOP_GRACE_MS past its limit (stuck in the model's code,
//     which its own deadline check cannot interrupt) is ended the same way: "incomplete: time limit".
// The thread's output reaches the terminal line by line, in order, through this thread.

import { Worker } from 'node:worker_threads';
import { ExitCode } from '../errors.ts';
import { newStopWord, requestStop } from '../search/interrupt.ts';
import { colourLevel, terminalSafe } from './io.ts';
import { PROGRESS_WORDS, type WatchHeader } from './watch.ts';

/** How long a search may take to notice a stop request before its thread is ended. */
export const STOP_GRACE_MS = 2000;

export interface WorkerData {
  readonly argv: readonly string[];
  readonly stop: SharedArrayBuffer;
  readonly figures: SharedArrayBuffer;
  readonly stderrIsTTY: boolean;
  readonly colour: 0 | 1;
}

export type FromCli =
  | { type: 'out' | 'err'; line: string }
  | { type: 'progress'; line: string | null }
  | { type: 'started'; header: WatchHeader }
  | { type: 'finished' }
  | { type: 'done'; code: number };

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function supervise(argv: readonly string[]): Promise<number> {
  const stop = newStopWord();
  const figures = new Float64Array(new SharedArrayBuffer(PROGRESS_WORDS * 8));
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  const data: WorkerData = { argv, stop: stop.buffer as SharedArrayBuffer, figures: figures.buffer as SharedArrayBuffer, stderrIsTTY, colour: colourLevel(Boolean(process.stdout.isTTY)) };
  const worker = new Worker(new URL('./cli-worker-entry.mjs', import.meta.url), { workerData: data, stdout: false, stderr: false });
  const started = performance.now();
  let header: WatchHeader | undefined;
  let searching = false;
  /** The search is over and the command is writing its report. */
  let reporting = false;
  let progressShown = false;
  let settled = false;
  let signals = 0;
  let threadEnded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const clearProgress = () => {
    if (progressShown) process.stderr.write('\r\x1b[K');
    progressShown = false;
  };

  return new Promise<number>((resolveExit) => {
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      const resolveEnd = () => {
        for (const s of Object.keys(SIGNAL_CODES)) process.removeListener(s, onSignal);
        resolveExit(code);
      };
      clearTimeout(timer);
      // Everything the command printed has arrived (messages keep their order); anything it left running
      // (a server, a timer) ends with the thread.
      void worker.terminate();
      // A thread stuck inside Node's own native code (a recursive mkdir under /proc never returns) cannot
      // be ended, and it keeps the process alive for ever: process.exit() waits for it too. If the thread
      // has not ended a moment later, the process kills itself (the report is written by then).
      if (threadEnded) return resolveEnd();
      const stuck = setTimeout(() => {
        process.stderr.write("error: the command's thread is stuck in native code and cannot be stopped; ending the process (exit 137)\n");
        process.kill(process.pid, 'SIGKILL');
      }, STOP_GRACE_MS);
      stuck.unref();
      worker.once('exit', () => clearTimeout(stuck));
      resolveEnd();
    };

    /** Ends the thread and reports what the search had done, when it cannot report itself. */
    const forceStop = (why: 'interrupted' | 'time-limit', detail: string, fallbackCode: number) => {
      void worker.terminate();
      clearProgress();
      if (header && searching) {
        for (const l of fallbackReport(header, why, detail, figures, (performance.now() - started) / 1000)) process.stdout.write(l + '\n');
        finish(ExitCode.Incomplete);
      } else finish(fallbackCode);
    };

    const onSignal = (signal: keyof typeof SIGNAL_CODES) => {
      signals++;
      if (signals > 1 || !searching) {
        // After the search the report runs the model's code too (explain(), show()): one that never
        // returns is ended here, and the user told why the report stops short (its trace is saved by then).
        if (reporting && signals === 1) {
          clearProgress();
          process.stderr.write(`stopped by ${signal} while the report was being written (the model's explain() or show() may not return)\n`);
        }
        forceStop('interrupted', `${signal} received again`, SIGNAL_CODES[signal]);
        return;
      }
      requestStop('interrupted', stop);
      clearTimeout(timer);
      timer = setTimeout(() => forceStop('interrupted', `the model did not return within ${STOP_GRACE_MS / 1000} s of ${signal}`, SIGNAL_CODES[signal]), STOP_GRACE_MS);
    };
    for (const s of Object.keys(SIGNAL_CODES) as (keyof typeof SIGNAL_CODES)[]) process.on(s, onSignal);

    worker.on('message', (m: FromCli) => {
      switch (m.type) {
        case 'out':
          clearProgress();
          process.stdout.write(terminalSafe(m.line) + '\n');
          break;
        case 'err':
          clearProgress();
          process.stderr.write(terminalSafe(m.line) + '\n');
          break;
        case 'progress':
          if (!stderrIsTTY) break;
          if (m.line === null) clearProgress();
          else {
            process.stderr.write('\r\x1b[K' + terminalSafe(m.line));
            progressShown = true;
          }
          break;
        case 'started':
          // Sent once the options are read (loading a model runs its code too) and again, complete, once
          // the model is configured; the watchdog's clock starts with the first.
          if (header?.timeLimit === undefined && m.header.timeLimit !== undefined && signals === 0) {
            // Past the limit, a search that checks its own deadline has stopped. One that has not is asked
            // to (a phase without a deadline of its own), then ended.
            const limitMs = m.header.timeLimit * 1000;
            timer = setTimeout(() => {
              requestStop('time-limit', stop);
              timer = setTimeout(
                () => forceStop('time-limit', `the model had not returned ${(STOP_GRACE_MS * 1.5) / 1000} s past the ${m.header.timeLimit} s limit`, ExitCode.Incomplete),
                STOP_GRACE_MS,
              );
            }, limitMs + STOP_GRACE_MS / 2);
          }
          header = m.header;
          searching = true;
          break;
        case 'finished':
          searching = false;
          reporting = true;
          clearTimeout(timer);
          break;
        case 'done':
          clearProgress();
          finish(m.code);
          break;
      }
    });
    worker.on('error', (e) => {
      clearProgress();
      process.stderr.write(`internal error: ${e?.stack ?? String(e)}\nThis is a bug in consensus-lab; please report it with the command that caused it.\n`);
      finish(ExitCode.Internal);
    });
    worker.on('exit', (code) => {
      threadEnded = true;
      if (settled) return;
      clearProgress();
      process.stderr.write(`internal error: the command's thread ended (exit code ${code}) without a result\n`);
      finish(ExitCode.Internal);
    });
  });
}

/** The report of a search whose thread had to be ended: the header it sent and its last figures. */
export function fallbackReport(header: WatchHeader, why: 'interrupted' | 'time-limit', detail: string, figures: Float64Array, elapsed: number): string[] {
  const [distinct, generated, depth] = figures;
  const n = (x: number) => x.toLocaleString('en-US');
  if (header.json) {
    return [JSON.stringify({ ...header.json0, result: 'incomplete', bound: why, stoppedBy: 'watchdog', detail, distinctStates: distinct, statesGenerated: generated, depth, seconds: Math.round(elapsed * 1000) / 1000 })];
  }
  return [
    ...header.lines,
    '',
    `? incomplete: ${why === 'interrupted' ? 'interrupted' : 'time limit'} (${detail}; the search was stopped by the watchdog); no violation found in the part explored`,
    `at least ${n(distinct)} distinct states, ${n(generated)} generated, depth ${depth}, ${elapsed.toFixed(2)} s (figures from the last progress report)`,
  ];
}
