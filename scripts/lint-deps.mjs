// Dependency lint (`npm run lint`): runs dependency-cruiser with the rules in .dependency-cruiser.cjs over
// the source folders of the current directory and prints each violation with file:line, which
// dependency-cruiser's own reporters do not give:
//   no-circular: checker/a.ts:3 → checker/b.ts:7 → checker/a.ts   (each file and the line importing the next)
//   engine-not-cli: checker/x.ts:9 imports checker/cli/report.ts
// Usage: node scripts/lint-deps.mjs [folder...]   (default: checker models examples bench bin test)
// Exit code 0 when every rule holds, 1 on any violation, 2 when the check itself cannot run.
//
// Plain JavaScript run by node, not TypeScript run by tsx: under tsx's loader, dependency-cruiser's
// import of @swc/core/Visitor.js gets the class as the module's default export instead of the exports
// object, and every file then fails with "visitor.getDependencies is not a function".
//
// One rule is our own, `visible-imports`: dependency-cruiser's swc visitor does not report an
// `import('./x.ts').T` type nested inside another type (a function type, a generic argument), so such an
// edge would be missing from the graph and a cycle through it would go unseen. Files are therefore parsed
// with swc once more for these import types, and any whose module is not among the file's recorded
// dependencies is reported, with the fix.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, getAvailableTranspilers } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

/** @typedef {import('dependency-cruiser').ICruiseResult} CruiseResult */
/** @typedef {import('dependency-cruiser').IModule} Module */
/** @typedef {{ rule: string, text: string }} Violation */

const CONFIG_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '.dependency-cruiser.cjs');
const ROOTS = ['checker', 'models', 'examples', 'bench', 'bin', 'test'];
// Rules print in this order (the order of the config file, then our own).
const RULE_ORDER = ['no-circular', 'engine-not-cli', 'models-use-model-api', 'model-kit-uses-model-api', 'visible-imports'];

/** Raised when the check cannot be trusted to have run (no parser, nothing found). */
class LintSetupError extends Error {}

/**
 * Checks the files under `roots` (relative to `baseDir`) against the rules in the config file.
 * @param {string} baseDir
 * @param {string[]} roots
 * @returns {Promise<{ violations: Violation[], files: number, imports: number }>}
 */
async function checkDependencyRules(baseDir, roots) {
  // Without swc, dependency-cruiser quietly falls back to a loose JavaScript parse of the TypeScript
  // sources (TypeScript 7 offers it no compiler API), which may drop imports: refuse instead.
  const swc = getAvailableTranspilers().find((t) => t.name === 'swc');
  if (!swc?.available) throw new LintSetupError('@swc/core is not installed (needed to parse TypeScript); run npm install');
  const options = await extractDepcruiseOptions(CONFIG_FILE);
  const { output } = await cruise(roots, { ...options, baseDir, validate: true });
  const result = /** @type {CruiseResult} */ (output);
  if (!result.modules.some((m) => roots.some((r) => m.source.startsWith(`${r}/`)))) throw new LintSetupError(`no source files found under ${roots.join(', ')}`);

  const sources = new SourceCache(baseDir);
  const modules = new Map(result.modules.map((m) => [m.source, m]));
  /** @type {(from: string, to: string) => number | undefined} */
  const lineOf = (from, to) => importLine(sources, modules.get(from), to);
  /** @type {Violation[]} */
  const violations = [];
  const seenCycles = new Set();
  for (const v of result.summary.violations) {
    const rule = v.rule.name;
    if (v.cycle && v.cycle.length > 0) {
      // dependency-cruiser reports a cycle once for each of its edges, each time starting elsewhere:
      // print it once, rotated to start at its alphabetically first file.
      const ring = [v.from, ...v.cycle.map((c) => c.name)].slice(0, -1);
      const start = ring.indexOf([...ring].sort()[0]);
      const rotated = [...ring.slice(start), ...ring.slice(0, start)];
      const key = rotated.join('\n');
      if (seenCycles.has(key)) continue;
      seenCycles.add(key);
      const hops = rotated.map((file, i) => at(file, lineOf(file, rotated[(i + 1) % rotated.length])));
      violations.push({ rule, text: [...hops, rotated[0]].join(' → ') });
    } else {
      violations.push({ rule, text: `${at(v.from, lineOf(v.from, v.to))} imports ${v.to}` });
    }
  }
  const { parseSync } = (await import('@swc/core')).default;
  for (const m of result.modules) {
    if (!roots.some((r) => m.source.startsWith(`${r}/`)) || m.source.includes('node_modules')) continue;
    for (const { specifier, line } of unseenImportTypes(parseSync, sources.get(m.source), m)) {
      violations.push({
        rule: 'visible-imports',
        text: `${at(m.source, line)} import('${specifier}') inside a type is not seen by the dependency checker; write \`import type { … } from '${specifier}'\` instead`,
      });
    }
  }
  // Numeric collation so that file.ts:7 comes before file.ts:12.
  const collator = new Intl.Collator('en', { numeric: true });
  violations.sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) || collator.compare(a.text, b.text));
  // Counted: the project's own files (totalCruised also counts node: built-ins and npm packages).
  const files = result.modules.filter((m) => roots.some((r) => m.source.startsWith(`${r}/`))).length;
  return { violations, files, imports: result.summary.totalDependenciesCruised ?? 0 };
}

