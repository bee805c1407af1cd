// Printing actions, values and traces for people: `p1 sends 2a(b=3, v=1)`, and per step only the fields
// that changed (`a1.maxBal: 0 → 3`, `+ msgs 2a(b=3, v=1)`). Colour comes from the chalk instance passed in,
// so callers decide (plain when not a terminal or NO_COLOR is set).
//
// Every string that comes from a trace or a model (labels, actors, message fields, state keys and values)
// passes through safeText (safe-text.ts) before it is printed; values and labels are formatted in
// values.ts, which this file re-exports.

import type { ChalkInstance } from 'chalk';
import { elide, elideValue } from './elide.ts';
import { backEdgeText, CYCLE_BAR, loopText } from './loop-text.ts';
import { safeText } from './safe-text.ts';
import { formatAction, formatValue, isMessage, type PrintableStep } from './values.ts';

export { safeText } from './safe-text.ts';
export { formatAction, formatMessage, formatValue, isMessage, type PrintableStep } from './values.ts';

export interface Change {
  readonly path: string;
  readonly kind: 'changed' | 'added' | 'removed';
  readonly before?: unknown;
  readonly after?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isMessage(v);
const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/**
 * The changes from one shown state to the next: nested records are compared field by field, arrays of
 * scalars of equal length index by index, other arrays (sets of messages, logs) as added/removed elements.
 */
export function diffStates(before: unknown, after: unknown, path = ''): Change[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    // Own fields only: a key named `constructor` in one state is not Object's constructor in the other.
    const own = (o: Record<string, unknown>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
    return keys.flatMap((k) => diffStates(own(before, k), own(after, k), path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length === after.length && before.every(isScalar) && after.every(isScalar)) {
      return before.flatMap((b, i) => (b === after[i] ? [] : [{ path: `${path}[${i}]`, kind: 'changed' as const, before: b, after: after[i] }]));
    }
    // Per-process records in a list (not messages): compare position by position.
    if (before.length === after.length && before.every(isPlainObject) && after.every(isPlainObject)) {
      return before.flatMap((b, i) => diffStates(b, after[i], `${path}[${i}]`));
    }
    const key = (x: unknown) => JSON.stringify(x);
    const had = new Set(before.map(key));
    const has = new Set(after.map(key));
    return [
      ...after.filter((x) => !had.has(key(x))).map((x) => ({ path, kind: 'added' as const, after: x })),
      ...before.filter((x) => !has.has(key(x))).map((x) => ({ path, kind: 'removed' as const, before: x })),
    ];
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, kind: 'changed', before, after }];
}

export function formatChange(c: Change, chalk: ChalkInstance, width = Infinity): string {
  // The path is made of state keys (diffStates keeps them raw, as callers compare them with the state's).
  const path = safeText(c.path);
  // Values share what the line has left after the path and the markers.
  const room = Math.max(8, width - path.length - 6);
  const val = (v: unknown, max: number) => (Number.isFinite(max) ? elideValue(v, max) : formatValue(v));
  switch (c.kind) {
    case 'added':
      return `${chalk.green('+')} ${path} ${chalk.green(val(c.after, room))}`;
    case 'removed':
      return `${chalk.red('-')} ${path} ${chalk.red(val(c.before, room))}`;
    case 'changed':
      return `  ${path}: ${chalk.dim(val(c.before, Math.floor(room / 2) - 1))} → ${chalk.bold(val(c.after, Math.ceil(room / 2) - 1))}`;
  }
}

export interface TraceFormatOptions {
  /** Longest line wanted (characters); long values are elided to fit. Default: no limit. */
  readonly width?: number;
  /** Lassos: the step where the repeating part starts (marked in the list). */
  readonly loopStart?: number;
}

/** A numbered step list: the initial state in full, then each action with only what changed. */
export function formatTrace(steps: readonly PrintableStep[], chalk: ChalkInstance, opts: TraceFormatOptions = {}): string[] {
  const width = opts.width ?? Infinity;
  const fit = (text: string, used: number) => (Number.isFinite(width) ? elide(text, width - used) : text);
  const lines: string[] = [];
  const fitLoop = (text: string) => (Number.isFinite(width) ? elide(text, width) : text);
  steps.forEach((st, i) => {
    if (i === opts.loopStart) lines.push(chalk.magenta(fitLoop(`    ↻ loop starts here: ${loopText(i, steps.length - 1)}`)));
    if (i === 0) {
      lines.push(chalk.bold('Step 0') + '  initial state');
      for (const [key, v] of Object.entries(st.state)) {
        const k = safeText(key);
        lines.push(`    ${k} = ${Number.isFinite(width) ? elideValue(v, Math.max(1, width - k.length - 7)) : formatValue(v)}`);
      }
      return;
    }
    // A lasso's cycle: each step's line starts with a bar, as `clab check` prints it.
    const bar = opts.loopStart !== undefined && i > opts.loopStart ? chalk.magenta(CYCLE_BAR) : '';
    const used = `${bar ? CYCLE_BAR : ''}Step ${i}  `.length;
    lines.push(`${bar}${chalk.bold(`Step ${i}`)}  ${chalk.cyan(fit(formatAction(st.action!), used))}`);
    const changes = diffStates(steps[i - 1].state, st.state);
    if (changes.length === 0) lines.push(chalk.dim('    (no change)'));
    for (const c of changes) lines.push('  ' + formatChange(c, chalk, width - 2));
  });
  if (opts.loopStart !== undefined && steps.length > 0) lines.push(chalk.magenta(fitLoop(backEdgeText(opts.loopStart, steps.length - 1))));
  return lines;
}
