// Checks a model's decode() on a state the search is about to store as packed words: decoding those words
// must give back the state they were written from. Three checks, cheapest first: the decoded state
// encodes to the same words; it is the same model data (checker/state/same-data.ts: a decode() that reads
// a negative number back with u32() passes the first check, the encoder keeping only 32 bits, and the
// search would then run on states the model never reaches); and next() gives the same successors from
// both (as a multiset: their order may depend on how a state is built, which trace rebuilding handles),
// which catches a model whose behaviour depends on something decode() does not restore. Run on the
// search's purity sample (the first 16 states, then one in 997), so it adds no work per state.

import { modelError } from '../load/model-origin.ts';
import { Decoder } from '../state/decode.ts';
import { Encoder, encodeValue } from '../state/encode.ts';
import { brief, firstDifference } from '../state/same-data.ts';
import { formatAction } from '../trace/values.ts';
import type { Instance, Step } from '../model.ts';

const HINT = 'decode() must rebuild exactly the state encode() wrote: read each field as it was written (a number that can be negative with int(), not u32()), into the same types and collections';

/** Throws a ModelError (naming decode() and its line) unless words[0..len) decode back to `original`. */
export function checkDecoded<S>(inst: Instance<S>, original: S, words: Uint32Array, len: number, stateId: number): void {
  // Without a decode() of its own the model's states are read back by the generic decoder, the checker's
  // own code (test/state/generic/ checks it), and not checked here: this check calls next() twice, which
  // on a model with a wide fan-out would cost more than the search.
  if (typeof inst.decode !== 'function') return;
  const id = stateId >= 0 ? stateId : undefined;
  const fail = (what: string, hint = HINT) => modelError(inst, 'decode', what, hint, id);
  // An exception from decode() or next() is left to the search, which meets it where it expands the state
  // (in its own order, with the trace that reached it): the model's error, not a breach found here early.
  let decoded: S;
  try {
    decoded = inst.decode(new Decoder().reset(words, 0, len));
  } catch {
    return;
  }
  const encode = (s: S, w: Encoder) => (inst.encode ? inst.encode(s, w) : encodeValue(s, w));
  const again = new Encoder();
  // A decoded state that cannot be encoded again (a -1 read back as 4294967295 is out of int()'s range) is
  // named by the comparison with the original below, which says which field decode() got wrong.
  let reencoded = true;
  try {
    encode(decoded, again);
  } catch {
    reencoded = false;
  }
  let same = reencoded && again.length === len;
  for (let i = 0; same && i < len; i++) same = again.words[i] === words[i];
  if (reencoded && !same) throw fail('decode() does not invert encode(): decode(encode(s)) encodes to different words than s', 'decode() must read back exactly the words encode() wrote, in the same order');
  const d = firstDifference(decoded, original);
  if (d) throw fail(`decode() does not give back the state it was encoded from: decode(encode(s))${d.path}: ${brief(d.left)}, s${d.path}: ${brief(d.right)}`);
  if (!reencoded) return;
  const keyed = (list: readonly Step<S>[]) =>
    list.map((st) => {
      const w = new Encoder(64);
      encode(st.state, w);
      return { key: Array.from(w.words.subarray(0, w.length)).join(','), action: st.action };
    });
  let a: ReturnType<typeof keyed>;
  let b: ReturnType<typeof keyed>;
  try {
    a = keyed(inst.next(original));
    b = keyed(inst.next(decoded));
  } catch {
    return;
  }
  const left = new Map<string, number>();
  for (const x of b) left.set(x.key, (left.get(x.key) ?? 0) + 1);
  const missing = a.find((x) => {
    const n = left.get(x.key) ?? 0;
    left.set(x.key, n - 1);
    return n <= 0;
  });
  if (missing || a.length !== b.length) {
    const which = missing ? `s has the step '${safeLabel(missing.action)}', decode(encode(s)) has no such successor` : `s has ${a.length} steps, decode(encode(s)) ${b.length}`;
    throw modelError(
      inst,
      'next',
      `next() gives other successors from decode(encode(s)) than from s, which are equal data: ${which}`,
      'next() must depend only on the state\'s data: not on how a collection was built (the order a Set or Map was filled in) or on a field encode() leaves out',
      id,
    );
  }
}

function safeLabel(a: unknown): string {
  try {
    return formatAction(a as never);
  } catch {
    return String(a);
  }
}
