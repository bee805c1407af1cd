// What an Instance needs from its state's shape, derived in one call: `...stateCodec(State, { symmetry:
// [Acceptor] })` gives encode, decode, show, and with `symmetry` the renaming of the listed sorts' ids and
// the `sorts` they need. A value that does not fit the shape stops the check with the path to it
// (`state.acc[1].maxBal: 7 is not an int 0..4`), reported with the trace that reached it.

import type { Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';
import type { Sort } from './scalars.ts';
import { ShapeError, type Renaming, type Shape } from './shape.ts';

export interface StateCodecOptions {
  /** Sorts whose members are interchangeable (every permutation of their ids maps runs to runs). */
  readonly symmetry?: readonly Sort[];
  /** More sorts to declare for views (the symmetric ones are declared anyway). */
  readonly sorts?: readonly Sort[];
}

export interface StateCodec<S> {
  encode(s: S, w: Encoder): void;
  decode(r: Decoder): S;
  show(s: S): Readonly<Record<string, unknown>>;
  readonly sorts?: Readonly<Record<string, readonly string[]>>;
  readonly symmetry?: { readonly sorts: readonly string[]; apply(s: S, perms: readonly (readonly number[])[]): S };
}

export function stateCodec<S>(shape: Shape<S>, opts: StateCodecOptions = {}): StateCodec<S> {
  const symmetric = opts.symmetry ?? [];
  const declared = [...symmetric, ...(opts.sorts ?? [])];
  for (const s of symmetric)
    if (!shape.sorts.includes(s.name)) throw new RangeError(`stateCodec: symmetry names sort '${s.name}', which no part of the state's shape holds`);
  const names = symmetric.map((s) => s.name);
  return {
    encode(s, w) {
      try {
        shape.encode(s, w);
      } catch (e) {
        if (e instanceof ShapeError) {
          if (e.path.length === 0) e.message = `state: ${e.problem}`;
          // The checker called encode, not the model: no frame of this stack is the model's, and the
          // checker names the first one outside checker/ as where the error came from. Without frames it
          // names none, and the path in the message says where the value is.
          e.stack = `ShapeError: ${e.message}`;
        }
        throw e;
      }
    },
    decode: (r) => shape.decode(r),
    show(s) {
      const v = shape.show(s);
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { state: v };
    },
    ...(declared.length ? { sorts: Object.fromEntries(declared.map((s) => [s.name, s.names])) } : {}),
    ...(symmetric.length
      ? {
          symmetry: {
            sorts: names,
            apply(s: S, perms: readonly (readonly number[])[]): S {
              const ren: Record<string, readonly number[]> = {};
              for (let k = 0; k < names.length; k++) ren[names[k]] = perms[k];
              return shape.rename(s, ren as Renaming);
            },
          },
        }
      : {}),
  };
}
