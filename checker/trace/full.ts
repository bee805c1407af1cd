// `clab show --full`: every state in full, one field per line. Lists that do not fit on the line are
// written one element per line instead of being cut, so nothing is hidden; single elements longer than
// the width are elided.

import type { ChalkInstance } from 'chalk';
import { elide } from './elide.ts';
import { formatAction, formatValue, safeText, type PrintableStep } from './format.ts';
import { backEdgeText, CYCLE_BAR, loopText } from './loop-text.ts';

export function formatFull(steps: readonly PrintableStep[], chalk: ChalkInstance, opts: { width: number; loopStart?: number }): string[] {
  const lines: string[] = [];
  const fitLoop = (text: string) => (Number.isFinite(opts.width) ? elide(text, opts.width) : text);
  steps.forEach((st, i) => {
    if (i === opts.loopStart) lines.push(chalk.magenta(fitLoop(`    ↻ loop starts here: ${loopText(i, steps.length - 1)}`)));
    const title = st.action ? formatAction(st.action) : 'initial state';
    const bar = opts.loopStart !== undefined && i > opts.loopStart ? chalk.magenta(CYCLE_BAR) : '';
    lines.push(`${bar}${chalk.bold(`Step ${i}`)}  ${chalk.cyan(elide(title, opts.width - `${bar ? CYCLE_BAR : ''}Step ${i}  `.length))}`);
    for (const [key, v] of Object.entries(st.state)) {
      const k = safeText(key);
      const text = `    ${k} = ${formatValue(v)}`;
      if (text.length <= opts.width || !Array.isArray(v) && (typeof v !== 'object' || v === null)) {
        lines.push(elide(text, opts.width));
        continue;
      }
      const items = Array.isArray(v) ? v.map(formatValue) : Object.entries(v as object).map(([f, x]) => `${safeText(f)}: ${formatValue(x)}`);
      lines.push(`    ${k} = ${Array.isArray(v) ? `(${items.length})` : ''}`);
      for (const item of items) lines.push(elide(`        ${item}`, opts.width));
    }
  });
  if (opts.loopStart !== undefined && steps.length > 0) lines.push(chalk.magenta(fitLoop(backEdgeText(opts.loopStart, steps.length - 1))));
  return lines;
}
