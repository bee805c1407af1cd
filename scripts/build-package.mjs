// Builds the package as it is published: the engine, the command line and the shipped models compiled to
// JavaScript in dist/, with declarations (.d.ts) for what the package's entry points export. Node 20
// cannot run .ts from node_modules and test runners do not compile dependencies, so an installed
// consensus-lab runs this JavaScript (bin/clab.js picks it when the sources are absent).
//
// Usage: node scripts/build-package.mjs [--into DIR]
//   without --into: builds dist/ in this checkout (what `npm pack` and `npm publish` run, through prepack);
//   --into DIR: writes a complete package folder at DIR (package.json, the files it lists, and dist/), to
//     pack or install from without touching the checkout (the tests build there).
// Exit code 0 when built, 1 when the compiler reports errors, 2 on bad usage.
//
// The compiler is the installed TypeScript's own `tsc` (typescript 7 has no compiler API), run twice with
// settings generated here on top of tsconfig.json: once for the JavaScript of every file under checker/
// and models/ (`.ts` imports rewritten to `.js`), once for the declarations of the entry points and what
// they reach (the command line's files need none, and some of their inferred types cannot be written out).
// Plain JavaScript run by node, with node:path and node:url only, so it builds the same on every system.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Compiled to dist/. */
const SOURCES = ['checker', 'models'];
/** The entry points named in package.json's `exports`: their declarations are emitted. */
const ENTRIES = ['checker/index.ts', 'checker/testing/index.ts'];

function usage(message) {
  process.stderr.write(`error: ${message}\nusage: node scripts/build-package.mjs [--into DIR]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  if (argv.length === 0) return ROOT;
  if (argv[0] === '--into' && argv.length === 2) return resolve(argv[1]);
  return usage(`unexpected arguments: ${argv.join(' ')}`);
}

/** The .mjs files under `dir` (worker-thread entry points, which the compiler does not copy). */
function moduleFiles(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mjs'))
    .map((e) => relative(ROOT, join(e.parentPath ?? e.path, e.name)));
}

/** Runs the installed TypeScript's tsc with a generated tsconfig extending the checkout's. */
function tsc(work, name, compilerOptions, files) {
  const config = join(work, `${name}.json`);
  writeFileSync(config, JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions, ...files }, null, 2));
  const require = createRequire(join(ROOT, 'package.json'));
  const pkg = require.resolve('typescript/package.json');
  const bin = join(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin.tsc);
  const r = spawnSync(process.execPath, [bin, '-p', config], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}error: tsc (${name}) failed with exit code ${r.status ?? r.signal}\n`);
    process.exit(1);
  }
}

const into = parseArgs(process.argv.slice(2));
const started = performance.now();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
if (into !== ROOT) {
  // A package folder of its own: package.json and the files it lists, except dist/, built below.
  mkdirSync(into, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(into, 'package.json'));
  // `files` entries starting with `!` leave paths out (exercises' solutions and hidden checks), as npm does.
  const left = pkg.files.filter((f) => f.startsWith('!')).map((f) => new RegExp(`^${f.slice(1).replace(/\/$/, '').split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}(/|$)`));
  const kept = (src) => !left.some((re) => re.test(relative(ROOT, src)));
  for (const f of pkg.files) if (!f.startsWith('dist') && !f.startsWith('!')) cpSync(join(ROOT, f), join(into, f), { recursive: true, filter: kept });
}
const dist = join(into, 'dist');
rmSync(dist, { recursive: true, force: true });
const work = mkdtempSync(join(tmpdir(), 'clab-build-'));
try {
  // typeRoots: the generated settings live in a temporary folder, where `types: ["node"]` would be looked for.
  const common = { noEmit: false, rootDir: ROOT, typeRoots: [join(ROOT, 'node_modules', '@types')], outDir: dist, rewriteRelativeImportExtensions: true, sourceMap: false, declarationMap: false, incremental: false };
  tsc(work, 'javascript', { ...common, declaration: false }, { include: SOURCES.map((d) => join(ROOT, d)) });
  tsc(work, 'declarations', { ...common, declaration: true, emitDeclarationOnly: true }, { files: ENTRIES.map((f) => join(ROOT, f)), include: [] });
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const dir of SOURCES) for (const f of moduleFiles(dir)) cpSync(join(ROOT, f), join(dist, f));
const shown = relative(process.cwd(), dist) || '.';
process.stdout.write(`built ${shown.startsWith('..') ? dist : shown} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
