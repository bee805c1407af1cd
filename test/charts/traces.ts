// The traces the chart tests draw, made by `clab check` into a temporary folder: OM with two traitor
// lieutenants (n=4 m=2: a step sent by L3 and L2 together, lieutenant L1 never acting), and the user model
// test/fixtures/ping-pong.ts (a reply sent inside a receive step, unlabelled); and the committed Paxos one.

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { fromTraceFile, type ShownTrace } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';

export const root = resolve(import.meta.dirname, '../..');

/** The trace `clab check <args>` saves (it must find a violation). */
export async function checkedTrace(args: readonly string[]): Promise<ShownTrace> {
  const out = mkdtempSync(join(tmpdir(), 'clab-chart-'));
  const code = await main(['check', ...args, '--quiet', '--out', out], memoryIo(root));
  if (code !== 1) throw new Error(`clab check ${args.join(' ')} exited ${code}, not 1`);
  const [file] = readdirSync(out);
  return fromTraceFile(loadTrace(join(out, file)));
}

export const omTrace = () => checkedTrace(['om', '--const', 'n=4', '--const', 'm=2']);
export const pingPongTrace = () => checkedTrace(['test/fixtures/ping-pong.ts', '--no-typecheck']);
export const paxosTrace = () => fromTraceFile(loadTrace(join(root, 'counterexamples/paxos-ignore-accepted-agreement.json')));
