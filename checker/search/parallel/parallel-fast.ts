// Fast mode of the parallel search (`clab check --workers N`). The workers (parallel-fast-worker.ts) share
// one visited set (a lock-free table in shared memory, shared-table.ts) and split each level chunk by
// chunk, so a level costs about what it costs the single-core search, divided by the workers, plus one
// round trip. This file only runs the levels and rebuilds the table when the workers report it full (all
// of them copy a part each), and does nothing per state. Levels stay whole, so distinct states, states
// generated, depth and a --max-depth verdict equal the single-core search's: they do not depend on which
// thread reached a state first. Two answers do depend on that order, and this mode hands them over
// (parallel-bfs.ts then runs the single-core search): a violation (no parents are kept, and which
// violating state of a level is met first depends on timing), and a --max-states bound passed within a
// level (the single-core search stops at the state that passes it). Both stop the workers at once.

import { Encoder, encodeValue } from '../../state/encode.ts';
import { hash64 } from '../../state/fingerprint.ts';
import type { Instance } from '../../model.ts';
import { grownCapacity, insertShared, key, rehash, rehashRest, scaleOf, SHARED_MAX_LOAD, SHARED_MIN_CAPACITY } from '../../state/shared-table.ts';
import { MemoryGuard } from '../memory.ts';
import { checkDecoded } from '../decode-check.ts';
import { isPuritySample, PURITY_SAMPLE } from '../loop-setup.ts';
import { NextTable, newTable } from './next-table.ts';
import { claimAt, controlWords, insertedAt, type FastFromWorker, type FastToWorker } from './parallel-fast-protocol.ts';
import { expectReply, Peer } from './parallel-peer.ts';
import type { LoadSpec } from './parallel-protocol.ts';
import { SharedFrontier, type FrontierInfo } from './shared-frontier.ts';
import type { Bound, Progress, SearchResult } from '../types.ts';

type Ran = Extract<FastFromWorker, { type: 'ran' }>;

export interface FastOptions<S = unknown> {
  readonly workers: number;
  /** Passing it hands the search over (the counts at the stop point depend on the order). */
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimit?: number;
  readonly memoryBudget?: number;
  readonly puritySample?: number;
  readonly onProgress?: (p: Progress) => void;
  /** Writes the canonical encoding (symmetry reduction), as the workers do. */
  readonly canonical?: (s: S, w: Encoder) => void;
  /** Hand over at a deadlock (a state with no successor, not terminal), as at a violation. */
  readonly deadlock?: boolean;
}

/** Why the fast mode cannot give the single-core answer by itself, and where it stopped. */
export interface HandOver {
  readonly handOver: 'violation' | 'max-states';
  /** States in the table when the threads stopped (these counts depend on thread timing). */
  readonly distinctStates: number;
  /** The level being expanded when they stopped: the table holds no state past the next one. */
  readonly level: number;
  readonly seconds: number;
}

/** How often the coordinator, idle while the workers expand, touches a slice of the next table. */
const PREPARE_EVERY_MS = 8;
/** The first table: 512 KB, past the first few rebuilds, which would run in code not yet compiled. */
const INITIAL_CAPACITY = Math.max(SHARED_MIN_CAPACITY, 1 << 16);
const limitOf = (capacity: number) => Math.floor(capacity * SHARED_MAX_LOAD);

/**
 * The search's result, the single-core one, when no invariant is broken and no --max-states bound is
 * passed; otherwise the hand-over, as soon as one thread meets either.
 */
