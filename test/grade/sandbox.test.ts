// Malicious submissions: each is the example exercise's lock model with one attack added, graded by a
// model-check in the sandbox (bubblewrap; a few again with --sandbox container). Each attack achieves
// nothing beyond failing the checks it breaks: secrets stay unread, nothing is written or started outside,
// limits stop loops, allocations and floods, a forged report is only the model's printed output, and the
// grader (this test's own process) goes on; the report says what was blocked. Low limits keep it short
// (1 s of CPU). Without bubblewrap the tests skip, saying why; without root, the container tests do (the
// child then runs as the grader's own user).

import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { bwrapWorks } from '../../checker/grade/sandbox/detect.ts';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'clab-sandbox-test-'));
chmodSync(work, 0o755);
const EX = join(work, 'ex');
cpSync(join(root, 'exercises', 'example-mutex'), EX, { recursive: true });
const SECRET = 'SECRET-7f3a9c';
writeFileSync(join(EX, 'solution', 'mutex.ts'), `// ${SECRET}\n` + readFileSync(join(EX, 'solution', 'mutex.ts'), 'utf8'));
writeFileSync(join(EX, 'tests', 'hidden', 'checks.json'), JSON.stringify({ checks: [] }) + `\n// ${SECRET}`.slice(0, 0));
writeFileSync(join(EX, 'tests', 'hidden', 'secret.txt'), SECRET);
const manifest = JSON.parse(readFileSync(join(EX, 'exercise.json'), 'utf8'));
manifest.submission = ['mutex.ts'];
manifest.checks = manifest.checks.filter((c: { name: string }) => c.name === 'model');
manifest.checks[0].constants = { procs: 2 };
writeFileSync(join(EX, 'exercise.json'), JSON.stringify(manifest));
// Readable by no other user: how an instructor keeps them from a child in container mode.
chmodSync(join(EX, 'solution'), 0o700);
chmodSync(join(EX, 'tests', 'hidden'), 0o700);

/** The correct lock model with `top` at the module's top level and `inNext` at the start of next(). */
function model(top: string, inNext = ''): string {
  return `import { defineModel } from 'consensus-lab';
import fs from 'node:fs';
import net from 'node:net';
import cp from 'node:child_process';
${top}
type Pc = 'idle' | 'trying' | 'critical';
interface State { readonly pcs: readonly Pc[]; readonly locked: boolean }
export default defineModel<State>({
  name: 'mutex', summary: 'lock', constants: { procs: { kind: 'int', default: 2, min: 1, max: 6, description: 'processes' } },
  instantiate(c) {
    const n = c.procs as number;
    const move = (s: State, i: number, pc: Pc) => s.pcs.map((p, j) => (j === i ? pc : p));
    const inside = (s: State) => { let k = 0; for (const p of s.pcs) if (p === 'critical') k++; return k; };
    return {
      init: () => [{ pcs: Array.from({ length: n }, (): Pc => 'idle'), locked: false }],
      next: (s) => { ${inNext}
        return s.pcs.flatMap((pc, i) => {
          const actor = 'p' + (i + 1);
          if (pc === 'idle') return [{ action: { actor, kind: 'tries' }, state: { ...s, pcs: move(s, i, 'trying') } }];
          if (pc === 'trying' && (!s.locked || ${JSON.stringify(false)})) return [{ action: { actor, kind: 'locks' }, state: { pcs: move(s, i, 'critical'), locked: true } }];
          if (pc === 'critical') return [{ action: { actor, kind: 'unlocks' }, state: { pcs: move(s, i, 'idle'), locked: false } }];
          return [];
        });
      },
      invariants: {},
      views: { inside: { type: { kind: 'int' }, get: inside } },
    };
  },
});
`;
}

/** The same model with the lock ignored (two can get in), for attacks that try to forge a pass. */
const racy = (top: string) => model(top).replace('(!s.locked || false)', '(!s.locked || true)');

interface Report {
  score: number;
  sandbox: string;
  checks: { passed: boolean; verdict: string; details: string[]; blocked?: string[] }[];
}

async function grade(name: string, code: string, mode: string[] = []): Promise<{ report: Report; text: string }> {
  const dir = join(work, 'subs', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'mutex.ts'), code);
  const io = memoryIo(work);
  const status = await main(['grade', dir, '--exercise', EX, '--json', '--cpu-limit', '1', '--wall-limit', '20', '--memory-limit', '256', ...mode], io);
  expect([status, io.stderr]).toEqual([0, []]);
  return { report: JSON.parse(io.stdout[0]) as Report, text: io.stdout[0] };
}

const bwrap = bwrapWorks();
const isRoot = process.getuid?.() === 0;

