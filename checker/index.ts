// The package's main entry point (`import { defineModel } from 'consensus-lab'`): what a user's model
// needs and nothing else. A model written against these names keeps working while the engine behind them
// changes; the checker's stages are reached through the `clab` command, and tests use 'consensus-lab/testing'.

export { defineModel } from './model.ts';
export type {
  Action,
  ConstantDecl,
  Constants,
  ConstValue,
  Instance,
  Invariant,
  MessageLabel,
  Model,
  Scalar,
  Step,
  View,
  ViewType,
} from './model.ts';
export type { Fairness, StatePredicate, TemporalProperty } from './liveness/property.ts';
export { Encoder } from './state/encode.ts';
export { Decoder } from './state/decode.ts';
// The model kit (checker/model-kit/): shapes that give a state its canonical encoding, decoding, picture and
// symmetry; immutable sets and bags of messages; structural-sharing updates; next() from named actions.
export * from './model-kit/index.ts';
// The linearizability tester (checker/linearizability/): histories of invocations and responses checked
// against a sequential specification, for a model's `linearizable` invariant.
export * from './linearizability/index.ts';
// What a model says about its messages so `clab cost` can count them (checker/cost/).
export type { CostProbe, CostScenario, MessageFlow, ModelCost, ReplicaSearch, SentMessage } from './cost/types.ts';
