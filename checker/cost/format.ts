// A cost report as two markdown tables (the form `clab cost` prints and README.md holds): replicas needed
// per fault bound, then per scenario the messages up to the first decision and the message delays of the
// failure-free run and of the worst case.

import { formatLaw, linearLaw } from '../sweep/threshold.ts';
import type { CostReport, RunFigures, ScenarioReport, WorstCase } from './report.ts';

const code = (s: string) => `\`${s}\``;
const constantsCell = (c: Readonly<Record<string, unknown>>) => Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ');

function replicasRow(r: CostReport): string | undefined {
  if (!r.replicas) return undefined;
  const { kind, size, faults, rows } = r.replicas;
  const m = faults === 'crashes' ? 'm' : faults;
  const needed = rows.map((row) => `${m}=${row.faults}: ${row.needed === null ? 'none in the range' : `${size}=${row.needed}`}`).join(', ');
  const known = rows.filter((row) => row.needed !== null);
  const law = known.length === rows.length ? linearLaw(rows.map((row) => row.faults), rows.map((row) => row.needed!)) : undefined;
  const tried = rows
    .map((row) => `${m}=${row.faults}: ${row.sizes.map((s) => `${s.size} ${s.verdict === 'holds' ? 'holds' : s.verdict === 'violated' ? `violates ${s.detail}` : s.verdict === 'invalid' ? 'invalid' : 'no decision'}`).join(', ')}`)
    .join('; ');
  return `| ${code(r.model)} | ${kind} | ${needed}${law ? ` (${formatLaw(law.a, law.b, m)})` : ''} | ${tried} |`;
}

const messages = (lo: RunFigures, hi: RunFigures | 'unbounded') =>
  hi === 'unbounded' ? `${lo.messages} to unbounded` : lo.messages === hi.messages ? `${hi.messages}` : `${lo.messages} to ${hi.messages}`;
const delays = (lo: RunFigures, hi: RunFigures | 'unbounded', noDelays: boolean) =>
  noDelays ? '—' : hi === 'unbounded' || lo.delays === hi.delays ? `${lo.delays}` : `${lo.delays} to ${hi.delays}`;

function worstCells(w: WorstCase | undefined, noDelays: boolean): [string, string] {
  if (!w) return ['—', '—'];
  switch (w.kind) {
    case 'bounded':
      return [`${w.run.messages}`, noDelays ? '—' : `${w.run.delays}`];
    case 'undecided':
      return ['no decision', ''];
    case 'unbounded':
      if (w.why === 'cycle') return [`unbounded: a cycle before any decision sends ${w.perTurn} per turn`, '—'];
      return [
        `unbounded: grows with ${w.constant} (${w.byBound.map((b) => `${b.messages} at ${b.value}`).join(', ')}); ${w.bounded.messages} at the configured bound`,
        noDelays ? '—' : `${w.bounded.delays}`,
      ];
  }
}

function scenarioRow(r: CostReport, s: ScenarioReport, first: boolean, noDelays: boolean): string {
  const ff = s.failureFree;
  // Over k commands, each count divided by k: "28 to 33 (7 to 8.25 per command)".
  const per = (x: number) => String(Math.round((x / s.commands!) * 100) / 100);
  const perCommand = (x: string) => (s.commands && s.commands > 1 && /^\d+( to \d+)?$/.test(x) ? `${x} (${x.replace(/\d+/g, (d) => per(Number(d)))} per command)` : x);
  const ffMessages = ff ? perCommand(messages(ff.fewest, ff.most)) : '—';
  const ffDelays = ff ? delays(ff.fewest, ff.most, noDelays) : '—';
  const [wm, wd] = worstCells(s.worst, noDelays);
  return `| ${first ? code(r.model) : ''} | ${s.name} | ${constantsCell(s.constants)} | ${ffMessages} | ${ffDelays} | ${perCommand(wm)} | ${wd} |`;
}

/** The two tables, and the models' notes under them. */
export function costTables(reports: readonly CostReport[]): string {
  const replicaRows = reports.flatMap((r) => replicasRow(r) ?? []);
  const replicas = replicaRows.length > 0 ? ['| model | faults | replicas needed | sizes tried |', '|---|---|---|---|', ...replicaRows, ''] : [];
  const runs = [
    '| model | run | constants | failure-free: messages | delays | worst case: messages | delays |',
    '|---|---|---|---|---|---|---|',
    ...reports.flatMap((r) => r.scenarios.map((s, i) => scenarioRow(r, s, i === 0, r.noDelays === true))),
  ];
  const notes = reports.flatMap((r) => r.notes.map((n) => `- ${code(r.model)}: ${n}`));
  return [...replicas, ...runs, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
