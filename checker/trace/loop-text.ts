// How a lasso repeats, in words (step lists, tables, charts). On its own, so printers need not import the
// trace readers for it.

/** How a lasso repeats, in words. */
export function loopText(loopStart: number, last: number): string {
  return loopStart >= last
    ? `the run stays in the state of step ${loopStart} forever (it has no successor)`
    : `steps ${loopStart + 1}..${last} lead back to the state of step ${loopStart} and repeat forever`;
}

/** The line that closes a lasso's step list: where the last step leads back to (the back edge). */
export function backEdgeText(loopStart: number, last: number): string {
  return loopStart === last
    ? `└ step ${last} has no successor: the run stays there forever`
    : `└ back to step ${loopStart}: steps ${loopStart + 1}..${last} repeat forever from step ${loopStart}`;
}

/** The bar that starts each step line of a lasso's cycle. */
export const CYCLE_BAR = '│ ';
