// The content of a message sequence chart, computed from a trace alone (no model): lifelines, one arrow
// per delivered message, messages never delivered in the trace, crashes, equivocations, the highlighted
// final step and the lasso's repeating part. Renderers (svg.ts, html.ts) only lay this out.
//
// Delivery is read off the action labels: a step whose kind contains the word `receives` and carries a
// message, or that lists messages in its optional `received` field, delivers each of them; each is paired
// with the latest earlier step whose kind contains `sends` with an equal message (same type and fields).
// Its actor is the receiver, the sender's actor the sender. Where the labels do not say, the shown states
// do (deliveries.ts): the step that put the message in flight sent it, a message that left the network in
// its addressee's step was received there, and in a trace without a network a send reached the processes
// its step changed. A delivery with no send at all (the message was in flight initially) is drawn from
// outside the chart ("found"); a send never delivered in the trace is drawn as a stub ending in a circle
// ("lost" in MSC terms: not received here). An actor naming several processes (`L3,L2`) acts on each of
// their lifelines; an actor that is a phrase (`loyal lieutenants`) on those whose state its step changed.
//
// Equivocation (Byzantine senders): one sender sends two different messages of the same type for the same
// slot (equal values of slot-like fields such as `b`, `ballot`, `round`, `view`, `slot`, `height`), to
// different recipients where the trace says who received them. Both sends are marked.
//
// Crashes: a step whose kind contains `crash` marks its actor crashed from there on (until a step of
// that actor whose kind contains `recover`); when its detail names another process (`env crashes p1`),
// that process.

import { ClabError } from '../errors.ts';
import type { Action, MessageLabel } from '../model.ts';
import { formatAction, formatMessage, safeText, type PrintableStep } from '../trace/format.ts';
import { actorsOf, addresseeOf, inferLayout, isProcessName, processView } from '../trace/processes.ts';
import { InFlightHistory, matches, reachedAtOnce } from './deliveries.ts';
import { canonicalJson } from '../trace/trace-file.ts';
import type { ShownTrace } from '../trace/shown-trace.ts';
import { propertyOutcome } from '../trace/trace-format.ts';

/** Message fields that name the instance/round a message belongs to. */
export const SLOT_FIELDS = ['b', 'bal', 'ballot', 'round', 'view', 'slot', 'height', 'term', 'epoch', 'instance', 'seq', 'index'] as const;

export interface ChartStep {
  readonly index: number;
  readonly actor?: string;
  /** The processes the actor names (`L3,L2` is two; processes.ts actorsOf). */
  readonly actors: readonly string[];
  readonly text: string;
  readonly kind: 'send' | 'receive' | 'crash' | 'recover' | 'internal';
}

export interface ChartArrow {
  readonly id: string;
  /** Sender process; undefined for a message in flight before the trace began. */
  readonly from?: string;
  readonly to: string;
  /** Step of the send (undefined when found) and of the delivery. */
  readonly sendStep?: number;
  readonly receiveStep: number;
  readonly label: string;
  readonly equivocation: boolean;
}

export interface ChartUndelivered {
  readonly id: string;
  readonly from: string;
  readonly step: number;
  readonly label: string;
  readonly equivocation: boolean;
}

export interface Equivocation {
  readonly sender: string;
  readonly type: string;
  /** `b=1`, or '' when the type has no slot fields. */
  readonly slot: string;
  readonly steps: readonly number[];
  readonly messages: readonly string[];
}

export interface Chart {
  readonly title: string;
  readonly processes: readonly string[];
  /** Steps 1..n (step 0 is the initial state and has no event). */
  readonly steps: readonly ChartStep[];
  readonly arrows: readonly ChartArrow[];
  readonly undelivered: readonly ChartUndelivered[];
  /** Crash intervals per process: [crash step, recovery step or undefined]. */
  readonly crashes: readonly { readonly process: string; readonly step: number; readonly until?: number }[];
  readonly equivocations: readonly Equivocation[];
  readonly highlight?: { readonly step: number; readonly text: string; readonly violation: boolean };
  readonly loopStart?: number;
}

const hasWord = (kind: string, word: RegExp) => word.test(kind);
const SENDS = /\bsends?\b/;
const RECEIVES = /\b(receives?|delivers?)\b/;
const CRASH = /\bcrash/;
const RECOVER = /\brecover/;

function stepKind(a: Action): ChartStep['kind'] {
  if (hasWord(a.kind, CRASH)) return 'crash';
  if (hasWord(a.kind, RECOVER)) return 'recover';
  if (a.message && hasWord(a.kind, RECEIVES)) return 'receive';
  if (a.message && hasWord(a.kind, SENDS)) return 'send';
  return 'internal';
}

