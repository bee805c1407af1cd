// A request to stop a search from outside it: the user's Ctrl-C (SIGINT/SIGTERM) or the watchdog's
// deadline. Searches are synchronous loops, so a signal handler cannot run while they do; the supervising
// thread (checker/cli/supervisor.ts) writes the request into a word of shared memory instead, and every
// search reads it in its periodic check (every thousand or so expansions), then stops with the verdict
// "incomplete" and the figures so far. Without a supervisor the word is a private one, set by
// `requestStop` (tests use that to interrupt a search in-process).

export type StopReason = 'interrupted' | 'time-limit';

const REASONS: readonly (StopReason | undefined)[] = [undefined, 'interrupted', 'time-limit'];

let word: Int32Array = new Int32Array(new SharedArrayBuffer(4));

/** Reads stop requests from `shared` (an Int32Array over a SharedArrayBuffer the supervisor writes). */
export function attachStopWord(shared: Int32Array): void {
  word = shared;
}

/** A new shared word for a supervisor to hand to the thread it watches. */
export function newStopWord(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Asks the running search (in this thread, or the one `target` is attached to) to stop. */
export function requestStop(reason: StopReason, target: Int32Array = word): void {
  Atomics.store(target, 0, REASONS.indexOf(reason));
}

/** Why the search must stop, if someone asked it to. Cheap: one atomic read. */
export function stopRequested(): StopReason | undefined {
  return REASONS[Atomics.load(word, 0)];
}

/** Clears a request (a new command starts with none). */
export function clearStop(): void {
  Atomics.store(word, 0, 0);
}
