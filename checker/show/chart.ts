// The content of a message sequence chart, computed from a trace alone (no model): lifelines, one arrow
// per delivered message, messages never delivered in the trace, crashes, equivocations, the highlighted
// final step and the lasso's repeating part. Renderers (svg.ts, html.ts) only lay this out.
//
// Delivery is read off the action labels: a step whose kind contains the word `receives` and carries a
// message, or that lists messages in its optional `received` field, delivers each of them; each is paired
// with the latest earlier step whose kind contains `sends` with an equal message (same type and fields).
// Its actor is the receiver, the sender's actor the sender. A delivery with no
// such send (the message was in flight initially) is drawn from outside the chart ("found"); a send never
// delivered in the trace is drawn as a stub ending in a circle ("lost" in MSC terms: not received here).
//
// Equivocation (Byzantine senders): one sender sends two different messages of the same type for the same
// slot (equal values of slot-like fields such as `b`, `ballot`, `round`, `view`, `slot`, `height`), to
// different recipients where the trace says who received them. Both sends are marked.
//
// Crashes: a step whose kind contains `crash` marks its actor crashed from there on (until a step of
// that actor whose kind contains `recover`).

import type { Action, MessageLabel } from '../model.ts';
import { formatAction, formatMessage, type PrintableStep } from '../trace/format.ts';
import { inferLayout } from '../trace/processes.ts';
import { canonicalJson } from '../trace/trace-file.ts';
import type { ShownTrace } from '../trace/shown-trace.ts';

/** Message fields that name the instance/round a message belongs to. */
export const SLOT_FIELDS = ['b', 'bal', 'ballot', 'round', 'view', 'slot', 'height', 'term', 'epoch', 'instance', 'seq', 'index'] as const;

export interface ChartStep {
  readonly index: number;
  readonly actor?: string;
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

/** Who the message is addressed to, if it says (`to`, `dst`, `dest`, `recipient` fields). */
function addressee(m: MessageLabel): string | undefined {
  const to = m.to ?? m.dst ?? m.dest ?? m.recipient;
  return to === undefined || to === null ? undefined : String(to);
}

export function titleOf(t: ShownTrace): string {
  const consts = t.constants ? Object.entries(t.constants).map(([k, v]) => `${k}=${v}`).join(' ') : '';
  const what = t.property ? `${t.property.kind} ${t.property.name} ${t.property.kind === 'witness' ? 'reached' : 'violated'}` : 'trace';
  return [t.model ?? 'trace', t.variant ? `(variant ${t.variant})` : '', consts, '—', what, `in ${t.steps.length - 1} steps`].filter(Boolean).join(' ');
}

export function buildChart(t: ShownTrace): Chart {
  const steps: readonly PrintableStep[] = t.steps;
  const layout = inferLayout(steps);
  const processes = [...layout.processes];
  const chartSteps: ChartStep[] = steps.slice(1).map((st, k) => ({
    index: k + 1,
    ...(st.action!.actor !== undefined ? { actor: st.action!.actor } : {}),
    text: formatAction(st.action!),
    kind: stepKind(st.action!),
  }));

  // Pair deliveries with sends.
  const sends = chartSteps.filter((s) => s.kind === 'send' && s.actor !== undefined);
  const keyOf = (i: number) => canonicalJson(steps[i].action!.message);
  const deliveries = new Map<number, { to: string; step: number }[]>();
  const arrows: ChartArrow[] = [];
  for (const s of chartSteps) {
    if (s.actor === undefined) continue;
    const action = steps[s.index].action!;
    const got = [...(s.kind === 'receive' ? [action.message!] : []), ...(action.received ?? [])];
    for (const m of got) {
      const key = canonicalJson(m);
      const send = [...sends].reverse().find((x) => x.index < s.index && keyOf(x.index) === key);
      const label = formatMessage(m);
      if (send) {
        deliveries.set(send.index, [...(deliveries.get(send.index) ?? []), { to: s.actor, step: s.index }]);
        arrows.push({ id: '', from: send.actor, to: s.actor, sendStep: send.index, receiveStep: s.index, label, equivocation: false });
      } else {
        arrows.push({ id: '', to: s.actor, receiveStep: s.index, label, equivocation: false });
      }
    }
  }

  // Equivocations: same sender, type and slot, different messages, different recipients where known.
  const groups = new Map<string, number[]>();
  for (const s of sends) {
    const m = steps[s.index].action!.message!;
    const g = `${s.actor}\u0000${m.type}\u0000${slotOf(m)}`;
    groups.set(g, [...(groups.get(g) ?? []), s.index]);
  }
  const equivocations: Equivocation[] = [];
  const equivocating = new Set<number>();
  for (const [g, idx] of groups) {
    const distinct = [...new Map(idx.map((i) => [keyOf(i), i])).values()];
    if (distinct.length < 2) continue;
    const recipients = (i: number) => {
      const to = addressee(steps[i].action!.message!);
      return new Set([...(deliveries.get(i) ?? []).map((d) => d.to), ...(to ? [to] : [])]);
    };
    const known = distinct.filter((i) => recipients(i).size > 0);
    const sameRecipients = known.length === distinct.length && known.every((i) => canonicalJson([...recipients(i)].sort()) === canonicalJson([...recipients(known[0])].sort()));
    if (sameRecipients) continue;
    const [sender, type, slot] = g.split('\u0000');
    const stepsOf = idx.filter((i) => distinct.some((d) => keyOf(d) === keyOf(i)));
    for (const i of stepsOf) equivocating.add(i);
    equivocations.push({ sender, type, slot, steps: stepsOf, messages: distinct.map((i) => formatMessage(steps[i].action!.message!)) });
  }

  const finalArrows = arrows.map((a, n) => ({ ...a, id: `clab-msg-${n}`, equivocation: a.sendStep !== undefined && equivocating.has(a.sendStep) }));
  const undelivered: ChartUndelivered[] = sends
    .filter((s) => !deliveries.has(s.index))
    .map((s, n) => ({ id: `clab-lost-${n}`, from: s.actor!, step: s.index, label: formatMessage(steps[s.index].action!.message!), equivocation: equivocating.has(s.index) }));

  const crashes: { process: string; step: number; until?: number }[] = [];
  for (const s of chartSteps) {
    if (s.actor === undefined) continue;
    if (s.kind === 'crash') crashes.push({ process: s.actor, step: s.index });
    if (s.kind === 'recover') {
      const open = crashes.find((c) => c.process === s.actor && c.until === undefined);
      if (open) open.until = s.index;
    }
  }
  for (const s of chartSteps) if (s.actor !== undefined && !processes.includes(s.actor)) processes.push(s.actor);

  const last = steps.length - 1;
  const highlight = t.property
    ? { step: last, text: t.property.kind === 'witness' ? `◆ ${t.property.name} reached` : `✗ ${t.property.name} violated`, violation: t.property.kind !== 'witness' }
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
