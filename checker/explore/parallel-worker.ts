// One worker thread of the parallel BFS (coordinator: parallel-bfs.ts). It owns one shard of the visited
// set (fingerprints with lo % workers === index): its fingerprint table, the parent pointers of its states
// and, per level, their frontier. Each level runs in two phases, both fully parallel:
//   expand  every worker expands its own frontier with the single-core hot loop (decode, next, encode,
//           hash); each successor is looked up in its owner's table, which nobody writes in this phase
//           (tables live in SharedArrayBuffers); successors not yet visited become candidate records
//           in an outbox per owner (its own included);
//   insert  every worker merges the outboxes meant for it by discovery key and inserts them into its
//           own table: the first record of a state wins, and is checked against the invariants.
// Discovery key = (rank of the parent in its level, index of the successor in next(parent)): the order in
// which the single-core search meets successors. A worker's frontier is in key order and every outbox is
// written in key order, so the merge inserts each state with its smallest key; a state's rank is its
// key's position among all workers' keys of the level (one merge walk over the published key arrays).
// Hence parents, the chosen counterexample and its trace are exactly the single-core search's, on every
// run, whatever the thread timing.

import { parentPort } from 'node:worker_threads';
import { Decoder } from '../decode.ts';
import { ClabError, ModelError } from '../errors.ts';
import { Encoder, encodeValue } from '../encode.ts';
import { hash64 } from '../fingerprint.ts';
import { FingerprintTable } from '../fingerprint-table.ts';
import { checkPurity } from '../purity.ts';
import { checkDecode, Frontier } from './frontier.ts';
import { loadInstance, type Loaded } from './load-instance.ts';
import { MemoryGuard } from './memory.ts';
import { Outbox, RECORD_HEADER } from './outbox.ts';
import { ParentTable } from './parent-table.ts';
import type { Batch, FromWorker, TableInfo, ToWorker, ViolationFound } from './parallel-protocol.ts';

/** Discovery key = parentRank * KEY_SPAN + successorIndex (exact in a double for ranks below 2^32). */
export const KEY_SPAN = 2 ** 21;
const TWO32 = 4294967296;

const port = parentPort!;
let loaded: Loaded;
let meOf = 0;
let workersOf = 1;
let table: FingerprintTable;
const parents = new ParentTable();
let current: Frontier<unknown>;
let next: Frontier<unknown>;
/** Local id of the first state of `next` (and, once a level is expanded, of `current`). */
let levelStart = 0;
let nextStart = 0;
let guardOf: MemoryGuard;
let counter: Int32Array;
let maxStates = Infinity;
let deadlineOf = Infinity;
let puritySampleOf = 997;
let expandedOf = 0;
let outboxHint: number[] = [];
let keysOut = new Float64Array(1 << 12);
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

