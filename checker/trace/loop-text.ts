// How a lasso repeats, in words (step lists, tables, charts). On its own, so printers need not import the
// trace readers for it.

/** How a lasso repeats, in words. */
export function loopText(loopStart: number, last: number): string {
  return loopStart >= last
    ? `the run stays in the state of step ${loopStart} forever (it has no successor)`
    : `steps ${loopStart + 1}..${last} lead back to the state of step ${loopStart} and repeat forever`;
}
