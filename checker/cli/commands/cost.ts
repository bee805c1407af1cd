// `clab cost [model] [--json]`: the cost of fault tolerance, measured on the shipped models that describe
// their messages (models/cost/): replicas needed per fault bound (a threshold search over the replicas),
// messages up to the first decision (per recipient) and message delays on the critical path, in the
// failure-free run and in the worst case within the fault bound. Computed now from the models' runs,
// without symmetry or other reductions.

import { modelCosts } from '../../../models/cost/index.ts';
import { shippedModels } from '../../../models/index.ts';
import { ClabError, ExitCode, suggest } from '../../errors.ts';
import { costTables } from '../../cost/format.ts';
import { costReport } from '../../cost/report.ts';
import type { Io } from '../io.ts';
import { parseCommand } from '../options.ts';

export const costUsage = `usage: clab cost [model] [--json]
  (no model)          every shipped model that describes its messages
  --json              print an array of reports (replicas, and per run the failure-free and worst-case figures)`;

export async function runCost(args: readonly string[], io: Io): Promise<number> {
  const { values, target } = parseCommand('cost', args, { json: { type: 'boolean' } }, costUsage, 'a shipped model', true);
  let chosen = modelCosts;
  if (target !== '') {
    chosen = modelCosts.filter((c) => c.model.name === target);
    if (chosen.length === 0) {
      const shipped = shippedModels.some((m) => m.name === target);
      if (shipped) throw new ClabError(`model '${target}' has no cost description (models/cost/)`, `clab cost measures ${modelCosts.map((c) => c.model.name).join(', ')}`);
      throw new ClabError(`unknown model '${target}'`, suggest(target, modelCosts.map((c) => c.model.name), 'models'));
    }
  }
  const reports = [];
  for (const c of chosen) reports.push(await costReport(c));
  if (values.json) io.out(JSON.stringify(reports));
  else io.out(costTables(reports));
  return ExitCode.Holds;
}