function expand(tables: TableInfo[], keys: SharedArrayBuffer[], last: boolean): void {
  // Module bindings copied to locals: the hot loop then has no context loads or TDZ checks.
  const keyFn = keyFnOf;
  const encodeFn = encodeFnOf;
  const enc = encOf;
  const concreteEnc = concreteEncOf;
  const workers = workersOf;
  const pow2 = (workers & (workers - 1)) === 0;
  const me = meOf;
  const guard = guardOf;
  const deadline = deadlineOf;
  const puritySample = puritySampleOf;
  let expanded = expandedOf;
  [current, next] = [next, current];
  next.clear();
  levelStart = nextStart;
  const ranks = ranksOf(keys, me);
  // The frozen tables of all shards, as raw arrays (no writes anywhere until the insert phase).
  const slots = tables.map((t, i) => (i === me ? table.table : new Uint32Array(t.buffer)));
  const scales = tables.map((t, i) => (i === me ? table.capacity : t.capacity) / TWO32);
  const ends = tables.map((t, i) => (i === me ? table.capacity : t.capacity) * 2);
  const outboxes = Array.from({ length: workers }, (_, k) => new Outbox(outboxHint[k]));
  const inst = loaded.instance;
  const symmetric = loaded.canonical !== undefined;
  const out = new Uint32Array(2);
  let generated = 0;
  let beyondDepth = false;
  let stopped: 'time-limit' | 'memory' | undefined;
  const words = current.words;
  let pos = 0;
  const n = current.count;
  scan: for (let i = 0; i < n; i++) {
    const ref = (levelStart + i) * workers + me;
    const s = current.decodeAt(pos);
    const sample = puritySample > 0 && (expanded < 16 || expanded % puritySample === 0);
    let before: Uint32Array | undefined;
    if (sample) {
      const e = new Encoder(64);
      encodeFn(s, e);
      before = e.snapshot();
      checkDecode(words, pos, before, ref);
    }
    pos += words[pos] + 1;
    const succ = inst.next(s);
    if (sample) checkPurity(inst, s, ref, before!, succ);
    expanded++;
    generated += succ.length;
    if (succ.length > KEY_SPAN) throw new ClabError(`a state has ${succ.length} successors; the parallel search handles at most ${KEY_SPAN}`, 'run without --workers');
    const rank = ranks[i];
    for (let j = 0; j < succ.length; j++) {
      const t = succ[j].state;
      enc.reset();
      keyFn(t, enc);
      hash64(enc.words, enc.length, out);
      const hi = out[0];
      let lo = out[1];
      const owner = pow2 ? lo & (workers - 1) : lo % workers;
      // Lookup in the owner's frozen table (FingerprintTable.has, inlined).
      const ts = slots[owner];
      const end = ends[owner];
      const lo1 = hi === 0 && lo === 0 ? 1 : lo;
      let k = Math.floor(hi * scales[owner]) * 2;
      let seen = false;
      for (;;) {
        const h = ts[k];
        const l = ts[k + 1];
        if (h === hi && l === lo1) {
          seen = true;
          break;
        }
        if (h === 0 && l === 0) break;
        k += 2;
        if (k === end) k = 0;
      }
      if (seen) continue;
      if (last) {
        beyondDepth = true;
        continue;
      }
      let w = enc;
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
      box.push(hi, lo, rank, j, ref, w.words, w.length);
    }
    if ((expanded & 1023) === 0) {
      if (Date.now() > deadline) {
        stopped = 'time-limit';
        break;
      }
      if (guard.wouldExceed()) {
        stopped = 'memory';
        break;
      }
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

/** Merges the batches by discovery key and inserts each state at its first (smallest-key) record. */
function insert(batches: Batch[]): void {
  const workers = workersOf;
  const me = meOf;
  const guard = guardOf;
  const inst = loaded.instance;
  const invariants = loaded.invariants;
  const streams = batches.map((b) => new Uint32Array(b.buffer));
  const ends = batches.map((b) => b.used);
  const at = batches.map(() => 0);
  const nStreams = streams.length;
  nextStart = parents.size;
  let added = 0;
  let violation: ViolationFound | undefined;
  let stopped: 'max-states' | 'memory' | undefined;
  let keys = keysOut;
  for (;;) {
    // The stream whose head record has the smallest key (ties cannot happen: a key names one successor).
    let best = -1;
    let bestKey = Infinity;
    for (let s = 0; s < nStreams; s++) {
      const p = at[s];
      if (p >= ends[s]) continue;
      const w = streams[s];
      const key = w[p + 2] * KEY_SPAN + w[p + 3];
      if (key < bestKey) {
        bestKey = key;
        best = s;
      }
    }
    if (best < 0) break;
    const w = streams[best];
    const rec = at[best];
    const len = w[rec + 5];
    at[best] = rec + RECORD_HEADER + len;
    if (table.size >= table.limit) {
      if (table.has(w[rec], w[rec + 1])) continue;
      if (guard.wouldExceed(table.growthBytes)) {
        stopped = 'memory';
        break;
      }
      table.grow();
    }
    if (!table.add(w[rec], w[rec + 1])) continue;
    if (maxStates !== Infinity && Atomics.add(counter, 0, 1) >= maxStates) {
      stopped = 'max-states';
      break;
    }
    const id = parents.push(w[rec + 4] | 0, w[rec + 3]);
    if (added === keys.length) {
      const bigger = new Float64Array(keys.length * 2);
      bigger.set(keys);
      keys = bigger;
    }
    keys[added++] = bestKey;
    const start = rec + RECORD_HEADER;
    if (invariants.length > 0) {
      const s = inst.decode!(decoder.reset(w, start, start + len));
      let broken: string | undefined;
      for (let k = 0; k < invariants.length; k++) {
        if (!invariants[k].holds(s)) {
          broken = invariants[k].name;
          break;
        }
      }
      // Records arrive in key order, so the first violation of this shard is its smallest-key one.
      if (broken !== undefined) {
        violation = { key: bestKey, invariant: broken, ref: id * workers + me };
        break;
      }
    }
    const grow = next.growthFor(len);
    if (grow > 0 && guard.wouldExceed(grow)) {
      stopped = 'memory';
      break;
    }
    next.push(undefined, w.subarray(start), len);
  }
  keysOut = keys;
  const published = new SharedArrayBuffer(added * 8);
  new Float64Array(published).set(keys.subarray(0, added));
  send({ type: 'inserted', added, keys: published, violation, table: info(), tableBytes: table.bytes, parentBytes: parents.bytes, frontierBytes: next.bytes, stopped });
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
        deadlineOf = m.deadline;
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
        expand(m.tables, m.keys, m.last);
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
    const model = e instanceof ModelError || !(e instanceof ClabError);
    send({
      type: 'error',
      message: e instanceof ClabError ? e.message : `the model threw an error: ${(e as Error)?.message ?? String(e)}`,
      hint: e instanceof ClabError ? e.hint : undefined,
      model,
      exitCode: e instanceof ClabError ? e.exitCode : undefined,
    });
  }
});
