#!/usr/bin/env -S node --single-threaded-gc
// The `clab` command: registers tsx's loader (so that a checkout's TypeScript sources and a user's .ts
// model files run as they are), then runs the CLI (the sources in a checkout, the compiled JavaScript in
// dist/ in an installed package, which has no sources) in a worker thread under the supervisor
// (checker/cli/supervisor.ts), which handles Ctrl-C and stops a model stuck past --time-limit while still
// printing the run's report.
// --single-threaded-gc (in the line above): garbage collection on the thread that allocates. V8's parallel
// scavenger hands work to helper threads, which, with as many search threads as cores (--workers 2 on two
// cores), only take cores from the search: measured, GC time per worker halves and TwoPhase(8) on two
// workers gains 1-3%; one core is unaffected.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

// A closed pipe (`clab list | head`) ends the output quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register();
const source = new URL('../checker/cli/supervisor.ts', import.meta.url);
const { supervise } = await import(existsSync(source) ? source.href : new URL('../dist/checker/cli/supervisor.js', import.meta.url).href);
process.exitCode = await supervise(process.argv.slice(2));
