// Starter: a skeleton of Lamport, Shostak and Pease's Oral Messages algorithm OM(1). A commander
// (general 0) and n-1 lieutenants; at most one general is a traitor (which one, if any, is chosen by the
// initial state). Round 1 (the commander sends) is written. Your part, marked TODO below: round 2 (each
// lieutenant relays the value it received to every other lieutenant; a traitor relays any value to each)
// and the decision (each loyal lieutenant decides the majority of the n-1 values it holds, a tie going to
// retreat). As given, a lieutenant obeys the commander's value at once (OM(0)), which a traitorous
// commander defeats. Keep the constant n, the views and their meaning: the grader checks IC1 and IC2 on them.
// States must stay plain data (the grader's sandbox passes them as JSON).
import { defineModel } from 'consensus-lab';

type Value = 'attack' | 'retreat';
const VALUES: readonly Value[] = ['attack', 'retreat'];

interface State {
  /** The traitor: -1 for none, 0 for the commander, i for lieutenant i. */
  readonly traitor: number;
  /** The loyal commander's order ('retreat', unused, when the commander is the traitor). */
  readonly order: Value;
  /** fromCommander[i]: the value lieutenant i received in round 1 (null: none yet; index 0 unused). */
  readonly fromCommander: readonly (Value | null)[];
  /** relayed[i][j]: the value lieutenant j relayed to lieutenant i in round 2 (null: none yet). */
  readonly relayed: readonly (readonly (Value | null)[])[];
  /** Each lieutenant's decision (null: undecided; a traitor never decides). */
  readonly decision: readonly (Value | null)[];
}

/** Every vector of `k` values (a traitor's choice of what to send to each of k recipients). */
function vectors(k: number): Value[][] {
  if (k === 0) return [[]];
  return vectors(k - 1).flatMap((rest) => VALUES.map((v) => [v, ...rest]));
}

const name = (g: number) => (g === 0 ? 'C' : `L${g}`);

export default defineModel<State>({
  name: 'om1',
  summary: 'Oral Messages OM(1): a commander, n-1 lieutenants, at most one traitor',
  constants: { n: { kind: 'int', default: 4, min: 3, max: 7, description: 'generals (the commander and n-1 lieutenants)' } },
  instantiate(c) {
    const n = c.n as number;
    const lieutenants = Array.from({ length: n - 1 }, (_, i) => i + 1);
    const empty = Array.from({ length: n }, (): Value | null => null);
    const start = (traitor: number, order: Value): State => ({ traitor, order, fromCommander: empty, relayed: empty.map(() => empty), decision: empty });

    const next = (s: State) => {
      const steps: { action: { actor: string; kind: string; detail?: string }; state: State }[] = [];
      // Round 1: the commander sends (once).
      if (s.fromCommander[1] === null) {
        const choices = s.traitor === 0 ? vectors(n - 1) : [lieutenants.map(() => s.order)];
        for (const vs of choices) {
          const fromCommander = [null, ...vs];
          steps.push({ action: { actor: 'C', kind: 'sends', detail: vs.map((v, k) => `${v} to ${name(k + 1)}`).join(', ') }, state: { ...s, fromCommander } });
        }
        return steps;
      }
      // TODO round 2: for each lieutenant j that has not relayed yet, a step in which j relays to every
      // other lieutenant i: relayed[i][j] := fromCommander[j] if j is loyal; if j is the traitor, one step
      // per choice of values (vectors(n - 2) gives every choice).

      // TODO the decision: a loyal lieutenant decides once it holds the commander's value and a relayed
      // value from every other lieutenant, the majority of those n-1 values, a tie going to retreat.
      // As given, it obeys the commander's value at once.
      for (const i of lieutenants) {
        if (i === s.traitor || s.decision[i] !== null) continue;
        const v = s.fromCommander[i]!;
        steps.push({ action: { actor: name(i), kind: 'decides', detail: v }, state: { ...s, decision: s.decision.map((d, k) => (k === i ? v : d)) } });
      }
      return steps;
    };

    const loyalLieutenants = (s: State) => lieutenants.filter((i) => i !== s.traitor);
    return {
      init: () => [-1, ...lieutenants, 0].flatMap((t) => (t === 0 ? [start(0, 'retreat')] : VALUES.map((o) => start(t, o)))),
      next,
      // A run ends when every loyal lieutenant has decided.
      terminal: (s) => loyalLieutenants(s).every((i) => s.decision[i] !== null),
      invariants: {},
      sorts: { general: Array.from({ length: n }, (_, g) => name(g)) },
      views: {
        decision: { type: { kind: 'map', key: { kind: 'id', sort: 'general' }, value: { kind: 'string' } }, description: 'each lieutenant\'s decision: "attack", "retreat" or "none"', get: (s) => new Map(lieutenants.map((i) => [i, s.decision[i] ?? 'none'])) },
        loyalLieutenants: { type: { kind: 'set', elem: { kind: 'id', sort: 'general' } }, description: 'the lieutenants that are not the traitor', get: loyalLieutenants },
        commanderLoyal: { type: { kind: 'bool' }, description: 'the commander is not the traitor', get: (s) => s.traitor !== 0 },
        order: { type: { kind: 'string' }, description: "the loyal commander's order", get: (s) => s.order },
        done: { type: { kind: 'bool' }, description: 'every loyal lieutenant has decided', get: (s) => loyalLieutenants(s).every((i) => s.decision[i] !== null) },
      },
    };
  },
});
