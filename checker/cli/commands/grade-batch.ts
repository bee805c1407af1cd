// `clab grade --batch DIR`: every folder in DIR is one student's submission, graded in turn (in name order,
// so the files come out the same each time). Each gets one CSV row (grades.csv) and one JSON record
// (grades.jsonl), written as it is graded, so an interrupted batch keeps what it did. A submission whose
// grading fails (not a folder the grader can read, an error of the grader) gets a row saying so, and the
// batch goes on; a submission's model that crashes or runs out of time only fails its own checks.

import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { csvHeader, csvRow } from '../../grade/formats.ts';
import { gradeSubmission } from '../../grade/grade.ts';
import type { Exercise } from '../../grade/manifest.ts';
import type { SandboxOptions } from '../../grade/sandbox/options.ts';
import type { Io } from '../io.ts';

const BAR = 24;

export async function runBatch(ex: Exercise, dir: string, out: string, sandbox: SandboxOptions, io: Io): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (e) {
    throw new ClabError(`cannot read the submissions folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (names.length === 0) throw new ClabError(`${dir} holds no submission folders`, 'each student\'s submission is a folder in it');
  mkdirSync(out, { recursive: true });
  const csv = join(out, 'grades.csv');
  const jsonl = join(out, 'grades.jsonl');
  const checkNames = ex.checks.map((c) => c.name);
  writeFileSync(csv, csvHeader(checkNames) + '\n');
  writeFileSync(jsonl, '');
  let total = 0;
  for (const [i, name] of names.entries()) {
    if (io.stderrIsTTY) {
      const done = Math.round((i / names.length) * BAR);
      io.progress(`[${'#'.repeat(done)}${'-'.repeat(BAR - done)}] ${i}/${names.length} grading ${name}`);
    }
    let record: unknown;
    let row: string;
    try {
      const r = await gradeSubmission(ex, join(dir, name), { sandbox });
      record = r;
      row = csvRow(name, checkNames, r);
      total += r.score;
      if (!io.stderrIsTTY) io.err(`${i + 1}/${names.length} ${name}: ${r.score}/${r.maxScore}`);
    } catch (e) {
      const msg = e instanceof ClabError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
      record = { submission: name, error: msg };
      row = csvRow(name, checkNames, undefined, msg);
      if (!io.stderrIsTTY) io.err(`${i + 1}/${names.length} ${name}: not graded: ${msg}`);
    }
    appendFileSync(csv, row + '\n');
    appendFileSync(jsonl, JSON.stringify(record) + '\n');
  }
  io.progress(null);
  io.out(`graded ${names.length} submission(s) of ${ex.title} (sandbox: ${sandbox.mode}); mean score ${(total / names.length).toFixed(2)}`);
  io.out(`wrote ${csv} and ${jsonl}`);
  return ExitCode.Holds;
}
