// The model kit: helpers for what every protocol model needs, so a model written the natural way (plain
// readonly objects, spread updates) checks fast without a hand-written encoding. Shapes declare what the
// state holds (ints, ids of a sort of processes, records, messages, per-process arrays, sets and bags of
// messages) and give its canonical encoding, decoding, picture for traces and symmetry; sets and bags are
// immutable with structural sharing; `assign`/`setAt` update records and arrays; `actions` builds next()
// from named action functions. docs/fast-models.md shows them at work and what each costs.

export { ShapeError, type FiniteShape, type Renaming, type Shape } from './shape.ts';
export { bool, int, maybe, oneOf, sort, type Sort } from './scalars.ts';
export { messages, record, type MessageShape, type RecordShape, type ValueOf } from './record.ts';
export { list, perProcess, tuple } from './arrays.ts';
export { bagOf, setOf, SortedBag, SortedSet, type BagShape, type SetShape } from './collections.ts';
export { assign, setAt, updateAt } from './update.ts';
export { actions, ACTIONS, namedActions, type ActionFn, type ActionsNext, type NamedAction } from './actions.ts';
export { stateCodec, type StateCodec, type StateCodecOptions } from './codec.ts';
