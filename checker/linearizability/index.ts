// A linearizability tester for histories of any object with a sequential specification (checker/
// linearizability/): a model records its clients' invocations and responses in its state and states
// `linearizable` as an invariant over them. It knows no protocol.

export { callText, describeOperation, HistoryError, operationsOf, precedes, resultText, type History, type HistoryEvent, type Operation } from './history.ts';
export { registerSpec, type SequentialSpec } from './spec.ts';
export { linearize, MAX_OPERATIONS, possibleResults, type DeepestFailure, type SearchOutcome } from './search.ts';
export { checkLinearizability, isLinearizable, type LinearizabilityResult } from './check.ts';
