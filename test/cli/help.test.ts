// Help and version, run in-process: `clab <command> --help` / `-h` and `clab help <command>` print that
// command's usage (exit 0) for every command, `clab --help` the command list and exit codes, `clab
// --version` the package's version; an unknown command or no command is bad input (exit 2). Also `clab
// list`, which names each model's views.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = join(import.meta.dirname, '..', '..');
async function clab(...args: string[]) {
  const io = memoryIo(root);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const commands = ['list', 'check', 'replay', 'parse', 'show', 'sweep', 'explore', 'valence', 'simulate', 'init', 'grade', 'exercise'];
/** An option each command's usage must describe (parse has none). */
const anOption: Record<string, string> = { list: '--json', check: '--max-states N', replay: '--quiet', parse: '', show: '--table', sweep: '--param k=a..b', explore: '--port P', valence: '--max-states N', simulate: '--depth D', init: 'model.spec', grade: '--exercise DIR', exercise: '--out DIR2' };

describe('clab <command> --help', () => {
  for (const cmd of commands) {
    it(`${cmd}: --help, -h (also after a target and other options) and help ${cmd} print the same usage, exit 0`, async () => {
      const help = await clab(cmd, '--help');
      expect(help.code).toBe(0);
      expect(help.err).toBe('');
      expect(help.out.split('\n')[0]).toMatch(new RegExp(`^usage: clab ${cmd}\\b`));
      expect(help.out).toContain(anOption[cmd]);
      for (const args of [[cmd, '-h'], [cmd, 'paxos', '--json', '-h'], ['help', cmd]]) {
        const r = await clab(...args);
        expect(r.code).toBe(0);
        expect(r.out).toBe(help.out);
        expect(r.err).toBe('');
      }
    });
  }

  it('--help after `--` is an argument, not a help request', async () => {
    const r = await clab('check', '--', '--help');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown model '--help'");
  });

  it('simulate and sweep say what their exit codes mean', async () => {
    expect((await clab('simulate', '--help')).out).toContain('exit codes: 1 a violation was found; 3 none was found (random walks prove nothing), or the run was stopped');
    expect((await clab('sweep', '--help')).out).toContain('exit codes: 0 every cell holds; 1 some cell is violated; 3 none is violated but some cell is incomplete or was not run');
  });
});

describe('clab --help, help, --version', () => {
  it('--help, -h and help list every command and the exit codes, exit 0', async () => {
    const r = await clab('--help');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('usage: clab <command> [options]');
    for (const cmd of commands) expect(r.out).toMatch(new RegExp(`^  ${cmd} +\\S`, 'm'));
    for (const code of ['0  holds', '1  violation', '2  bad input', '3  incomplete', '4  internal error']) expect(r.out).toContain(`  ${code}: `);
    expect((await clab('-h')).out).toBe(r.out);
    expect((await clab('help')).out).toBe(r.out);
  });

  it('--version, -V and version print the version in package.json, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const r = await clab(flag);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`consensus-lab ${version}`);
      expect(r.err).toBe('');
    }
  });

  it('no command: an error and the usage on stderr, exit 2', async () => {
    const r = await clab();
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe('error: no command given');
    expect(r.err).toContain('usage: clab <command> [options]');
  });

  it('an unknown command, or help for one: exit 2 with the nearest name', async () => {
    for (const args of [['chek'], ['help', 'chek'], ['chek', '--help']]) {
      const r = await clab(...args);
      expect(r.code).toBe(2);
      expect(r.err).toBe("error: unknown command 'chek'\nhint: did you mean 'check'?; clab --help lists them");
    }
    const two = await clab('help', 'check', 'sweep');
    expect(two.code).toBe(2);
    expect(two.err).toBe('error: help takes one command, got 2: check sweep\nhint: e.g. clab help check');
  });
});

describe('clab list', () => {
  it('names each model\'s views with their types, as the README says', async () => {
    const r = await clab('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  views:      acceptors, proposers, ballots, values, quorumSize, owner, maxBal, maxVBal, maxVal, msgs1a, msgs1b, msgs2a, sent2b, votes, chosen, proposed, started');
    expect(r.out).toContain('      chosen: set of int — values accepted by a majority of acceptors in one ballot');
  });

  it('groups the shipped models under their topics, each topic once, in the course\'s order', async () => {
    const r = await clab('list', '--json');
    const rows = JSON.parse(r.out) as { name: string; topic?: string }[];
    const topics = rows.map((x) => x.topic);
    expect(topics.every((t) => typeof t === 'string')).toBe(true);
    const headings = (await clab('list')).out.split('\n').filter((l) => l !== '' && !l.startsWith(' ') && !l.includes(' — '));
    expect(headings).toEqual([...new Set(topics)]);
    expect(headings.slice(0, 3)).toEqual(['Byzantine agreement', 'Impossibility of asynchronous consensus (FLP)', 'Paxos']);
  });

  it('clab list <model> lists that model only; --json has its views', async () => {
    const r = await clab('list', 'twophase', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { name: string; views: { name: string; type: string }[] }[];
    expect(rows.map((x) => x.name)).toEqual(['twophase']);
    expect(rows[0].views.length).toBeGreaterThan(0);
    const spec = await clab('list', 'specs/paxos.spec');
    expect(spec.code).toBe(0);
    expect(spec.out.split('\n')[0]).toMatch(/^paxos — /);
    expect(spec.out).not.toContain('twophase');
  });

  it('clab list with an unknown model or two targets: exit 2', async () => {
    const r = await clab('list', 'nosuch');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe("error: unknown model 'nosuch'");
    const two = await clab('list', 'paxos', 'om');
    expect(two.code).toBe(2);
    expect(two.err.split('\n')[0]).toBe('error: list takes at most one target (a model, model file or spec file), got 2: paxos om');
  });
});
