// Binds a model instance's encoding to the 64-bit hash: one reusable encoder, no allocation per state.
// `stateCodec` says how an instance's states become words and back: its own encode/decode, or the
// generic codec (generic/codec.ts), one per instance, so what it learns about the states' shape serves
// every search of that instance.

import { Encoder, encodeValue } from './encode.ts';
import type { Decoder } from './decode.ts';
import { hash64 } from './fingerprint.ts';
import { genericCodec, type GenericCodec } from './generic/codec.ts';
import type { Instance } from '../model.ts';

export type Fingerprinter<S> = (s: S, out: Uint32Array) => void;

export interface StateCodec<S> {
  readonly encode: (s: S, w: Encoder) => void;
  /** Absent when the model has its own encode() but no decode(). */
  readonly decode: ((r: Decoder) => S) | undefined;
  /** Whether these are the generic encoding's (the model has no encode()). */
  readonly generic: boolean;
}

const codecs = new WeakMap<object, GenericCodec<unknown>>();

export function stateCodec<S>(inst: Instance<S>): StateCodec<S> {
  if (inst.encode) {
    const decode = inst.decode;
    return { encode: inst.encode.bind(inst), decode: typeof decode === 'function' ? decode.bind(inst) : undefined, generic: false };
  }
  let codec = codecs.get(inst) as GenericCodec<S> | undefined;
  if (!codec) {
    codec = genericCodec<S>();
    codecs.set(inst, codec as GenericCodec<unknown>);
  }
  return { encode: codec.encode, decode: codec.decode, generic: true };
}

/** `fp(s, out)` writes the state's fingerprint into out[0], out[1]. */
export function fingerprinter<S>(inst: Instance<S>): Fingerprinter<S> {
  const enc = new Encoder();
  const { encode } = stateCodec(inst);
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

/** Whether two states' encodings (encodeState's words) are the same words: the same state. */
export function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
