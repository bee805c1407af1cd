// The peer checkers, Spin and Rumur, run on the equivalent Promela and Murphi models in
// ../shared/peers/models, in the same bench invocation as ours: each model is compiled to a C checker in a
// temporary folder (build time is not counted) and the checker binary is timed by wall clock under
// /usr/bin/time for its peak RSS. Tools missing are installed with apt-get when we are root; otherwise
// the bench says so and prints our figures alone.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEER_MODELS = join(import.meta.dirname, '..', '..', 'shared', 'peers', 'models');

export interface PeerRun {
  readonly tool: 'spin' | 'rumur';
  readonly flags: string;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  readonly peakRssMiB: number;
}

/** How to build one model for Spin and/or Rumur. */
export interface PeerSpec {
  readonly spin?: { readonly file: string; readonly defines: readonly string[]; readonly hashBits: number };
  readonly rumur?: { readonly file: string; readonly set?: Readonly<Record<string, number>> };
}

const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Makes sure spin, rumur, gcc and /usr/bin/time exist; returns what is still missing, with why. */
export function ensurePeerTools(log: (s: string) => void): { spin: boolean; rumur: boolean; note?: string } {
  const missing = ['spin', 'rumur', 'gcc'].filter((c) => !have(c));
  if (!existsSync('/usr/bin/time')) missing.push('time');
  if (!existsSync(PEER_MODELS)) return { spin: false, rumur: false, note: `peer models not found at ${PEER_MODELS}` };
  if (missing.length > 0) {
    if (process.getuid?.() === 0 && have('apt-get')) {
      log(`installing ${missing.join(' ')} with apt-get ...`);
      spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
      spawnSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
  }
  const ok = have('gcc') && existsSync('/usr/bin/time');
  const spin = ok && have('spin');
  const rumur = ok && have('rumur');
  const still = ['spin', 'rumur', 'gcc'].filter((c) => !have(c));
  return { spin, rumur, note: still.length ? `not installed (and apt-get could not install them): ${still.join(', ')}` : undefined };
}

/** Runs `cmd` in `dir` under /usr/bin/time; wall seconds, peak RSS and output. */
function timed(dir: string, cmd: string, args: readonly string[]): { seconds: number; rssKiB: number; out: string } {
  const timeFile = join(dir, 'time.out');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, cmd, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  const rssKiB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  return { seconds, rssKiB, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

function run(dir: string, cmd: string, args: readonly string[]): void {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

const num = (re: RegExp, text: string): number => {
  const m = re.exec(text);
  return m ? Number(m[1]) : NaN;
};

function figures(tool: 'spin' | 'rumur', flags: string, states: number, transitions: number, t: { seconds: number; rssKiB: number }): PeerRun {
  return {
    tool,
    flags,
    distinctStates: states,
    transitions,
    seconds: t.seconds,
    statesPerSecond: Math.round(states / t.seconds),
    bytesPerState: (t.rssKiB * 1024) / states,
    peakRssMiB: t.rssKiB / 1024,
  };
}

export function runSpin(spec: NonNullable<PeerSpec['spin']>): PeerRun {
  const dir = mkdtempSync(join(tmpdir(), 'clab-spin-'));
  try {
    copyFileSync(join(PEER_MODELS, spec.file), join(dir, spec.file));
    run(dir, 'spin', [...spec.defines, '-a', spec.file]);
    run(dir, 'gcc', ['-O2', '-DSAFETY', '-DMEMLIM=16384', '-o', 'pan', 'pan.c']);
    const t = timed(dir, './pan', ['-n', '-m10000', `-w${spec.hashBits}`]);
    if (!/errors: 0\b/.test(t.out)) throw new Error(`spin reported errors or failed:\n${t.out.slice(-2000)}`);
    const states = num(/(\d+) states, stored/, t.out);
    const transitions = num(/(\d+) transitions \(= stored\+matched\)/, t.out);
    return figures('spin', `-O2 -DSAFETY -w${spec.hashBits}${spec.defines.length ? ' ' + spec.defines.join(' ') : ''}`, states, transitions, t);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runRumur(spec: NonNullable<PeerSpec['rumur']>): PeerRun {
  const dir = mkdtempSync(join(tmpdir(), 'clab-rumur-'));
  try {
    let text = readFileSync(join(PEER_MODELS, spec.file), 'utf8');
    for (const [k, v] of Object.entries(spec.set ?? {})) {
      const re = new RegExp(`(^\\s*${k}\\s*:\\s*)\\d+;`, 'm');
      if (!re.test(text)) throw new Error(`constant ${k} not found in ${spec.file}`);
      text = text.replace(re, `$1${v};`);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, spec.file), text);
    run(dir, 'rumur', ['-q', '--deadlock-detection', 'off', '--threads', '1', spec.file, '-o', 'check.c']);
    run(dir, 'gcc', ['-std=c11', '-O3', ...(process.arch === 'x64' ? ['-mcx16'] : []), '-o', 'check', 'check.c', '-lpthread']);
    const t = timed(dir, './check', []);
    if (!/No error found/.test(t.out)) throw new Error(`rumur reported errors or failed:\n${t.out.slice(-2000)}`);
    const m = /(\d+) states, (\d+) rules fired/.exec(t.out);
    return figures('rumur', '-O3, 1 thread', m ? Number(m[1]) : NaN, m ? Number(m[2]) : NaN, t);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
