// Which processes a trace is about and which parts of a shown state belong to each, inferred from the trace
// alone (no model needed), so the table, the sequence chart and the explorer lay out any model alike:
//   processes    every action's actor, and the keys of top-level records keyed by process names
//                (`rmState: {r1: …, r2: …}`, `acceptors: {a1: {…}}`);
//   per process  the entry for it in each such record, and top-level fields whose name starts with the
//                process's name (`tmState`, `tmPrepared` belong to `TM`);
//   in flight    top-level lists of messages (`msgs`), or fields named like a network;
//   globals      everything else.

import { isMessage, type PrintableStep } from './format.ts';

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

export function inferLayout(steps: readonly PrintableStep[]): StateLayout {
  const seen: string[] = [];
  const add = (p: string) => {
    if (!seen.includes(p)) seen.push(p);
  };
  for (const st of steps) if (st.action?.actor) add(st.action.actor);
  const actors = new Set(seen);
  const fields: string[] = [];
  for (const st of steps) for (const k of Object.keys(st.state)) if (!fields.includes(k)) fields.push(k);

  const inFlightFields = fields.filter((f) => steps.some((st) => isMessageList(st.state[f])) || (NETWORK_NAME.test(f) && steps.every((st) => Array.isArray(st.state[f]))));
  // A record is per-process when its keys look like process names and either some key is an actor or
  // every key ends in a number (r1, a2): {working: 1} or {x: 0, y: 1} are ordinary records.
  const perProcessFields = fields.filter((f) => {
    if (inFlightFields.includes(f)) return false;
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
  for (const f of perProcessFields) for (const st of steps) for (const k of Object.keys(st.state[f] as object)) add(k);

  // Group by prefix in order of first appearance, then by number.
  const groupOrder: string[] = [];
  for (const p of seen) if (!groupOrder.includes(nameParts(p)[0])) groupOrder.push(nameParts(p)[0]);
  const processes = [...seen].sort((a, b) => {
    const [pa, na] = nameParts(a);
    const [pb, nb] = nameParts(b);
    return groupOrder.indexOf(pa) - groupOrder.indexOf(pb) || na - nb || (a < b ? -1 : a > b ? 1 : 0);
  });

  const ownedFields = new Map<string, string>();
  for (const f of fields) {
    if (inFlightFields.includes(f) || perProcessFields.includes(f)) continue;
    // The longest process name that prefixes the field name (case-insensitive), followed by an upper-case
    // letter, a digit, `_` or nothing: `tmState` → TM, but `rms` is not owned by `r`.
    const owner = processes
      .filter((p) => f.toLowerCase().startsWith(p.toLowerCase()) && (f.length === p.length || /[A-Z0-9_]/.test(f[p.length])))
      .sort((a, b) => b.length - a.length)[0];
    if (owner) ownedFields.set(f, owner);
  }
  const globalFields = fields.filter((f) => !inFlightFields.includes(f) && !perProcessFields.includes(f) && !ownedFields.has(f));
  return { processes, perProcessFields, ownedFields, inFlightFields, globalFields };
}

function isMessageList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every(isMessage);
}

/** The part of a shown state that belongs to process `p`: `field → value` (per-process entries and owned fields). */
export function processView(layout: StateLayout, state: Readonly<Record<string, unknown>>, p: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of layout.perProcessFields) {
    const rec = state[f];
    if (isRecord(rec) && p in rec) {
      const v = rec[p];
      // A record of records (`acceptors: {a1: {maxBal: 0, …}}`) contributes its inner fields directly.
      if (isRecord(v) && layout.perProcessFields.length === 1) Object.assign(out, v);
      else out[f] = v;
    }
  }
  for (const [f, owner] of layout.ownedFields) if (owner === p && f in state) out[f] = state[f];
  return out;
}

/** The messages in flight in a shown state (messages of every in-flight field, in order). */
export function inFlight(layout: StateLayout, state: Readonly<Record<string, unknown>>): unknown[] {
  return layout.inFlightFields.flatMap((f) => (Array.isArray(state[f]) ? (state[f] as unknown[]) : []));
}

/** Global fields of a state. */
export function globalView(layout: StateLayout, state: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(layout.globalFields.filter((f) => f in state).map((f) => [f, state[f]]));
}
