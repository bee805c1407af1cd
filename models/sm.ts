// Lamport, Shostak and Pease's Signed Messages algorithm SM(m), in synchronous rounds 0..m: a message of
// round k is a value with a chain of signatures C:j1:...:jk (distinct lieutenants, jk the sender). A loyal
// lieutenant that receives a value v it does not hold yet adds it to V and, if k < m, signs and relays it
// to every lieutenant not on the chain (several new chains for v in one round: it relays the first in path
// order). After round m it decides: the value if V holds exactly one, else retreat. Traitors cannot forge a
// loyal signature but may withhold, relay, and sign any value with traitor signatures (they collude).
// IC1 and IC2 as in models/om.ts; SM(m) satisfies both for any n >= m+2 with at most m traitors.
//
// Steps: loyal sends of a round are one atomic step; every message a traitor could send (a valid chain,
// a value, a recipient) is one send-or-withhold step in a fixed order; "decide" ends the run.
// reduce=false (the literal model): every traitor set; every valid chain, including traitor extensions of
// chains loyal lieutenants signed. reduce=true applies (README, checked in test/bft):
//   S1 traitor placement: the traitor lieutenants are the highest-numbered;
//   S2 no extensions of loyal chains: a loyal signer relayed its chain to every lieutenant not on it one
//      round earlier, so every loyal recipient of an extension already holds the value;
//   S3 chains up to their length: an all-traitor chain's only effect on a loyal recipient is "v arrives in
//      round k", so one message per (round, recipient, value) is kept, labelled with the chain of the
//      lowest traitors.

