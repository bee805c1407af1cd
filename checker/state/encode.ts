// The state-encoding API a model may import (with decode.ts): the word buffer `Encoder` that a
// hand-written `encode(state, w)` writes into (encoder.ts, every write range-checked), and the generic
// structural encoder `encodeValue` used for models without one (generic/: the word format in tags.ts, what
// counts as model data in model-data.ts). Fingerprints are hashes of these words, so every encoding must
// be injective on the states of one model instance: equal states, equal words; different states,
// different words.

export { Encoder } from './encoder.ts';
export { encodeValue } from './generic/encode-value.ts';
