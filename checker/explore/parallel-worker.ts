// One worker thread of the parallel BFS (coordinator: parallel-bfs.ts). It owns one shard of the visited
// set (fingerprints with lo % workers === index): its fingerprint table, the parent pointers of its states
// and, per level, their frontier. A level runs in two phases, both fully parallel, and every table is
// written by its owner only:
//   expand  the worker expands its own frontier with the single-core hot loop (decode, next, encode,
//           hash). Each successor is looked up in its owner's main table, which nobody writes during
//           this phase (tables live in SharedArrayBuffers), then in a small filter of fingerprints met
//           lately in this level. An unvisited successor this worker owns goes at once into its level
//           table (level-table.ts) and, if new there, into the next frontier; one another worker owns
//           is sent to it as a record in an outbox (outbox.ts);
//   insert  the worker takes the records sent to it, in sender order, adds the new states and, for states
//           already met this level, keeps the smallest discovery key; then it puts the level in key
//           order (level-entries.ts), adds it to its main table and publishes the sorted keys.
// Discovery key = (rank of the parent in its level, index of the successor in next(parent)): the order in
// which the single-core search meets successors. The frontier is expanded in key order, so each sender's
// records and own finds come in ascending key order; a state ends with its smallest key, i.e. its
// single-core parent; a state's rank is its key's position among all workers' keys of the level (one
// merge walk over the published key arrays). Local ids are given in creation order, which depends only
// on the previous level. Hence parents, the chosen counterexample and its trace are the single-core
// search's, on every run, whatever the thread timing.

import { parentPort } from 'node:worker_threads';
import { errorReply } from './parallel-peer.ts';
import { Decoder } from '../decode.ts';
import { ClabError } from '../errors.ts';
import { Encoder, encodeValue } from '../encode.ts';
import { hash64 } from '../fingerprint.ts';
import { FingerprintTable, probe } from '../fingerprint-table.ts';
import { encodeState } from '../fingerprinter.ts';
import { checkPurity } from '../purity.ts';
import { checkDecode, Frontier } from './frontier.ts';
import { KEY_SPAN, LevelEntries } from './level-entries.ts';
import { ADDED, LevelTable } from './level-table.ts';
import { loadInstance, type Loaded } from './load-instance.ts';
import { MemoryGuard } from './memory.ts';
import { StopCheck } from './stop-check.ts';
import { Outbox, RECORD_HEADER } from './outbox.ts';
import { ParentTable } from './parent-table.ts';
import type { Batch, FromWorker, TableInfo, ToWorker, ViolationFound } from './parallel-protocol.ts';
import type { Predicate } from './types.ts';

const TWO32 = 4294967296;
/**
 * Fingerprints this worker met lately in the level being built, direct-mapped (a newer one replaces an
 * older in its slot): 2^(32 - RECENT_SHIFT) slots of 12 bytes, small enough to stay in a core's cache.
 */
const RECENT_SHIFT = 18;
const recentHi = new Uint32Array(1 << (32 - RECENT_SHIFT));
const recentLo = new Uint32Array(1 << (32 - RECENT_SHIFT));
/** Level number of each slot's fingerprint (one from an earlier level does not count). */
const recentLevel = new Int32Array(1 << (32 - RECENT_SHIFT)).fill(-1);
let levelCount = 0;

const port = parentPort!;
let loaded: Loaded;
let meOf = 0;
let workersOf = 1;
let table: FingerprintTable;
const parents = new ParentTable();
const levelTable = new LevelTable();
const entries = new LevelEntries();
/** Words of the level being expanded (creation order) and of the level being built. */
let current: Frontier<unknown>;
let next: Frontier<unknown>;
/** The level being expanded, in key order: entry index and frontier offset per position, its sorted keys. */
let curOrder = new Uint32Array(0);
let curPos = new Uint32Array(0);
let curKeys = new SharedArrayBuffer(0);
/** Local id of entry 0 of the level being expanded, and of the level being built. */
let curBase = 0;
let nextBase = 0;
/** The level being built was started by an expansion (not by the initial states). */
let building = false;
let guardOf: MemoryGuard;
let counter: Int32Array;
let maxStates = Infinity;
let stopCheck: StopCheck;
let puritySampleOf = 997;
let expandedOf = 0;
let outboxHint: number[] = [];
const encOf = new Encoder();
const decoder = new Decoder();
const concreteEncOf = new Encoder();
let encodeFnOf: (s: unknown, w: Encoder) => void;
let keyFnOf: (s: unknown, w: Encoder) => void;

