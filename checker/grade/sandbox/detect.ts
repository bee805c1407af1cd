// Which sandbox this machine offers: bubblewrap works when its binary is installed and user namespaces let
// it start a process (it is tried once, with a trivial program). The grader refuses to run submitted code
// without it unless told that the container is the boundary (--sandbox container) or that the code is
// trusted (--no-sandbox).

import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ClabError } from '../../errors.ts';
import type { SandboxMode } from '../result.ts';

let probed: { ok: boolean; why: string } | undefined;

/** Whether bubblewrap can start a process here, and if not, why (cached for the process). */
export function bwrapWorks(): { ok: boolean; why: string } {
  if (probed) return probed;
  const r = spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) probed = { ok: false, why: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'bubblewrap (bwrap) is not installed' : `bwrap cannot run: ${r.error.message}` };
  else if (r.status !== 0) probed = { ok: false, why: `bwrap cannot create a sandbox here: ${r.stderr.trim() || `exit ${r.status ?? r.signal}`}` };
  else probed = { ok: true, why: '' };
  return probed;
}

/**
 * The mode to grade in: the one asked for, or bubblewrap when it works. Without it, an exercise that runs
 * submitted code is refused (exit 2, saying what to do); one that runs none grades in mode 'none'.
 */
export function chooseMode(asked: 'bwrap' | 'container' | undefined, noSandbox: boolean, needed: boolean, probe: () => { ok: boolean; why: string } = bwrapWorks): SandboxMode {
  if (asked !== undefined && noSandbox) throw new ClabError('--sandbox and --no-sandbox contradict each other');
  if (noSandbox) return 'no-sandbox';
  if (asked === 'container') return 'container';
  if (!needed && asked === undefined) return 'none';
  const works = probe();
  if (works.ok) return 'bwrap';
  throw new ClabError(
    `cannot sandbox submitted code: ${works.why}`,
    'install bubblewrap (Debian: apt-get install bubblewrap), or, in a container that is itself the boundary (a Gradescope image), pass --sandbox container; --no-sandbox runs the code with no sandbox (trusted code only)',
  );
}

/** Whether `cmd` runs here (found on PATH). */
function found(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return !r.error;
}

/** Whether a user other than the owner can run the file at `path` (it and every folder above it are open to others). */
function runnableByOthers(path: string): boolean {
  if ((statSync(path).mode & 0o001) === 0) return false;
  for (let p = dirname(path); ; p = dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) return false;
    if (dirname(p) === p) return true;
  }
}

/**
 * Refuses (exit 2, saying what is missing) a mode whose tools are absent: prlimit sets the limits in every
 * mode that runs submitted code; as root, setpriv gives the child a user of its own, which must be able to
 * run Node's binary.
 */
export function checkTools(mode: SandboxMode): void {
  if (mode === 'none') return;
  if (!found('prlimit')) throw new ClabError('cannot run submitted code: prlimit is not installed (it sets the CPU, process and file limits)', 'install util-linux (Debian: apt-get install util-linux)');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || mode === 'no-sandbox') return;
  if (!found('setpriv')) throw new ClabError('cannot run submitted code: setpriv is not installed (as root, the child gets a user of its own with it)', 'install util-linux (Debian: apt-get install util-linux)');
  const node = realpathSync(process.execPath);
  if (!runnableByOthers(node)) throw new ClabError(`cannot run submitted code: Node's binary ${node} cannot be run by other users, and the child runs as a user of its own`, 'install Node where every user can run it (e.g. /usr/local or /usr), or make its folders readable (chmod o+rx)');
}
