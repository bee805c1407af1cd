// Placeholder until the spec language lands: a .spec target is refused with a clear error.
import { ClabError } from '../errors.ts';
import type { CheckPlan } from '../plan.ts';

export async function loadSpecPlan(file: string, _cwd: string): Promise<CheckPlan> {
  throw new ClabError(`${file}: .spec files are not supported by this version of clab`, 'name a model instead, e.g. clab check paxos');
}
