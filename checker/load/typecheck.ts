// Type-checking a user's model file before it is imported. A model is TypeScript that tsc may never have
// seen: a misspelt field or a wrong type would otherwise surface as a ModelError at run time at best, or as
// a silently different model at worst. TypeScript 7 (the native compiler) has no classic `ts.*` API, so
// its command line, `tsc --noEmit`, runs in a child process and its diagnostics are read back.
//
// Which configuration: the model folder's own tsconfig.json when it has one (the user's settings, with only
// the model file as the program), else a built-in strict one (NodeNext, .ts imports allowed, no emit, the
// type packages installed next to the model visible). Measured on a busy 2-core machine: 0.2-0.45 s, process
// start included, for a fixture model with the checker files it imports, and the same for one importing
// immutable.js. No cache: the result depends on every file the model imports, which only tsc knows, and
// the cost is small next to a search.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ClabError, ExitCode } from '../errors.ts';
import { safeText } from '../trace/safe-text.ts';

export interface TypecheckResult {
  /** Wall-clock seconds tsc took, process start included. */
  readonly seconds: number;
  /** The tsconfig.json used (relative to the current folder), or 'built-in'. */
  readonly config: string;
}

/** One diagnostic of tsc, with its file shown relative to the current folder. */
export interface TscDiagnostic {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly code: string;
  readonly message: string;
}

/** At most this many diagnostics are printed; the count says how many more. */
const MAX_SHOWN = 50;
/** A diagnostic's text is cut after this many characters (a type can print as pages of text). */
const MAX_MESSAGE = 1000;
/** tsc gets this long before it is stopped (a project of a few files takes well under a second). */
const TIMEOUT_MS = 300_000;

/** Type errors in a model file: every one located, printed together (exit 2). */
export class TypecheckError extends ClabError {
  constructor(
    readonly model: string,
    readonly diagnostics: readonly TscDiagnostic[],
    readonly result: TypecheckResult,
    /** Diagnostics left out because the configuration itself is broken (they may follow from it). */
    readonly skipped = 0,
  ) {
    const first = diagnostics[0];
    super(first?.message ?? 'type check failed', hintText(result), first?.file && first.line ? { file: first.file, line: first.line, col: first.col ?? 1 } : undefined, ExitCode.BadInput);
    this.name = 'TypecheckError';
  }

  /** Every diagnostic as `error: file:line:col: message (TSnnnn)`, then a count and the hint. */
  formatLines(c?: { red(s: string): string; dim(s: string): string }): string[] {
    const red = c?.red ?? ((s: string) => s);
    const dim = c?.dim ?? ((s: string) => s);
    const out: string[] = [];
    for (const d of this.diagnostics.slice(0, MAX_SHOWN)) {
      const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.col}` : ''}: ` : '';
      const [head, ...rest] = d.message.split('\n');
      out.push(`${red('error:')} ${where}${head} (${d.code})`);
      for (const l of rest) out.push(`  ${l}`);
    }
    if (this.diagnostics.length > MAX_SHOWN) out.push(`... and ${this.diagnostics.length - MAX_SHOWN} more`);
    if (this.skipped > 0) out.push(`(${this.skipped} more in the program, not shown: they may come from the broken configuration)`);
    const n = this.diagnostics.length;
    out.push(`${n} type error${n === 1 ? '' : 's'} in ${this.model} (tsc --noEmit, ${this.result.config === 'built-in' ? 'built-in strict settings' : this.result.config}, ${this.result.seconds.toFixed(2)} s)`);
    out.push(`${dim('hint:')} ${hintText(this.result)}`);
    return out;
  }
}

function hintText(r: TypecheckResult): string {
  return `fix the model${r.config === 'built-in' ? '' : ` (or ${r.config})`}, or run it without the type check: --no-typecheck`;
}

