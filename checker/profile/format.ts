// The --profile report as text lines (printed after the verdict) and as JSON (the `profile` field of
// `clab check --json`). Plain text: the command line adds no colour to it.

import type { Profile, Timed } from './profile.ts';

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number, total: number) => `${total > 0 ? ((100 * x) / total).toFixed(1) : '0.0'}%`;
/** A duration per call, in the unit that keeps it readable. */
function per(seconds: number, n: number): string {
  if (n === 0) return '';
  const ns = (seconds * 1e9) / n;
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
}

export function profileLines(p: Profile): string[] {
  const lines = [
    `profile (one core): calls are the search's; time a call is measured after the search, re-running each part on up to ${p.sampleSize} of the states it was given`,
  ];
  const row = (cells: string[], widths: number[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const w = [12, 8, 6, 11, 10];
  lines.push(row(['phase', 'seconds', 'share', 'calls', 'per call'], w));
  for (const t of p.phases) {
    if (t.name === 'waiting' && t.seconds < 0.01 * p.seconds) continue;
    const note =
      t.name === 'next()'
        ? `${int(t.successors ?? 0)} successors`
        : t.name === 'invariants'
          ? p.predicates.map((q) => `${q.name} ${q.seconds.toFixed(3)} s`).join(', ')
          : t.name === 'search'
            ? `hashing, visited set, frontier${p.encoder === 'generic' ? ', the generic encoder (the model has no encode())' : ''}, V8's compiling and GC`
            : t.name === 'waiting'
              ? 'wall time the process did not run: other jobs had the processor'
              : '';
    lines.push(row([t.name, t.seconds.toFixed(3), pct(t.seconds, p.seconds), t.calls ? int(t.calls) : '', t.calls ? per(t.seconds, t.calls) : ''], w) + (note ? `   ${note}` : ''));
  }
  if (p.overrun !== undefined)
    lines.push(`  note: the parts add up to ${p.overrun.toFixed(1)}x the search's CPU time (a short search, whose parts ran partly unoptimised): read the shares, not the seconds`);
  const next = p.phases.find((t) => t.name === 'next()')?.seconds ?? 0;
  lines.push(
    p.actionTime === 'measured'
      ? 'actions (each action function of actions({...}) timed):'
      : 'actions by kind (next() is timed as a whole; its time is shared among the kinds by their steps in the search):',
  );
  const wa = [Math.max(12, ...p.actions.map((a) => a.name.length)), 11, 8, 15, 14];
  lines.push(row(['action', 'successors', 'seconds', 'share of next()', 'per successor'], wa));
  for (const a of sortActions(p)) lines.push(row([a.name, int(a.successors ?? 0), a.seconds.toFixed(3), pct(a.seconds, next), per(a.seconds, a.successors ?? 0)], wa));
  return lines;
}

/** Measured actions stay in their declared order; attributed kinds are listed by time, largest first. */
function sortActions(p: Profile): readonly Timed[] {
  return p.actionTime === 'measured' ? p.actions : [...p.actions].sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name));
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const timedJson = (t: Timed) => ({ name: t.name, calls: t.calls, seconds: r4(t.seconds), ...(t.successors !== undefined ? { successors: t.successors } : {}) });

export function profileJson(p: Profile) {
  return {
    seconds: r4(p.seconds),
    sampleSize: p.sampleSize,
    ...(p.overrun !== undefined ? { overrun: Math.round(p.overrun * 100) / 100 } : {}),
    encoder: p.encoder,
    phases: p.phases.map(timedJson),
    actionTime: p.actionTime,
    actions: sortActions(p).map(timedJson),
    predicates: p.predicates.map(timedJson),
  };
}