const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const info = (): TableInfo => ({ buffer: table.table.buffer as SharedArrayBuffer, capacity: table.capacity });

/** Ranks of this worker's frontier states in their level: own position plus the smaller keys of others. */
function ranksOf(keys: SharedArrayBuffer[], me: number): Float64Array {
  const mine = new Float64Array(keys[me]);
  const n = mine.length;
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) ranks[i] = i;
  for (let v = 0; v < keys.length; v++) {
    if (v === me) continue;
    const other = new Float64Array(keys[v]);
    const m = other.length;
    let p = 0;
    for (let i = 0; i < n; i++) {
      const k = mine[i];
      while (p < m && other[p] < k) p++;
      ranks[i] += p;
    }
  }
  return ranks;
}

/** 1 + the index of the first invariant `s` breaks, or 0. */
function brokenBy(invariants: readonly Predicate<unknown>[], s: unknown): number {
  for (let k = 0; k < invariants.length; k++) if (!invariants[k].holds(s)) return k + 1;
  return 0;
}

/** Starts building the next level. */
function startLevel(sources: number): void {
  entries.reset(sources);
  levelTable.clear();
  nextBase = parents.size;
  building = true;
}

function expand(tables: TableInfo[], keys: SharedArrayBuffer[], last: boolean, reuse: (ArrayBuffer | null)[]): void {
  // Module bindings copied to locals: the hot loop then has no context loads or TDZ checks.
  const keyFn = keyFnOf;
  const encodeFn = encodeFnOf;
  const enc = encOf;
  const concreteEnc = concreteEncOf;
  const workers = workersOf;
  const pow2 = (workers & (workers - 1)) === 0;
  const me = meOf;
  const guard = guardOf;
  const puritySample = puritySampleOf;
  const invariants = loaded.invariants;
  const level = levelTable;
  const found = entries;
  let expanded = expandedOf;
  [current, next] = [next, current];
  next.clear();
  const base = curBase;
  const levelNo = levelCount++;
  startLevel(workers - 1);
  const ranks = ranksOf(keys, me);
  const order = curOrder;
  const positions = curPos;
  // The frozen main tables of all shards, as raw arrays (none is written until the insert phase).
  const slots = tables.map((t, i) => (i === me ? table.table : new Uint32Array(t.buffer)));
  const scales = tables.map((t, i) => (i === me ? table.capacity : t.capacity) / TWO32);
  const ends = tables.map((t, i) => (i === me ? table.capacity : t.capacity) * 2);
  const outboxes = Array.from({ length: workers }, (_, k) => new Outbox(k === me ? 16 : outboxHint[k], reuse[k] ?? undefined));
  const inst = loaded.instance;
  const symmetric = loaded.canonical !== undefined;
  const out = new Uint32Array(2);
  let generated = 0;
  let beyondDepth = false;
  let stopped: 'time-limit' | 'memory' | 'max-states' | undefined;
  const words = current.words;
  const n = order.length;
  scan: for (let p = 0; p < n; p++) {
    const ref = (base + order[p]) * workers + me;
    const pos = positions[p];
    const s = current.decodeAt(pos);
    const sample = puritySample > 0 && (expanded < 16 || expanded % puritySample === 0);
    let before: Uint32Array | undefined;
    if (sample) {
      before = encodeState(inst, s);
      checkDecode(words, pos, before, ref);
    }
    const succ = inst.next(s);
    if (sample) checkPurity(inst, s, ref, before!, succ);
    expanded++;
    generated += succ.length;
    if (succ.length > KEY_SPAN) throw new ClabError(`a state has ${succ.length} successors; the parallel search handles at most ${KEY_SPAN}`, 'run without --workers');
    const keyBase = ranks[p] * KEY_SPAN;
    for (let j = 0; j < succ.length; j++) {
      const t = succ[j].state;
      if (t === s) continue; // a self-loop: the parent, already in this worker's table
      enc.reset();
      keyFn(t, enc);
      hash64(enc.words, enc.length, out);
      const hi = out[0];
      const lo = out[1];
      const owner = pow2 ? lo & (workers - 1) : lo % workers;
      // Lookup in the owner's frozen main table.
      if (probe(slots[owner], ends[owner], scales[owner], hi, lo)) continue;
      if (last) {
        beyondDepth = true;
        continue;
      }
      // Met a moment ago in this level by this worker (that meeting had the smaller key): a small
      // direct-mapped filter of exact fingerprints catches most repeats, which come from nearby parents,
      // before the level table or an outbox is touched.
      const r = hi >>> RECENT_SHIFT;
      if (recentLo[r] === lo && recentHi[r] === hi && recentLevel[r] === levelNo) continue;
      recentHi[r] = hi;
      recentLo[r] = lo;
      recentLevel[r] = levelNo;
      let w = enc;
      if (owner === me) {
        // Met before in this level by this worker: that meeting had the smaller key.
        if (level.findOrAdd(hi, lo, found.count) !== ADDED) continue;
        if (symmetric) {
          concreteEnc.reset();
          encodeFn(t, concreteEnc);
          w = concreteEnc;
        }
        if (maxStates !== Infinity && Atomics.add(counter, 0, 1) >= maxStates) {
          stopped = 'max-states';
          break scan;
        }
        const grow = next.growthFor(w.length);
        if (grow > 0 && guard.wouldExceed(grow)) {
          stopped = 'memory';
          break scan;
        }
        const offset = next.used;
        next.push(undefined, w.words, w.length);
        found.add(hi, lo, keyBase + j, 0, offset, invariants.length > 0 ? brokenBy(invariants, t) : 0);
        parents.push(ref, j);
        continue;
      }
      // Another worker's: sent to it (its owner keeps the first, smallest-key record of a state).
      if (symmetric) {
        concreteEnc.reset();
        encodeFn(t, concreteEnc);
        w = concreteEnc;
      }
      const box = outboxes[owner];
      if (box.used + w.length + RECORD_HEADER > box.words.length && guard.wouldExceed(box.growthFor(w.length))) {
        stopped = 'memory';
        break scan;
      }
      box.push(hi, lo, ranks[p], j, ref, w.words, w.length);
    }
    if ((expanded & 1023) === 0) {
      stopped = stopCheck.due();
      if (stopped) break;
    }
  }
  expandedOf = expanded;
  outboxes.forEach((b, k) => (outboxHint[k] = Math.max(1 << 12, b.used + (b.used >>> 3))));
  current.clear();
  current.shrink();
  send(
    { type: 'expanded', generated, outboxes: outboxes.map((b) => ({ buffer: b.words.buffer as ArrayBuffer, used: b.used })), beyondDepth, stopped },
    outboxes.map((b) => b.words.buffer as ArrayBuffer),
  );
}

