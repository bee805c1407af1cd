// The breadth-first search the hand-written reference models (test/models/*-reference.ts) share: states as
// JSON strings in a Set, nothing of the checker's. Distinct states, depth (the initial state at level 1) and
// the number of steps to the first state that breaks `ok`, which stops the search.

export function naiveBfs<S>(init: S, successors: (s: S) => readonly S[], ok: (s: S) => boolean): { distinct: number; depth: number; violationAt?: number } {
  const seen = new Set([JSON.stringify(init)]);
  let frontier = [init];
  let depth = 1;
  while (frontier.length) {
    const next: S[] = [];
    for (const s of frontier) {
      for (const t of successors(s)) {
        const key = JSON.stringify(t);
        if (seen.has(key)) continue;
        seen.add(key);
        if (!ok(t)) return { distinct: seen.size, depth: depth + 1, violationAt: depth };
        next.push(t);
      }
    }
    if (next.length) depth++;
    frontier = next;
  }
  return { distinct: seen.size, depth };
}