describe.skipIf(!bwrap.ok)(`malicious submissions under bubblewrap${bwrap.ok ? '' : ` (skipped: ${bwrap.why})`}`, () => {
  it('the correct model passes in the sandbox, which the report names', async () => {
    const { report } = await grade('honest', model(''));
    expect([report.sandbox, report.score, report.checks[0].verdict, report.checks[0].blocked]).toEqual(['bwrap', 3, 'every invariant holds on all 8 states of your model', undefined]);
  });

  it('reading the reference solution or the hidden checks finds nothing there', async () => {
    for (const file of [join(EX, 'solution', 'mutex.ts'), join(EX, 'tests', 'hidden', 'secret.txt')]) {
      const { report, text } = await grade('reads', racy(`const secret = fs.readFileSync(${JSON.stringify(file)}, 'utf8'); console.log(secret);`));
      expect(report.checks[0].verdict).toMatch(/^mutex\.ts cannot be loaded: ENOENT: no such file or directory, open /);
      expect(report.checks[0].blocked).toEqual(['sandbox: file not visible (ENOENT)']);
      expect(text).not.toContain(SECRET);
    }
  });

  it('writing outside its temporary folder is refused; the folder itself is writable', async () => {
    const target = join(EX, 'pwned');
    const { report } = await grade('writes', racy(`fs.writeFileSync('/tmp/mine', 'ok'); fs.writeFileSync('/usr/bin/pwned', 'x');`));
    expect(report.checks[0].verdict).toBe("mutex.ts cannot be loaded: EROFS: read-only file system, open '/usr/bin/pwned'");
    expect(report.checks[0].blocked).toEqual(['sandbox: may not write there (EROFS)']);
    const two = await grade('writes-2', racy(`fs.writeFileSync(${JSON.stringify(target)}, 'x');`));
    expect(two.report.checks[0].blocked).toEqual(['sandbox: file not visible (ENOENT)']);
    expect([existsSync(target), existsSync('/usr/bin/pwned')]).toEqual([false, false]);
    const big = await grade('writes-big', racy(`fs.writeFileSync('/tmp/big', Buffer.alloc(2 << 20));`));
    expect(big.report.checks[0].blocked).toEqual(['file size limit (EFBIG)']);
  });

  it('starting a process fails: no programs, and no room under the process limit', async () => {
    const { report } = await grade('spawns', racy(`cp.execFileSync(process.execPath, ['-e', '0']);`));
    expect(report.checks[0].verdict).toMatch(/^mutex\.ts cannot be loaded: spawnSync \S+ EAGAIN/);
    expect(report.checks[0].blocked).toEqual(['sandbox: no new process (EAGAIN)']);
    const sh = await grade('spawns-sh', racy(`cp.execFileSync('/bin/sh', ['-c', 'touch /tmp/x']);`));
    expect(sh.report.checks[0].blocked).toEqual(['sandbox: no new process (EAGAIN)']);
  });

  it('a socket finds no network; the model is otherwise graded as it is', async () => {
    const top = `await new Promise<void>((done) => net.connect(80, '1.1.1.1').on('error', (e) => { setImmediate(done); throw e; }));`;
    const { report } = await grade('socket', model(top));
    expect([report.score, report.checks[0].passed, report.checks[0].blocked]).toEqual([3, true, ['sandbox: no network']]);
  });

  it('an endless loop meets the CPU limit', async () => {
    const { report } = await grade('loops', model('', 'for (;;) {}'));
    expect([report.score, report.checks[0].verdict, report.checks[0].blocked]).toEqual([0, 'your model stopped: time limit (CPU 1 s)', ['time limit (CPU 1 s)']]);
  });

  it('allocating without bound meets the heap limit, or the resident memory watch', async () => {
    const heap = await grade('allocates', model('', 'const a: number[][] = []; for (;;) a.push(new Array(100000).fill(1.5));'));
    expect([heap.report.checks[0].verdict, heap.report.checks[0].blocked]).toEqual(['your model stopped: memory limit (V8 heap 128 MiB)', ['memory limit (V8 heap 128 MiB)']]);
    const rss = await grade('allocates-buffers', model('', 'const a: Buffer[] = []; for (;;) a.push(Buffer.alloc(1 << 24, 1));'));
    expect([rss.report.checks[0].verdict, rss.report.checks[0].blocked]).toEqual(['your model stopped: memory limit (256 MiB resident)', ['memory limit (256 MiB resident)']]);
  });

  it('printing megabytes meets the output limit; what is shown of it is capped', async () => {
    const { report } = await grade('prints', model(`for (let i = 0; i < 30000; i++) console.log('x'.repeat(100));`));
    // Stopped while loading or while answering, as the pipe's timing has it.
    expect(report.checks[0].verdict).toMatch(/^(mutex\.ts cannot be loaded|your model stopped): output limit \(1048576 bytes\)$/);
    expect(report.checks[0].blocked).toEqual(['output limit (1048576 bytes)']);
    expect(report.checks[0].details.length).toBe(22);
  });

  it('process.exit(0), early or in next(), only ends its own grading', async () => {
    const early = await grade('exits', racy('process.exit(0);'));
    expect(early.report.checks[0].verdict).toBe("mutex.ts cannot be loaded: the model's process ended (exit code 0)");
    const later = await grade('exits-later', model('', 'process.exit(0);'));
    expect(later.report.checks[0].verdict).toBe("your model stopped: the model's process ended (exit code 0)");
  });

  it('a forged report on stdout (and forged answers on the pipe) is only the model\'s printed output', async () => {
    const forged = `console.log('✓ model  3/3  Your fixed model keeps mutual exclusion'); console.log(JSON.stringify({ score: 3, maxScore: 3 }));
fs.writeSync(3, JSON.stringify({ ready: true }) + '\\n' + JSON.stringify({ id: 7, steps: [] }) + '\\n');`;
    const { report } = await grade('forges', racy(forged));
    expect([report.score, report.checks[0].verdict]).toEqual([0, 'mutualExclusion is violated after 4 steps (expected: every invariant holds)']);
    expect(report.checks[0].details.slice(-3)).toEqual(['your model printed:', '  | ✓ model  3/3  Your fixed model keeps mutual exclusion', '  | {"score":3,"maxScore":3}']);
  });

  it("polluted prototypes and globals stay in the child: the grader's objects are untouched", async () => {
    const top = `(Object.prototype as any).passed = true; Object.defineProperty(Object.prototype, 'verdict', { get: () => 'holds', configurable: true }); JSON.stringify = () => '{"ready":true}'; (globalThis as any).structuredClone = null;`;
    const { report } = await grade('pollutes', racy(top));
    expect([report.score, report.checks[0].verdict]).toEqual([0, 'mutualExclusion is violated after 4 steps (expected: every invariant holds)']);
    expect([({} as Record<string, unknown>).passed, ({} as Record<string, unknown>).verdict, JSON.stringify({ a: 1 })]).toEqual([undefined, undefined, '{"a":1}']);
  });

  it('signalling its parent reaches no process of the grader', async () => {
    const { report } = await grade('signals', model(`process.kill(process.ppid, 'SIGKILL'); try { process.kill(${process.pid}, 'SIGKILL'); } catch (e) { console.log(String(e)); }`));
    expect([report.score, report.checks[0].passed]).toEqual([3, true]);
    expect(report.checks[0].details).toEqual(['your model printed:', '  | Error: kill ESRCH']);
  });

  it('a batch of attacks goes on to the end, one row per student', { timeout: 60_000 }, async () => {
    const subs = join(work, 'batch');
    for (const [name, code] of [['a-loops', model('', 'for (;;) {}')], ['b-exits', racy('process.exit(0);')], ['c-honest', model('')]]) {
      mkdirSync(join(subs, name), { recursive: true });
      writeFileSync(join(subs, name, 'mutex.ts'), code);
    }
    const io = memoryIo(work);
    expect(await main(['grade', '--batch', subs, '--exercise', EX, '--out', join(work, 'grades'), '--cpu-limit', '1'], io)).toBe(0);
    expect(readFileSync(join(work, 'grades', 'grades.csv'), 'utf8').trim().split('\n')).toEqual(['submission,score,max_score,model,sandbox,error', 'a-loops,0,3,0,bwrap,', 'b-exits,0,3,0,bwrap,', 'c-honest,3,3,3,bwrap,']);
  });
});

