// Making text from a trace or a model safe to print: a trace is data that travels, and an escape sequence
// in it must not reach the terminal (or an SVG/HTML file, where C0 controls are not even valid XML). No
// imports, so every printer (and the file readers' error messages) can use it without import cycles.

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
