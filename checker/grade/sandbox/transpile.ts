// Turning a submitted model module into one JavaScript file the sandbox runs: esbuild bundles the module
// with what it imports from the submission folder and from consensus-lab's model API, here, in the
// trusted process, before anything of the submission runs. Resolution is ours, not esbuild's: a relative
// import must stay inside the submission folder once symbolic links are followed (so no import reaches
// the reference solution or the hidden checks at build time), `consensus-lab` is the package's own model
// API, `node:` modules stay imports (they run inside the sandbox, where the sandbox decides what they can
// do), and anything else is refused. Transpiling here also means the sandbox runs plain `node` with no
// loader hooks.

import { build, type Message, type Plugin } from 'esbuild';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.ts';
import { inside } from '../manifest.ts';

/** The package's model API, as a model imports it: the checkout's sources, or the installed package's build. */
function modelApi(): string {
  const src = join(PACKAGE_ROOT, 'checker', 'index.ts');
  return existsSync(src) ? src : join(PACKAGE_ROOT, 'dist', 'checker', 'index.js');
}

const EXTENSIONS = ['', '.ts', '.mts', '.js', '.mjs', '.json', '/index.ts', '/index.js'];

/** The file a relative import names (trying extensions as TypeScript's bundler resolution does). */
function resolveFile(base: string): string | undefined {
  // `./x.js` written for a `./x.ts` file (NodeNext style).
  const candidates = [...EXTENSIONS.map((e) => base + e), ...(base.endsWith('.js') ? [base.slice(0, -3) + '.ts'] : [])];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

function confine(root: string): Plugin {
  const realRoot = realpathSync(root);
  const api = modelApi();
  // checker/ (or dist/checker/): the model API's own relative imports resolve as usual.
  const apiDir = dirname(api);
  return {
    name: 'confine-to-submission',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const p = args.path;
        if (p.startsWith('node:') || builtinModules.includes(p)) return { path: p.startsWith('node:') ? p : `node:${p}`, external: true };
        if (p === 'consensus-lab') return { path: api };
        // The model API's own imports, inside the package (a submission's files never count as such).
        const fromApi = args.importer !== '' && inside(apiDir, args.importer) && !inside(realRoot, args.importer);
        if (fromApi && (p.startsWith('./') || p.startsWith('../'))) return undefined;
        if (args.kind === 'entry-point' || p.startsWith('./') || p.startsWith('../') || p.startsWith('/')) {
          const file = resolveFile(resolve(args.resolveDir, p));
          if (!file) return { errors: [{ text: `cannot find '${p}' in the submission` }] };
          const real = realpathSync(file);
          if (real !== realRoot && !inside(realRoot, real)) return { errors: [{ text: `'${p}' is outside the submission folder: a model may import only its own files, consensus-lab and node: modules` }] };
          return { path: real };
        }
        return { errors: [{ text: `cannot import '${p}': a graded model may import only its own files, consensus-lab and node: modules` }] };
      });
    },
  };
}

export type Transpiled = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly errors: readonly string[] };

/** The submission's module bundled into one ES module, or esbuild's errors (file:line: message). */
export async function transpile(entry: string, submissionDir: string): Promise<Transpiled> {
  const realRoot = realpathSync(submissionDir);
  const where = (m: Message) => (m.location ? `${m.location.file.replace(`${realRoot}/`, '')}:${m.location.line}:${m.location.column + 1}: ` : '');
  try {
    const r = await build({
      entryPoints: [resolve(entry)],
      absWorkingDir: realRoot,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [confine(submissionDir)],
      // No source maps or comments: what runs is the student's code with types stripped.
      legalComments: 'none',
    });
    return { ok: true, code: r.outputFiles[0].text };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors) throw e;
    return { ok: false, errors: errors.slice(0, 20).map((m) => `${where(m)}${m.text}`) };
  }
}