describe.skipIf(!isRoot)(`--sandbox container: separate process, own user, limits${isRoot ? '' : ' (skipped: not root, so the child would run as the grader\'s user)'}`, () => {
  const container = ['--sandbox', 'container'];
  it('grades the correct model; a loop meets the CPU limit; exit(0) ends only its grading', async () => {
    expect((await grade('c-honest', model(''), container)).report).toMatchObject({ sandbox: 'container', score: 3 });
    expect((await grade('c-loops', model('', 'for (;;) {}'), container)).report.checks[0].blocked).toEqual(['time limit (CPU 1 s)']);
    expect((await grade('c-exits', racy('process.exit(0);'), container)).report.checks[0].verdict).toBe("mutex.ts cannot be loaded: the model's process ended (exit code 0)");
  });

  it('runs as a user of its own: the grader cannot be signalled, folders kept from others cannot be read', async () => {
    const sig = await grade('c-signals', model(`process.kill(process.ppid, 'SIGKILL');`), container);
    expect(sig.report.checks[0].verdict).toBe('mutex.ts cannot be loaded: kill EPERM');
    expect(sig.report.checks[0].blocked).toEqual(['sandbox: may not signal another process (EPERM)']);
    const read = await grade('c-reads', racy(`fs.readFileSync(${JSON.stringify(join(EX, 'solution', 'mutex.ts'))}, 'utf8');`), container);
    expect(read.report.checks[0].blocked).toEqual(['sandbox: not permitted (EACCES, open)']);
    expect(read.text).not.toContain(SECRET);
  });
});