/** The slot of a message: its slot-like fields, e.g. `b=1`. */
function slotOf(m: MessageLabel): string {
  return SLOT_FIELDS.filter((f) => m[f] !== undefined).map((f) => `${f}=${String(m[f])}`).join(', ');
}

export function titleOf(t: ShownTrace): string {
  const consts = t.constants ? Object.entries(t.constants).map(([k, v]) => `${k}=${String(v)}`).join(' ') : '';
  const what = t.property ? propertyOutcome(t.property) : 'trace';
  // Every part but the counts comes from the trace file.
  return safeText([t.model ?? 'trace', t.variant ? `(variant ${t.variant})` : '', consts, '—', what, `in ${t.steps.length - 1} steps`].filter(Boolean).join(' '));
}

/** The most steps and processes a chart (or a table) is drawn for; beyond them it is unreadable anyway. */
export const MAX_CHART_STEPS = 10_000;
export const MAX_CHART_PROCESSES = 200;

/** Refuses a trace too long or too wide to draw (exit 2, saying what to do instead). */
export function checkChartSize(steps: number, processes: number, what: string, instead: string): void {
  if (steps > MAX_CHART_STEPS) throw new ClabError(`the trace has ${steps} steps; ${what} draws at most ${MAX_CHART_STEPS}`, instead);
  if (processes > MAX_CHART_PROCESSES) throw new ClabError(`the trace has ${processes} processes; ${what} draws at most ${MAX_CHART_PROCESSES}`, instead);
}

const CHART_INSTEAD = 'print it as a step list instead (`clab show FILE`, or --full), which has no such limit';

/**
 * Everything here is linear in the trace's size (steps, message labels) times the messages in flight in a
 * state: each send's label is encoded once, deliveries find their send through a map of the latest send per
 * label (or among the messages in flight just before them), and lists grow by push. A 32,000-step trace
 * whose deliveries had no send took minutes when each one searched all sends.
 */
