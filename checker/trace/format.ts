// Printing actions, values and traces for people: `p1 sends 2a(b=3, v=1)`, and per step only the fields
// that changed (`a1.maxBal: 0 → 3`, `+ msgs 2a(b=3, v=1)`). Colour comes from the chalk instance passed in,
// so callers decide (plain when not a terminal or NO_COLOR is set).
//
// Every string that comes from a trace or a model (labels, actors, message fields, state keys and values)
// passes through safeText here before it is printed: a trace is data that travels, and an escape sequence
// in it must not reach the terminal (or an SVG/HTML file, where C0 controls are not even valid XML).

import type { ChalkInstance } from 'chalk';
import type { Action, MessageLabel } from '../model.ts';
import { elide, elideValue } from './elide.ts';
import { loopText } from './shown-trace.ts';

/**
 * Characters that must not reach a terminal verbatim: C0 controls (ESC starts CSI/OSC sequences, CR and
 * newline can overwrite or fake lines), DEL, C1 controls (0x9b is a one-byte CSI), the bidirectional
 * formatting characters (an override reorders what follows) and the line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** `s` with each unsafe character written as an escape: `\x1b`, `\x9b`, `\u202e`. Idempotent. */
export function safeText(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE_ALL, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

export function isMessage(v: unknown): v is MessageLabel {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === 'string';
}

export function formatMessage(m: MessageLabel): string {
  const fields = Object.entries(m)
    .filter(([k, v]) => k !== 'type' && v !== undefined)
    .map(([k, v]) => `${safeText(k)}=${formatValue(v)}`);
  return `${safeText(m.type)}(${fields.join(', ')})`;
}

export function formatAction(a: Action): string {
  return [a.actor, a.kind, a.message ? formatMessage(a.message) : undefined, a.detail]
    .filter((x) => x !== undefined && x !== '')
    .map((x) => safeText(String(x)))
    .join(' ');
}

/** Compact rendering of a shown value; messages print as `type(k=v, ...)`. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string') return safeText(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (isMessage(v)) return formatMessage(v);
  return `{${Object.entries(v).map(([k, x]) => `${safeText(k)}: ${formatValue(x)}`).join(', ')}}`;
}

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
    return keys.flatMap((k) => diffStates(before[k], after[k], path ? `${path}.${k}` : k));
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

export interface PrintableStep {
  readonly action: Action | null;
  readonly state: Record<string, unknown>;
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
    lines.push(`${chalk.bold(`Step ${i}`)}  ${chalk.cyan(fit(formatAction(st.action!), `Step ${i}  `.length))}`);
    const changes = diffStates(steps[i - 1].state, st.state);
    if (changes.length === 0) lines.push(chalk.dim('    (no change)'));
    for (const c of changes) lines.push('  ' + formatChange(c, chalk, width - 2));
  });
  return lines;
}
