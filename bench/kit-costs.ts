// What the parts of a naturally written model cost, per operation, for docs/fast-models.md: one state of
// Paxos (A3 P2 B3, ten steps deep) held three ways, and the operations a model's next() and the checker
// do on it. Run: node bin/run-ts.js bench/kit-costs.ts  (ns per operation; figures move with the machine's
// load, so compare within one run).
//   - kit:       acceptors as an array of records, messages in the kit's SortedSet, the shape's encoder
//                (examples/paxos.ts);
//   - plain:     the same records, messages as a sorted array of plain objects (a model without the kit),
//                the generic structural encoder;
//   - immutable: immutable.js Maps and a Set of message Maps, the generic encoder.

import { Map as IMap, Set as ISet } from 'immutable';
import { Encoder, encodeValue } from '../checker/state/encode.ts';
import { Decoder } from '../checker/state/decode.ts';
import { assign } from '../checker/model-kit/index.ts';
import natural from '../examples/paxos.ts';

type Msg = { readonly type: string; readonly [k: string]: number | string };
const inst = natural.instantiate({ acceptors: 3, proposers: 2, maxBallot: 3 }, undefined);

// A state twelve steps deep (each step a fixed choice among the successors that change the state).
let kitState = inst.init()[0];
for (let i = 0; i < 12; i++) {
  const succ = inst.next(kitState).filter((st) => st.state !== kitState);
  kitState = succ[(i * 7) % succ.length].state;
}
const msgs = [...kitState.msgs] as Msg[];
const order = (a: Msg, b: Msg) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
const plainState = { acceptors: kitState.acceptors.map((a) => ({ ...a })), msgs: msgs.map((m) => ({ ...m })).sort(order) };
const immState = IMap({ acceptors: kitState.acceptors.map((a) => IMap(a)), msgs: ISet(msgs.map((m) => IMap(m))) });
const newMsg = { type: '2b', acc: 2, b: 3, v: 1 } as const;

let sink = 0;
/** Nanoseconds a call of f takes, from calls lasting at least 200 ms together after a warm-up. */
function ns(f: () => unknown): number {
  for (let i = 0; i < 20000; i++) f();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < 200) {
    for (let i = 0; i < 1000; i++) if (f() === sink) sink++;
    n += 1000;
    t = performance.now();
  }
  return ((t - t0) * 1e6) / n;
}

const w = new Encoder();
const enc = new Encoder();
inst.encode!(kitState, enc);
const words = enc.snapshot();
const dec = new Decoder();
const acc = kitState.acceptors[1];
const records = Array.from({ length: 64 }, (_, i) => ({ maxBal: i, maxVBal: 2, maxVal: 3 }));
const frozen = records.map((o) => Object.freeze({ ...o }));
let k = 0;

const rows: [string, number][] = [
  [`state: ${msgs.length} messages; encode, kit shape (stateCodec)`, ns(() => inst.encode!(kitState, w.reset()))],
  ['encode, generic encoder, plain state', ns(() => encodeValue(plainState, w.reset()))],
  ['encode, generic encoder, immutable.js state', ns(() => encodeValue(immState, w.reset()))],
  ['decode, kit shape', ns(() => inst.decode!(dec.reset(words, 0, words.length)))],
  ['send a message: SortedSet.add', ns(() => kitState.msgs.add(newMsg))],
  ['send a message: [...msgs, m].sort() (plain)', ns(() => [...plainState.msgs, newMsg].sort(order))],
  ['send a message: immutable.js Set.add', ns(() => immState.update('msgs', (s) => s.add(IMap(newMsg) as never)))],
  ['update a record: { ...acc, maxBal: 3 }', ns(() => ({ ...acc, maxBal: 3 }))],
  ['update a record: assign(acc, { maxBal: 3 })', ns(() => assign(acc, { maxBal: 3 }))],
  ['read 3 fields of a record literal', ns(() => { const o = records[k++ & 63]; return o.maxBal + o.maxVBal + o.maxVal; })],
  ['read 3 fields of a frozen record', ns(() => { const o = frozen[k++ & 63]; return o.maxBal + o.maxVBal + o.maxVal; })],
  ['next(): examples/paxos.ts, every successor', ns(() => inst.next(kitState))],
];
for (const [name, t] of rows) console.log(`${name.padEnd(52)} ${t.toFixed(0).padStart(7)} ns`);