export async function fastParallelBfs<S>(inst: Instance<S>, load: LoadSpec, opts: FastOptions<S>): Promise<SearchResult<S> | HandOver> {
  const start = performance.now();
  const N = opts.workers;
  const deadline = opts.timeLimit !== undefined ? Date.now() + opts.timeLimit * 1000 : Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const maxStates = opts.maxStates ?? Infinity;
  const control = new SharedArrayBuffer(controlWords(N) * 4);
  const ctl = new Int32Array(control);
  const guard = new MemoryGuard(opts.memoryBudget);
  const entry = new URL('./worker-entry.mjs', import.meta.url);
  const peers = Array.from({ length: N }, () => new Peer<FastToWorker, FastFromWorker>(entry));
  const ask = (w: number, m: FastToWorker) => peers[w].ask(m);
  let preparing: ReturnType<typeof setInterval> | undefined;
  try {
    const ready = await Promise.all(
      peers.map((_, index) => ask(index, { type: 'init', load, index, workers: N, control, memoryBudget: opts.memoryBudget, maxStates, deadline, puritySample: opts.puritySample ?? 997, deadlock: opts.deadlock ?? false })),
    );
    ready.forEach((m) => expectReply(m, 'ready'));
    const searchStart = performance.now();
    const seconds = () => (performance.now() - searchStart) / 1000;

    // The table, grown by all workers at once (each copies a part of the old slots) into the table the
    // coordinator prepared meanwhile (next-table.ts).
    let table = newTable(INITIAL_CAPACITY);
    let rebuildMs = 0;
    let rebuilds = 0;
    const nextTable = new NextTable(guard);
    const tableSize = () => {
      let n = fixed;
      for (let w = 0; w < N; w++) n += Atomics.load(ctl, insertedAt(N, w));
      return n;
    };
    let rebuilding = false;
    preparing = setInterval(() => rebuilding || nextTable.prepare(table.capacity, tableSize()), PREPARE_EVERY_MS);
    const grow = async (): Promise<boolean> => {
      const t0 = performance.now();
      rebuilding = true;
      const bigger = nextTable.take(table.capacity);
      if (!bigger) return false;
      const old = table;
      const done = await Promise.all(peers.map((_, w) => ask(w, { type: 'grow', old, table: bigger, part: w, parts: N })));
      const words = new Uint32Array(bigger.buffer);
      done.forEach((m) => rehashRest(words, bigger.capacity, expectReply(m, 'grown').spilled));
      table = bigger;
      rebuilding = false;
      rebuildMs += performance.now() - t0;
      rebuilds++;
      return true;
    };

    // The initial states, added here; the workers check their invariants as they expand level 1.
    const encodeFn = inst.encode ? inst.encode.bind(inst) : (s: S, w: Encoder) => encodeValue(s, w);
    const keyFn = opts.canonical ?? encodeFn;
    const inits = inst.init();
    const initial = new SharedFrontier();
    const enc = new Encoder();
    const concrete = new Encoder();
    const out = new Uint32Array(2);
    let fixed = 0;
    for (const s of inits) {
      if (fixed >= limitOf(table.capacity)) {
        const capacity = grownCapacity(table.capacity);
        const bigger = newTable(capacity);
        rehash(new Uint32Array(table.buffer), table.capacity, new Uint32Array(bigger.buffer), capacity);
        table = bigger;
      }
      enc.reset();
      keyFn(s, enc);
      hash64(enc.words, enc.length, out);
      if (!insertShared(new Uint32Array(table.buffer), table.capacity * 2, scaleOf(table.capacity), key(out[0]), key(out[1]))) continue;
      fixed++;
      if (fixed > maxStates) return { handOver: 'max-states', distinctStates: fixed, level: 0, seconds: seconds() };
      concrete.reset();
      encodeFn(s, concrete);
      if (isPuritySample(fixed - 1, opts.puritySample ?? PURITY_SAMPLE)) checkDecoded(inst, s, concrete.words, concrete.length, -1);
      initial.pushWords(concrete.words, 0, concrete.length);
    }

    let frontiers: FrontierInfo[] = [initial.info()];
    let generated = inits.length;
    let distinct = fixed;
    let depth = 0;
    let bound: Bound | undefined;
    let frontierPeak = initial.bytes;
    for (let level = 1; ; level++) {
      const size = frontiers.reduce((a, f) => a + f.count, 0);
      if (size === 0) break;
      depth = level;
      if (Date.now() > deadline) {
        bound = 'time-limit';
        break;
      }
      const last = level >= maxDepth;
      frontiers.forEach((_, f) => Atomics.store(ctl, claimAt(f), 0));
      const pass = () => ({ table, limit: limitOf(table.capacity), fixed });
      let replies = (await Promise.all(peers.map((_, w) => ask(w, { type: 'level', frontiers, last, check: level === 1, ...pass() })))).map((m) => expectReply(m, 'ran'));
      generated += replies.reduce((a, r) => a + r.generated, 0);
      const halted = () => replies.some((r) => r.violation || r.stopped);
      while (!halted() && replies.some((r) => r.paused)) {
        if (!(await grow())) {
          bound = 'memory';
          break;
        }
        const resumed: Ran[] = await Promise.all(
          replies.map(async (r, w) => (r.paused ? expectReply(await ask(w, { type: 'resume', ...pass() }), 'ran') : r)),
        );
        generated += resumed.reduce((a, r, w) => a + (replies[w].paused ? r.generated : 0), 0);
        replies = resumed;
      }
      distinct = fixed + replies.reduce((a, r) => a + r.inserted, 0);
      if (replies.some((r) => r.violation)) return { handOver: 'violation', distinctStates: distinct, level, seconds: seconds() };
      // A thread stops as soon as it sees the bound passed; the others' counts it reads may lag, so the
      // level's exact total is checked here too.
      if (distinct > maxStates || replies.some((r) => r.stopped === 'max-states')) return { handOver: 'max-states', distinctStates: distinct, level, seconds: seconds() };
      frontierPeak = Math.max(frontierPeak, replies.reduce((a, r) => a + r.frontierBytes, 0));
      bound = bound ?? replies.find((r) => r.stopped)?.stopped;
      if (bound) break;
      if (last) {
        if (replies.some((r) => r.beyondDepth)) bound = 'max-depth';
        break;
      }
      frontiers = replies.map((r) => r.next!);
      opts.onProgress?.({ distinctStates: distinct, statesGenerated: generated, queue: frontiers.reduce((a, f) => a + f.count, 0), depth, seconds: seconds() });
    }
    if (process.env.CLAB_PARALLEL_DEBUG) console.error({ mode: 'fast', startup: (searchStart - start) / 1000, seconds: seconds(), rebuilds, rebuildSeconds: rebuildMs / 1000 });
    const tableBytes = table.capacity * 8;
    return {
      result: bound ? 'incomplete' : 'holds',
      distinctStates: distinct,
      statesGenerated: generated,
      depth,
      seconds: seconds(),
      bound,
      visitedBytes: tableBytes,
      memory: { fingerprintBytes: tableBytes, parentBytes: 0, frontierPeakBytes: frontierPeak, peakRssBytes: process.resourceUsage().maxRSS * 1024, workers: N },
      violation: undefined,
      witnesses: new Map(),
    };
  } finally {
    clearInterval(preparing);
    await Promise.all(peers.map((p) => p.worker.terminate()));
  }
}
