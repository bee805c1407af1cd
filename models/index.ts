// The shipped models, in the order `clab list` shows them.

import type { Model } from '../checker/model.ts';
import paxos from './paxos.ts';
import tcommit from './tcommit.ts';
import twophase from './twophase.ts';

export const shippedModels: readonly Model[] = [paxos, twophase, tcommit];
