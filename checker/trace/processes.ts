// Which processes a trace is about and which parts of a shown state belong to each, inferred from the trace
// alone (no model needed), so the table, the sequence chart and the explorer lay out any model alike:
//   processes    every action's actor (an actor that lists several, `L3,L2`, is each of them), the keys
//                of top-level records keyed by process names (`rmState: {r1: …, r2: …}`, `acceptors:
//                {a1: {…}}`), and a numbered name of a group already known (`L1` beside actors `L2`, `L3`)
//                that is a top-level field (`L1: {…}`) or a message's addressee (`to=L1`);
//   per process  the entry for it in each such record, and top-level fields whose name starts with the
//                process's name (`tmState`, `tmPrepared` belong to `TM`);
//   in flight    top-level lists of messages (`msgs`), or fields named like a network;
//   globals      everything else.

import { isMessage, type PrintableStep } from './values.ts';

export interface StateLayout {
  /** Process names, grouped by name prefix and numbered in order (`TM`, `r1`, `r2`). */
  readonly processes: readonly string[];
  /** Top-level fields that are records keyed by process names. */
  readonly perProcessFields: readonly string[];
  /** Top-level fields owned by one process, by the process name prefix: field → process. */
  readonly ownedFields: ReadonlyMap<string, string>;
  /** Top-level fields holding messages in flight. */
  readonly inFlightFields: readonly string[];
  /** Everything else. */
  readonly globalFields: readonly string[];
}

const NETWORK_NAME = /^(msgs|messages|network|inflight|inFlight|sent|channel|channels|mailbox|net)$/;
const PROCESS_NAME = /^[A-Za-z][A-Za-z_]*\d*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isMessage(v);

/** Splits `r12` into `['r', 12]` for natural ordering. */
function nameParts(name: string): [string, number] {
  const m = /^(.*?)(\d+)$/.exec(name);
  return m ? [m[1], Number(m[2])] : [name, -1];
}

/** Whether a name looks like one process's (`p1`, `TM`, `L2`), not a phrase (`loyal lieutenants`). */
export function isProcessName(name: string): boolean {
  return PROCESS_NAME.test(name);
}

/**
 * The processes an actor names: `L3,L2` (a step several processes take together) is L3 and L2 when every
 * part looks like a process name; any other actor (`loyal lieutenants`, `TM`) is itself.
 */
export function actorsOf(actor: string | undefined): readonly string[] {
  if (actor === undefined || actor === '') return [];
  if (!actor.includes(',')) return [actor];
  const parts = actor.split(',').map((p) => p.trim());
  return parts.every((p) => PROCESS_NAME.test(p)) ? [...new Set(parts)] : [actor];
}

/** Who a message is addressed to, if it says (`to`, `dst`, `dest`, `recipient` fields). */
export function addresseeOf(m: Readonly<Record<string, unknown>>): string | undefined {
  const to = m.to ?? m.dst ?? m.dest ?? m.recipient;
  return typeof to === 'string' ? to : typeof to === 'number' ? String(to) : undefined;
}

