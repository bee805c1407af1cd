// The reduced OM model's last round for one loyal lieutenant, computed exactly without enumerating every
// traitor message: which decisions can the traitors still force on lieutenant i, and one concrete set of
// last-round messages (a representative) for each.
//
// Why this is exact: after the loyal relays of round m, the only unknown values in i's tree are the leaves
// (depth m+1) sent by traitors. Each leaf hangs under exactly one depth-m node, and a majority only counts
// attacks, so a depth-m node's value depends only on how many of its free leaves say attack; the subtrees
// of a node's children share no leaves, so their outcomes combine independently; and every majority
// (either tie rule) is monotone in the number of attacking children, so the reachable attack counts of a
// node's children form an interval lo..hi and every count in it is realised. Traitors choose every
// last-round message to every recipient independently, so the decisions reachable for one lieutenant do
// not constrain another's. test/models/om-bundle.test.ts compares this with brute force over every leaf
// assignment.

import { ATTACK, RETREAT, type PathTable, type TieRule } from './eig.ts';

/** Concrete leaf values: [path index, value] pairs. */
export type LeafChoice = readonly (readonly [number, number])[];

/** For each outcome (index RETREAT / ATTACK), a representative choice, or null if unreachable. */
export type Outcomes = [LeafChoice | null, LeafChoice | null];

function majority(attack: number, total: number, own: number, tie: TieRule): number {
  const retreat = total - attack;
  if (attack > retreat) return ATTACK;
  if (retreat > attack) return RETREAT;
  return tie === 'default' ? RETREAT : own;
}

/**
 * Reachable outcomes of node p in lieutenant i's tree. `value(q)` is i's (read) value for every path that
 * is not a free leaf; `isTraitor(g)` says whether general g is a traitor.
 */
export function reachable(t: PathTable, i: number, p: number, value: (q: number) => number, isTraitor: (g: number) => boolean, tie: TieRule): Outcomes {
  const own = value(p);
  const kids = t.children[p].filter((c) => !t.onPath(c, i));
  const out: Outcomes = [null, null];
  if (t.paths[p].length === t.m) {
    // Depth m: children are leaves; the free ones are those sent by traitors.
    let fixedAttack = own;
    const free: number[] = [];
    for (const c of kids) {
      if (isTraitor(t.sender(c))) free.push(c);
      else fixedAttack += value(c);
    }
    for (let k = 0; k <= free.length; k++) {
      const d = majority(fixedAttack + k, kids.length + 1, own, tie);
      if (out[d] === null) out[d] = free.map((c, j) => [c, j < k ? ATTACK : RETREAT] as const);
    }
    return out;
  }
  const sub = kids.map((c) => reachable(t, i, c, value, isTraitor, tie));
  const forcedAttack = sub.filter((o) => o[RETREAT] === null).length;
  const flexible = sub.filter((o) => o[RETREAT] !== null && o[ATTACK] !== null).length;
  for (let k = 0; k <= flexible; k++) {
    const d = majority(own + forcedAttack + k, kids.length + 1, own, tie);
    if (out[d] !== null) continue;
    let used = 0;
    const choice: (readonly [number, number])[] = [];
    for (const o of sub) {
      const both = o[RETREAT] !== null && o[ATTACK] !== null;
      const pick = both ? (used++ < k ? o[ATTACK] : o[RETREAT]) : (o[ATTACK] ?? o[RETREAT]);
      choice.push(...pick!);
    }
    out[d] = choice;
  }
  return out;
}
