// Shortening long values for narrow output: text is cut with an ellipsis, lists keep their first elements
// and say how many were left out (`[a, b, … +7 more]`), records keep their first fields. The result never
// exceeds the width asked for (counted in characters), so table columns and terminal lines line up.

import { safeText } from './safe-text.ts';
import { formatMessage, formatValue, isMessage } from './values.ts';

const ELLIPSIS = '…';

/** `text` cut to at most `max` characters, ending in an ellipsis when something was cut. */
export function elide(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  return text.slice(0, max - 1) + ELLIPSIS;
}

/** A value formatted like formatValue, but within `max` characters, dropping list elements and fields first. */
export function elideValue(v: unknown, max: number): string {
  const full = formatValue(v);
  if (full.length <= max) return full;
  if (Array.isArray(v)) return elideParts(v.map((x) => ['', x] as const), '[', ']', max);
  if (v !== null && typeof v === 'object' && !isMessage(v)) {
    return elideParts(Object.entries(v).map(([k, x]) => [`${safeText(k)}: `, x] as const), '{', '}', max);
  }
  return elide(isMessage(v) ? formatMessage(v) : full, max);
}

/** As many leading parts as fit, then `… +n more`; if not even one fits whole, the first one shortened. */
function elideParts(parts: readonly (readonly [string, unknown])[], open: string, close: string, max: number): string {
  const texts = parts.map(([label, x]) => label + formatValue(x));
  for (let keep = parts.length - 1; keep >= 1; keep--) {
    const text = `${open}${texts.slice(0, keep).join(', ')}, … +${parts.length - keep} more${close}`;
    if (text.length <= max) return text;
  }
  const rest = parts.length > 1 ? `, … +${parts.length - 1} more` : '';
  const [label, first] = parts[0];
  const room = max - open.length - close.length - rest.length - label.length;
  if (room >= 8) return `${open}${label}${elideValue(first, room)}${rest}${close}`;
  const none = `${open}… ${parts.length} items${close}`;
  return none.length <= max ? none : elide(none, max);
}
