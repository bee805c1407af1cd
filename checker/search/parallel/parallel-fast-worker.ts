// One worker thread of the parallel BFS's fast mode (coordinator: parallel-fast.ts). All workers share one
// visited set (shared-table.ts: lock-free inserts) and each level's frontiers (shared-frontier.ts): a
// worker claims a chunk of states at a time from any frontier of the level, its own first, expands them,
// and adds each successor to the shared table; the thread whose insert succeeds owns the new state (checks
// the invariants on it, puts it in its own next frontier). So a successor costs what it costs the
// single-core search (encode, hash, one table probe), with no records passed between threads, and the
// work of a level is split evenly whatever its shape. Counts (distinct, generated, depth) equal the
// single-core search's, since levels stay whole. A violation or a --max-states bound passed stops every
// thread at once (the stop word); the single-core search then gives the answer (parallel-bfs.ts).
// A worker stops adding at the table's load limit and reports 'paused' with its place kept (down to the
// successor), so the table can be rebuilt bigger between two inserts.

import { parentPort } from 'node:worker_threads';
import { errorReply } from './parallel-peer.ts';
import { ClabError } from '../../errors.ts';
import { Encoder } from '../../state/encode.ts';
import { hash64 } from '../../state/fingerprint.ts';
import { Decoder } from '../../state/decode.ts';
import type { Step } from '../../model.ts';
import { encodeState } from '../../state/fingerprinter.ts';
import { checkPurity } from '../purity.ts';
import { firstBroken, isPuritySample, stateWords } from '../loop-setup.ts';
import { RecentFilter } from '../../state/recent-filter.ts';
import { hasShared, insertShared, key, rehashPart, scaleOf } from '../../state/shared-table.ts';
import { checkDecode } from '../frontier.ts';
import { checkDecoded } from '../decode-check.ts';
import { checkSymmetry } from '../symmetry-check.ts';
import { loadInstance, type Loaded } from '../load-instance.ts';
import { MemoryGuard } from '../memory.ts';
import { StopCheck, type Stop } from './stop-check.ts';
import { claimAt, insertedAt, STOP_AT, type FastFromWorker, type FastToWorker, type TablePass } from './parallel-fast-protocol.ts';
import { SharedFrontier, type FrontierInfo } from './shared-frontier.ts';
import type { Predicate } from '../types.ts';

/** Chunks (of CHUNK states) claimed at once while the frontier has plenty left. */
const CLAIM = 4;

const port = parentPort!;
let loaded: Loaded;
let me = 0;
let workers = 1;
let ctl: Int32Array;
let guard: MemoryGuard;
let stopCheck: StopCheck;
let puritySample = 997;
let maxStates = Infinity;
/** Report deadlocks: a state with no successor, not terminal, hands the search over like a violation. */
let deadlockCheck = false;
let encodeFn: (s: unknown, w: Encoder) => void;
let keyFn: (s: unknown, w: Encoder) => void;
const decoder = new Decoder();
const enc = new Encoder();
const concreteEnc = new Encoder();
const out = new Uint32Array(2);
const recent = new RecentFilter();

// The two frontier buffers this worker writes in turn (the other is being read as part of the level).
let mine = new SharedFrontier();
let spare = new SharedFrontier();
let inserted = 0;
let expandedSoFar = 0;

/** Where this worker is in the level: frontier, chunk, and a state whose successors are half added. */
interface Place {
  frontiers: { words: Uint32Array; used: number; starts: readonly number[] }[];
  last: boolean;
  check: boolean;
  f: number;
  tried: number;
  words: Uint32Array;
  pos: number;
  end: number;
  pending: readonly Step<unknown>[] | null;
  pendingFrom: number;
  beyondDepth: boolean;
}
let place: Place;

const send = (m: FastFromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);


function startLevel(frontiers: FrontierInfo[], last: boolean, check: boolean): void {
  [mine, spare] = [spare, mine];
  mine.clear();
  const views = frontiers.map((f) => ({ words: new Uint32Array(f.buffer), used: f.used, starts: f.starts }));
  const f = me % Math.max(1, views.length);
  place = { frontiers: views, last, check, f, tried: 0, words: views[f]?.words ?? new Uint32Array(0), pos: 0, end: 0, pending: null, pendingFrom: 0, beyondDepth: false };
}

