#!/usr/bin/env node
// The `clab` command: registers tsx's loader so the TypeScript sources run as they are, then starts the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../checker/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