/**
 * Takes the records sent to this worker (batch s-1 is source s), keeping each state's smallest key;
 * then orders the level by key, adds it to the main table and publishes the sorted keys.
 */
function insert(batches: Batch[]): void {
  const workers = workersOf;
  const me = meOf;
  const guard = guardOf;
  const inst = loaded.instance;
  const invariants = loaded.invariants;
  const found = entries;
  if (!building) startLevel(batches.length);
  building = false;
  let stopped: 'max-states' | 'memory' | undefined;
  batches: for (let b = 0; b < batches.length; b++) {
    const source = b + 1;
    const w = new Uint32Array(batches[b].buffer);
    const used = batches[b].used;
    let rec = 0;
    while (rec < used) {
      const hi = w[rec];
      const lo = w[rec + 1];
      const key = w[rec + 2] * KEY_SPAN + w[rec + 3];
      const len = w[rec + 5];
      const start = rec + RECORD_HEADER;
      const r = rec;
      rec = start + len;
      const e = levelTable.findOrAdd(hi, lo, found.count);
      if (e !== ADDED) {
        if (key < found.keys[e]) {
          found.lower(e, key, source);
          parents.set(nextBase + e, w[r + 4] | 0, w[r + 3]);
        }
        continue;
      }
      if (maxStates !== Infinity && Atomics.add(counter, 0, 1) >= maxStates) {
        stopped = 'max-states';
        break batches;
      }
      const grow = next.growthFor(len);
      if (grow > 0 && guard.wouldExceed(grow)) {
        stopped = 'memory';
        break batches;
      }
      const broken = invariants.length > 0 ? brokenBy(invariants, inst.decode!(decoder.reset(w, start, start + len))) : 0;
      const offset = next.used;
      next.pushWords(w, start, len);
      found.add(hi, lo, key, source, offset, broken);
      parents.push(w[r + 4] | 0, w[r + 3]);
    }
  }
  // The level in key order.
  const n = found.count;
  const order = new Uint32Array(n);
  curKeys = new SharedArrayBuffer(n * 8);
  found.finish(order, new Float64Array(curKeys));
  const positions = new Uint32Array(n);
  for (let p = 0; p < n; p++) positions[p] = found.offsets[order[p]];
  curOrder = order;
  curPos = positions;
  curBase = nextBase;
  // Into the main table (grown first, within the memory budget), and the violation with the smallest key.
  let violation: ViolationFound | undefined;
  while (!stopped && table.size + n > table.limit) {
    if (guard.wouldExceed(table.growthBytes)) stopped = 'memory';
    else table.grow();
  }
  if (!stopped) {
    const fps = found.fps;
    for (let e = 0; e < n; e++) table.add(fps[2 * e], fps[2 * e + 1]);
    for (let e = 0; e < n; e++) {
      const broken = found.broken[e];
      if (broken > 0 && (!violation || found.keys[e] < violation.key)) {
        violation = { key: found.keys[e], invariant: invariants[broken - 1].name, ref: (nextBase + e) * workers + me };
      }
    }
  }
  const spent = batches.map((b) => b.buffer);
  send({ type: 'inserted', added: n, keys: curKeys, spent, violation, table: info(), tableBytes: table.bytes, parentBytes: parents.bytes, frontierBytes: next.bytes, stopped }, spent);
}

