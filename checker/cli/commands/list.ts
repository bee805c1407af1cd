// `clab list [model | model.ts | file.spec] [--json]`: the shipped models (or the one named), their
// variants, constants (with defaults and allowed values), views (the typed values spec expressions read)
// and invariants. Views and invariants come from an instance at the default constants.

import { shippedModels } from '../../../models/index.ts';
import { loadPlan } from '../../load/configure.ts';
import { resolveConstants, describeDecl } from '../../load/constants.ts';
import { ExitCode } from '../../errors.ts';
import type { Model } from '../../model.ts';
import { tyStr } from '../../language/types.ts';
import type { Io } from '../io.ts';
import { parseCommand } from '../options.ts';

export const listUsage = `usage: clab list [model | path/to/model.ts | path/to/file.spec] [options]
  (no target)         every shipped model
  --json              print an array of {name, summary, constants, variants, views, invariants}`;

function describe(m: Model) {
  const inst = m.instantiate(resolveConstants(m, {}), undefined);
  return {
    name: m.name,
    summary: m.summary,
    constants: Object.entries(m.constants).map(([name, d]) => ({ name, default: d.default, description: d.description, allowed: describeDecl(d) })),
    variants: Object.entries(m.variants ?? {}).map(([name, description]) => ({ name, description })),
    views: Object.entries(inst.views ?? {}).map(([name, v]) => ({ name, type: tyStr(v.type), ...(v.description ? { description: v.description } : {}) })),
    invariants: Object.entries(inst.invariants).map(([name, i]) => ({ name, description: i.description })),
  };
}

export async function runList(args: readonly string[], io: Io): Promise<number> {
  const { values, target } = parseCommand('list', args, { json: { type: 'boolean' } }, listUsage, 'a model, model file or spec file', true);
  const models = target === '' ? shippedModels : [(await loadPlan(target, io.cwd)).model];
  const rows = models.map(describe);
  if (values.json) {
    io.out(JSON.stringify(rows, null, 2));
    return ExitCode.Holds;
  }
  const c = io.chalk;
  for (const r of rows) {
    io.out(`${c.bold(r.name)} — ${r.summary}`);
    io.out(`  constants:  ${r.constants.map((k) => `${k.name}=${k.default}`).join('  ')}`);
    for (const k of r.constants) io.out(c.dim(`      ${k.name}: ${k.description} (${k.allowed})`));
    io.out(`  views:      ${r.views.length ? r.views.map((v) => v.name).join(', ') : '(none)'}`);
    for (const v of r.views) io.out(c.dim(`      ${v.name}: ${v.type}${v.description ? ` — ${v.description}` : ''}`));
    io.out(`  invariants: ${r.invariants.map((i) => i.name).join(', ')}`);
    for (const i of r.invariants) io.out(c.dim(`      ${i.name}: ${i.description}`));
    if (r.variants.length) {
      io.out(`  variants:   ${r.variants.map((v) => v.name).join(', ')}`);
      for (const v of r.variants) io.out(c.dim(`      ${v.name}: ${v.description}`));
    }
    io.out('');
  }
  return ExitCode.Holds;
}