/** The `tsc` launcher of the TypeScript installed beside consensus-lab, or undefined. */
function tscPath(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('typescript/package.json');
    const bin = join(dirname(pkg), 'bin', 'tsc');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Every `node_modules/@types` folder from `dir` up to the root (where TypeScript looks for type packages). */
function typeRootsFrom(dir: string): string[] {
  const roots: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const r = join(d, 'node_modules', '@types');
    if (existsSync(r)) roots.push(r);
    if (dirname(d) === d) return roots;
  }
}

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/** A path as model errors show it (model-origin.ts): relative inside the current folder, else absolute. */
function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** tsc's `--pretty false` output as diagnostics: `file(line,col): error TSnnnn: text`, indented continuations. */
export function parseTscOutput(text: string, tscCwd: string, cwd: string): TscDiagnostic[] {
  const out: { file?: string; line?: number; col?: number; code: string; message: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const located = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(raw);
    const bare = located ? undefined : /^error (TS\d+): (.*)$/.exec(raw);
    if (located) out.push({ file: safeText(shown(resolve(tscCwd, located[1]), cwd)), line: Number(located[2]), col: Number(located[3]), code: located[4], message: located[5] });
    else if (bare) out.push({ code: bare[1], message: bare[2] });
    else if (out.length > 0 && /^\s/.test(raw)) out[out.length - 1].message += '\n' + raw.replace(/^ {2}/, '');
    else if (!/^Found \d+ errors?/.test(raw)) out.push({ code: 'tsc', message: raw });
  }
  // tsc's text is user data (a type prints the model's own names and strings): made safe to print, and cut.
  return out.map((d) => {
    const msg = d.message.length > MAX_MESSAGE ? `${d.message.slice(0, MAX_MESSAGE)}...` : d.message;
    return { ...d, message: msg.split('\n').map(safeText).join('\n') };
  });
}

/** Runs tsc, resolving with its exit code and output (a failure to start it is a ClabError). */
function runTsc(tsc: string, args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [tsc, ...args], { cwd, maxBuffer: 64 * 2 ** 20, timeout: TIMEOUT_MS, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!err) return done({ code: 0, output });
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'number' && output.trim() !== '') return done({ code, output });
      fail(new ClabError(`cannot type-check the model: tsc failed to run (${safeText(err.message.split('\n')[0])})`, 'run it without the type check: --no-typecheck'));
    });
  });
}

/**
 * Type-checks the model file `file` (relative to `cwd`) and its imports with `tsc --noEmit`. Resolves
 * with the time it took; rejects with a TypecheckError listing every error (exit 2), or a ClabError when
 * TypeScript is not installed.
 */
export async function typecheckModel(file: string, cwd: string): Promise<TypecheckResult> {
  const abs = resolve(cwd, file);
  const dir = dirname(abs);
  const tsc = tscPath();
  if (!tsc) throw new ClabError(`cannot type-check ${safeText(file)}: the TypeScript compiler (the 'typescript' package) is not installed beside consensus-lab`, 'install it (npm install typescript), or run without the type check: --no-typecheck');
  const own = join(dir, 'tsconfig.json');
  const start = performance.now();
  let run: { code: number; output: string };
  let config = 'built-in';
  if (isFile(own)) {
    config = safeText(shown(own, cwd));
    // The user's settings, with the model file as the whole program: a temporary config that extends
    // theirs, in the OS temp folder (never in the user's folder). Type packages are looked for beside
    // the config file, so the model's own node_modules/@types are named unless their config names some.
    const tmp = mkdtempSync(join(tmpdir(), 'clab-tsc-'));
    try {
      const names = readFileSync(own, 'utf8').includes('typeRoots');
      // Nothing is written: noEmit alone still lets incremental or composite settings write a
      // .tsbuildinfo (into the user's folder when tsBuildInfoFile names one there), and composite,
      // outDir and rootDir make tsc require every file under the user's root or in their file list,
      // which the one-file program is not. null resets an option the user's config set.
      const cfg = {
        extends: own,
        files: [abs],
        include: [],
        compilerOptions: { noEmit: true, incremental: false, composite: false, tsBuildInfoFile: null, outDir: null, rootDir: null, declarationDir: null, ...(names ? {} : { typeRoots: typeRootsFrom(dir) }) },
      };
      writeFileSync(join(tmp, 'tsconfig.json'), JSON.stringify(cfg));
      run = await runTsc(tsc, ['-p', join(tmp, 'tsconfig.json'), '--pretty', 'false'], dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    run = await runTsc(
      tsc,
      ['--ignoreConfig', '--noEmit', '--pretty', 'false', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--allowImportingTsExtensions', '--skipLibCheck', '--types', '*', abs],
      dir,
    );
  }
  const result = { seconds: (performance.now() - start) / 1000, config };
  if (run.code === 0) return result;
  let ds = parseTscOutput(run.output, dir, cwd);
  let skipped = 0;
  if (config !== 'built-in') {
    // An error in the user's tsconfig.json (invalid JSON, an extends that is missing or circular) or an
    // unlocated one (an option's, from their config) comes first, named after their config: without it
    // tsc runs with default options and buries it among dozens of errors those defaults cause.
    const broken = ds.filter((d) => !d.file || d.file.endsWith('.json')).map((d) => (d.file ? d : { ...d, file: config }));
    if (broken.length > 0) {
      skipped = ds.length - broken.length;
      ds = broken;
    }
  }
  throw new TypecheckError(safeText(shown(abs, cwd)), ds.length ? ds : [{ code: 'tsc', message: `tsc exited with code ${run.code}` }], result, skipped);
}