import type { Action, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';
import { TRAITOR_COMMANDER, generalsProblem, isTraitor, tooManyTraitors } from './lib/generals.ts';
import { ATTACK, PathTable, RETREAT, UNSET, VALUE_NAMES, generalName } from './lib/eig.ts';

export interface SmState {
  readonly traitors: number;
  /** The loyal commander's order, UNSET if the commander is a traitor. */
  readonly order: number;
  readonly phase: number;
  /** Per general: bitmask of the values it holds (bit v). */
  readonly known: readonly number[];
  /** Per general and value (g*2+v): the chain (path index) it first got v with; reduced: 0 once held. UNSET if not. */
  readonly first: readonly number[];
  /** Per general and value: the smallest chain received this round, UNSET if none (read at the round's end). */
  readonly inbox: readonly number[];
  readonly decision: readonly number[];
}

type Item =
  | { readonly kind: 'round'; readonly round: number }
  | { readonly kind: 'traitor'; readonly round: number; readonly path: number; readonly to: number; readonly v: number }
  | { readonly kind: 'decide' };

export default defineModel<SmState>({
  name: 'sm',
  summary: 'Lamport-Shostak-Pease Signed Messages SM(m): IC1/IC2 hold for any n >= m+2',
  topic: 'Byzantine agreement',
  constants: {
    n: { kind: 'int', default: 4, min: 3, max: 9, description: 'number of generals (the commander and n-1 lieutenants)' },
    m: { kind: 'int', default: 1, min: 1, max: 3, description: 'rounds of relaying and the most traitors' },
    traitorCommander: TRAITOR_COMMANDER,
    reduce: { kind: 'bool', default: true, description: 'apply the sound reductions S1-S3 (false: the literal model, for cross-checks)' },
  },
  variants: {
    'short-relay': 'a lieutenant relays only chains with fewer than m-1 lieutenant signatures (one round too few)',
  },
  validate(c) {
    const traitors = tooManyTraitors(c);
    if (traitors) return traitors;
    if ((c.n as number) < (c.m as number) + 2) return `n (${c.n}) must be at least m+2 (${(c.m as number) + 2}): SM(m) needs two loyal lieutenants to be meaningful`;
    return undefined;
  },
  instantiate(c, variant) {
    const n = c.n as number;
    const m = c.m as number;
    const reduce = c.reduce as boolean;
    const relayLimit = variant === 'short-relay' ? m - 1 : m;
    const t = new PathTable(n, m);
    const problem = generalsProblem<SmState>(n);
    const { lieutenants, loyalDecided, loyalLieutenants: loyalLts } = problem;

    /** Can the traitors send value v along chain p in state s (loyal signatures genuine, C's too)? */
    function valid(s: SmState, p: number, v: number): boolean {
      if (!isTraitor(s.traitors, 0) && v !== s.order) return false;
      const path = t.paths[p];
      if (!isTraitor(s.traitors, path[path.length - 1])) return false;
      for (let k = path.length - 1; k >= 1; k--) {
        const g = path[k];
        if (isTraitor(s.traitors, g)) continue;
        // the last loyal signer g must have relayed exactly this prefix for v
        if (reduce) return false; // S2
        const prefix = t.parent[t.indexOf(path.slice(0, k + 1).map(generalName).join('.'))!];
        return s.first[g * 2 + v] === prefix && k - 1 < relayLimit;
      }
      return true;
    }

    const schedules = new Map<number, readonly Item[]>();
    function schedule(traitors: number): readonly Item[] {
      let items = schedules.get(traitors);
      if (items) return items;
      const list: Item[] = [];
      const tl = lieutenants.filter((i) => isTraitor(traitors, i));
      for (let r = 0; r <= m; r++) {
        if (r > 0 || !isTraitor(traitors, 0)) list.push({ kind: 'round', round: r });
        if (r === 0 ? !isTraitor(traitors, 0) : tl.length === 0) continue;
        const paths = reduce ? (r <= tl.length ? [representative(traitors, r)] : []) : t.byRound[r].filter((p) => isTraitor(traitors, t.sender(p)));
        for (const p of paths) for (const to of lieutenants) for (const v of [ATTACK, RETREAT]) if (!isTraitor(traitors, to) && !t.onPath(p, to)) list.push({ kind: 'traitor', round: r, path: p, to, v });
      }
      list.push({ kind: 'decide' });
      schedules.set(traitors, (items = list));
      return items;
    }
    /** S3: the chain C:T1:...:Tr of the r lowest traitor lieutenants (C alone for r = 0). */
    function representative(traitors: number, r: number): number {
      const names = ['C', ...lieutenants.filter((i) => isTraitor(traitors, i)).slice(0, r).map(generalName)];
      return t.indexOf(names.join('.'))!;
    }

    /** Skips traitor messages that cannot be sent in this state (chain not signable). */
    function settle(s: SmState): SmState {
      const items = schedule(s.traitors);
      let phase = s.phase;
      while (phase < items.length) {
        const it = items[phase];
        if (it.kind !== 'traitor' || valid(s, it.path, it.v)) break;
        phase++;
      }
      return phase === s.phase ? s : { ...s, phase };
    }

    /** Reading the inboxes at a round's end: new values join V; remembered for relaying. */
    function readInboxes(s: SmState): Pick<SmState, 'known' | 'first' | 'inbox'> {
      const known = s.known.slice();
      const first = s.first.slice();
      for (const i of loyalLts(s)) {
        for (const v of [RETREAT, ATTACK]) {
          const p = s.inbox[i * 2 + v];
          if (p === UNSET || isTraitor(known[i], v)) continue;
          known[i] |= 1 << v;
          first[i * 2 + v] = reduce ? 0 : p;
        }
      }
      return { known, first, inbox: new Array(2 * n).fill(UNSET) };
    }

    function roundStep(s: SmState, r: number): Step<SmState> {
      const read = r === 0 ? { known: s.known, first: s.first, inbox: s.inbox } : readInboxes(s);
      const inbox = read.inbox.slice();
      const deliver = (i: number, v: number, chain: number) => {
        const k = i * 2 + v;
        const p = reduce ? 0 : chain;
        if (inbox[k] === UNSET || p < inbox[k]) inbox[k] = p;
      };
      let action: Action;
      if (r === 0) {
        if (s.order !== UNSET) for (const i of loyalLts(s)) deliver(i, s.order, 0);
        action = { actor: 'C', kind: 'sends', message: { type: 'signed', v: VALUE_NAMES[s.order], chain: 'C' }, detail: 'to every lieutenant' };
      } else {
        // Loyal lieutenants relay the values they first got in round r-1, if the chain is short enough.
        for (const j of loyalLts(s)) {
          for (const v of [RETREAT, ATTACK]) {
            const p = s.inbox[j * 2 + v];
            // received in round r-1, so with r-1 lieutenant signatures
            if (p === UNSET || isTraitor(s.known[j], v) || r - 1 >= relayLimit) continue;
            const chain = reduce ? 0 : t.indexOf(`${t.names[p]}.${generalName(j)}`)!;
            for (const i of loyalLts(s)) if (i !== j && (reduce || !t.onPath(chain, i))) deliver(i, v, chain);
          }
        }
        action = { actor: 'loyal lieutenants', kind: 'read and relay', detail: `their new values (round ${r})` };
      }
      return { action, state: settle({ ...s, ...read, inbox, phase: s.phase + 1 }) };
    }

    function traitorStep(s: SmState, path: number, to: number, v: number): Step<SmState>[] {
      const inbox = s.inbox.slice();
      const k = to * 2 + v;
      const p = reduce ? 0 : path;
      if (inbox[k] === UNSET || p < inbox[k]) inbox[k] = p;
      const message = { type: 'signed', v: VALUE_NAMES[v], chain: t.names[path].replace(/\./g, ':'), to: generalName(to) };
      const sender = generalName(t.sender(path));
      return [
        { action: { actor: sender, kind: 'sends', message }, state: settle({ ...s, inbox, phase: s.phase + 1 }) },
        { action: { actor: sender, kind: 'withholds', message }, state: settle({ ...s, phase: s.phase + 1 }) },
      ];
    }

    function decideStep(s: SmState): Step<SmState> {
      const read = readInboxes(s);
      const decision = s.decision.slice();
      for (const i of loyalLts(s)) decision[i] = read.known[i] === 1 << ATTACK ? ATTACK : RETREAT;
      return { action: { actor: 'loyal lieutenants', kind: 'decide' }, state: { ...s, ...read, decision, phase: s.phase + 1 } };
    }

    function initialStates(): SmState[] {
      const out: SmState[] = [];
      const allowT = c.traitorCommander !== 'no';
      const allowL = c.traitorCommander !== 'yes';
      const sets: number[] = [];
      if (reduce) {
        for (const cmd of [0, 1]) {
          if (cmd ? !allowT : !allowL) continue;
          for (let k = 0; k + cmd <= m && k <= n - 1; k++) {
            let mask = cmd;
            for (let j = n - k; j < n; j++) mask |= 1 << j;
            sets.push(mask);
          }
        }
      } else {
        for (let mask = 0; mask < 1 << n; mask++) {
          const size = (mask & 1) + lieutenants.filter((i) => isTraitor(mask, i)).length;
          if (size <= m && (mask & 1 ? allowT : allowL)) sets.push(mask);
        }
      }
      for (const traitors of sets) {
        for (const order of traitors & 1 ? [UNSET] : [ATTACK, RETREAT]) {
          const blank = new Array(2 * n).fill(UNSET);
          out.push(settle({ traitors, order, phase: 0, known: new Array(n).fill(0), first: blank, inbox: blank, decision: new Array(n).fill(UNSET) }));
        }
      }
      return out;
    }

    const valuesOf = (mask: number) => [RETREAT, ATTACK].filter((v) => isTraitor(mask, v)).map((v) => VALUE_NAMES[v]);

    return {
      init: initialStates,
      next(s) {
        const items = schedule(s.traitors);
        if (s.phase >= items.length) return [];
        const it = items[s.phase];
        if (it.kind === 'round') return [roundStep(s, it.round)];
        if (it.kind === 'traitor') return traitorStep(s, it.path, it.to, it.v);
        return [decideStep(s)];
      },
      terminal: (s) => s.phase >= schedule(s.traitors).length,
      invariants: problem.invariants,
      sorts: problem.sorts,
      views: problem.views,
      encode(s, w) {
        w.u32(s.traitors);
        w.u32(s.order + 1);
        w.u32(s.phase);
        for (let g = 0; g < n; g++) w.u32(s.known[g]);
        for (let k = 0; k < 2 * n; k++) w.u32(s.first[k] + 1);
        for (let k = 0; k < 2 * n; k++) w.u32(s.inbox[k] + 1);
        for (let g = 0; g < n; g++) w.u32(s.decision[g] + 1);
      },
      show(s) {
        const shown = problem.showHeader(s);
        for (const i of lieutenants) {
          if (isTraitor(s.traitors, i)) {
            shown[generalName(i)] = 'traitor';
            continue;
          }
          const incoming = [RETREAT, ATTACK].filter((v) => s.inbox[i * 2 + v] !== UNSET).map((v) => (reduce ? VALUE_NAMES[v] : `${VALUE_NAMES[v]} via ${t.names[s.inbox[i * 2 + v]].replace(/\./g, ':')}`));
          shown[generalName(i)] = { V: valuesOf(s.known[i]), incoming, decision: s.decision[i] === UNSET ? '·' : VALUE_NAMES[s.decision[i]] };
        }
        return shown;
      },
    };
  },
});
