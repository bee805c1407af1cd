// The shape a trace must have before anything renders or replays it: every field of the right type, with
// the step and field named when one is not ("step 3: "action.actor" must be a string, not a number").
// Renderers and the replayer trust these types (an actor is a string, a state an object), so a wrong
// type is refused here, once, rather than crashing whichever printer meets it first.

import { ClabError } from '../errors.ts';
import { safeText } from './safe-text.ts';
import { TRACE_FORMAT, TRACE_VERSION, type TraceFile } from './trace-format.ts';

export const TRACE_HINT = 'a trace file is what `clab check` writes under clab-traces/';

/** `a number`, `null`, `an array`, ... for messages about a value of the wrong type. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v === undefined) return 'missing';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a message label at `path`, or undefined. Field values may be any JSON value. */
function messageProblem(m: unknown, path: string): string | undefined {
  if (!isRecord(m)) return `"${path}" must be an object with a "type", not ${typeName(m)}`;
  if (typeof m.type !== 'string') return `"${path}.type" must be a string, not ${typeName(m.type)}`;
  return undefined;
}

/** What is wrong with an action label, or undefined: kind, actor, detail strings; message(s) labels. */
export function actionProblem(a: unknown): string | undefined {
  if (!isRecord(a)) return `"action" must be an object with a "kind", not ${typeName(a)}`;
  if (typeof a.kind !== 'string') return `"action.kind" must be a string, not ${typeName(a.kind)}`;
  for (const f of ['actor', 'detail'] as const) {
    if (f in a && typeof a[f] !== 'string') return `"action.${f}" must be a string, not ${typeName(a[f])}`;
  }
  if ('message' in a) {
    const p = messageProblem(a.message, 'action.message');
    if (p) return p;
  }
  if ('received' in a) {
    if (!Array.isArray(a.received)) return `"action.received" must be an array of messages, not ${typeName(a.received)}`;
    for (let j = 0; j < a.received.length; j++) {
      const p = messageProblem(a.received[j], `action.received[${j}]`);
      if (p) return p;
    }
  }
  return undefined;
}

/** What is wrong with a constants object, or undefined: values are numbers, strings or booleans. */
export function constantsProblem(c: unknown): string | undefined {
  if (!isRecord(c)) return `"constants" must be an object, not ${typeName(c)}`;
  for (const [k, v] of Object.entries(c)) {
    if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') return `"constants.${safeText(k)}" must be a number, string or boolean, not ${typeName(v)}`;
  }
  return undefined;
}

/** A parsed clab trace, shape-checked; `what` (the file) names it in errors. */
export function checkTraceShape(data: unknown, what: string): TraceFile {
  const bad = (why: string) => new ClabError(`${what}: malformed trace: ${why}`, TRACE_HINT);
  if (!isRecord(data)) throw bad('expected a JSON object');
  const t = data;
  if (t.format !== TRACE_FORMAT) throw bad(`"format" must be "${TRACE_FORMAT}"`);
  if (t.version !== TRACE_VERSION) throw bad(`unsupported "version" ${safeText(String(JSON.stringify(t.version)))} (this clab reads ${TRACE_VERSION})`);
  if (typeof t.model !== 'string') throw bad(`"model" must be a string, not ${typeName(t.model)}`);
  if (t.variant !== null && typeof t.variant !== 'string') throw bad(`"variant" must be a string or null, not ${typeName(t.variant)}`);
  if (t.spec !== undefined && typeof t.spec !== 'string') throw bad(`"spec" must be a string, not ${typeName(t.spec)}`);
  const cp = constantsProblem(t.constants);
  if (cp) throw bad(cp);
  const p = t.property;
  if (!isRecord(p) || (p.kind !== 'invariant' && p.kind !== 'witness' && p.kind !== 'temporal' && p.kind !== 'deadlock') || typeof p.name !== 'string') throw bad('"property" must be {kind: "invariant"|"witness"|"temporal"|"deadlock", name}');
  if (!Array.isArray(t.steps) || t.steps.length === 0) throw bad('"steps" must be a non-empty array');
  const steps = t.steps;
  if (t.loopStart !== undefined && (!Number.isInteger(t.loopStart) || (t.loopStart as number) < 0 || (t.loopStart as number) >= steps.length)) {
    throw bad(`"loopStart" must be a step index 0..${steps.length - 1}`);
  }
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    if (!isRecord(st) || !('state' in st) || !('action' in st)) throw bad(`step ${i} must be an object with "action" and "state"`);
    if (!isRecord(st.state)) throw bad(`step ${i}: "state" must be an object, not ${typeName(st.state)}`);
    if (i === 0) {
      if (st.action !== null) throw bad('step 0 (the initial state) must have "action": null');
      continue;
    }
    const ap = actionProblem(st.action);
    if (ap) throw bad(`step ${i}: ${ap}`);
  }
  return data as unknown as TraceFile;
}
