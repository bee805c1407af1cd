// The Informal Trace Format (ITF, used by Apalache and Quint), both ways. A trace is
//   {"#meta": {...}, "vars": [...], "states": [{"#meta": {"index": i}, var: value, ...}], "loop"?: k}
// with values: strings, booleans, records (JSON objects), lists (JSON arrays), and tagged objects
// {"#bigint": "42"}, {"#set": [...]}, {"#map": [[k, v], ...]}, {"#tup": [...]}, {"#unserializable": "..."}.
//
// Writing: integers become #bigint (as Quint writes them), lists of messages become sets (every shipped
// network is a set of messages), top-level records keyed by process names become maps, null becomes
// #unserializable "null". The action taken is written as Quint's `mbt::actionTaken` variable (a string)
// and, structured, in each state's #meta, so a trace clab wrote reads back exactly. Reading accepts any
// ITF file: values are turned back into the plain JSON a shown state holds, and steps without a structured
// action get one named after `mbt::actionTaken` (or "step").

import { ClabError } from '../errors.ts';
import type { Action } from '../model.ts';
import { formatAction, isMessage, type PrintableStep } from './values.ts';
import { inferLayout } from './processes.ts';
import { actionProblem, constantsProblem } from './shape.ts';
import { propertyOutcome, type ShownTrace } from './trace-format.ts';

export const ACTION_VAR = 'mbt::actionTaken';
const FORMAT_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

export interface ItfTrace {
  readonly '#meta'?: Record<string, unknown>;
  readonly params?: readonly string[];
  readonly vars: readonly string[];
  readonly states: readonly Record<string, unknown>[];
  readonly loop?: number;
}

/** A shown value in ITF; `asMap` turns a record into a #map (used for records keyed by process names). */
export function encodeItfValue(v: unknown, asMap = false): unknown {
  if (v === null || v === undefined) return { '#unserializable': 'null' };
  if (typeof v === 'number') return Number.isInteger(v) ? { '#bigint': String(v) } : v;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const isSet = v.length > 0 && v.every(isMessage) && new Set(v.map((x) => JSON.stringify(x))).size === v.length;
    const items = v.map((x) => encodeItfValue(x));
    return isSet ? { '#set': items } : items;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (asMap) return { '#map': entries.map(([k, x]) => [k, encodeItfValue(x)]) };
  return Object.fromEntries(entries.map(([k, x]) => [k, encodeItfValue(x)]));
}

/** An ITF value as plain JSON: #bigint → number (string if unsafe), #set/#tup → array, #map → object. */
export function decodeItfValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeItfValue);
  const o = v as Record<string, unknown>;
  if (typeof o['#bigint'] === 'string') {
    const n = Number(o['#bigint']);
    return Number.isSafeInteger(n) ? n : o['#bigint'];
  }
  if (Array.isArray(o['#set'])) return o['#set'].map(decodeItfValue);
  if (Array.isArray(o['#tup'])) return o['#tup'].map(decodeItfValue);
  if (Array.isArray(o['#map'])) {
    const pairs = (o['#map'] as unknown[]).map((p) => (Array.isArray(p) && p.length === 2 ? [decodeItfValue(p[0]), decodeItfValue(p[1])] : [p, undefined]));
    const scalarKeys = pairs.every(([k]) => typeof k === 'string' || typeof k === 'number');
    return scalarKeys ? Object.fromEntries(pairs.map(([k, x]) => [String(k), x])) : pairs;
  }
  if ('#unserializable' in o) return o['#unserializable'] === 'null' ? null : String(o['#unserializable']);
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeItfValue(x)]));
}

