// Where a sequence chart's text labels go so that no two overlap (svg.ts). Each label has candidate
// positions in order of preference (the middle of its arrow, then points along it, above and below); the
// first whose box is free of every label placed before it wins. A label that fits nowhere is tried again
// shortened, and otherwise not drawn: its arrow keeps the full text as a tooltip, and the step list beside
// the chart has it too. Boxes are estimated from the monospace advance with a margin (a browser's boxes for
// these fonts are at most this wide; test/charts/layout.browser.test.ts measures them). Placed boxes are
// kept in bands of rows, so a long trace costs time linear in its labels.

/** Advance of one character at 12px monospace, with a margin for fonts a little wider than 7.2px. */
export const LABEL_CHAR = 7.4;
/** A label's box: from this far above its baseline to this far below (12px text, with a margin). */
const ASCENT = 12;
const DESCENT = 4;
/** Free space kept around a box. */
const PAD = 2;
const BAND = 30;

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** Characters a string takes in a monospace font (wide characters count two). */
export function textColumns(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || c >= 0x20000) ? 2 : 1;
  }
  return n;
}

/** The box of `text` drawn at (x, y) (y the baseline) with `anchor`. */
export function textBox(x: number, y: number, text: string, anchor: Anchor): Box {
  const w = textColumns(text) * LABEL_CHAR;
  const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return { x0: x0 - PAD, y0: y - ASCENT - PAD, x1: x0 + w + PAD, y1: y + DESCENT + PAD };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export interface Candidate {
  readonly x: number;
  readonly y: number;
  readonly anchor: Anchor;
}

export class LabelPlacer {
  private readonly bands = new Map<number, Box[]>();

  /** Labels must stay within x0..x1 (the chart's area right of the step list). */
  constructor(
    private readonly x0: number,
    private readonly x1: number,
  ) {}

  /** Marks a box as taken (text drawn elsewhere: the verdict, headers). */
  occupy(b: Box): void {
    for (let k = Math.floor(b.y0 / BAND); k <= Math.floor(b.y1 / BAND); k++) {
      const list = this.bands.get(k);
      if (list) list.push(b);
      else this.bands.set(k, [b]);
    }
  }

  free(b: Box): boolean {
    if (b.x0 < this.x0 || b.x1 > this.x1) return false;
    for (let k = Math.floor(b.y0 / BAND); k <= Math.floor(b.y1 / BAND); k++) for (const o of this.bands.get(k) ?? []) if (overlaps(o, b)) return false;
    return true;
  }

  /**
   * The first candidate where one of `texts` (the full text first, then shorter ones) fits, taken; or
   * undefined when none does.
   */
  place(texts: readonly string[], candidates: readonly Candidate[]): (Candidate & { readonly text: string }) | undefined {
    for (const text of texts) {
      for (const c of candidates) {
        const b = textBox(c.x, c.y, text, c.anchor);
        if (this.free(b)) {
          this.occupy(b);
          return { ...c, text };
        }
      }
    }
    return undefined;
  }
}
