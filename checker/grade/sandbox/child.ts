// The sandboxed child as the grader sees it: started with the mode's command (command.ts), asked one
// request at a time over a pipe (answers come back on file descriptor 3, one JSON line each), watched
// (wall clock, resident memory of all its processes, output size), and stopped. Whatever the child does,
// a request ends: with its answer, or with the reason the child is gone ("time limit (CPU 2 s)", "memory
// limit (256 MiB resident)", "output limit", "the model's process ended (exit code 0)"), and what was
// blocked is kept for the report.

import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxMode } from '../result.ts';
import { childCommand, type ChildCommand } from './command.ts';
import type { Limits } from './options.ts';

/** The largest answer line read (a batch of states and their successors), and the most read in all. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
export const MAX_TOTAL_ANSWER_BYTES = 512 * 1024 * 1024;
/** Memory is sampled this often (ms). */
const MEMORY_POLL_MS = 100;
/** Lines of the model's own output kept for the report. */
const OUTPUT_LINES = 20;

const RUNNER = fileURLToPath(new URL('./runner.mjs', import.meta.url));

/** Children still running: killed if the grader exits first (bubblewrap's die-with-parent covers its own). */
const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const SIGNALS: Record<number, string> = { 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM', 24: 'SIGXCPU', 25: 'SIGXFSZ' };

/** Why the child is gone, for the report, from how it ended (and what its stderr said). */
function endReason(code: number | null, signal: NodeJS.Signals | null, stderr: string, limits: Limits): { reason: string; blocked: boolean } {
  // bubblewrap reports a signal that ended the child as 128 + its number.
  const sig = signal ?? (code !== null && code > 128 && SIGNALS[code - 128] ? SIGNALS[code - 128] : null);
  if (/heap out of memory|Reached heap limit/.test(stderr)) return { reason: `memory limit (V8 heap ${limits.heapMiB} MiB)`, blocked: true };
  if (sig === 'SIGXCPU') return { reason: `time limit (CPU ${limits.cpuSeconds} s)`, blocked: true };
  if (sig === 'SIGXFSZ') return { reason: `file size limit (${limits.fileBytes} bytes)`, blocked: true };
  if (sig === 'SIGKILL') return { reason: `killed (CPU ${limits.cpuSeconds} s or the system's memory)`, blocked: true };
  if (sig) return { reason: `the model's process ended by ${sig}`, blocked: false };
  return { reason: `the model's process ended (exit code ${code})`, blocked: false };
}

/** Sum of the resident memory (bytes) of `pid` and its descendants, from /proc. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid);
      if (list) list.push(Number(e));
      else children.set(ppid, [Number(e)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** What the model's code raised outside a request, or in one, with the OS's error code when it has one. */
export interface ModelEvent {
  readonly error: string;
  readonly where: string;
  readonly code?: string;
  readonly syscall?: string;
}

export class SandboxChild {
  private readonly proc: ChildProcess;
  private readonly dir: string;
  private buffer = '';
  private waiting = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ended: string | undefined;
  private killedFor: string | undefined;
  private stderrText = '';
  private outputBytes = 0;
  private readonly output: Buffer[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  readonly events: ModelEvent[] = [];
  /** What the sandbox stopped, for the report. */
  readonly blocked: string[] = [];
  readonly exited: Promise<void>;
  private ready!: Promise<Record<string, unknown>>;

  private constructor(
    readonly mode: SandboxMode,
    private readonly limits: Limits,
    cmd: (dir: string, runner: string, bundle: string) => ChildCommand,
    code: string,
  ) {
    // The runner and the bundle in a folder of their own, readable by the child's user.
    this.dir = mkdtempSync(join(tmpdir(), 'clab-sandbox-'));
    chmodSync(this.dir, 0o755);
    const runner = join(this.dir, 'runner.mjs');
    const bundle = join(this.dir, 'submission.mjs');
    copyFileSync(RUNNER, runner);
    writeFileSync(bundle, code);
    chmodSync(runner, 0o644);
    chmodSync(bundle, 0o644);
    const c = cmd(this.dir, runner, bundle);
    this.proc = spawn(c.file, c.args, { cwd: c.cwd, env: c.env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true });
    const pid = this.proc.pid;
    if (pid !== undefined) live.add(pid);
    this.exited = new Promise((resolve) => {
      this.proc.on('error', (e) => this.finish(`cannot start the sandbox: ${e.message}`, false, resolve));
      this.proc.on('exit', (code, signal) => {
        // Answers still in the pipe are read before the end is reported.
        setImmediate(() => {
          const r = endReason(code, signal, this.stderrText, limits);
          this.finish(this.killedFor ?? r.reason, this.killedFor === undefined && r.blocked, resolve);
        });
      });
    });
    this.ready = new Promise((resolve, reject) => this.waiting.set(0, { resolve, reject }));
    this.proc.stdin!.on('error', () => {});
    this.proc.stdio[3]!.on('data', (d: Buffer) => this.onAnswer(d));
    this.proc.stdout!.on('data', (d: Buffer) => this.onOutput(d));
    this.proc.stderr!.on('data', (d: Buffer) => {
      if (this.stderrText.length < 64 * 1024) this.stderrText += d.toString('utf8');
      this.onOutput(d);
    });
    this.timers.push(setTimeout(() => this.kill(`time limit (wall clock ${limits.wallSeconds} s)`), limits.wallSeconds * 1000));
    this.timers.push(
      setInterval(() => {
        if (this.proc.pid !== undefined && treeRss(this.proc.pid) > limits.memoryMiB * 1024 * 1024) this.kill(`memory limit (${limits.memoryMiB} MiB resident)`);
      }, MEMORY_POLL_MS),
    );
  }

  /** Starts the child on a bundled model; resolves once the model module is loaded (or failed to load). */
  static async start(mode: SandboxMode, limits: Limits, code: string): Promise<{ child: SandboxChild; loaded: Record<string, unknown> }> {
    const child = new SandboxChild(mode, limits, (dir, runner, bundle) => childCommand(mode, limits, dir, runner, bundle), code);
    try {
      return { child, loaded: await child.ready };
    } catch (e) {
      // Gone before the module was loaded (process.exit() at the top of the module, a limit, ...).
      if (e instanceof SandboxEnded) return { child, loaded: { ready: false, error: e.reason, where: 'loading the module' } };
      throw e;
    }
  }

  private finish(reason: string, blocked: boolean, resolve: () => void): void {
    if (this.ended !== undefined) return resolve();
    this.ended = reason;
    if (this.proc.pid !== undefined) live.delete(this.proc.pid);
    if (blocked && !this.blocked.includes(reason)) this.blocked.push(reason);
    for (const t of this.timers) clearTimeout(t);
    for (const w of this.waiting.values()) w.reject(new SandboxEnded(reason));
    this.waiting.clear();
    rmSync(this.dir, { recursive: true, force: true });
    resolve();
  }

  private onOutput(d: Buffer): void {
    this.outputBytes += d.length;
    const kept = this.output.reduce((a, b) => a + b.length, 0);
    if (kept < this.limits.outputBytes) this.output.push(d.subarray(0, this.limits.outputBytes - kept));
    if (this.outputBytes > 16 * this.limits.outputBytes) this.kill(`output limit (${16 * this.limits.outputBytes} bytes)`);
  }

  private answerBytes = 0;

  private onAnswer(d: Buffer): void {
    if (this.killedFor !== undefined) return;
    this.answerBytes += d.length;
    if (this.answerBytes > MAX_TOTAL_ANSWER_BYTES) return this.kill(`answer size limit (${MAX_TOTAL_ANSWER_BYTES} bytes in all)`);
    this.buffer += d.toString('utf8');
    if (this.buffer.length > MAX_ANSWER_BYTES) return this.kill(`answer size limit (${MAX_ANSWER_BYTES} bytes)`);
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        return this.kill('the sandbox sent something that is not an answer');
      }
      if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return this.kill('the sandbox sent something that is not an answer');
      const m = msg as Record<string, unknown>;
      if (m.event === 'error') {
        if (this.events.length < 20) this.events.push(modelEvent(m));
        continue;
      }
      const id = 'ready' in m ? 0 : m.id;
      const w = typeof id === 'number' ? this.waiting.get(id) : undefined;
      // An answer nobody asked for (a forged one, written by the model) is ignored.
      if (!w) continue;
      this.waiting.delete(id as number);
      w.resolve(m);
    }
  }

  /** Sends a request; resolves with its answer, rejects (SandboxEnded) if the child is gone or stopped first. */
  request(req: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.ended !== undefined || this.killedFor !== undefined) return Promise.reject(new SandboxEnded(this.ended ?? this.killedFor!));
    const id = this.nextId++;
    const p = new Promise<Record<string, unknown>>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.proc.stdin!.write(JSON.stringify({ ...req, id }) + '\n');
    return p;
  }

  /** Stops the child (and everything it started) for `reason`, which the report lists as blocked. */
  kill(reason: string): void {
    if (this.ended !== undefined || this.killedFor !== undefined) return;
    this.killedFor = reason;
    this.blocked.push(reason);
    // Answers still in the pipe are not used: a child stopped at a limit answers nothing more.
    for (const w of this.waiting.values()) w.reject(new SandboxEnded(reason));
    this.waiting.clear();
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      this.proc.kill('SIGKILL');
    }
  }

  /** Ends the child: its input is closed, and it is killed if it has not exited a second later. */
  async close(): Promise<void> {
    if (this.ended === undefined) {
      this.proc.stdin!.end();
      const t = setTimeout(() => {
        if (this.ended === undefined) {
          this.killedFor = 'stopped';
          try {
            process.kill(-this.proc.pid!, 'SIGKILL');
          } catch {
            this.proc.kill('SIGKILL');
          }
        }
      }, 1000);
      await this.exited;
      clearTimeout(t);
    }
  }

  /** The limit the child was stopped at (or ended by), if any: the check fails with it. */
  limitHit(): string | undefined {
    return this.blocked[0];
  }

  /** The first lines the model printed (stdout and stderr), made printable. */
  printed(): string[] {
    const text = Buffer.concat(this.output).toString('utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const shown = lines.slice(0, OUTPUT_LINES);
    if (lines.length > OUTPUT_LINES || this.outputBytes > this.limits.outputBytes) shown.push(`... (${this.outputBytes} bytes printed in all)`);
    return shown;
  }
}

