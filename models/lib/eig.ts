// Exponential-information-gathering trees for Lamport, Shostak and Pease's Oral Messages algorithm OM(m).
// General 0 is the commander C, generals 1..n-1 are lieutenants L1..L(n-1). A message of round r
// (0 <= r <= m) carries a path of r+1 distinct generals starting at C ("C.L2.L3": L3 says that L2 said
// that C said ...); its sender is the path's last general and its recipients the lieutenants not on it.
// A lieutenant's decision is Lamport's recursive majority over the values it received, evaluated bottom-up:
// a node at depth m+1 is the value received, any other node is the majority of its own value and its
// children (OM(k) run by the node's last general, for k = m+1-depth).

export const RETREAT = 0;
export const ATTACK = 1;
/** A traitor's omission, only in the unreduced model (read as the default, retreat). */
export const NOTHING = 2;
/** Not (yet) received. */
export const UNSET = -1;
export const VALUE_NAMES = ['retreat', 'attack', 'nothing'] as const;

/** What a receiver makes of a stored value: an omission (or a missing message) is the default, retreat. */
export const read = (v: number): number => (v === ATTACK ? ATTACK : RETREAT);

export const generalName = (g: number): string => (g === 0 ? 'C' : `L${g}`);

/** How ties in a majority are broken. */
export type TieRule = 'default' | 'own-order';

export class PathTable {
  /** Every path, shortest first; paths[0] is [C]. */
  readonly paths: readonly (readonly number[])[];
  readonly names: readonly string[];
  /** Bitmask of the generals on each path. */
  readonly members: readonly number[];
  /** Path indices of each round r (length r+1). */
  readonly byRound: readonly (readonly number[])[];
  /** children[p]: indices of p.k for every lieutenant k not on p (empty at depth m+1). */
  readonly children: readonly (readonly number[])[];
  /** parent[p]: index of p without its last general (-1 for [C]). */
  readonly parent: readonly number[];
  private readonly index = new Map<string, number>();

  constructor(
    readonly n: number,
    readonly m: number,
  ) {
    const paths: number[][] = [[0]];
    const byRound: number[][] = [[0]];
    for (let r = 1; r <= m; r++) {
      const round: number[] = [];
      for (const p of byRound[r - 1]) {
        for (let k = 1; k < n; k++) {
          if (paths[p].includes(k)) continue;
          round.push(paths.length);
          paths.push([...paths[p], k]);
        }
      }
      byRound.push(round);
    }
    this.paths = paths;
    this.byRound = byRound;
    this.names = paths.map((p) => p.map(generalName).join('.'));
    this.names.forEach((name, i) => this.index.set(name, i));
    this.members = paths.map((p) => p.reduce((mask, g) => mask | (1 << g), 0));
    this.parent = paths.map((p) => (p.length === 1 ? -1 : this.index.get(p.slice(0, -1).map(generalName).join('.'))!));
    const children: number[][] = paths.map(() => []);
    this.parent.forEach((q, i) => {
      if (q >= 0) children[q].push(i);
    });
    this.children = children;
  }

  get size(): number {
    return this.paths.length;
  }

  /** The general who sends along path p (its last general). */
  sender(p: number): number {
    const path = this.paths[p];
    return path[path.length - 1];
  }

  onPath(p: number, g: number): boolean {
    return ((this.members[p] >>> g) & 1) === 1;
  }

  indexOf(name: string): number | undefined {
    return this.index.get(name);
  }
}

/**
 * Lieutenant i's value for node p of its tree, given the values it holds (`value(path)` already read with
 * `read`). Ties go to retreat, or (tie rule 'own-order') to the node's own value.
 */
export function evaluate(t: PathTable, i: number, p: number, value: (path: number) => number, tie: TieRule): number {
  const own = value(p);
  let attack = own;
  let total = 1;
  for (const c of t.children[p]) {
    if (t.onPath(c, i)) continue;
    attack += evaluate(t, i, c, value, tie);
    total++;
  }
  const retreat = total - attack;
  if (attack > retreat) return ATTACK;
  if (retreat > attack) return RETREAT;
  return tie === 'default' ? RETREAT : own;
}
