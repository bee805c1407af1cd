// `clab init DIR`: writes a model folder of the user's own (init-files.ts): a package that installs this
// version of consensus-lab, with a model, a spec, a test and a README saying what to run. It writes only
// into a new or empty folder, and never over a file (each is created exclusively), so nothing of the
// user's is lost.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { PACKAGE_ROOT } from '../../package-root.ts';
import { makeDirs } from '../../trace/trace-file.ts';
import { initFiles, packageName, type InitVersions } from '../init-files.ts';
import type { Io } from '../io.ts';
import { parseCommand } from '../options.ts';

export const initUsage = `usage: clab init <DIR>
  writes a model folder at DIR (created if missing; an existing one must be empty): package.json (this
  version of consensus-lab, vitest, @types/node), tsconfig.json, model.ts, model.spec, model.test.ts,
  README.md and .gitignore; then: cd DIR && npm install && npm test`;

/**
 * This package's version; the vitest its own tests use (a range's lowest version: the one tested); Node's
 * types as it declares them (a range: any 20.x types describe the Node it runs on).
 */
function versions(): InitVersions {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies?: Record<string, string> };
  const vitest = pkg.devDependencies?.vitest?.replace(/^[\^~]/, '') ?? 'latest';
  return { clab: pkg.version, vitest, typesNode: pkg.devDependencies?.['@types/node'] ?? 'latest' };
}

export async function runInit(args: readonly string[], io: Io): Promise<number> {
  const { target } = parseCommand('init', args, {}, initUsage, 'a folder to create');
  const dir = resolve(io.cwd, target);
  const st = statSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new ClabError(`cannot init ${target}: it exists and is a file, not a folder`, 'give the path of a new or empty folder');
  if (st) {
    const entries = readdirSync(dir).sort();
    if (entries.length > 0) {
      const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, ... (${entries.length} entries)` : '');
      throw new ClabError(`cannot init ${target}: the folder is not empty (it holds ${shown})`, 'clab init writes only into a new or empty folder, so that nothing is overwritten; give another path');
    }
  }
  const files = initFiles(packageName(basename(dir)), versions());
  try {
    // One level at a time: Node's recursive mkdir spins forever on some paths (/proc/x).
    makeDirs(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { flag: 'wx' });
  } catch (e) {
    throw new ClabError(`cannot init ${target}: ${(e as Error).message}`, 'give the path of a new or empty folder you can write to');
  }
  io.out(`created ${target}: ${Object.keys(files).join(', ')}`);
  io.out('next:');
  io.out(`  cd ${/^[A-Za-z0-9_./=:@%+-]+$/.test(target) ? target : `'${target.replace(/'/g, `'\\''`)}'`}`);
  io.out('  npm install');
  io.out('  npx clab check model.ts        # then see README.md');
  io.out('  npm test');
  return ExitCode.Holds;
}