port.on('message', async (m: ToWorker) => {
  try {
    switch (m.type) {
      case 'init': {
        loaded = await loadInstance(m.load);
        meOf = m.index;
        workersOf = m.workers;
        outboxHint = new Array(m.workers).fill(1 << 12);
        guardOf = new MemoryGuard(m.memoryBudget);
        counter = new Int32Array(m.counter);
        maxStates = m.maxStates ?? Infinity;
        stopCheck = new StopCheck(m.deadline, guardOf);
        puritySampleOf = m.puritySample;
        const inst = loaded.instance;
        if (typeof inst.decode !== 'function') throw new ClabError('the parallel search needs a model with decode()', 'run without --workers, or give the model a decode() (see checker/model.ts)');
        encodeFnOf = inst.encode ? inst.encode.bind(inst) : (s, w) => encodeValue(s, w);
        keyFnOf = loaded.canonical ?? encodeFnOf;
        table = new FingerprintTable(1 << 12, true);
        current = new Frontier(inst, true);
        next = new Frontier(inst, true);
        send({ type: 'ready', table: info() });
        break;
      }
      case 'expand':
        expand(m.tables, m.keys, m.last, m.reuse);
        break;
      case 'insert':
        insert(m.batches);
        break;
      case 'parent':
        send({ type: 'parent', parent: parents.parent(m.local), index: parents.index(m.local) });
        break;
      case 'stop':
        port.close();
        break;
    }
  } catch (e) {
    send(errorReply(e));
  }
});
