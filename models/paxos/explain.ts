// Why a Paxos state breaks agreement or validity (models/paxos.ts), in lines for the report under a
// counterexample (checker/model.ts `Invariant.explain`), read off the state's message set alone:
//   - each chosen value with the ballot and the majority of acceptors whose 2b chose it;
//   - for each ballot that chose a value, the 1b messages sent for it and what its 2a proposed, so a 2a
//     that ignored a reported vote (variant ignore-accepted) shows, and an acceptor in both majorities;
//   - for validity, which chosen value no proposer started.
// Not on the search's path: it runs once, on the violating state.

import { K1B, K2A, K2B, accName, propName } from './messages.ts';
import { owner, type PaxosLayout, type PaxosState } from './layout.ts';

const list = (xs: readonly string[]) => (xs.length === 0 ? 'none' : xs.join(', '));

/** Per ballot and value, the acceptors that sent 2b; per ballot, the 1b messages and the 2a values. */
function tally(L: PaxosLayout, s: PaxosState) {
  const votes = new Map<string, number[]>();
  const oneB = new Map<number, { a: number; vbal: number; v: number }[]>();
  const twoA = new Map<number, number>();
  for (const i of L.net.indices(s.msgs)) {
    const b = L.bOf[i];
    if (L.kindOf[i] === K2B) {
      const key = `${b}/${L.vOf[i]}`;
      const vs = votes.get(key) ?? [];
      vs.push(L.aOf[i]);
      votes.set(key, vs);
    } else if (L.kindOf[i] === K1B) {
      const list1b = oneB.get(b) ?? [];
      list1b.push({ a: L.aOf[i], vbal: L.vbalOf[i], v: L.vOf[i] });
      oneB.set(b, list1b);
    } else if (L.kindOf[i] === K2A) twoA.set(b, L.vOf[i]);
  }
  return { votes, oneB, twoA };
}

/** The (ballot, value) pairs a majority voted for, in ballot order, with the voters. */
function chosenPairs(L: PaxosLayout, votes: ReadonlyMap<string, number[]>): { b: number; v: number; voters: number[] }[] {
  const out: { b: number; v: number; voters: number[] }[] = [];
  for (let b = 1; b <= L.B; b++) {
    for (let v = 1; v <= L.P; v++) {
      const voters = votes.get(`${b}/${v}`) ?? [];
      if (2 * voters.length > L.A) out.push({ b, v, voters: [...voters].sort((x, y) => x - y) });
    }
  }
  return out;
}

/** Lines for the chosen values and, for each ballot that chose one, what its proposer read and proposed. */
function chosenLines(L: PaxosLayout, s: PaxosState): { lines: string[]; chosen: { b: number; v: number; voters: number[] }[] } {
  const { votes, oneB, twoA } = tally(L, s);
  const chosen = chosenPairs(L, votes);
  const lines: string[] = [];
  for (const c of chosen) {
    lines.push(`value ${c.v} is chosen at ballot ${c.b}: 2b(b=${c.b}, v=${c.v}) from ${list(c.voters.map(accName))} (${c.voters.length} of ${L.A} acceptors, a majority)`);
  }
  for (const c of chosen) {
    const reports = (oneB.get(c.b) ?? []).sort((x, y) => x.a - y.a);
    const said = reports.map((r) => `${accName(r.a)} (${r.vbal === 0 ? 'no vote' : `voted ${r.v} at ballot ${r.vbal}`})`);
    const proposed = twoA.get(c.b);
    lines.push(`ballot ${c.b} is ${propName(owner(L, c.b))}'s: 1b(b=${c.b}) sent by ${reports.length === 0 ? 'no acceptor' : said.join(', ')}; its 2a proposed ${proposed ?? 'nothing'}`);
  }
  return { lines, chosen };
}

/** agreement: the different values chosen, each by its ballot and majority. */
export function explainAgreement(L: PaxosLayout): (s: PaxosState) => string[] {
  return (s) => {
    const { lines, chosen } = chosenLines(L, s);
    const values = [...new Set(chosen.map((c) => c.v))];
    const first = chosen[0];
    const other = chosen.find((c) => c.v !== first?.v);
    if (first && other) {
      const both = first.voters.filter((a) => other.voters.includes(a)).map(accName);
      lines.push(`${values.length} different values are chosen; ${both.length ? `${list(both)} voted in both majorities: ${first.v} at ballot ${first.b}, then ${other.v} at ballot ${other.b}` : 'the two majorities share no acceptor'}`);
    }
    return lines;
  };
}

/** validity: the chosen values that no proposer could have proposed. */
export function explainValidity(L: PaxosLayout, started: (msgs: PaxosState['msgs']) => number): (s: PaxosState) => string[] {
  return (s) => {
    const { lines, chosen } = chosenLines(L, s);
    const st = started(s.msgs);
    for (const v of new Set(chosen.map((c) => c.v))) {
      if (v < 1 || v > L.P) lines.push(`value ${v} is not a proposer's value (1..${L.P})`);
      else if ((st & (1 << v)) === 0) lines.push(`value ${v} is chosen, but ${propName(v)} never sent 1a for a ballot it owns`);
    }
    return lines;
  };
}