export function inferLayout(steps: readonly PrintableStep[]): StateLayout {
  // Sets and maps throughout: a hostile trace may name thousands of processes and fields, and the
  // list-based version of this was quadratic in them (30 s for 32,000 actors).
  const seen = new Set<string>();
  for (const st of steps) for (const a of actorsOf(st.action?.actor)) seen.add(a);
  const actors = new Set(seen);
  const fieldSet = new Set<string>();
  for (const st of steps) for (const k of Object.keys(st.state)) fieldSet.add(k);
  const fields = [...fieldSet];

  // In flight: a message list in some step (found in one pass over the states), or a network's name
  // holding a list in every step (few names match, so those few are checked step by step).
  const messageLists = new Set<string>();
  for (const st of steps) for (const [k, v] of Object.entries(st.state)) if (isMessageList(v)) messageLists.add(k);
  const inFlightFields = fields.filter((f) => messageLists.has(f) || (NETWORK_NAME.test(f) && steps.every((st) => Array.isArray(st.state[f]))));
  const inFlightSet = new Set(inFlightFields);
  // A record is per-process when its keys look like process names and either some key is an actor or
  // every key ends in a number (r1, a2): {working: 1} or {x: 0, y: 1} are ordinary records.
  const perProcessFields = fields.filter((f) => {
    if (inFlightSet.has(f)) return false;
    const keys = new Set<string>();
    for (const st of steps) {
      const v = st.state[f];
      if (!isRecord(v)) return false;
      for (const k of Object.keys(v)) keys.add(k);
    }
    if (keys.size === 0) return false;
    const ks = [...keys];
    return ks.every((k) => PROCESS_NAME.test(k)) && (ks.some((k) => actors.has(k)) || ks.every((k) => nameParts(k)[1] >= 0));
  });
  const perProcessSet = new Set(perProcessFields);
  for (const f of perProcessFields) for (const st of steps) for (const k of Object.keys(st.state[f] as object)) seen.add(k);
  // Numbered siblings of known processes: OM's lieutenant L1 never acts in a trace where the traitors L2
  // and L3 do, but its state is the field `L1` and messages go `to=L1`. Only numbered names of a group
  // already present count, so a field `x1` or an addressee `all` makes no lifeline of its own.
  const groups = new Set([...seen].map((p) => nameParts(p)).filter(([, n]) => n >= 0).map(([g]) => g));
  const sibling = (name: string) => {
    const [g, n] = nameParts(name);
    return n >= 0 && groups.has(g) && PROCESS_NAME.test(name);
  };
  if (groups.size > 0) {
    for (const f of fields) if (!inFlightSet.has(f) && !perProcessSet.has(f) && sibling(f)) seen.add(f);
    for (const st of steps) {
      const m = st.action?.message;
      const to = m ? addresseeOf(m) : undefined;
      if (to !== undefined && sibling(to)) seen.add(to);
    }
  }

  // Group by prefix in order of first appearance, then by number.
  const groupOrder = new Map<string, number>();
  for (const p of seen) {
    const g = nameParts(p)[0];
    if (!groupOrder.has(g)) groupOrder.set(g, groupOrder.size);
  }
  const processes = [...seen].sort((a, b) => {
    const [pa, na] = nameParts(a);
    const [pb, nb] = nameParts(b);
    return groupOrder.get(pa)! - groupOrder.get(pb)! || na - nb || (a < b ? -1 : a > b ? 1 : 0);
  });

  // The longest process name that prefixes a field name (case-insensitive), followed by an upper-case
  // letter, a digit, `_` or nothing: `tmState` → TM, but `rms` is not owned by `r`; among names of one
  // length the first in process order. Looked up by prefix, once per length a lower-cased name has.
  const byLower = new Map<string, string>();
  for (const p of processes) if (!byLower.has(p.toLowerCase())) byLower.set(p.toLowerCase(), p);
  const lengths = [...new Set([...byLower.keys()].map((k) => k.length))];
  const order = new Map(processes.map((p, i) => [p, i]));
  const ownedFields = new Map<string, string>();
  for (const f of fields) {
    if (inFlightSet.has(f) || perProcessSet.has(f)) continue;
    const lower = f.toLowerCase();
    let owner: string | undefined;
    for (const n of lengths) {
      const p = n <= lower.length ? byLower.get(lower.slice(0, n)) : undefined;
      if (p === undefined || !(f.length === p.length || /[A-Z0-9_]/.test(f[p.length] ?? ''))) continue;
      if (owner === undefined || p.length > owner.length || (p.length === owner.length && order.get(p)! < order.get(owner)!)) owner = p;
    }
    if (owner !== undefined) ownedFields.set(f, owner);
  }
  const globalFields = fields.filter((f) => !inFlightSet.has(f) && !perProcessSet.has(f) && !ownedFields.has(f));
  return { processes, perProcessFields, ownedFields, inFlightFields, globalFields };
}

function isMessageList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every(isMessage);
}

/**
 * Indexes of a layout, built once per layout: views are asked for per process and step, and a hostile
 * trace may have as many fields (each in one step) as steps, so a view must not scan every field.
 */
