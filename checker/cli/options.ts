// Parsing a command's arguments (options and its target) and numeric options into typed values, with
// clear errors.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ClabError } from '../errors.ts';

export function intOption(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/_/g, '');
  if (!/^\d+$/.test(t) || Number(t) < min) throw new ClabError(`${flag} expects an integer >= ${min}, got '${text}'`);
  return Number(t);
}

export function secondsOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new ClabError(`${flag} expects a positive number of seconds (e.g. 30, 2.5, 5m), got '${text}'`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

/**
 * `--no-typecheck`, taken by every command that loads a model file by path: such a file is type-checked
 * with `tsc --noEmit` before it is imported (checker/load/typecheck.ts) unless it is given.
 */
export const typecheckOption = { 'no-typecheck': { type: 'boolean' } } as const;
export const typecheckUsage = '  --no-typecheck      load a model file without type-checking it first (tsc --noEmit)';
/** The load options a command's parsed `--no-typecheck` asks for. */
export const loadOptions = (v: { readonly 'no-typecheck'?: boolean }) => ({ typecheck: !(v['no-typecheck'] ?? false) });

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments: its options (an unknown or malformed one is a ClabError with the usage as
 * hint, never an exception from node:util) and exactly one positional target described by `needs` (e.g.
 * 'a model, model file or spec file'), at most one when `optional`, or none when `needs` is undefined.
 * `--help`/`-h` never reach here: checker/cli/main.ts answers them for every command.
 */
export function parseCommand<const O extends OptionsConfig>(command: string, args: readonly string[], options: O, usage: string, needs?: string, optional = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new ClabError((e as Error).message.split('\n')[0], usage);
  }
  const { values, positionals } = parsed;
  if (needs === undefined) {
    if (positionals.length > 0) throw new ClabError(`${command} takes no arguments, got: ${positionals.join(' ')}`, usage);
    return { values, target: '', positionals };
  }
  if (positionals.length > 1 || (positionals.length === 0 && !optional)) {
    throw new ClabError(positionals.length === 0 ? `${command} needs ${needs}` : `${command} takes ${optional ? 'at most ' : ''}one target (${needs}), got ${positionals.length}: ${positionals.join(' ')}`, usage);
  }
  return { values, target: positionals[0] ?? '', positionals };
}