export class SandboxEnded extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function modelEvent(m: Record<string, unknown>): ModelEvent {
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : undefined);
  return { error: str(m.error) ?? 'an error', where: str(m.where) ?? 'the model', ...(str(m.code) ? { code: str(m.code) } : {}), ...(str(m.syscall) ? { syscall: str(m.syscall) } : {}) };
}

/** What an error of the model's says the sandbox refused it, in the report's words (undefined: nothing). */
export function refusal(e: { code?: string; syscall?: string; error: string }): string | undefined {
  const code = e.code ?? /\b(E[A-Z]{3,})\b/.exec(e.error)?.[1];
  const call = e.syscall ?? '';
  if (code === undefined) return undefined;
  if (/^(connect|getaddrinfo|listen|bind|socket|send|queryA|lookup)/.test(call) || ['ENETUNREACH', 'EAI_AGAIN', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_FAIL', 'EAI_NONAME'].includes(code)) return 'sandbox: no network';
  if (call.startsWith('spawn') || call === 'fork' || (code === 'EAGAIN' && call === '')) return `sandbox: no new process (${code})`;
  if (call === 'kill') return `sandbox: may not signal another process (${code})`;
  if (code === 'EROFS' || (code === 'EACCES' && /^(write|mkdir|unlink|rmdir|rename|copyfile|symlink|link|chmod|utime)/.test(call))) return `sandbox: may not write there (${code})`;
  if (code === 'EFBIG') return `file size limit (${code})`;
  if (code === 'ENOSPC') return `sandbox: temporary folder full (${code})`;
  if (code === 'ENOENT' && /^(open|scandir|stat|lstat|access|readlink)/.test(call)) return `sandbox: file not visible (${code})`;
  if (code === 'EACCES' || code === 'EPERM') return `sandbox: not permitted (${code}${call ? `, ${call}` : ''})`;
  return undefined;
}