/** @param {string} file @param {number | undefined} line */
function at(file, line) {
  return line === undefined ? file : `${file}:${line}`;
}

class SourceCache {
  /** @type {Map<string, string>} */
  #files = new Map();
  /** @param {string} baseDir */
  constructor(baseDir) {
    this.baseDir = baseDir;
  }
  /** @param {string} file */
  get(file) {
    let text = this.#files.get(file);
    if (text === undefined) {
      text = readFileSync(join(this.baseDir, file), 'utf8');
      this.#files.set(file, text);
    }
    return text;
  }
}

/**
 * A line that is (or continues) a comment; a rough test, enough to skip the header comments that
 * mention modules.
 * @param {string} line
 */
function isComment(line) {
  const code = line.trimStart();
  return code.startsWith('//') || code.startsWith('*') || code.startsWith('/*');
}

/** @param {string} s */
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first line of `from` that imports `to` (dependency-cruiser records the module, not the line).
 * @param {SourceCache} sources @param {Module | undefined} from @param {string} to
 */
function importLine(sources, from, to) {
  if (!from) return undefined;
  const specifiers = [...new Set(from.dependencies.filter((d) => d.resolved === to).map((d) => d.module))];
  if (specifiers.length === 0) return undefined;
  const lines = sources.get(from.source).split('\n');
  const quoted = specifiers.map((s) => `(['"\`])${escapeRegExp(s)}\\1`);
  // Prefer a code line where the string follows `from`, `import` or `import(`, so a mention in a comment
  // above the import does not win; fall back to any line quoting the module. One expression per module
  // name, as each has its own quote group.
  const passes = [
    { res: quoted.map((q) => new RegExp(`\\b(?:from|import)\\s*\\(?\\s*${q}`)), skipComments: true },
    { res: quoted.map((q) => new RegExp(q)), skipComments: false },
  ];
  for (const { res, skipComments } of passes) {
    const i = lines.findIndex((l) => !(skipComments && isComment(l)) && res.some((re) => re.test(l)));
    if (i >= 0) return i + 1;
  }
  return undefined;
}

/**
 * The `import('...')` types in a file whose module dependency-cruiser did not record, with the first code
 * line that names each.
 * @param {typeof import('@swc/core').parseSync} parseSync @param {string} text @param {Module} m
 */
function unseenImportTypes(parseSync, text, m) {
  if (!/\bimport\s*\(/.test(text)) return [];
  const known = new Set(m.dependencies.map((d) => d.module));
  /** @type {Set<string>} */
  const unseen = new Set();
  /** @param {unknown} node */
  const walk = (node) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node !== null && typeof node === 'object') {
      const n = /** @type {Record<string, unknown>} */ (node);
      if (n.type === 'TsImportType') {
        const specifier = /** @type {{ value: string }} */ (n.argument).value;
        if (!known.has(specifier)) unseen.add(specifier);
      }
      for (const key in n) if (key !== 'span') walk(n[key]);
    }
  };
  walk(parseSync(text, { syntax: 'typescript', target: 'es2022', decorators: true }));
  // swc's spans are offsets into a source map shared by all parses in the process, so the line is
  // found in the text instead: the first code line with `import(` and the module.
  const lines = text.split('\n');
  return [...unseen].map((specifier) => {
    const re = new RegExp(`\\bimport\\s*\\(\\s*(['"\`])${escapeRegExp(specifier)}\\1`);
    const i = lines.findIndex((l) => !isComment(l) && re.test(l));
    return { specifier, line: i >= 0 ? i + 1 : undefined };
  });
}

const started = performance.now();
// Folders are matched against module paths such as checker/x.ts, so a trailing slash is dropped.
const roots = process.argv.length > 2 ? process.argv.slice(2).map((r) => r.replace(/\/+$/, '')) : ROOTS;
try {
  const r = await checkDependencyRules(resolve('.'), roots);
  for (const v of r.violations) console.log(`${v.rule}: ${v.text}`);
  const counts = `${r.files} files, ${r.imports} imports, ${((performance.now() - started) / 1000).toFixed(1)} s`;
  console.log(r.violations.length === 0 ? `dependency rules hold (${counts})` : `${r.violations.length} dependency rule violation(s) (${counts})`);
  process.exitCode = r.violations.length === 0 ? 0 : 1;
} catch (e) {
  console.error(`error: dependency check could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
