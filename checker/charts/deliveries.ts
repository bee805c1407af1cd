// Where a message came from and where it went, read off the shown states when the action labels do not
// say (checker/charts/chart.ts draws what this finds):
//   - a message sent without a `sends` label: a step that receives a ping and puts a pong in `msgs` sends
//     the pong. The in-flight fields (processes.ts) show when each message entered the network, so a
//     delivery whose send is not labelled is paired with the step that put it there; only a message in
//     flight in the initial state was "in flight before step 1";
//   - a delivery labelled with fewer fields than the message in flight (FLP's `receives est(from=p2, v=1)`
//     for `est(r=0, from=p2, to=p1, v=1)`): the same type, every labelled field equal, and an addressee,
//     if the message names one, that is the receiver;
//   - a message that leaves the network in a step of its addressee that does not say it receives it (FLP
//     folds receiving a stale message into the step that moves on) was delivered there;
//   - a synchronous delivery (Oral Messages: `L2 sends order(to=L1, ...)` changes L1's state in the same
//     step; its states hold no network and no step receives): a send is delivered at its own step to its
//     addressee, or with none named to every other process, whose state that step changed.
// Every part is linear in the trace's size times the messages in flight per state.

import { canonicalJson } from '../trace/trace-file.ts';
import { addresseeOf, inFlight, processView, type StateLayout } from '../trace/processes.ts';
import { isMessage, type PrintableStep } from '../trace/values.ts';
import type { MessageLabel } from '../model.ts';

/** The messages in flight at each state, and when each entered the network. */
export class InFlightHistory {
  /** Per state: canonical key → copies in flight. */
  private readonly counts: Map<string, number>[] = [];
  /** Each key's message. */
  private readonly messages = new Map<string, MessageLabel>();
  /** Per key: the steps (ascending) at which a copy entered the in-flight fields. */
  private readonly addedAt = new Map<string, number[]>();

  constructor(layout: StateLayout, steps: readonly PrintableStep[]) {
    if (layout.inFlightFields.length === 0) return;
    steps.forEach((st, i) => {
      const c = new Map<string, number>();
      for (const m of inFlight(layout, st.state)) {
        if (!isMessage(m)) continue;
        const k = canonicalJson(m);
        if (!this.messages.has(k)) this.messages.set(k, m);
        c.set(k, (c.get(k) ?? 0) + 1);
      }
      if (i > 0) {
        const before = this.counts[i - 1];
        for (const [k, n] of c) for (let x = before.get(k) ?? 0; x < n; x++) this.push(this.addedAt, k, i);
        for (const [k, n] of before) for (let x = c.get(k) ?? 0; x < n; x++) this.push(this.removedAt, k, i);
      }
      this.counts.push(c);
    });
  }

  /** Per key: the steps (ascending) at which a copy left them. */
  private readonly removedAt = new Map<string, number[]>();

  private push(at: Map<string, number[]>, k: string, step: number): void {
    const list = at.get(k);
    if (list) list.push(step);
    else at.set(k, [step]);
  }

  /** The first step after `step` at which a copy of message `k` left the network, or undefined. */
  leftAfter(k: string, step: number): number | undefined {
    return this.removedAt.get(k)?.find((x) => x > step);
  }

  /** The copies of each message that entered the network at `step` (key → count). */
  added(step: number): Map<string, number> {
    const out = new Map<string, number>();
    if (step <= 0 || step >= this.counts.length) return out;
    const before = this.counts[step - 1];
    for (const [k, n] of this.counts[step]) if (n > (before.get(k) ?? 0)) out.set(k, n - (before.get(k) ?? 0));
    return out;
  }

  message(k: string): MessageLabel | undefined {
    return this.messages.get(k);
  }

  /**
   * The message in flight just before `step` that the delivery labelled `m` to `to` received, and the step
   * that put it in flight (0: it was there from the start), or undefined if no message in flight matches.
   * An exact match wins; among loose ones, one that leaves the network at `step`, and then the one that
   * entered it last.
   */
  origin(m: MessageLabel, to: string, step: number): { key: string; sent: number } | undefined {
    const before = this.counts[step - 1];
    if (!before) return undefined;
    const exact = canonicalJson(m);
    let candidates = before.has(exact) ? [exact] : [...before.keys()].filter((k) => matches(m, this.messages.get(k)!, to));
    // A message that leaves the network at this very step is the one received (bag semantics).
    const leaving = candidates.filter((k) => this.removedAt.get(k)?.includes(step));
    if (leaving.length > 0) candidates = leaving;
    let best: { key: string; sent: number } | undefined;
    for (const key of candidates) {
      const sent = lastBefore(this.addedAt.get(key) ?? [], step);
      if (!best || sent > best.sent) best = { key, sent };
    }
    return best;
  }
}

/** Whether delivery label `label` (received by `to`) can be message `m`: same type, its fields equal, addressed to `to` if addressed. */
export function matches(label: MessageLabel, m: MessageLabel, to?: string): boolean {
  if (label.type !== m.type) return false;
  for (const [f, v] of Object.entries(label)) if (v !== undefined && canonicalJson(m[f]) !== canonicalJson(v)) return false;
  const addressee = addresseeOf(m);
  return to === undefined || addressee === undefined || addressee === to;
}

/** The last entry of ascending `xs` below `step`, or 0. */
function lastBefore(xs: readonly number[], step: number): number {
  let best = 0;
  for (const x of xs) {
    if (x >= step) break;
    best = x;
  }
  return best;
}

/**
 * The processes a send at `step` reached at once: its addressee (or, when it names none, every process
 * but the senders) whose own part of the state changed in that step.
 */
export function reachedAtOnce(layout: StateLayout, steps: readonly PrintableStep[], step: number, m: MessageLabel, senders: readonly string[], processes: readonly string[]): string[] {
  const to = addresseeOf(m);
  const candidates = to !== undefined ? (processes.includes(to) && !senders.includes(to) ? [to] : []) : processes.filter((p) => !senders.includes(p));
  const before = steps[step - 1].state;
  const after = steps[step].state;
  return candidates.filter((p) => canonicalJson(processView(layout, before, p)) !== canonicalJson(processView(layout, after, p)));
}
