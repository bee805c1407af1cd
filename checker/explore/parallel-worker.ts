// One worker thread of the parallel BFS (coordinator: parallel-bfs.ts). It owns one shard of the visited
// set (fingerprints with lo % workers === index) and the states of that shard: their parent pointers and,
// per level, their frontier. Each level runs in two phases:
//   expand  every worker expands its frontier; each successor's fingerprint is looked up, read-only, in
//           its owner's table (tables live in SharedArrayBuffers and nobody writes during this phase);
//           successors not yet visited become candidate records in an outbox per owner;
//   insert  every worker takes the candidates meant for it, from worker 0's outbox first, then worker 1's,
//           ..., each in generation order, and inserts them: the first candidate of a state wins.
// That order is a function of the previous level alone, so ids, parents, frontiers and the chosen
// counterexample are the same on every run whatever the thread timing.

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
import type { FromWorker, TableInfo, ToWorker, ViolationFound } from './parallel-protocol.ts';

const port = parentPort!;
let loaded: Loaded;
let meOf = 0;
let workersOf = 1;
let table: FingerprintTable;
const parents = new ParentTable();
let current: Frontier<unknown>;
let next: Frontier<unknown>;
let levelStart = 0;
let guardOf: MemoryGuard;
let counter: Int32Array;
let maxStates = Infinity;
let deadlineOf = Infinity;
let puritySampleOf = 997;
let expandedOf = 0;
/** Fingerprints this worker sent as candidates in the current level, and size hints from the last one. */
let sentHint = 0;
let outboxHint: number[] = [];
const encOf = new Encoder();
const decoder = new Decoder();
const concreteEncOf = new Encoder();
let encodeFnOf: (s: unknown, w: Encoder) => void;
let keyFnOf: (s: unknown, w: Encoder) => void;

const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const info = (): TableInfo => ({ buffer: table.table.buffer as SharedArrayBuffer, capacity: table.capacity });

function expand(tables: TableInfo[], last: boolean): void {
  // Module bindings copied to locals: the hot loop then has no context loads or TDZ checks.
  const keyFn = keyFnOf;
  const encodeFn = encodeFnOf;
  const enc = encOf;
  const concreteEnc = concreteEncOf;
  const workers = workersOf;
  const me = meOf;
  const guard = guardOf;
  const deadline = deadlineOf;
  const puritySample = puritySampleOf;
  let expanded = expandedOf;
  [current, next] = [next, current];
  next.clear();
  const views = tables.map((t, i) => (i === me ? table : FingerprintTable.view(t.buffer, t.capacity)));
  const outboxes = Array.from({ length: workers }, (_, k) => new Outbox(outboxHint[k]));
  const sent = new FingerprintTable(Math.max(1 << 12, sentHint * 2));
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
    const id = levelStart + i;
    const s = current.decodeAt(pos);
    const sample = puritySample > 0 && (expanded < 16 || expanded % puritySample === 0);
    let before: Uint32Array | undefined;
    if (sample) {
      const e = new Encoder(64);
      encodeFn(s, e);
      before = e.snapshot();
      checkDecode(words, pos, before, id * workers + me);
    }
    pos += words[pos] + 1;
    const succ = inst.next(s);
    if (sample) checkPurity(inst, s, id * workers + me, before!, succ);
    expanded++;
    generated += succ.length;
    const ref = id * workers + me;
    for (let j = 0; j < succ.length; j++) {
      const t = succ[j].state;
      enc.reset();
      keyFn(t, enc);
      hash64(enc.words, enc.length, out);
      const owner = out[1] % workers;
      if (views[owner].has(out[0], out[1])) continue;
      // A candidate this worker already sent this level cannot win against its own earlier copy.
      if (!sent.add(out[0], out[1])) continue;
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
      const grow = box.growthFor(w.length);
      if (grow > 0 && guard.wouldExceed(grow)) {
        stopped = 'memory';
        break scan;
      }
      box.push(out[0], out[1], ref, j, w.words, w.length);
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
  levelStart += n;
  expandedOf = expanded;
  sentHint = sent.size;
  outboxes.forEach((b, k) => (outboxHint[k] = Math.max(1 << 12, b.used)));
  current.clear();
  current.shrink();
  send(
    { type: 'expanded', generated, outboxes: outboxes.map((b) => ({ buffer: b.words.buffer as ArrayBuffer, used: b.used })), beyondDepth, stopped },
    outboxes.map((b) => b.words.buffer as ArrayBuffer),
  );
}

function insert(batches: { buffer: ArrayBuffer; used: number }[]): void {
  const workers = workersOf;
  const me = meOf;
  const guard = guardOf;
  const inst = loaded.instance;
  const invariants = loaded.invariants;
  let added = 0;
  let violation: ViolationFound | undefined;
  let stopped: 'max-states' | 'memory' | undefined;
  batches: for (const b of batches) {
    const w = new Uint32Array(b.buffer);
    let p = 0;
    while (p < b.used) {
      const hi = w[p];
      const lo = w[p + 1];
      const len = w[p + 4];
      const rec = p;
      p += RECORD_HEADER + len;
      if (table.has(hi, lo)) continue;
      if (table.size >= table.limit) {
        if (guard.wouldExceed(table.growthBytes)) {
          stopped = 'memory';
          break batches;
        }
        table.grow();
      }
      if (maxStates !== Infinity && Atomics.add(counter, 0, 1) >= maxStates) {
        stopped = 'max-states';
        break batches;
      }
      table.add(hi, lo);
      const id = parents.push(w[rec + 2] | 0, w[rec + 3]);
      added++;
      const s = inst.decode!(decoder.reset(w, rec + RECORD_HEADER, rec + RECORD_HEADER + len));
      for (let k = 0; k < invariants.length; k++) {
        if (!invariants[k].holds(s)) {
          if (!violation || hi < violation.hi || (hi === violation.hi && lo < violation.lo)) violation = { hi, lo, invariant: invariants[k].name, ref: id * workers + me };
          break;
        }
      }
      const grow = next.growthFor(len);
      if (grow > 0 && guard.wouldExceed(grow)) {
        stopped = 'memory';
        break batches;
      }
      next.push(s, w.subarray(rec + RECORD_HEADER), len);
    }
  }
  send({ type: 'inserted', added, violation, table: info(), tableBytes: table.bytes, parentBytes: parents.bytes, frontierBytes: next.bytes, stopped });
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
        expand(m.tables, m.last);
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
