// Reading a trace file (clab JSON or ITF) with limits, because a trace is data that travels: only a regular
// file (not /dev/zero, a FIFO or a folder), at most MAX_TRACE_BYTES of it, parsed as JSON whose nesting
// is at most MAX_TRACE_DEPTH deep (deeper values would overflow the stack of every recursive printer).
// Every refusal is a ClabError (exit 2) that says which limit was hit.

import { readBounded } from '../bounded-read.ts';
import { ClabError } from '../errors.ts';
import { safeText } from './safe-text.ts';

/** The largest trace file read: far above any counterexample clab writes (those are kilobytes). */
export const MAX_TRACE_BYTES = 64 * 1024 * 1024;
/** The deepest nesting of arrays and objects accepted in a trace. */
export const MAX_TRACE_DEPTH = 100;

const TRACE_HINT = 'a trace file is what `clab check` writes under clab-traces/ (or an ITF .itf.json file)';

const MiB = (n: number) => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

function notRegular(file: string, kind: string): ClabError {
  return new ClabError(`'${file}' is ${kind}, not a trace file`, `give the path of a regular file; ${TRACE_HINT}`);
}

function tooLarge(file: string): ClabError {
  return new ClabError(`'${file}' is larger than ${MiB(MAX_TRACE_BYTES)}, the most clab reads from a trace file`, TRACE_HINT);
}

/** The text of a trace file, refusing non-regular and oversized files. */
export function readTraceText(file: string): string {
  const read = readBounded(file, MAX_TRACE_BYTES);
  if ('bytes' in read) return read.bytes.toString('utf8');
  switch (read.refused) {
    case 'not-regular':
      throw notRegular(file, read.kind);
    case 'too-large':
      throw tooLarge(file);
    case 'missing':
      throw new ClabError(`cannot read trace file '${file}'`, 'check the path');
    case 'error':
      throw new ClabError(`cannot read trace file '${file}'${read.code ? ` (${read.code})` : ''}`, 'check the path and its permissions');
  }
}

/** Throws when `data` nests arrays and objects deeper than MAX_TRACE_DEPTH (checked without recursion). */
export function checkDepth(data: unknown, what: string): void {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_TRACE_DEPTH) {
      throw new ClabError(`${what}: values are nested more than ${MAX_TRACE_DEPTH} levels deep`, `clab reads traces nested at most ${MAX_TRACE_DEPTH} levels deep; ${TRACE_HINT}`);
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x !== null && typeof x === 'object') stack.push([x, depth + 1]);
  }
}

/** Reads, parses and depth-checks a trace file; `hint` says what the file should have been. */
export function readTraceJson(file: string, hint = TRACE_HINT): unknown {
  const text = readTraceText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error, which is the file's: made safe to print.
    throw new ClabError(`${file}: not valid JSON (${safeText((e as Error).message)})`, hint);
  }
  checkDepth(data, file);
  return data;
}