export function buildChart(t: ShownTrace): Chart {
  const steps: readonly PrintableStep[] = t.steps;
  checkChartSize(steps.length - 1, 0, 'a chart', CHART_INSTEAD);
  const layout = inferLayout(steps);
  // An actor that is a phrase (`loyal lieutenants relay the round-1 orders`) is drawn on the processes whose
  // state its step changed, not as a lifeline of its own.
  const grouped = new Set<string>();
  const inLayout = new Set(layout.processes);
  const chartSteps: ChartStep[] = steps.slice(1).map((st, k) => {
    const actor = st.action!.actor;
    let actors = actorsOf(actor);
    // A crash or recovery done to another process (`env crashes p1`, the detail naming it) is that
    // process's event; the actor is no lifeline if it does nothing else.
    const target = st.action!.detail?.trim();
    const kind = stepKind(st.action!);
    if ((kind === 'crash' || kind === 'recover') && target !== undefined && target !== actor && inLayout.has(target)) {
      if (actor !== undefined) grouped.add(actor);
      return { index: k + 1, ...(actor !== undefined ? { actor } : {}), actors: [target], text: formatAction(st.action!), kind };
    }
    // (Only for a trace narrow enough to draw: a wider one is refused below anyway.)
    if (actor !== undefined && actors.length === 1 && !isProcessName(actor) && layout.processes.length <= MAX_CHART_PROCESSES) {
      const changed = layout.processes.filter((p) => p !== actor && canonicalJson(processView(layout, steps[k].state, p)) !== canonicalJson(processView(layout, st.state, p)));
      if (changed.length > 0) {
        actors = changed;
        grouped.add(actor);
      }
    }
    return { index: k + 1, ...(actor !== undefined ? { actor } : {}), actors, text: formatAction(st.action!), kind: stepKind(st.action!) };
  });
  // A phrase that always stood for processes has no lifeline.
  for (const s of chartSteps) if (s.actor !== undefined && s.actors.length === 1 && s.actors[0] === s.actor) grouped.delete(s.actor);
  const processes = layout.processes.filter((p) => !grouped.has(p));
  const isProcess = (x: unknown): x is string => typeof x === 'string' && inLayout.has(x);

  // Pair deliveries with sends: walking the steps in order, a delivery pairs with the latest earlier send
  // of an equal message (the send of the delivering step itself is registered after its deliveries); a
  // delivery with no such send, with the step that put the message in flight (deliveries.ts).
  const sends = chartSteps.filter((s) => s.kind === 'send' && s.actors.length > 0);
  const keys = new Map<number, string>();
  for (const s of sends) keys.set(s.index, canonicalJson(steps[s.index].action!.message));
  const keyOf = (i: number) => keys.get(i)!;
  const history = new InFlightHistory(layout, steps);
  // The network entry (`key@step`) each labelled send stands for: the message its label matches among
  // those that entered the network at its step.
  const labelled = new Map<string, number>();
  for (const s of sends) {
    const added = history.added(s.index);
    const m = steps[s.index].action!.message!;
    const hit = added.has(keyOf(s.index)) ? keyOf(s.index) : [...added.keys()].find((k) => matches(m, history.message(k)!));
    if (hit !== undefined) labelled.set(`${hit}@${s.index}`, s.index);
  }
  const latestSend = new Map<string, ChartStep>();
  const deliveries = new Map<number, { to: string; step: number }[]>();
  const deliveredEntries = new Set<string>();
  const arrows: ChartArrow[] = [];
  const deliver = (sendStep: number, to: string, step: number) => {
    const list = deliveries.get(sendStep);
    if (list) list.push({ to, step });
    else deliveries.set(sendStep, [{ to, step }]);
  };
  /** Who sent a message that entered the network at `step` unlabelled: its `from` field if that names a process, else the step's actors. */
  const sendersOf = (m: MessageLabel | undefined, step: number): readonly string[] => {
    const from = m?.from ?? m?.src ?? m?.sender;
    return isProcess(from) ? [from] : chartSteps[step - 1].actors;
  };
  for (const s of chartSteps) {
    const action = steps[s.index].action!;
    const got = [...(s.kind === 'receive' ? [action.message!] : []), ...(action.received ?? [])];
    for (const to of s.actors) {
      for (const m of got) {
        const label = formatMessage(m);
        const send = latestSend.get(canonicalJson(m));
        const origin = send ? undefined : history.origin(m, to, s.index);
        const byLabel = origin && origin.sent > 0 ? labelled.get(`${origin.key}@${origin.sent}`) : undefined;
        const sendStep = send?.index ?? byLabel ?? (origin && origin.sent > 0 ? origin.sent : undefined);
        if (sendStep === undefined) {
          arrows.push({ id: '', to, receiveStep: s.index, label, equivocation: false });
          continue;
        }
        if (send || byLabel !== undefined) deliver(sendStep, to, s.index);
        else deliveredEntries.add(`${origin!.key}@${origin!.sent}`);
        const from = send || byLabel !== undefined ? chartSteps[sendStep - 1].actors : sendersOf(history.message(origin!.key), sendStep);
        // A sending step with no actor and a message with no sender: drawn as found, not dropped.
        if (from.length === 0) arrows.push({ id: '', to, receiveStep: s.index, label, equivocation: false });
        for (const f of from) arrows.push({ id: '', from: f, to, sendStep, receiveStep: s.index, label, equivocation: false });
      }
    }
    if (keys.has(s.index)) latestSend.set(keyOf(s.index), s);
  }
  // A message that entered the network unlabelled and left it in a step of its addressee was received there.
  for (let j = 1; j < steps.length; j++) {
    for (const k of history.added(j).keys()) {
      if (labelled.has(`${k}@${j}`) || deliveredEntries.has(`${k}@${j}`)) continue;
      const m = history.message(k)!;
      const to = addresseeOf(m);
      const i = to === undefined ? undefined : history.leftAfter(k, j);
      if (i === undefined || !chartSteps[i - 1].actors.includes(to!)) continue;
      deliveredEntries.add(`${k}@${j}`);
      for (const from of sendersOf(m, j)) arrows.push({ id: '', from, to: to!, sendStep: j, receiveStep: i, label: formatMessage(m), equivocation: false });
    }
  }
  // In a trace with no network in its states and no step that receives (synchronous rounds: Oral
  // Messages), a send whose addressee (or, with none named, other processes) the step itself changed was
  // delivered at once.
  const synchronous = layout.inFlightFields.length === 0 && chartSteps.every((s) => s.kind !== 'receive' && !steps[s.index].action!.received?.length);
  for (const s of synchronous ? sends : []) {
    if (deliveries.has(s.index)) continue;
    const m = steps[s.index].action!.message!;
    for (const to of reachedAtOnce(layout, steps, s.index, m, s.actors, processes)) {
      deliver(s.index, to, s.index);
      for (const f of s.actors) arrows.push({ id: '', from: f, to, sendStep: s.index, receiveStep: s.index, label: formatMessage(m), equivocation: false });
    }
  }

  // Equivocations: same sender, type and slot, different messages, different recipients where known.
  const groups = new Map<string, number[]>();
  for (const s of sends) {
    const m = steps[s.index].action!.message!;
    const g = `${s.actor}\u0000${m.type}\u0000${slotOf(m)}`;
    const list = groups.get(g);
    if (list) list.push(s.index);
    else groups.set(g, [s.index]);
  }
  const equivocations: Equivocation[] = [];
  const equivocating = new Set<number>();
  for (const [g, idx] of groups) {
    const distinct = [...new Map(idx.map((i) => [keyOf(i), i])).values()];
    if (distinct.length < 2) continue;
    const recipients = (i: number) => {
      const to = addresseeOf(steps[i].action!.message!);
      return new Set([...(deliveries.get(i) ?? []).map((d) => d.to), ...(to ? [to] : [])]);
    };
    const known = distinct.filter((i) => recipients(i).size > 0);
    const first = known.length > 0 ? canonicalJson([...recipients(known[0])].sort()) : '';
    const sameRecipients = known.length === distinct.length && known.every((i) => canonicalJson([...recipients(i)].sort()) === first);
    if (sameRecipients) continue;
    const [sender, type, slot] = g.split('\u0000');
    // Every send of the group carries one of the distinct messages, so all of them are marked.
    for (const i of idx) equivocating.add(i);
    equivocations.push({ sender, type, slot, steps: idx, messages: distinct.map((i) => formatMessage(steps[i].action!.message!)) });
  }

  const finalArrows = arrows.map((a, n) => ({ ...a, id: `clab-msg-${n}`, equivocation: a.sendStep !== undefined && equivocating.has(a.sendStep) }));
  const lost: Omit<ChartUndelivered, 'id'>[] = [];
  for (const s of sends) {
    if (deliveries.has(s.index)) continue;
    for (const from of s.actors) lost.push({ from, step: s.index, label: formatMessage(steps[s.index].action!.message!), equivocation: equivocating.has(s.index) });
  }
  // Messages that entered the network without a send label, and that no step of the trace received.
  for (let j = 1; j < steps.length; j++) {
    for (const k of history.added(j).keys()) {
      if (labelled.has(`${k}@${j}`) || deliveredEntries.has(`${k}@${j}`)) continue;
      const m = history.message(k)!;
      for (const from of sendersOf(m, j)) lost.push({ from, step: j, label: formatMessage(m), equivocation: false });
    }
  }
  lost.sort((a, b) => a.step - b.step);
  const undelivered: ChartUndelivered[] = lost.map((u, n) => ({ id: `clab-lost-${n}`, ...u }));

  // A recovery ends the process's earliest crash that has not ended yet.
  type Crash = { process: string; step: number; until?: number };
  const crashes: Crash[] = [];
  const open = new Map<string, { list: Crash[]; head: number }>();
  for (const s of chartSteps) {
    // The process that crashes or recovers: the one the step acts on (`env crashes p1` is p1's crash).
    const who = s.actors.length === 1 ? s.actors[0] : s.actor;
    if (who === undefined) continue;
    if (s.kind === 'crash') {
      const c: Crash = { process: who, step: s.index };
      crashes.push(c);
      const q = open.get(who);
      if (q) q.list.push(c);
      else open.set(who, { list: [c], head: 0 });
    }
    if (s.kind === 'recover') {
      const q = open.get(who);
      if (q && q.head < q.list.length) q.list[q.head++].until = s.index;
    }
  }
  const known = new Set(processes);
  for (const s of chartSteps) {
    for (const a of s.actors) {
      if (!known.has(a)) {
        known.add(a);
        processes.push(a);
      }
    }
  }
  checkChartSize(steps.length - 1, processes.length, 'a chart', CHART_INSTEAD);

  const last = steps.length - 1;
  const highlight = t.property
    ? { step: last, text: t.property.kind === 'witness' ? `◆ ${t.property.name} reached` : t.property.kind === 'deadlock' ? '✗ deadlock' : `✗ ${t.property.name} violated`, violation: t.property.kind !== 'witness' }
    : undefined;
  return {
    title: titleOf(t),
    processes,
    steps: chartSteps,
    arrows: finalArrows,
    undelivered,
    crashes,
    equivocations,
    ...(highlight ? { highlight } : {}),
    ...(t.loopStart !== undefined ? { loopStart: t.loopStart } : {}),
  };
}
