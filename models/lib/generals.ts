// What OM and SM share: the Byzantine generals problem's state facts (which generals are traitors, the
// loyal commander's order, each lieutenant's decision), its two interactive-consistency conditions IC1 and
// IC2, and the views specs state them over. The algorithms differ; the problem they solve does not.

import type { ConstantDecl, Constants, Invariant, View, ViewType } from '../../checker/model.ts';
import { UNSET, VALUE_NAMES, generalName } from './eig.ts';

export interface GeneralsState {
  /** Bitmask of traitors over generals (bit 0: the commander). */
  readonly traitors: number;
  /** The loyal commander's order, UNSET if the commander is a traitor. */
  readonly order: number;
  /** Per general: its decision, UNSET if undecided (traitors never decide). */
  readonly decision: readonly number[];
}

export const isTraitor = (mask: number, g: number): boolean => ((mask >>> g) & 1) === 1;

/** The constant both models use to force or forbid a traitor commander (e.g. for the textbook scenarios). */
export const TRAITOR_COMMANDER: ConstantDecl = {
  kind: 'enum',
  default: 'any',
  values: ['any', 'yes', 'no'],
  description: 'whether the commander is a traitor: any (both), yes, no',
};

/** The constraint every generals model shares: fewer traitors than generals. */
export const tooManyTraitors = (c: Constants): string | undefined =>
  (c.m as number) >= (c.n as number) ? `m (traitors, ${c.m}) must be less than n (generals, ${c.n})` : undefined;

/** Generals 0..n-1 (0 is the commander C), their names, and the properties and views of the problem. */
export function generalsProblem<S extends GeneralsState>(n: number) {
  const generals = Array.from({ length: n }, (_, g) => g);
  const lieutenants = generals.slice(1);
  const loyalLieutenants = (s: S) => lieutenants.filter((i) => !isTraitor(s.traitors, i));
  const loyalDecided = (s: S) => loyalLieutenants(s).filter((i) => s.decision[i] !== UNSET);
  const general: ViewType = { kind: 'id', sort: 'general' };
  const setOfGenerals: ViewType = { kind: 'set', elem: general };

  // Why a state breaks IC1 or IC2 (printed under a counterexample): who the traitors are, what the
  // commander ordered, and what each loyal lieutenant decided.
  const traitorsText = (s: S) => `traitors: ${generals.filter((g) => isTraitor(s.traitors, g)).map(generalName).join(', ') || 'none'}`;
  const decided = (s: S, is: readonly number[]) => is.map((i) => `${generalName(i)} ${VALUE_NAMES[s.decision[i]]}`).join(', ');
  const invariants: Record<'IC1' | 'IC2', Invariant<S>> = {
    IC1: {
      description: 'all loyal lieutenants obey the same order',
      holds: (s) => {
        const d = loyalDecided(s).map((i) => s.decision[i]);
        return d.every((x) => x === d[0]);
      },
      explain: (s) => [
        `loyal lieutenants decided differently: ${decided(s, loyalDecided(s))}`,
        `${traitorsText(s)}; the commander ${s.order === UNSET ? 'is a traitor' : `is loyal and ordered ${VALUE_NAMES[s.order]}`}`,
      ],
    },
    IC2: {
      description: 'if the commander is loyal, every loyal lieutenant obeys the order it sends',
      holds: (s) => s.order === UNSET || loyalDecided(s).every((i) => s.decision[i] === s.order),
      explain: (s) => [
        `the commander is loyal and ordered ${VALUE_NAMES[s.order] ?? '?'}; loyal lieutenants decided ${decided(s, loyalDecided(s).filter((i) => s.decision[i] !== s.order))}`,
        traitorsText(s),
      ],
    },
  };

  const views: Record<string, View<S>> = {
    commander: { type: general, description: 'the commander (general 0, C)', get: () => 0 },
    lieutenants: { type: setOfGenerals, description: 'the lieutenants L1..L(n-1)', get: () => lieutenants },
    traitors: { type: setOfGenerals, description: 'the traitors', get: (s) => generals.filter((g) => isTraitor(s.traitors, g)) },
    loyal: { type: setOfGenerals, description: 'the loyal generals', get: (s) => generals.filter((g) => !isTraitor(s.traitors, g)) },
    loyalLieutenants: { type: setOfGenerals, description: 'the loyal lieutenants', get: loyalLieutenants },
    commanderLoyal: { type: { kind: 'bool' }, description: 'whether the commander is loyal', get: (s) => s.order !== UNSET },
    order: {
      type: { kind: 'string' },
      description: "the loyal commander's order (attack or retreat), 'none' if the commander is a traitor",
      get: (s) => (s.order === UNSET ? 'none' : VALUE_NAMES[s.order]),
    },
    decided: { type: setOfGenerals, description: 'loyal lieutenants that have decided', get: loyalDecided },
    decision: {
      type: { kind: 'map', key: general, value: { kind: 'string' } },
      description: "each lieutenant's decision: attack, retreat, or 'none' (undecided, or a traitor)",
      get: (s) => new Map(lieutenants.map((i) => [i, s.decision[i] === UNSET ? 'none' : VALUE_NAMES[s.decision[i]]])),
    },
    done: { type: { kind: 'bool' }, description: 'every loyal lieutenant has decided', get: (s) => loyalLieutenants(s).every((i) => s.decision[i] !== UNSET) },
  };

  /** The part of `show` both models print first. */
  const showHeader = (s: S): Record<string, unknown> => ({
    commander: s.order === UNSET ? 'traitor' : `loyal, orders ${VALUE_NAMES[s.order]}`,
    traitors: generals.filter((g) => isTraitor(s.traitors, g)).map(generalName),
  });

  return { lieutenants, loyalLieutenants, loyalDecided, invariants, views, sorts: { general: generals.map(generalName) }, showHeader };
}
