// The state-encoding API a model may import (with decode.ts): the word buffer `Encoder` that a
// hand-written `encode(state, w)` writes into (encoder.ts, every write range-checked), the generic
// structural encoder `encodeValue` used for models without one (generic/: the word format in tags.ts,
// what counts as model data in model-data.ts), and `OWN_CODEC`, by which a class brings its own encoding
// to the generic one. Fingerprints are hashes of these words, so every encoding must be injective on the
// states of one model instance: equal states, equal words; different states, different words.

export { Encoder } from './encoder.ts';
export { encodeValue } from './generic/encode-value.ts';
export { OWN_CODEC } from './generic/model-data.ts';
