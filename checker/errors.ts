// Typed errors and the CLI's exit codes. Every error a user can cause is a ClabError with a message, an
// optional source location and hint; the CLI prints it without a stack trace and exits with its code.

export const ExitCode = {
  /** Every checked property holds and the search was complete. */
  Holds: 0,
  /** A property is violated: the trace was printed and saved. */
  Violation: 1,
  /** Bad input: usage, unknown names, bad values, bad files, a model that breaks the API's rules. */
  BadInput: 2,
  /** A bound (states, depth, time, memory) was hit before the search finished. */
  Incomplete: 3,
  /** A bug in consensus-lab itself. */
  Internal: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export class ClabError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly location?: SourceLocation,
    readonly exitCode: ExitCode = ExitCode.BadInput,
  ) {
    super(message);
    this.name = 'ClabError';
  }
}

/** A model that breaks the API's rules (mutates a state, is nondeterministic) or throws. */
export class ModelError extends ClabError {
  constructor(
    message: string,
    hint?: string,
    location?: SourceLocation,
    /** Id of the state at which it happened, so the CLI can show how it was reached. */
    readonly stateId?: number,
    /** How that state was reached: action labels and shown states (filled in by the search). */
    public trace?: readonly { readonly action: unknown; readonly state: Record<string, unknown> }[],
  ) {
    super(message, hint, location);
    this.name = 'ModelError';
  }
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The nearest known name to a misspelling, if it is near enough to be a likely typo. */
export function nearest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** "did you mean X?" or a list of the known names. */
export function suggest(name: string, known: readonly string[], what: string): string {
  const near = nearest(name, known);
  if (near) return `did you mean '${near}'?`;
  return known.length ? `known ${what}: ${known.join(', ')}` : `there are no ${what}`;
}
