// Test runner settings. Every test gets 60 s: at least 5x the slowest test's time on a busy two-core
// machine (Paxos A3 P2 B4, 3.1M states: 8.6 s with the suite running); tests that take more than a second
// also state their own timeout next to them. Speed is measured by `npm run bench`, never by a test.
// Two test files at a time even on two cores: vitest's default is one fewer than the cores (one file at a
// time here), and many of the slow files mostly wait (child processes, the type checker, watchdog grace
// periods), so a second file in parallel cut the suite from 224 s to 109 s on a two-core machine, and a
// third (the sandboxed grader's child processes, npm in the package test) from 184 s to 170 s; four: 179 s.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: Math.max(3, availableParallelism() - 1),
  },
});
