// Lamport, Shostak and Pease's Oral Messages algorithm OM(m): a commander C and n-1 lieutenants, at most
// m of the n generals traitors (which ones is chosen by the initial state; constant traitorCommander can
// force or forbid a traitor commander). Rounds are synchronous: in round r every general on a path of
// r+1 generals relays the value it holds for the path's prefix (see lib/eig.ts); after round m each loyal
// lieutenant decides by recursive majority, ties going to retreat. Traitors are fully general: each of
// their messages, to each recipient, in each round, is any value or nothing, independently.
// Invariants: IC1 (loyal lieutenants decide alike) and IC2 (with a loyal commander, they obey its order).
//
// Steps. Loyal generals are deterministic, so a round's loyal messages are one atomic step; each traitor
// message is one step, in a fixed order (a round's messages are only read after the round, so their order
// cannot matter). With reduce=false (the literal model) that is all: every traitor set, three values per
// traitor message (attack, retreat, nothing), messages to traitors kept, and one final "decide" step.
// With reduce=true (default) four sound reductions apply (named in the README, checked in test/bft):
//   R1 traitor placement: the t traitor lieutenants are L(n-t)..L(n-1) (lieutenants are interchangeable);
//   R2 omission = default: "nothing" is read as retreat, so it is the same step as sending retreat;
//   R3 no messages to traitors: a traitor's behaviour does not depend on what it hears;
//   R4 last-round bundling: round m's traitor messages to one loyal lieutenant are one step per decision
//      they can force (lib/om-bundle.ts), labelled with one concrete set of messages that forces it.

