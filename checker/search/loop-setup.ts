// What every search strategy sets up the same way before its loop, so that the one-core BFS, the parallel
// workers and the random walks cannot drift apart: how a state is written as words and read back (the
// model's own encode() and decode(), or the generic structural codec), which words identify it (those,
// or its orbit's canonical words under symmetry reduction), which expansions are sampled for the purity
// checks, and which invariant a state breaks first.

import { Encoder, StateEncodingError } from '../state/encoder.ts';
import type { Decoder } from '../state/decode.ts';
import { modelError } from '../load/model-origin.ts';
import { SignaturesError } from '../state/symmetry.ts';
import { SIGNATURES_HINT, signaturesMessage } from './symmetry-check.ts';
import { stateCodec } from '../state/fingerprinter.ts';
import type { Instance } from '../model.ts';
import type { Predicate } from './types.ts';

/** Expansions sampled for the purity checks by default: the first 16, then one in this many. */
export const PURITY_SAMPLE = 997;

export interface StateWords<S> {
  /** The state's own words: what the frontier stores and decode() reads back. */
  readonly encode: (s: S, w: Encoder) => void;
  /** The words its fingerprint is taken of: the orbit's canonical words under symmetry, else `encode`'s. */
  readonly key: (s: S, w: Encoder) => void;
  /** Reads `encode`'s words back (the model's decode(), or the generic decoder); absent if it cannot. */
  readonly decode: ((r: Decoder) => S) | undefined;
}

export function stateWords<S>(inst: Instance<S>, canonical?: (s: S, w: Encoder) => void): StateWords<S> {
  const { encode, decode } = stateCodec(inst);
  return { encode, key: canonical ? renamedWords(inst, encode, canonical) : encode, decode };
}

/**
 * The canonical words, with an encoding error blamed where it belongs: on the state itself if it cannot
 * be encoded, else on symmetry.apply, which built a renamed state that cannot (a typed array where the
 * state has an array, say). Only the error path does more than call `canonical`.
 */
function renamedWords<S>(inst: Instance<S>, encode: (s: S, w: Encoder) => void, canonical: (s: S, w: Encoder) => void): (s: S, w: Encoder) => void {
  return (s, w) => {
    try {
      canonical(s, w);
    } catch (e) {
      if (e instanceof SignaturesError) throw modelError(inst, 'signatures', signaturesMessage(e.sort, e.got, e.size, inst.symmetry?.sorts[e.sort] ?? String(e.sort)), SIGNATURES_HINT);
      if (!(e instanceof StateEncodingError)) throw e;
      encode(s, new Encoder());
      throw modelError(inst, 'symmetry', `symmetry.apply returned a state that cannot be encoded: ${e.message}`, e.hint);
    }
  };
}

/** Whether expansion number `expanded` (0-based) is one of those sampled for the purity checks. */
export function isPuritySample(expanded: number, every: number): boolean {
  return every > 0 && (expanded < 16 || expanded % every === 0);
}

/** The index of the first invariant `s` breaks, or -1. */
export function firstBroken<S>(invariants: readonly Predicate<S>[], s: S): number {
  for (let k = 0; k < invariants.length; k++) if (!invariants[k].holds(s)) return k;
  return -1;
}
