// Escaping text for SVG/HTML, and embedding JSON in an inline <script> safely.

import { safeText } from '../trace/safe-text.ts';

/** Text for an XML/HTML element or attribute; control characters (invalid in XML) written as `\x1b`. */
export function escapeXml(text: string): string {
  return safeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that cannot close the surrounding <script> element or start a comment. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