import type { Action, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';
import { TRAITOR_COMMANDER, generalsProblem, isTraitor, tooManyTraitors } from './lib/generals.ts';
import { ATTACK, NOTHING, PathTable, RETREAT, UNSET, VALUE_NAMES, evaluate, generalName, read, type TieRule } from './lib/eig.ts';
import { reachable } from './lib/om-bundle.ts';

export interface OmState {
  /** Bitmask of traitors over generals (bit 0: the commander). */
  readonly traitors: number;
  /** The loyal commander's order (RETREAT/ATTACK), UNSET if the commander is a traitor. */
  readonly order: number;
  /** Position in this traitor set's schedule of steps. */
  readonly phase: number;
  /** Row g (g*P .. g*P+P-1): general g's received value per path, UNSET if none. */
  readonly vals: readonly number[];
  /** Per general: its decision, UNSET if undecided (traitors never decide). */
  readonly decision: readonly number[];
}

type Item =
  | { readonly kind: 'loyal'; readonly round: number }
  | { readonly kind: 'traitor'; readonly path: number; readonly to: number }
  | { readonly kind: 'bundle'; readonly to: number }
  | { readonly kind: 'decide-all' };

const valueName = (v: number) => (v === UNSET ? '·' : VALUE_NAMES[v]);

export default defineModel<OmState>({
  name: 'om',
  summary: "Lamport-Shostak-Pease Oral Messages OM(m): IC1/IC2 hold iff n > 3m (the 3m+1 bound)",
  topic: 'Byzantine agreement',
  constants: {
    n: { kind: 'int', default: 4, min: 2, max: 10, description: 'number of generals (the commander and n-1 lieutenants)' },
    m: { kind: 'int', default: 1, min: 1, max: 3, description: 'rounds of OM(m) and the most traitors among the generals' },
    traitorCommander: TRAITOR_COMMANDER,
    reduce: { kind: 'bool', default: true, description: 'apply the sound reductions R1-R4 (false: the literal model, for cross-checks)' },
  },
  variants: {
    'tie-obeys-order': 'a tie is broken in favour of the order received directly (not the fixed default): the other half of the n=3 impossibility, and wrong for n=5 too',
  },
  validate: tooManyTraitors,
  instantiate(c, variant) {
    const n = c.n as number;
    const m = c.m as number;
    const reduce = c.reduce as boolean;
    const tie: TieRule = variant === 'tie-obeys-order' ? 'own-order' : 'default';
    const t = new PathTable(n, m);
    const P = t.size;
    const problem = generalsProblem<OmState>(n);
    const { lieutenants, loyalDecided } = problem;
    const values = reduce ? [ATTACK, RETREAT] : [ATTACK, RETREAT, NOTHING];

    const schedules = new Map<number, readonly Item[]>();
    const schedule = (traitors: number): readonly Item[] => {
      let s = schedules.get(traitors);
      if (!s) schedules.set(traitors, (s = buildSchedule(traitors)));
      return s;
    };
    /** Recipients of path p's messages: lieutenants not on it (R3: loyal ones only). */
    const recipients = (traitors: number, p: number) => lieutenants.filter((i) => !t.onPath(p, i) && !(reduce && isTraitor(traitors, i)));
    function buildSchedule(traitors: number): Item[] {
      const items: Item[] = [];
      for (let r = 0; r <= m; r++) {
        const loyalSends = t.byRound[r].some((p) => !isTraitor(traitors, t.sender(p)) && recipients(traitors, p).length > 0);
        if (loyalSends) items.push({ kind: 'loyal', round: r });
        if (reduce && r === m) break;
        for (const p of t.byRound[r]) {
          if (!isTraitor(traitors, t.sender(p))) continue;
          for (const to of recipients(traitors, p)) items.push({ kind: 'traitor', path: p, to });
        }
      }
      if (reduce) for (const i of lieutenants) if (!isTraitor(traitors, i)) items.push({ kind: 'bundle', to: i });
      if (!reduce) items.push({ kind: 'decide-all' });
      return items;
    }

    const orderLabel = (path: number, to: number | undefined, v: number) =>
      to === undefined ? { type: 'order', path: t.names[path], v: VALUE_NAMES[v] } : { type: 'order', path: t.names[path], to: generalName(to), v: VALUE_NAMES[v] };

    function loyalRound(s: OmState, r: number): Step<OmState> {
      const vals = s.vals.slice();
      for (const p of t.byRound[r]) {
        const from = t.sender(p);
        if (isTraitor(s.traitors, from)) continue;
        const v = r === 0 ? s.order : read(s.vals[from * P + t.parent[p]]);
        for (const i of recipients(s.traitors, p)) vals[i * P + p] = v;
      }
      const action: Action =
        r === 0
          ? { actor: 'C', kind: 'sends', message: orderLabel(0, undefined, s.order), detail: 'to every lieutenant' }
          : { actor: 'loyal lieutenants', kind: 'relay', detail: `the round-${r} orders (paths of ${r + 1} generals)` };
      return { action, state: { ...s, vals, phase: s.phase + 1 } };
    }

    function traitorMessage(s: OmState, path: number, to: number): Step<OmState>[] {
      return values.map((v) => {
        const vals = s.vals.slice();
        vals[to * P + path] = v;
        return { action: { actor: generalName(t.sender(path)), kind: 'sends', message: orderLabel(path, to, v) }, state: { ...s, vals, phase: s.phase + 1 } };
      });
    }

    /** R4: the decisions the traitors' last-round messages can force on loyal lieutenant i. */
    function bundle(s: OmState, i: number): Step<OmState>[] {
      const row = i * P;
      const outcomes = reachable(t, i, 0, (q) => read(s.vals[row + q]), (g) => isTraitor(s.traitors, g), tie);
      const out: Step<OmState>[] = [];
      for (const d of [ATTACK, RETREAT]) {
        const choice = outcomes[d];
        if (choice === null) continue;
        const vals = s.vals.slice();
        for (const [q, v] of choice) vals[row + q] = v;
        const decision = s.decision.slice();
        decision[i] = d;
        const then = `${generalName(i)} decides ${VALUE_NAMES[d]}`;
        const senders = [...new Set(choice.map(([q]) => generalName(t.sender(q))))];
        const action: Action =
          choice.length === 0
            ? { actor: generalName(i), kind: 'decides', detail: VALUE_NAMES[d] }
            : choice.length === 1
              ? { actor: senders[0], kind: 'sends', message: orderLabel(choice[0][0], i, choice[0][1]), detail: `then ${then}` }
              : { actor: senders.join(','), kind: 'send', message: { type: 'orders', to: generalName(i), ...Object.fromEntries(choice.map(([q, v]) => [t.names[q], VALUE_NAMES[v]])) }, detail: `then ${then}` };
        out.push({ action, state: { ...s, vals, decision, phase: s.phase + 1 } });
      }
      return out;
    }

    function decideAll(s: OmState): Step<OmState> {
      const decision = s.decision.slice();
      for (const i of lieutenants) if (!isTraitor(s.traitors, i)) decision[i] = evaluate(t, i, 0, (q) => read(s.vals[i * P + q]), tie);
      return { action: { actor: 'loyal lieutenants', kind: 'decide' }, state: { ...s, decision, phase: s.phase + 1 } };
    }

    const allowsTraitorCommander = c.traitorCommander !== 'no';
    const allowsLoyalCommander = c.traitorCommander !== 'yes';

    function initialStates(): OmState[] {
      const sets: number[] = [];
      const count = (mask: number) => lieutenants.filter((i) => isTraitor(mask, i)).length + (mask & 1);
      if (reduce) {
        for (const cmd of [0, 1]) {
          if ((cmd ? !allowsTraitorCommander : !allowsLoyalCommander)) continue;
          for (let k = 0; k + cmd <= m && k <= n - 1; k++) {
            let mask = cmd;
            for (let j = n - k; j < n; j++) mask |= 1 << j;
            sets.push(mask);
          }
        }
      } else {
        for (let mask = 0; mask < 1 << n; mask++) {
          if (count(mask) > m) continue;
          if ((mask & 1 ? !allowsTraitorCommander : !allowsLoyalCommander)) continue;
          sets.push(mask);
        }
      }
      const out: OmState[] = [];
      for (const traitors of sets) {
        for (const order of traitors & 1 ? [UNSET] : [ATTACK, RETREAT]) {
          out.push({ traitors, order, phase: 0, vals: new Array(n * P).fill(UNSET), decision: new Array(n).fill(UNSET) });
        }
      }
      return out;
    }

    return {
      init: initialStates,
      next(s) {
        const items = schedule(s.traitors);
        if (s.phase >= items.length) return [];
        const item = items[s.phase];
        switch (item.kind) {
          case 'loyal':
            return [loyalRound(s, item.round)];
          case 'traitor':
            return traitorMessage(s, item.path, item.to);
          case 'bundle':
            return bundle(s, item.to);
          case 'decide-all':
            return [decideAll(s)];
        }
      },
      terminal: (s) => s.phase >= schedule(s.traitors).length,
      invariants: problem.invariants,
      sorts: problem.sorts,
      views: problem.views,
      encode(s, w) {
        w.u32(s.traitors);
        w.u32(s.order + 1);
        w.u32(s.phase);
        for (let k = 0; k < s.vals.length; k++) w.u32(s.vals[k] + 1);
        for (let g = 0; g < n; g++) w.u32(s.decision[g] + 1);
      },
      show(s) {
        const shown = problem.showHeader(s);
        for (const i of lieutenants) {
          const heard: Record<string, string> = {};
          for (let p = 0; p < P; p++) if (!t.onPath(p, i)) heard[t.names[p]] = valueName(s.vals[i * P + p]);
          if (isTraitor(s.traitors, i)) shown[generalName(i)] = reduce ? 'traitor' : { traitor: 'yes', ...heard };
          else shown[generalName(i)] = { ...heard, decision: valueName(s.decision[i]) };
        }
        return shown;
      },
    };
  },
});
