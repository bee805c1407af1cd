// A stop request (Ctrl-C through the supervisor) during the liveness and valence graph construction: the
// graph stops growing but every state found is still expanded, so the graph is a sound cut (truncated,
// `stopped` says why) and the commands report "incomplete", never a verdict on a part of the graph.

import { afterEach, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { clearStop, requestStop } from '../../checker/search/interrupt.ts';
import { buildGraph } from '../../checker/liveness/graph.ts';
import stopper from '../fixtures/stop-model.ts';

afterEach(() => clearStop());

it('an endless model whose next() asks to stop at n = 100: the graph ends, truncated, every state expanded', () => {
  const inst = stopper.instantiate(resolveConstants(stopper, { stopAt: 100 }));
  const g = buildGraph(inst);
  expect(g.stopped).toBe('interrupted');
  expect(g.truncated).toBe(true);
  // States 0..k are found in order; the request is read every 1,024 expansions, at the first after n = 100.
  expect(g.size).toBe(1025);
  expect(g.offsets[g.size]).toBe(g.edgeCount);
});

it('clab valence, interrupted: exit 3 and says so, with nothing reported for the part built', async () => {
  requestStop('interrupted');
  const io = memoryIo();
  expect(await main(['valence', 'flp'], io)).toBe(3);
  expect(io.stderr[0]).toMatch(/^error: valence analysis interrupted after \d+ configurations$/);
  expect(io.stdout).toEqual([]);
});