/** Runs the level on from `place` until it is done, the table is full, or a stop; the reply. */
function run(pass: TablePass): Extract<FastFromWorker, { type: 'ran' }> {
  const inst = loaded.instance;
  const invariants = loaded.invariants;
  const symmetric = loaded.canonical !== undefined;
  const keyFnL = keyFn;
  const encodeFnL = encodeFn;
  const recentL = recent;
  const ctlL = ctl;
  const workersL = workers;
  const myCount = insertedAt(workersL, me);
  const otherCounts = Array.from({ length: workersL }, (_, k) => insertedAt(workersL, k)).filter((_, k) => k !== me);
  const t = new Uint32Array(pass.table.buffer);
  const end = pass.table.capacity * 2;
  const scale = scaleOf(pass.table.capacity);
  const limit = pass.limit - pass.fixed;
  // The states all threads together may add (over all levels) before the --max-states bound is passed.
  const stateCap = maxStates - pass.fixed;
  // One test a candidate for both: the table's load limit (pause) and the bound passed (stop).
  const gate = Math.min(limit, stateCap + 1);
  const guardL = guard;
  const budgeted = guardL.budget !== Infinity;
  const sample = puritySample;
  const p = place;
  const frontiers = p.frontiers;
  const F = frontiers.length;
  const last = p.last;
  const check = p.check && invariants.length > 0;
  const next = mine;
  let words = p.words;
  let pos = p.pos;
  let chunkEnd = p.end;
  let f = p.f;
  let tried = p.tried;
  let insertedL = inserted;
  let others = 0;
  for (const c of otherCounts) others += Atomics.load(ctlL, c);
  let tick = 0;
  let expanded = expandedSoFar;
  let generated = 0;
  let beyondDepth = p.beyondDepth;
  let violation = false;
  let paused = false;
  let stopped: Stop | 'max-states' | undefined;
  let pending = p.pending;
  let pendingFrom = p.pendingFrom;

  level: for (;;) {
    let succ: readonly Step<unknown>[];
    let from = 0;
    // The state expanded (unknown for successors left pending by a pause: then self-loops are looked up).
    let parent: unknown = null;
    if (pending !== null) {
      succ = pending;
      from = pendingFrom;
      pending = null;
    } else {
      while (pos >= chunkEnd) {
        if (tried >= F) break level;
        const fr = frontiers[f];
        const n = fr.starts.length;
        // CLAIM chunks at a time while many are left, one at a time near the end of the frontier, so
        // that the threads finish a level within a small chunk of one another.
        const k = n - Atomics.load(ctlL, claimAt(f)) > CLAIM * 4 * workersL ? CLAIM : 1;
        const c = Atomics.add(ctlL, claimAt(f), k);
        if (c < n) {
          words = fr.words;
          pos = fr.starts[c];
          chunkEnd = c + k < n ? fr.starts[c + k] : fr.used;
        } else {
          f = f + 1 === F ? 0 : f + 1;
          tried++;
        }
      }
      const len = words[pos];
      const s = inst.decode!(decoder.reset(words, pos + 1, pos + 1 + len));
      if (check && firstBroken(invariants, s) >= 0) {
        violation = true;
        break;
      }
      const sampled = isPuritySample(expanded, sample);
      let before: Uint32Array | undefined;
      if (sampled) {
        before = encodeState(inst, s);
        checkDecode(words, pos, before, -1);
      }
      pos += len + 1;
      succ = inst.next(s);
      parent = s;
      if (sampled) checkPurity(inst, s, -1, before!, succ);
      if (sampled && symmetric) checkSymmetry(inst, s, succ, invariants, -1, expanded);
      expanded++;
      // A deadlock: which one of a level is met first depends on timing, so the single-core search, which
      // keeps parents, gives it (parallel-bfs.ts), as it gives an invariant's violation.
      if (succ.length === 0 && deadlockCheck && !(inst.terminal?.(s) ?? false)) {
        violation = true;
        break;
      }
      generated += succ.length;
      if ((expanded & 1023) === 0) {
        stopped = stopCheck.due();
        if (stopped) break;
      }
    }
    for (let j = from; j < succ.length; j++) {
      const s = succ[j].state;
      if (s === parent) continue; // a self-loop: the parent, already in the table
      enc.reset();
      keyFnL(s, enc);
      hash64(enc.words, enc.length, out);
      const hi = key(out[0]);
      const lo = key(out[1]);
      if (last) {
        if (!beyondDepth && !hasShared(t, end, scale, hi, lo)) beyondDepth = true;
        continue;
      }
      if (recentL.has(hi, lo)) continue;
      // Only a successor that missed the recent cache may be new. The others' counts are read at every
      // 16th of these; between two reads each thread adds at most 16 past the limit, which the table's
      // spare quarter absorbs.
      if ((++tick & 15) === 0) {
        others = 0;
        for (let k = 0; k < otherCounts.length; k++) others += Atomics.load(ctlL, otherCounts[k]);
        if (Atomics.load(ctlL, STOP_AT) !== 0) {
          pending = succ;
          pendingFrom = j;
          paused = true;
          break level;
        }
      }
      if (insertedL + others >= gate) {
        // The bound is seen passed at the next candidate after the state that passed it. `others` lags
        // behind the other threads' counts, so a thread never stops early, and stops at the latest once
        // its own count passes; a pass no thread sees is caught by the coordinator at the end of the level.
        if (insertedL + others > stateCap) {
          stopped = 'max-states';
          break level;
        }
        pending = succ;
        pendingFrom = j;
        paused = true;
        break level;
      }
      const added = insertShared(t, end, scale, hi, lo);
      recentL.note(hi, lo);
      if (!added) continue;
      insertedL++;
      ctlL[myCount] = insertedL;
      if (invariants.length > 0 && firstBroken(invariants, s) >= 0) {
        violation = true;
        break level;
      }
      let w = enc;
      if (symmetric) {
        concreteEnc.reset();
        encodeFnL(s, concreteEnc);
        w = concreteEnc;
      }
      const grow = next.growthFor(w.length);
      if (grow > 0 && budgeted && guardL.wouldExceed(grow)) {
        stopped = 'memory';
        break level;
      }
      if (isPuritySample(insertedL - 1, sample)) checkDecoded(inst, s, w.words, w.length, -1);
      next.pushWords(w.words, 0, w.length);
    }
  }
  if (violation || stopped) Atomics.store(ctlL, STOP_AT, 1);
  Atomics.store(ctlL, myCount, insertedL);
  inserted = insertedL;
  expandedSoFar = expanded;
  Object.assign(p, { f, tried, words, pos, end: chunkEnd, pending, pendingFrom, beyondDepth });
  const done = !paused && !violation && !stopped;
  return {
    type: 'ran',
    paused,
    generated,
    inserted: insertedL,
    next: done ? next.info() : undefined,
    frontierBytes: mine.bytes + spare.bytes,
    beyondDepth,
    violation,
    stopped,
  };
}

port.on('message', async (m: FastToWorker) => {
  try {
    switch (m.type) {
      case 'init': {
        loaded = await loadInstance(m.load);
        me = m.index;
        workers = m.workers;
        ctl = new Int32Array(m.control);
        guard = new MemoryGuard(m.memoryBudget);
        stopCheck = new StopCheck(m.deadline, guard);
        puritySample = m.puritySample;
        maxStates = m.maxStates;
        deadlockCheck = m.deadlock;
        const inst = loaded.instance;
        if (typeof inst.decode !== 'function') throw new ClabError('the parallel search needs a model with decode()', 'run without --workers, or give the model a decode() (see checker/model.ts)');
        ({ encode: encodeFn, key: keyFn } = stateWords(inst, loaded.canonical));
        send({ type: 'ready' });
        break;
      }
      case 'level':
        startLevel(m.frontiers, m.last, m.check);
        send(run(m));
        break;
      case 'resume':
        send(run(m));
        break;
      case 'grow':
        send({ type: 'grown', spilled: rehashPart(new Uint32Array(m.old.buffer), m.old.capacity, new Uint32Array(m.table.buffer), m.table.capacity, m.part, m.parts) });
        break;
    }
  } catch (e) {
    send(errorReply(e));
  }
});
