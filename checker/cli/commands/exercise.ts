// `clab exercise export DIR --out DIR2`: writes the student's copy of an exercise (checker/grade/export.ts).

import { resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { exportExercise } from '../../grade/export.ts';
import type { Io } from '../io.ts';
import { parseCommand } from '../options.ts';

export const exerciseUsage = `usage: clab exercise export DIR --out DIR2
  writes the student's copy of the exercise in DIR to DIR2 (new or empty): everything but solution/,
  tests/hidden/ and the manifest's hidden checks`;

export async function runExercise(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export') throw new ClabError(sub === undefined ? 'exercise needs a subcommand: export' : `unknown exercise subcommand '${sub}'`, exerciseUsage);
  const { values, target } = parseCommand('exercise export', rest, { out: { type: 'string' } }, exerciseUsage, 'an exercise folder');
  if (values.out === undefined) throw new ClabError('exercise export needs --out DIR2', exerciseUsage);
  const r = exportExercise(resolve(io.cwd, target), resolve(io.cwd, values.out));
  io.out(`exported ${r.files.length} file(s) to ${values.out}${r.hiddenChecksDropped ? ` (${r.hiddenChecksDropped} hidden check(s) of the manifest left out)` : ''}`);
  for (const s of r.skipped) io.err(`left out ${s}: not a regular file or folder`);
  return ExitCode.Holds;
}
