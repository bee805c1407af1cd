// The shipped models' cost descriptions, in the order `clab cost` reports them (the models' order in
// models/index.ts). A model without one is listed by `clab cost` as not measured.

import type { ModelCost } from '../../checker/index.ts';
import { fastPaxosCost } from './fast-paxos.ts';
import { multiPaxosCost } from './multi-paxos.ts';
import { omCost } from './om.ts';
import { paxosCost } from './paxos.ts';
import { paxosDuelCost } from './paxos-duel.ts';
import { pbftCost } from './pbft.ts';
import { trustedBftCost } from './trusted-bft.ts';
import { twoPhaseCost } from './twophase.ts';

export const modelCosts: readonly ModelCost[] = [omCost, paxosCost, fastPaxosCost, multiPaxosCost, paxosDuelCost, pbftCost, trustedBftCost, twoPhaseCost];
