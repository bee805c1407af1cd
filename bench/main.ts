// `npm run bench`: runs every case in a fresh process and prints distinct states, states generated,
// seconds, distinct states per second, visited-set bytes per state and peak RSS, and whether the state
// count agrees with the independent figure. `--json` prints the rows as a JSON array; `--large` adds the
// big cases; `--only <substring>` filters cases.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cases } from './cases.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, large: { type: 'boolean' }, only: { type: 'string' } } });
const root = join(import.meta.dirname, '..');
const selected = cases.filter((c) => (values.large || !c.large) && (!values.only || c.name.includes(values.only)));

const rows = [];
for (const c of selected) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=20000', join(root, 'bin/run-ts.js'), join(root, 'bench/measure.ts'), JSON.stringify(c)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    console.error(`bench case ${c.name} failed:\n${child.stderr}`);
    process.exitCode = 1;
    continue;
  }
  const ours = JSON.parse(child.stdout.trim().split('\n').pop()!);
  const agrees = c.expectedStates === undefined ? null : ours.distinctStates === c.expectedStates;
  if (agrees === false) process.exitCode = 1;
  rows.push({ case: c.name, model: c.model, ...ours, expectedStates: c.expectedStates ?? null, expectedFrom: c.source ?? null, agrees });
  if (!values.json) {
    const f = (x: number) => x.toLocaleString('en-US');
    console.log(
      `${c.name.padEnd(20)} ${f(ours.distinctStates).padStart(12)} states ${f(ours.statesGenerated).padStart(13)} generated  depth ${String(ours.depth).padStart(3)}  ` +
        `${ours.seconds.toFixed(2).padStart(7)} s ${f(ours.statesPerSecond).padStart(9)} states/s  ${ours.visitedBytesPerState.toFixed(1).padStart(5)} B/state  ` +
        `peak RSS ${ours.peakRssMiB.toFixed(0).padStart(5)} MiB` +
        (agrees === null ? '' : agrees ? `  = ${c.source}` : `  ≠ ${c.source} (${f(c.expectedStates!)})`),
    );
  }
}
if (values.json) console.log(JSON.stringify(rows, null, 2));
