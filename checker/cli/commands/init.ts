// `clab init DIR`: writes a model folder of the user's own (init-files.ts): a package that installs this
// version of consensus-lab, with a model, a spec, a test and a README saying what to run. It writes only
// into a new or empty folder, and never over a file (each is created exclusively), so nothing of the
// user's is lost.

import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ClabError, ExitCode } from '../../errors.ts';
import { safeText } from '../../trace/safe-text.ts';
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
  const { target: given } = parseCommand('init', args, {}, initUsage, 'a folder to create');
  const target = safeText(given);
  if (given === '') throw new ClabError('init needs a folder to create, and the path given is empty', initUsage);
  // A control character in a folder name is almost always a pasted newline or escape sequence, and the
  // folder would be hard to name again in a shell: refused, with where it is.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(given);
  if (control) throw new ClabError(`cannot init ${target}: the path holds a control character (code ${control[0].charCodeAt(0)}, character ${control.index + 1} of the path)`, 'give a folder name without control characters (a pasted newline?)');
  const dir = resolve(io.cwd, given);
  let st: Stats | undefined;
  try {
    st = statSync(dir, { throwIfNoEntry: false });
    // A symbolic link whose target is missing: mkdir would fail with EEXIST; say what is there.
    if (!st && lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new ClabError(`cannot init ${target}: it is a symbolic link to ${safeText(readlinkSync(dir))}, which does not exist`, 'give the path of a new or empty folder (or create the folder the link points to)');
    }
  } catch (e) {
    if (e instanceof ClabError) throw e;
    // ENOTDIR (a file on the way), EACCES, ELOOP, ENAMETOOLONG: the path cannot be a folder of the user's.
    throw new ClabError(`cannot init ${target}: ${safeText((e as Error).message)}`, 'give the path of a new or empty folder you can write to');
  }
  if (st && !st.isDirectory()) throw new ClabError(`cannot init ${target}: it exists and is a file, not a folder`, 'give the path of a new or empty folder');
  if (st) {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      throw new ClabError(`cannot init ${target}: ${safeText((e as Error).message)}`, 'give the path of a new or empty folder you can read and write');
    }
    if (entries.length > 0) {
      const shown = entries.slice(0, 3).map(safeText).join(', ') + (entries.length > 3 ? `, ... (${entries.length} entries)` : '');
      throw new ClabError(`cannot init ${target}: the folder is not empty (it holds ${shown})`, 'clab init writes only into a new or empty folder, so that nothing is overwritten; give another path');
    }
  }
  const files = initFiles(packageName(basename(dir)), versions());
  try {
    // One level at a time: Node's recursive mkdir spins forever on some paths (/proc/x).
    makeDirs(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { flag: 'wx' });
  } catch (e) {
    throw new ClabError(`cannot init ${target}: ${safeText((e as Error).message)}`, 'give the path of a new or empty folder you can write to');
  }
  io.out(`created ${target}: ${Object.keys(files).join(', ')}`);
  io.out('next:');
  io.out(`  cd ${/^[A-Za-z0-9_./=:@%+-]+$/.test(target) ? target : `'${target.replace(/'/g, `'\\''`)}'`}`);
  io.out('  npm install');
  io.out('  npx clab check model.ts        # then see README.md');
  io.out('  npm test');
  return ExitCode.Holds;
}