interface Index {
  /** Position of each field in first-appearance order (the order views list fields in). */
  readonly order: ReadonlyMap<string, number>;
  readonly inFlight: ReadonlySet<string>;
  readonly global: ReadonlySet<string>;
  /** Owned fields by owner, each list in field order. */
  readonly ownedBy: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<StateLayout, Index>();
function indexOf(layout: StateLayout): Index {
  let ix = indexes.get(layout);
  if (!ix) {
    const all = [...layout.inFlightFields, ...layout.perProcessFields, ...layout.ownedFields.keys(), ...layout.globalFields];
    const order = new Map<string, number>();
    for (const f of all) if (!order.has(f)) order.set(f, order.size);
    const ownedBy = new Map<string, string[]>();
    for (const [f, owner] of layout.ownedFields) {
      const list = ownedBy.get(owner);
      if (list) list.push(f);
      else ownedBy.set(owner, [f]);
    }
    ix = { order, inFlight: new Set(layout.inFlightFields), global: new Set(layout.globalFields), ownedBy };
    indexes.set(layout, ix);
  }
  return ix;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** An own data property, whatever its name (`out[k] = v` with k = "__proto__" would set the prototype). */
function put(out: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * The fields of `list` (in list order, which is field order) that `state` has as its own, scanning the
 * shorter of the two: the list, or the state's keys (sorted back into field order).
 */
function present(state: Readonly<Record<string, unknown>>, list: readonly string[], member: (f: string) => boolean, order: ReadonlyMap<string, number>): string[] {
  const keys = Object.keys(state);
  if (list.length <= keys.length) return list.filter((f) => has(state, f));
  return keys.filter(member).sort((a, b) => order.get(a)! - order.get(b)!);
}

/** The part of a shown state that belongs to process `p`: `field → value` (per-process entries and owned fields). */
export function processView(layout: StateLayout, state: Readonly<Record<string, unknown>>, p: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of layout.perProcessFields) {
    const rec = state[f];
    if (isRecord(rec) && has(rec, p)) {
      const v = rec[p];
      // A record of records (`acceptors: {a1: {maxBal: 0, …}}`) contributes its inner fields directly.
      if (isRecord(v) && layout.perProcessFields.length === 1) for (const [k, x] of Object.entries(v)) put(out, k, x);
      else put(out, f, v);
    }
  }
  const ix = indexOf(layout);
  const mine = ix.ownedBy.get(p) ?? [];
  for (const f of present(state, mine, (k) => layout.ownedFields.get(k) === p, ix.order)) put(out, f, state[f]);
  return out;
}

/**
 * The processes that have state of their own in some step (an entry in a per-process record, or an owned
 * field), in layout order. One pass over the states, not one per process and step.
 */
export function processesWithState(layout: StateLayout, steps: readonly PrintableStep[]): string[] {
  const with_ = new Set<string>();
  for (const st of steps) {
    for (const f of layout.perProcessFields) {
      const rec = st.state[f];
      if (isRecord(rec)) for (const k of Object.keys(rec)) with_.add(k);
    }
    for (const k of Object.keys(st.state)) {
      const owner = layout.ownedFields.get(k);
      if (owner !== undefined) with_.add(owner);
    }
  }
  return layout.processes.filter((p) => with_.has(p));
}

/** The messages in flight in a shown state (messages of every in-flight field, in order). */
export function inFlight(layout: StateLayout, state: Readonly<Record<string, unknown>>): unknown[] {
  const ix = indexOf(layout);
  const out: unknown[] = [];
  for (const f of present(state, layout.inFlightFields, (k) => ix.inFlight.has(k), ix.order)) {
    const v = state[f];
    if (Array.isArray(v)) for (const m of v) out.push(m);
  }
  return out;
}

/** Global fields of a state. */
export function globalView(layout: StateLayout, state: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const ix = indexOf(layout);
  const out: Record<string, unknown> = {};
  for (const f of present(state, layout.globalFields, (k) => ix.global.has(k), ix.order)) put(out, f, state[f]);
  return out;
}
