// The cost of Oral Messages OM(m), read from the literal model (reduce=false: every traitor set, messages
// to traitors kept, a traitor's omission a step of its own). A message is one value stored for one
// recipient and one path: a loyal round's step sends one per (loyal sender's path, recipient), a traitor
// step one (none when it sends nothing). Faulty behaviour is a traitor sending a value; the failure-free
// run is the one without traitors. Rounds are synchronous: a step reads what its actor has received, so
// round r's messages leave at delay r and the decision comes at m+1.

import type { Constants, CostProbe, ModelCost, Step } from '../../checker/index.ts';
import om, { type OmState } from '../om.ts';
import { NOTHING, PathTable, UNSET } from '../lib/eig.ts';

/** Indices k = g*P + p (general g heard path p) set in `to` but not in `from`, with their values. */
function delivered(from: OmState, to: OmState): number[] {
  const out: number[] = [];
  for (let k = 0; k < to.vals.length; k++) if (from.vals[k] === UNSET && to.vals[k] !== UNSET) out.push(k);
  return out;
}

/** Whether a step is a traitor's message (its label names one recipient). */
const isTraitorStep = (step: Step<OmState>) => step.action.message?.to !== undefined;

export function omProbe(c: Constants): CostProbe<OmState> {
  const P = new PathTable(c.n as number, c.m as number).size;
  const n = c.n as number;
  const lieutenantsDecided = (s: OmState) => {
    for (let g = 1; g < n; g++) if (((s.traitors >>> g) & 1) === 0 && s.decision[g] === UNSET) return false;
    return true;
  };
  const heard = (s: OmState, row?: number) => {
    const out: string[] = [];
    for (let k = 0; k < s.vals.length; k++) if (s.vals[k] !== UNSET && (row === undefined || Math.floor(k / P) === row)) out.push(String(k));
    return out;
  };
  return {
    decided: lieutenantsDecided,
    faultyInit: (s) => s.traitors !== 0,
    faulty: (from, step) => isTraitorStep(step) && delivered(from, step.state).some((k) => step.state.vals[k] !== NOTHING),
    flow(from, step) {
      const sends = delivered(from, step.state)
        .filter((k) => step.state.vals[k] !== NOTHING)
        .map((k) => ({ id: String(k), recipients: 1 }));
      if (!isTraitorStep(step)) return { actor: 'loyal generals', sends, reads: heard(from) };
      const actor = step.action.actor!;
      const g = actor === 'C' ? 0 : Number(actor.slice(1));
      return { actor, sends, reads: heard(from, g) };
    },
  };
}

const literal = { reduce: false, traitorCommander: 'any' } as const;

export const omCost: ModelCost = {
  model: om,
  replicas: {
    kind: 'Byzantine (traitors)',
    size: 'n',
    faults: 'm',
    rows: [
      { faults: 1, sizes: [2, 3, 4, 5] },
      { faults: 2, sizes: [5, 6, 7] },
    ],
    // The reductions R1-R4 keep every verdict (test/bft compares them with the literal model); the
    // literal model at n = 7, m = 2 is out of reach of a quick check.
    safety: { reduce: true },
    liveness: literal,
    probe: omProbe,
  },
  scenarios: [
    { name: 'OM(1)', constants: { n: 4, m: 1, ...literal }, probe: omProbe, worstCase: true },
    // The literal model's worst case at n = 7, m = 2 (every traitor message to every recipient, three
    // values each) is far beyond a quick search: failure-free only.
    { name: 'OM(2)', constants: { n: 7, m: 2, ...literal }, probe: omProbe },
  ],
};
