// The generic encode/decode of one model instance without its own: it encodes with the general encoder
// while it samples the states it is given, then compiles an encoder specialised to their shape
// (compile.ts), and learns again later from more states (shapes that only appear deeper in the search,
// such as arrays that start empty), with a decoder compiled for the same shape. The words are the same
// whichever encoder writes them, and any decoder reads any of them.

import type { Decoder } from '../decode.ts';
import type { Encoder } from '../encoder.ts';
import { compile, compileDecoder, merge, observe, type Decode, type Encode, type Plan } from './compile.ts';
import { decodeValue } from './decode-value.ts';
import { encodeValue } from './encode-value.ts';

/** Encodes after which the plan is compiled (again). */
const COMPILE_AT = [256, 1 << 16];
/** One state in this many is sampled for the plan. */
const SAMPLE_EVERY = 32;

export interface GenericCodec<S> {
  readonly encode: (s: S, w: Encoder) => void;
  readonly decode: (r: Decoder) => S;
}

export function genericCodec<S>(): GenericCodec<S> {
  let calls = 0;
  let stage = 0;
  let plan: Plan | undefined;
  let fast: Encode | undefined;
  let fastDecode: Decode | undefined;
  const learn = (s: unknown): void => {
    if (calls <= 8 || calls % SAMPLE_EVERY === 0) {
      const p = observe(s);
      plan = plan ? merge(plan, p) : p;
    }
    if (calls === COMPILE_AT[stage]) {
      stage++;
      if (plan) {
        // Compiling needs code generation from strings; where Node forbids it (for example
        // --disallow-code-generation-from-strings), the general encoder and decoder go on alone.
        try {
          fast = compile(plan);
          fastDecode = compileDecoder(plan);
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
        }
      }
      plan = undefined;
    }
  };
  return {
    encode(s, w) {
      if (stage < COMPILE_AT.length) {
        calls++;
        learn(s);
      }
      if (fast) fast(s, w);
      else encodeValue(s, w);
    },
    decode: (r) => (fastDecode ? fastDecode(r) : decodeValue(r)) as S,
  };
}
