// `clab parse <file.spec>`: checks a spec (syntax, model, constants, types) without searching, and prints
// it normalised (one item per line, comments dropped, minimal parentheses) or its errors (exit 2).

import { ClabError, ExitCode } from '../../errors.ts';
import type { Io } from '../io.ts';

export const parseUsage = 'usage: clab parse <file.spec>';

export async function runParse(args: readonly string[], io: Io): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) throw new ClabError(args.length === 0 ? 'parse needs a .spec file' : `parse takes one .spec file, got: ${args.join(' ')}`, parseUsage);
  const { normalisedSpec } = await import('../../language/plan.ts');
  const text = await normalisedSpec(args[0], io.cwd);
  io.out(text.replace(/\n$/, ''));
  return ExitCode.Holds;
}
