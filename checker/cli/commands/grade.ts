// `clab grade SUBMISSION --exercise DIR [--hidden DIR] [--json] [--gradescope [FILE]]` and
// `clab grade --batch DIR --exercise DIR [--out DIR]`: grades submissions against an exercise
// (checker/grade/) and prints or writes the reports. Exit 0 when graded (whatever the score), 2 on bad
// input (no exercise, a malformed manifest, no sandbox for an exercise that runs submitted code).

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { checkTools, chooseMode } from '../../grade/sandbox/detect.ts';
import { DEFAULT_LIMITS, type Limits, type SandboxOptions } from '../../grade/sandbox/options.ts';
import { gradeSubmission, runsCode } from '../../grade/grade.ts';
import { loadExercise } from '../../grade/manifest.ts';
import { feedbackLines, gradescopeResults, studentView } from '../../grade/formats.ts';
import type { GradeReport } from '../../grade/result.ts';
import type { Io } from '../io.ts';
import { intOption, parseCommand, secondsOption } from '../options.ts';
import { runBatch } from './grade-batch.ts';

export const gradeUsage = `usage: clab grade SUBMISSION --exercise DIR [options]
       clab grade --batch DIR --exercise DIR [options]
  --exercise DIR      the exercise (a folder with exercise.json; see docs/exercises.md)
  --hidden DIR        the hidden checks (DIR/checks.json) instead of the exercise's tests/hidden/
  --json              print the report as one JSON object
  --gradescope [FILE] write Gradescope's results.json (default: /autograder/results/results.json)
  --batch DIR         grade every folder in DIR, one submission each: a CSV row and a JSON record per student
  --out DIR           where --batch writes grades.csv and grades.jsonl (default: grades)
  --sandbox MODE      bwrap (default when it works) or container (the container is the boundary)
  --no-sandbox        run submitted code without a sandbox (trusted code only)
  --cpu-limit S       CPU seconds for a submission's model process (default ${DEFAULT_LIMITS.cpuSeconds})
  --wall-limit S      wall-clock seconds for it (default ${DEFAULT_LIMITS.wallSeconds})
  --memory-limit MIB  its resident memory in MiB (default ${DEFAULT_LIMITS.memoryMiB})
Submitted traces, specs and answers are data; submitted models run only in a separate, sandboxed process.`;

const GRADESCOPE_RESULTS = '/autograder/results/results.json';

/** Options shared by single and batch grading. */
export function sandboxOptions(v: { sandbox?: string; 'no-sandbox'?: boolean; 'cpu-limit'?: string; 'wall-limit'?: string; 'memory-limit'?: string }, needed: boolean): SandboxOptions {
  if (v.sandbox !== undefined && v.sandbox !== 'bwrap' && v.sandbox !== 'container') throw new ClabError(`--sandbox expects bwrap or container, got '${v.sandbox}'`);
  const cpu = secondsOption('--cpu-limit', v['cpu-limit']);
  const wall = secondsOption('--wall-limit', v['wall-limit']);
  const mem = intOption('--memory-limit', v['memory-limit'], 64);
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    ...(cpu !== undefined ? { cpuSeconds: Math.ceil(cpu) } : {}),
    ...(wall !== undefined ? { wallSeconds: wall } : {}),
    ...(mem !== undefined ? { memoryMiB: mem, heapMiB: Math.max(32, Math.floor(mem / 2)) } : {}),
  };
  const mode = chooseMode(v.sandbox as 'bwrap' | 'container' | undefined, v['no-sandbox'] ?? false, needed);
  if (needed) checkTools(mode);
  return { mode, limits };
}

/**
 * The folders among `dirs` that a user other than their owner can read: the folder is readable by others
 * and every folder above it can be passed through by them. In container mode the child runs as a user of
 * its own, which is such a user.
 */
export function readableByOthers(dirs: readonly string[]): string[] {
  const open = (p: string, bits: number) => (statSync(p).mode & bits) === bits;
  return dirs.filter((d) => {
    if (!existsSync(d) || !open(d, 0o005)) return false;
    for (let p = dirname(d); ; p = dirname(p)) {
      if (!open(p, 0o001)) return false;
      if (dirname(p) === p) return true;
    }
  });
}

