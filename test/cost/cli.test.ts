// `clab cost`: a model's report as tables or JSON (exit 0), and bad input as a located error (exit 2).

import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

async function clab(...args: string[]) {
  const io = memoryIo(process.cwd());
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('clab cost', () => {
  it('prints the replicas and the runs of one model', async () => {
    const r = await clab('cost', 'trusted-bft');
    expect(r.code).toBe(0);
    expect(r.out).toContain('| `trusted-bft` | Byzantine, trusted counter | f=1: n=3, f=2: n=5 (2f+1) |');
    expect(r.out).toContain('| `trusted-bft` | one slot | n=3, f=1, reduce=false | 8 to 12 | 3 | 12 | 3 |');
  }, 60_000);

  it('--json gives the figures', async () => {
    const r = await clab('cost', 'twophase', '--json');
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.out);
    expect(report).toMatchObject({ model: 'twophase', scenarios: [{ name: 'commit', failureFree: { fewest: { messages: 6, delays: 2 }, most: { messages: 6, delays: 2 } } }] });
  });

  it('refuses an unknown model and a model without a cost description (exit 2)', async () => {
    const unknown = await clab('cost', 'paxs');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown model 'paxs'");
    expect(unknown.err).toContain("did you mean 'paxos'?");
    const none = await clab('cost', 'voting');
    expect(none.code).toBe(2);
    expect(none.err).toContain("model 'voting' has no cost description");
    expect((await clab('cost', 'om', 'sm')).code).toBe(2);
  });
});
