// Formatting action labels and shown values for people: `p1 sends 2a(b=3, v=1)`, `{a1: 0, a2: 1}`. Every
// string from a trace or model (labels, actors, message fields, keys and values) goes through safeText.
// Kept apart from format.ts (traces, diffs) so that elide.ts and processes.ts can use it without a cycle.

import type { Action, MessageLabel } from '../model.ts';
import { safeText } from './safe-text.ts';

/** One step of a trace as printed: the action label (null for the initial state) and the shown state. */
export interface PrintableStep {
  readonly action: Action | null;
  readonly state: Record<string, unknown>;
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
