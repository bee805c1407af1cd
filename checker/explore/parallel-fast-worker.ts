// One worker thread of the parallel BFS's fast mode (coordinator: parallel-fast.ts). It owns one shard of
// the visited set (fingerprints with lo % workers === index) and inserts straight into it: no per-level
// table, no key order, no merge, no parent pointers. Counts (distinct, generated, depth) do not depend on
// which parent a state gets, so they come out exactly as the single-core search's; traces do not, so the
// coordinator re-runs the exact ordered mode (parallel-worker.ts) as soon as any worker meets a violation.
// One round trip a level ('step'): the worker first adds the records the others sent it (states of the
// level about to be expanded), then expands its share of that level. A successor it owns goes straight
// into its table and next frontier; another worker's is looked up in that worker's table (read while its
// owner may be writing it: a miss there only means a record sent for nothing, the owner decides) and, if
// absent, sent to its owner in an outbox (outbox.ts).

import { parentPort } from 'node:worker_threads';
import { ClabError, ModelError } from '../errors.ts';
import { Encoder, encodeValue } from '../encode.ts';
import { hash64 } from '../fingerprint.ts';
import { FingerprintTable, probe } from '../fingerprint-table.ts';
import { Decoder } from '../decode.ts';
import { checkPurity } from '../purity.ts';
import { checkDecode, Frontier } from './frontier.ts';
import { loadInstance, type Loaded } from './load-instance.ts';
import { MemoryGuard } from './memory.ts';
import { Outbox, RECORD_HEADER } from './outbox.ts';
import type { Batch, TableInfo } from './parallel-protocol.ts';
import type { FastFromWorker, FastToWorker, Stop } from './parallel-fast-protocol.ts';
import type { Predicate } from './types.ts';

const TWO32 = 4294967296;
/** Direct-mapped filter of fingerprints this worker met lately in the level being built (see parallel-worker.ts). */
const RECENT_SHIFT = 18;
const recentHi = new Uint32Array(1 << (32 - RECENT_SHIFT));
const recentLo = new Uint32Array(1 << (32 - RECENT_SHIFT));
const recentLevel = new Int32Array(1 << (32 - RECENT_SHIFT)).fill(-1);
let levelCount = 0;
const GUARD_MS = 20;

const port = parentPort!;
let loaded: Loaded;
let me = 0;
let workers = 1;
let table: FingerprintTable;
let current: Frontier<unknown>;
let next: Frontier<unknown>;
let guard: MemoryGuard;
let deadline = Infinity;
let puritySample = 997;
let expandedSoFar = 0;
let nextGuard = 0;
let outboxHint: number[] = [];
const decoder = new Decoder();
let encodeFn: (s: unknown, w: Encoder) => void;
let keyFn: (s: unknown, w: Encoder) => void;