export function toItf(t: ShownTrace): ItfTrace {
  const layout = inferLayout(t.steps);
  // Sets, not list lookups: a trace may have a variable of its own in every step.
  const varSet = new Set<string>();
  for (const st of t.steps) for (const k of Object.keys(st.state)) varSet.add(k);
  const vars = [...varSet];
  const asMaps = new Set(layout.perProcessFields);
  const clab = {
    ...(t.model !== undefined ? { model: t.model } : {}),
    ...(t.variant !== undefined ? { variant: t.variant } : {}),
    ...(t.constants !== undefined ? { constants: t.constants } : {}),
    ...(t.spec !== undefined ? { spec: t.spec } : {}),
    ...(t.property !== undefined ? { property: t.property } : {}),
  };
  const description = t.property
    ? `clab counterexample: ${propertyOutcome(t.property)} after ${t.steps.length - 1} steps`
    : `clab trace of ${t.steps.length - 1} steps`;
  return {
    '#meta': { format: 'ITF', 'format-description': FORMAT_DESCRIPTION, ...(t.spec ?? t.model ? { source: t.spec ?? t.model } : {}), description, clab },
    vars: [...vars, ACTION_VAR],
    states: t.steps.map((st, i) => ({
      '#meta': { index: i, action: st.action },
      ...Object.fromEntries(Object.entries(st.state).map(([k, v]) => [k, encodeItfValue(v, asMaps.has(k))])),
      [ACTION_VAR]: st.action ? formatAction(st.action) : 'init',
    })),
    ...(t.loopStart !== undefined ? { loop: t.loopStart } : {}),
  };
}

/** Reads a parsed ITF document; `what` names it in errors. */
export function fromItf(data: unknown, what: string): ShownTrace {
  const bad = (why: string) => new ClabError(`${what}: malformed ITF trace: ${why}`, `see ${FORMAT_DESCRIPTION}`);
  if (typeof data !== 'object' || data === null) throw bad('expected a JSON object');
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.states) || d.states.length === 0) throw bad('"states" must be a non-empty array');
  if (d.loop !== undefined && (typeof d.loop !== 'number' || !Number.isInteger(d.loop) || d.loop < 0 || d.loop >= d.states.length)) {
    throw bad(`"loop" must be the index of a state (0..${d.states.length - 1})`);
  }
  const steps: PrintableStep[] = d.states.map((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad(`state ${i} must be an object`);
    const s = raw as Record<string, unknown>;
    const meta = (typeof s['#meta'] === 'object' && s['#meta'] !== null ? s['#meta'] : {}) as Record<string, unknown>;
    const state = Object.fromEntries(Object.entries(s).filter(([k]) => k !== '#meta' && !k.startsWith('mbt::')).map(([k, v]) => [k, decodeItfValue(v)]));
    if (i === 0) return { action: null, state };
    const structured = meta.action;
    // A structured action (as clab writes it) must have the types renderers rely on; anything else that is
    // not one falls back to the action's name.
    if (typeof structured === 'object' && structured !== null && typeof (structured as { kind?: unknown }).kind === 'string') {
      const problem = actionProblem(structured);
      if (problem) throw bad(`state ${i}: "#meta.${problem.slice(1)}`);
    }
    return { action: actionOf(structured, s[ACTION_VAR]), state };
  });
  const meta = (typeof d['#meta'] === 'object' && d['#meta'] !== null ? d['#meta'] : {}) as Record<string, unknown>;
  const clab = (typeof meta.clab === 'object' && meta.clab !== null ? meta.clab : {}) as Record<string, unknown>;
  const prop = clab.property as { kind?: unknown; name?: unknown } | undefined;
  if (typeof clab.constants === 'object' && clab.constants !== null) {
    const problem = constantsProblem(clab.constants);
    if (problem) throw bad(`"#meta.clab.${problem.slice(1)}`);
  }
  return {
    model: typeof clab.model === 'string' ? clab.model : typeof meta.source === 'string' ? meta.source : undefined,
    ...('variant' in clab ? { variant: typeof clab.variant === 'string' ? clab.variant : null } : {}),
    ...(typeof clab.constants === 'object' && clab.constants !== null ? { constants: clab.constants as ShownTrace['constants'] } : {}),
    ...(typeof clab.spec === 'string' ? { spec: clab.spec } : {}),
    ...(prop && (prop.kind === 'invariant' || prop.kind === 'witness' || prop.kind === 'temporal' || prop.kind === 'deadlock') && typeof prop.name === 'string' ? { property: { kind: prop.kind, name: prop.name } } : {}),
    steps,
    ...(typeof d.loop === 'number' ? { loopStart: d.loop } : {}),
  };
}

function actionOf(structured: unknown, taken: unknown): Action {
  if (typeof structured === 'object' && structured !== null && typeof (structured as { kind?: unknown }).kind === 'string') return structured as Action;
  return { kind: typeof taken === 'string' && taken !== '' ? taken : 'step' };
}
