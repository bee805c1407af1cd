// Which sandbox this machine offers: bubblewrap works when its binary is installed and user namespaces let
// it start a process (it is tried once, with a trivial program). The grader refuses to run submitted code
// without it unless told that the container is the boundary (--sandbox container) or that the code is
// trusted (--no-sandbox).

import { spawnSync } from 'node:child_process';
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