export function reportLines(r: GradeReport, io: Io): string[] {
  const c = io.chalk;
  const width = Math.max(...r.checks.map((x) => x.name.length), 4);
  const lines = [`${c.bold(r.exercise)}`, `submission: ${r.submission}   sandbox: ${r.sandbox}`, ''];
  for (const x of r.checks) {
    const mark = x.passed ? c.green('✓') : c.red('✗');
    lines.push(`${mark} ${x.name.padEnd(width)}  ${`${x.points}/${x.maxPoints}`.padStart(5)}  ${x.visibility === 'hidden' ? `${c.dim('(hidden)')} ` : ''}${x.title}`);
    for (const l of feedbackLines(x)) lines.push(`    ${l}`);
  }
  lines.push('', c.bold(`score: ${r.score}/${r.maxScore}`));
  return lines;
}

/**
 * `--gradescope [FILE]`: node's parseArgs has no optional values, so the file is taken out first: the word
 * after --gradescope when it ends in .json (`--gradescope=FILE` too).
 */
function takeGradescopeFile(args: readonly string[]): { args: string[]; file?: string } {
  const out = [...args];
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '--') break;
    if (out[i].startsWith('--gradescope=')) {
      const file = out[i].slice('--gradescope='.length);
      out.splice(i, 1, '--gradescope');
      return { args: out, file };
    }
    if (out[i] === '--gradescope' && out[i + 1]?.endsWith('.json')) {
      const file = out[i + 1];
      out.splice(i + 1, 1);
      return { args: out, file };
    }
  }
  return { args: out };
}

export async function runGrade(argv: readonly string[], io: Io): Promise<number> {
  const { args, file: gsFileArg } = takeGradescopeFile(argv);
  const { values: v, target } = parseCommand(
    'grade',
    args,
    {
      exercise: { type: 'string' },
      hidden: { type: 'string' },
      json: { type: 'boolean' },
      gradescope: { type: 'boolean' },
      batch: { type: 'string' },
      out: { type: 'string' },
      sandbox: { type: 'string' },
      'no-sandbox': { type: 'boolean' },
      'cpu-limit': { type: 'string' },
      'wall-limit': { type: 'string' },
      'memory-limit': { type: 'string' },
    },
    gradeUsage,
    'a submission folder (or --batch DIR)',
    true,
  );
  if (v.exercise === undefined) throw new ClabError('grade needs --exercise DIR', gradeUsage);
  const ex = loadExercise(resolve(io.cwd, v.exercise), v.hidden === undefined ? undefined : resolve(io.cwd, v.hidden));
  const sandbox = sandboxOptions(v, runsCode(ex));
  if (sandbox.mode === 'container' && runsCode(ex)) {
    for (const dir of readableByOthers([join(ex.dir, 'solution'), v.hidden === undefined ? join(ex.dir, 'tests', 'hidden') : resolve(io.cwd, v.hidden)])) {
      io.err(`warning: --sandbox container: ${dir} can be read by other users, so a submitted model could read it (chmod -R go-rwx ${dir})`);
    }
  }
  if (v.batch !== undefined) {
    if (target !== '') throw new ClabError(`--batch grades every folder of ${v.batch}: give no submission besides it (got '${target}')`, gradeUsage);
    if (v.gradescope || v.json) throw new ClabError('--batch writes grades.csv and grades.jsonl; --json and --gradescope are for one submission', gradeUsage);
    return runBatch(ex, resolve(io.cwd, v.batch), resolve(io.cwd, v.out ?? 'grades'), sandbox, io);
  }
  if (v.out !== undefined) throw new ClabError('--out is for --batch', gradeUsage);
  if (target === '') throw new ClabError('grade needs a submission folder (or --batch DIR)', gradeUsage);
  const report = await gradeSubmission(ex, resolve(io.cwd, target), { sandbox });
  if (v.gradescope) {
    const file = gsFileArg ?? GRADESCOPE_RESULTS;
    try {
      writeFileSync(resolve(io.cwd, file), JSON.stringify(gradescopeResults(report), null, 2) + '\n');
    } catch (e) {
      throw new ClabError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'give the file after --gradescope (e.g. --gradescope results.json)');
    }
    if (!v.json) io.err(`results written to ${file}`);
  }
  if (v.json) io.out(JSON.stringify(studentView(report)));
  else for (const l of reportLines(report, io)) io.out(l);
  return ExitCode.Holds;
}