const send = (m: FastFromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const info = (): TableInfo => ({ buffer: table.table.buffer as SharedArrayBuffer, capacity: table.capacity });

function broken(invariants: readonly Predicate<unknown>[], s: unknown): boolean {
  for (let k = 0; k < invariants.length; k++) if (!invariants[k].holds(s)) return true;
  return false;
}

/** Makes room in the table for one more state within the memory budget; false when it cannot. */
function roomFor(): boolean {
  if (table.size < table.limit) return true;
  if (guard.wouldExceed(table.growthBytes)) return false;
  table.grow();
  return true;
}

/** Adds the records sent to this worker to its table and frontier; the count added, or a stop. */
function take(batches: Batch[]): { added: number; violation: boolean; stopped?: Stop } {
  const invariants = loaded.invariants;
  const inst = loaded.instance;
  let added = 0;
  for (const batch of batches) {
    const w = new Uint32Array(batch.buffer);
    const used = batch.used;
    let rec = 0;
    while (rec < used) {
      const hi = w[rec];
      const lo = w[rec + 1];
      const len = w[rec + 5];
      const start = rec + RECORD_HEADER;
      rec = start + len;
      if (!roomFor()) return { added, violation: false, stopped: 'memory' };
      if (!table.add(hi, lo)) continue;
      const grow = next.growthFor(len);
      if (grow > 0 && guard.wouldExceed(grow)) return { added, violation: false, stopped: 'memory' };
      added++;
      if (invariants.length > 0 && broken(invariants, inst.decode!(decoder.reset(w, start, start + len)))) return { added, violation: true };
      next.pushWords(w, start, len);
    }
  }
  return { added, violation: false };
}

function step(batches: Batch[], doExpand: boolean, tables: TableInfo[], last: boolean, reuse: (ArrayBuffer | null)[]): void {
  const taken = take(batches);
  const spent = batches.map((b) => b.buffer);
  const base = { type: 'stepped' as const, incoming: taken.added, spent, table: info(), tableBytes: table.bytes, frontierBytes: next.bytes };
  if (taken.violation || taken.stopped || !doExpand) {
    send({ ...base, own: 0, generated: 0, outboxes: [], beyondDepth: false, violation: taken.violation, stopped: taken.stopped }, spent);
    return;
  }
  [current, next] = [next, current];
  next.clear();
  const r = expand(tables, last, reuse);
  current.clear();
  current.shrink();
  const buffers = r.outboxes.map((b) => b.buffer);
  send({ ...base, table: info(), tableBytes: table.bytes, frontierBytes: Math.max(base.frontierBytes, next.bytes), ...r }, [...spent, ...buffers]);
}

function expand(tables: TableInfo[], last: boolean, reuse: (ArrayBuffer | null)[]) {
  const keyFnL = keyFn;
  const encodeFnL = encodeFn;
  const enc = new Encoder();
  const concreteEnc = new Encoder();
  const workersL = workers;
  const pow2 = (workersL & (workersL - 1)) === 0;
  const meL = me;
  const guardL = guard;
  const budgeted = guardL.budget !== Infinity;
  const deadlineL = deadline;
  const sample = puritySample;
  const invariants = loaded.invariants;
  const inst = loaded.instance;
  const symmetric = loaded.canonical !== undefined;
  const own = table;
  const levelNo = levelCount++;
  // Other shards' tables as raw arrays (their owners may be adding to them meanwhile).
  const slots = tables.map((t) => new Uint32Array(t.buffer));
  const scales = tables.map((t) => t.capacity / TWO32);
  const ends = tables.map((t) => t.capacity * 2);
  const outboxes = Array.from({ length: workersL }, (_, k) => new Outbox(k === meL ? 16 : outboxHint[k], reuse[k] ?? undefined));
  const out = new Uint32Array(2);
  const frontier = current;
  const words = frontier.words;
  const used = frontier.used;
  let expanded = expandedSoFar;
  let generated = 0;
  let ownAdded = 0;
  let beyondDepth = false;
  let violation = false;
  let stopped: Stop | undefined;
  scan: for (let pos = 0; pos < used; pos += words[pos] + 1) {
    const s = frontier.decodeAt(pos);
    const sampled = sample > 0 && (expanded < 16 || expanded % sample === 0);
    let before: Uint32Array | undefined;
    if (sampled) {
      const e = new Encoder(64);
      encodeFnL(s, e);
      before = e.snapshot();
      checkDecode(words, pos, before, -1);
    }
    const succ = inst.next(s);
    if (sampled) checkPurity(inst, s, -1, before!, succ);
    expanded++;
    generated += succ.length;
    for (let j = 0; j < succ.length; j++) {
      const t = succ[j].state;
      enc.reset();
      keyFnL(t, enc);
      hash64(enc.words, enc.length, out);
      const hi = out[0];
      const lo = out[1];
      const owner = pow2 ? lo & (workersL - 1) : lo % workersL;
      if (last || owner !== meL) {
        // Looked up in the owner's table (FingerprintTable.has, inlined). A slot being written may be
        // read half-written; fingerprints with a zero word are never looked up remotely, so a half-written
        // slot can only make a miss (a record sent for nothing), never a false hit.
        if (last || (hi !== 0 && lo !== 0)) {
          const ts = last && owner === meL ? own.table : slots[owner];
          const end = last && owner === meL ? own.capacity * 2 : ends[owner];
          const scale = last && owner === meL ? own.capacity / TWO32 : scales[owner];
          if (probe(ts, end, scale, hi, lo)) continue;
        }
        if (last) {
          beyondDepth = true;
          continue;
        }
        const r = hi >>> RECENT_SHIFT;
        if (recentLo[r] === lo && recentHi[r] === hi && recentLevel[r] === levelNo) continue;
        recentHi[r] = hi;
        recentLo[r] = lo;
        recentLevel[r] = levelNo;
        let w = enc;
        if (symmetric) {
          concreteEnc.reset();
          encodeFnL(t, concreteEnc);
          w = concreteEnc;
        }
        const box = outboxes[owner];
        if (box.used + w.length + RECORD_HEADER > box.words.length && guardL.wouldExceed(box.growthFor(w.length))) {
          stopped = 'memory';
          break scan;
        }
        box.push(hi, lo, 0, j, 0, w.words, w.length);
        continue;
      }
      if (own.size >= own.limit && !roomFor()) {
        stopped = 'memory';
        break scan;
      }
      if (!own.add(hi, lo)) continue;
      let w = enc;
      if (symmetric) {
        concreteEnc.reset();
        encodeFnL(t, concreteEnc);
        w = concreteEnc;
      }
      const grow = next.growthFor(w.length);
      if (grow > 0 && guardL.wouldExceed(grow)) {
        stopped = 'memory';
        break scan;
      }
      ownAdded++;
      if (invariants.length > 0 && broken(invariants, t)) {
        violation = true;
        break scan;
      }
      next.pushWords(w.words, 0, w.length);
    }
    if ((expanded & 1023) === 0) {
      const now = Date.now();
      if (now > deadlineL) {
        stopped = 'time-limit';
        break;
      }
      if (budgeted && now >= nextGuard) {
        nextGuard = now + GUARD_MS;
        if (guardL.wouldExceed()) {
          stopped = 'memory';
          break;
        }
      }
    }
  }
  expandedSoFar = expanded;
  outboxes.forEach((b, k) => (outboxHint[k] = Math.max(1 << 12, b.used + (b.used >>> 3))));
  return {
    own: ownAdded,
    generated,
    outboxes: outboxes.map((b) => ({ buffer: b.words.buffer as ArrayBuffer, used: b.used })),
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
        outboxHint = new Array(m.workers).fill(1 << 12);
        guard = new MemoryGuard(m.memoryBudget);
        deadline = m.deadline;
        puritySample = m.puritySample;
        const inst = loaded.instance;
        if (typeof inst.decode !== 'function') throw new ClabError('the parallel search needs a model with decode()', 'run without --workers, or give the model a decode() (see checker/model.ts)');
        encodeFn = inst.encode ? inst.encode.bind(inst) : (s, w) => encodeValue(s, w);
        keyFn = loaded.canonical ?? encodeFn;
        table = new FingerprintTable(1 << 12, true);
        current = new Frontier(inst, true);
        next = new Frontier(inst, true);
        send({ type: 'ready', table: info() });
        break;
      }
      case 'step':
        step(m.batches, m.expand, m.tables, m.last, m.reuse);
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
