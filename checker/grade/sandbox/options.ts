// How the submission's code is run, as chosen on the command line: the mode (bubblewrap, a container that
// is itself the boundary, or no sandbox) and the limits the child runs under.

import type { SandboxMode } from '../result.ts';

export interface Limits {
  /** CPU seconds (RLIMIT_CPU): the child is killed past it. */
  readonly cpuSeconds: number;
  /** Wall-clock seconds, measured by the grader. */
  readonly wallSeconds: number;
  /** Resident memory of the child's processes, watched by the grader (MiB). */
  readonly memoryMiB: number;
  /** V8's old-space heap (--max-old-space-size, MiB). */
  readonly heapMiB: number;
  /**
   * Processes or threads the child may start beyond what it needs (RLIMIT_NPROC counts threads: Node's own,
   * five with --v8-pool-size=1 and UV_THREADPOOL_SIZE=1, and bubblewrap's two processes are added to it).
   */
  readonly processes: number;
  /** Largest file the child may write (RLIMIT_FSIZE, bytes), and the size of its private tmpfs. */
  readonly fileBytes: number;
  /** Bytes of stdout + stderr kept for the report; past 16 times this the child is stopped. */
  readonly outputBytes: number;
}

export const DEFAULT_LIMITS: Limits = { cpuSeconds: 30, wallSeconds: 60, memoryMiB: 1024, heapMiB: 512, processes: 0, fileBytes: 1 << 20, outputBytes: 64 * 1024 };

export interface SandboxOptions {
  readonly mode: SandboxMode;
  readonly limits: Limits;
}
