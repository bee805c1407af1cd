// `clab list`: the shipped models, their variants, constants (with defaults) and invariants.

import { shippedModels } from '../../../models/index.ts';
import { resolveConstants, describeDecl } from '../../constants.ts';
import { ExitCode } from '../../errors.ts';
import type { Io } from '../io.ts';
import { parseCommand } from '../options.ts';

export async function runList(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommand('list', args, { json: { type: 'boolean' } }, 'usage: clab list [--json]');
  const rows = shippedModels.map((m) => {
    const inst = m.instantiate(resolveConstants(m, {}), undefined);
    return {
      name: m.name,
      summary: m.summary,
      constants: Object.entries(m.constants).map(([name, d]) => ({ name, default: d.default, description: d.description, allowed: describeDecl(d) })),
      variants: Object.entries(m.variants ?? {}).map(([name, description]) => ({ name, description })),
      invariants: Object.entries(inst.invariants).map(([name, i]) => ({ name, description: i.description })),
    };
  });
  if (values.json) {
    io.out(JSON.stringify(rows, null, 2));
    return ExitCode.Holds;
  }
  const c = io.chalk;
  for (const r of rows) {
    io.out(`${c.bold(r.name)} — ${r.summary}`);
    io.out(`  constants:  ${r.constants.map((k) => `${k.name}=${k.default}`).join('  ')}`);
    for (const k of r.constants) io.out(c.dim(`      ${k.name}: ${k.description} (${k.allowed})`));
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
