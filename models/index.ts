// The shipped models, in the order `clab list` shows them: the course's order of topics, each model's
// `topic` naming its group.

import type { Model } from '../checker/model.ts';
import contentAddressedDownload from './content-addressed-download.ts';
import coordinatorElection from './coordinator-election.ts';
import fastPaxos from './fast-paxos.ts';
import flp from './flp.ts';
import majorityVoting from './majority-voting.ts';
import multiPaxos from './multi-paxos.ts';
import om from './om.ts';
import paxos from './paxos.ts';
import paxosDuel from './paxos-duel.ts';
import pbft from './pbft.ts';
import sm from './sm.ts';
import tcommit from './tcommit.ts';
import trustedBft from './trusted-bft.ts';
import twophase from './twophase.ts';
import twophaseBlocking from './twophase-blocking.ts';
import voting from './voting.ts';

export const shippedModels: readonly Model[] = [
  om,
  sm,
  flp,
  paxos,
  voting,
  paxosDuel,
  fastPaxos,
  multiPaxos,
  coordinatorElection,
  pbft,
  trustedBft,
  majorityVoting,
  twophase,
  tcommit,
  twophaseBlocking,
  contentAddressedDownload,
];
