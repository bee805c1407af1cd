// The command line that starts the sandboxed child, by mode:
//   bwrap:      [setpriv to a fresh uid] prlimit LIMITS -- bwrap ISOLATION -- node FLAGS runner.mjs submission.mjs
//   container:  [setpriv to a fresh uid] prlimit LIMITS -- node FLAGS runner.mjs submission.mjs
//   no-sandbox: prlimit LIMITS -- node FLAGS runner.mjs submission.mjs
// prlimit sets what bubblewrap does not: CPU seconds (SIGXCPU at the limit, SIGKILL a second later),
// processes and threads of the child's user, the size of a written file, no core files. When the grader
// runs as root the child gets a user id of its own (setpriv), so that it can signal no process of the
// grader's, read nothing that is not readable by everyone, and RLIMIT_NPROC counts its tasks alone. Under
// bubblewrap it sees only Node's binary and libraries, the runner and its bundle (read-only), a private
// tmpfs at /tmp, and no network, no other process and no home folder.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import type { SandboxMode } from '../result.ts';
import type { Limits } from './options.ts';

/** Threads Node runs with --v8-pool-size=1 and UV_THREADPOOL_SIZE=1 (measured: main, one V8 platform worker, one libuv worker, and two of its own). */
export const NODE_THREADS = 5;
/** bubblewrap's processes around the child: its monitor and the pid namespace's init. */
export const BWRAP_PROCESSES = 2;

/** Where the runner and the bundle are inside the sandbox. */
export const INSIDE = { runner: '/sandbox/runner.mjs', submission: '/sandbox/submission.mjs' };

export const NODE_FLAGS = (l: Limits) => [`--max-old-space-size=${l.heapMiB}`, '--v8-pool-size=1', '--disable-proto=throw'];

let libs: string[] | undefined;

/** The shared libraries Node's binary loads (ldd), its loader included; standard folders when ldd is absent. */
function nodeLibraries(node: string): string[] {
  if (libs) return libs;
  const r = spawnSync('ldd', [node], { encoding: 'utf8' });
  const found = r.status === 0 ? [...r.stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]) : [];
  libs = found.length > 0 ? [...new Set(found)] : ['/lib', '/lib64', '/usr/lib', '/usr/lib64'].filter(existsSync);
  return libs;
}

let counter = 0;

/** A user id no account uses, different for each child (and, with high probability, for each grader process). */
export function freshUid(): number {
  counter = (counter + 1) % 1000;
  return 200_000 + ((process.pid * 1000 + counter) % 1_000_000);
}

/** Tasks (processes and threads) the user `uid` runs now: RLIMIT_NPROC counts them with the child's. */
export function tasksOf(uid: number): number {
  let n = 0;
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const u = /^Uid:\s+(\d+)/m.exec(status);
      const t = /^Threads:\s+(\d+)/m.exec(status);
      if (u && Number(u[1]) === uid && t) n += Number(t[1]);
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

export interface ChildCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** The user the child runs as (undefined: the grader's). */
  readonly uid?: number;
}

/** The command for `mode`, with the runner and bundle at `runner` and `bundle` in the folder `dir`. */
export function childCommand(mode: SandboxMode, limits: Limits, dir: string, runner: string, bundle: string): ChildCommand {
  const node = realpathSync(process.execPath);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const uid = root && mode !== 'no-sandbox' ? freshUid() : undefined;
  const base = NODE_THREADS + (mode === 'bwrap' ? BWRAP_PROCESSES : 0) + limits.processes;
  // Not root: the limit counts every task of the grader's user, the grader's own threads included.
  const nproc = uid !== undefined ? base : tasksOf(process.getuid?.() ?? 0) + base;
  const prlimit = ['prlimit', `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, `--nproc=${nproc}`, `--fsize=${limits.fileBytes}`, '--core=0', '--nofile=256', '--'];
  const setpriv = uid !== undefined ? ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--'] : [];
  const env = { UV_THREADPOOL_SIZE: '1', HOME: mode === 'bwrap' ? '/tmp' : dir };
  if (mode !== 'bwrap') {
    const [file, ...args] = [...setpriv, ...prlimit, node, ...NODE_FLAGS(limits), runner, bundle];
    return { file, args, env, cwd: dir, ...(uid !== undefined ? { uid } : {}) };
  }
  const binds = [node, ...nodeLibraries(node)].flatMap((p) => ['--ro-bind', realpathSync(p), p]);
  const bwrap = [
    'bwrap', '--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--clearenv',
    ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]),
    ...binds,
    '--proc', '/proc', '--dev', '/dev', '--size', String(limits.fileBytes * 4), '--tmpfs', '/tmp',
    '--ro-bind', runner, INSIDE.runner, '--ro-bind', bundle, INSIDE.submission,
    // The root and /dev read-only: /tmp is the one writable place.
    '--remount-ro', '/', '--remount-ro', '/dev',
    '--chdir', '/tmp', '--',
    node, ...NODE_FLAGS(limits), INSIDE.runner, INSIDE.submission,
  ];
  const [file, ...args] = [...setpriv, ...prlimit, ...bwrap];
  return { file, args, env: {}, cwd: dir, ...(uid !== undefined ? { uid } : {}) };
}
