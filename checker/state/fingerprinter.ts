// Binds a model instance's encoding to the 64-bit hash: one reusable encoder, no allocation per state.

import { Encoder, encodeValue } from './encode.ts';
import { hash64 } from './fingerprint.ts';
import type { Instance } from '../model.ts';

export type Fingerprinter<S> = (s: S, out: Uint32Array) => void;

/** `fp(s, out)` writes the state's fingerprint into out[0], out[1]. */
export function fingerprinter<S>(inst: Instance<S>): Fingerprinter<S> {
  const enc = new Encoder();
  const encode = inst.encode ? inst.encode.bind(inst) : (s: S, w: Encoder) => encodeValue(s, w);
  return (s, out) => {
    enc.reset();
    encode(s, enc);
    hash64(enc.words, enc.length, out);
  };
}

/** The encoded words of a state (a copy), for purity checks and tests. */
export function encodeState<S>(inst: Instance<S>, s: S): Uint32Array {
  const enc = new Encoder();
  if (inst.encode) inst.encode(s, enc);
  else encodeValue(s, enc);
  return enc.snapshot();
}
