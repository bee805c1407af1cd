// Which model or spec a saved trace is replayed against (`clab replay`, `clab explore trace.json`).
//
// A trace is data that travels: students send traces, graders replay them. Running the model module or
// spec a trace names would let a trace run any code on the machine that opens it (a model module is
// imported, a spec may name a module of its own). So a trace decides only among things shipped with clab:
//   - a shipped model's name (`"model": "paxos"`), which works from any folder;
//   - a path (`"spec": "specs/paxos.spec"`) that leads to a file shipped with clab (a top-level file of
//     clab's own specs/ or models/ folder), tried against the trace file's folder, then the current
//     folder (traces written before paths were relative to the trace), then clab's own folder.
// Anything else runs only when the user names it on the command line: `--model PATH` or `--spec PATH`
// (resolved against the current folder like any command-line path), which also override what the trace
// says. Without the flag such a trace is refused (exit 2) with the flag to add.

import { realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { shippedModels } from '../../models/index.ts';
import { loadPlan } from '../load/configure.ts';
import { ClabError, suggest } from '../errors.ts';
import type { CheckPlan } from '../load/plan.ts';
import { looksLikePath } from '../load/registry.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { safeText } from './safe-text.ts';

/** The command-line flags that name what a trace runs against. */
export interface TraceSourceFlags {
  readonly model?: string;
  readonly spec?: string;
  /** Type-check a model file named by --model or a --spec before loading it (checker/load/typecheck.ts). */
  readonly typecheck?: boolean;
}

/** clab's own folder (a checkout's root, or the installed package's). */
const ROOT = PACKAGE_ROOT;
const SHIPPED: readonly { dir: string; ext: readonly string[] }[] = [
  { dir: 'specs', ext: ['.spec'] },
  { dir: 'models', ext: ['.ts'] },
];

const realOrSelf = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/** True when `file` (after following links) is a top-level file of clab's specs/ or models/ folder. */
export function isShippedFile(file: string): boolean {
  const real = realOrSelf(file);
  return SHIPPED.some(({ dir, ext }) => {
    const rel = relative(realOrSelf(join(ROOT, dir)), real);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes(sep) && ext.includes(extname(rel));
  });
}

/** A word for a shell command: bare when it is plainly a path, else single-quoted (never runnable text). */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const isRegularFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Where a trace's own model or spec reference leads, and whether it may run without a flag. */
type Source =
  | { readonly kind: 'shipped-name'; readonly name: string }
  | { readonly kind: 'shipped-file'; readonly file: string }
  | { readonly kind: 'unknown-name'; readonly name: string }
  | { readonly kind: 'needs-flag'; readonly flag: '--model' | '--spec'; readonly what: string; readonly ref: string; readonly found?: string };

function sourceOf(trace: { readonly model?: string; readonly spec?: string }, traceFile: string, cwd: string): Source | undefined {
  const ref = trace.spec ?? trace.model;
  if (ref === undefined || ref === '') return undefined;
  const isSpec = trace.spec !== undefined || ref.endsWith('.spec');
  if (!isSpec && !looksLikePath(ref)) {
    return shippedModels.some((m) => m.name === ref) ? { kind: 'shipped-name', name: ref } : { kind: 'unknown-name', name: ref };
  }
  // A path: where it leads, from the trace's folder, the current folder, or clab's own folder.
  const candidates = [...new Set([resolve(dirname(traceFile), ref), resolve(cwd, ref), resolve(ROOT, ref)])];
  const found = candidates.find(isRegularFile);
  if (found !== undefined && isShippedFile(found)) return { kind: 'shipped-file', file: realOrSelf(found) };
  return { kind: 'needs-flag', flag: isSpec ? '--spec' : '--model', what: isSpec ? 'spec' : 'model module', ref, ...(found !== undefined ? { found } : {}) };
}

/** A path as the user would type it from `cwd`: relative when below it, else absolute. */
function typed(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * The command that replays a trace just saved, with the --model/--spec flag it needs when it names a
 * model module or spec not shipped with clab (for "trace saved to … (replay: …)" lines).
 */
export function replayCommand(trace: { readonly model?: string; readonly spec?: string }, traceFile: string, cwd: string): string {
  const src = sourceOf(trace, traceFile, cwd);
  const base = `clab replay ${shellWord(typed(traceFile, cwd))}`;
  if (src?.kind !== 'needs-flag') return safeText(base);
  return safeText(`${base} ${src.flag} ${shellWord(src.found !== undefined ? typed(src.found, cwd) : src.ref)}`);
}

/**
 * The plan a trace is replayed against. `trace` gives what the file says; `traceFile` is its absolute
 * path; `rerun` is the command as typed so far (`clab replay t.json`), for the hint.
 */
export async function planForTrace(
  trace: { readonly model?: string; readonly spec?: string },
  traceFile: string,
  flags: TraceSourceFlags,
  cwd: string,
  rerun: string,
): Promise<CheckPlan> {
  if (flags.model !== undefined && flags.spec !== undefined) throw new ClabError('--model and --spec are alternatives; give one', 'a spec names its model itself');
  if (flags.spec !== undefined) {
    if (!flags.spec.endsWith('.spec')) throw new ClabError(`--spec expects a .spec file, got '${flags.spec}'`, 'for a model module or a shipped model, use --model');
    return loadPlan(flags.spec, cwd, { typecheck: flags.typecheck });
  }
  if (flags.model !== undefined) {
    if (flags.model.endsWith('.spec')) throw new ClabError(`--model expects a model module or a shipped model's name, got the spec '${flags.model}'`, `use --spec ${shellWord(flags.model)}`);
    return loadPlan(flags.model, cwd, { typecheck: flags.typecheck });
  }

  const src = sourceOf(trace, traceFile, cwd);
  if (src === undefined) throw new ClabError(`${traceFile} does not say which model it is about`, `name it: ${rerun} --model NAME-OR-PATH`);
  switch (src.kind) {
    case 'shipped-name':
      return loadPlan(src.name, cwd);
    case 'shipped-file':
      return loadPlan(src.file, cwd);
    case 'unknown-name': {
      const names = shippedModels.map((m) => m.name);
      throw new ClabError(`the trace names the model '${safeText(src.name)}', which is not a shipped model`, `${suggest(safeText(src.name), names, 'models')}; for a model module of your own: ${rerun} --model PATH`);
    }
    case 'needs-flag': {
      if (src.found === undefined) {
        throw new ClabError(
          `the trace names the ${src.what} '${safeText(src.ref)}', which is not shipped with clab and is not next to the trace or in the current folder`,
          `give the ${src.what} the trace was made with: ${rerun} ${src.flag} PATH`,
        );
      }
      const shown = typed(src.found, cwd);
      throw new ClabError(
        `the trace names the ${src.what} '${safeText(src.ref)}', which is not shipped with clab: a trace is data, and clab does not run code because a trace names it`,
        `if you trust ${safeText(shown)}, name it yourself: ${safeText(`${rerun} ${src.flag} ${shellWord(shown)}`)}`,
      );
    }
  }
}
