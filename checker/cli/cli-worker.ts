// The thread in which a clab command runs, with the user's model code, under the supervisor's watch
// (supervisor.ts). Its output goes to the supervisor line by line; the search reads stop requests from
// the shared stop word and publishes its figures into shared memory, so the supervisor can report them
// even if the model never returns. A model that calls process.exit() gets a located error instead of
// ending the command without a report.

import { Chalk } from 'chalk';
import { parentPort, workerData } from 'node:worker_threads';
import { ModelError } from '../errors.ts';
import { attachStopWord } from '../search/interrupt.ts';
import { modelFrame } from '../search/bfs.ts';
import type { Io } from './io.ts';
import { main } from './main.ts';
import type { WorkerData, FromCli } from './supervisor.ts';

const data = workerData as WorkerData;
const port = parentPort!;
const post = (m: FromCli) => port.postMessage(m);

attachStopWord(new Int32Array(data.stop));
const figures = new Float64Array(data.figures);

// process.exit() in a worker thread would end this thread only, silently: make it an error that says where.
process.exit = ((code?: number) => {
  const e = new Error('process.exit');
  throw new ModelError(`the model called process.exit(${code ?? ''}), which a model may not do`, modelFrame(e) ?? 'a model returns its answers; the checker decides how the command ends');
}) as typeof process.exit;

const io: Io = {
  out: (line) => post({ type: 'out', line }),
  err: (line) => post({ type: 'err', line }),
  progress: (line) => post({ type: 'progress', line }),
  stderrIsTTY: data.stderrIsTTY,
  chalk: new Chalk({ level: data.colour }),
  cwd: process.cwd(),
  watch: {
    started: (header) => post({ type: 'started', header }),
    progress(p) {
      figures[0] = p.distinctStates;
      figures[1] = p.statesGenerated;
      figures[2] = p.depth;
      figures[3] = p.seconds;
    },
    finished: () => post({ type: 'finished' }),
  },
};

const code = await main(data.argv, io);
post({ type: 'done', code });
