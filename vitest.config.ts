// Test runner settings. Every test gets 60 s: at least 5x the slowest test's time on a busy two-core
// machine (Paxos A3 P2 B4, 3.1M states: 8.6 s with the suite running); tests that take more than a second
// also state their own timeout next to them. Speed is measured by `npm run bench`, never by a test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
