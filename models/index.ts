// The shipped models, in the order `clab list` shows them.

import type { Model } from '../checker/model.ts';
import twophase from './twophase.ts';

export const shippedModels: readonly Model[] = [twophase];
