#!/usr/bin/env node
// The `clab` command: registers tsx's loader so the TypeScript sources run as they are, then starts the CLI.
import { register } from 'tsx/esm/api';

// A closed pipe (`clab list | head`) ends the output quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register();
const { main } = await import('../checker/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
