// `clab list [model | model.ts | file.spec] [--json]`: the shipped models (or the one named), their
// variants, constants (with defaults and allowed values), views (the typed values spec expressions read)
// and invariants, sorts and temporal properties. A model file is listed like a shipped model (after its
// type check). Views, sorts and properties come from an instance at the default constants.

import { shippedModels } from '../../../models/index.ts';
import { loadPlan } from '../../load/configure.ts';
import { resolveConstants, describeDecl } from '../../load/constants.ts';
import { ExitCode } from '../../errors.ts';
import { instantiateChecked } from '../../load/model-checks.ts';
import type { Model } from '../../model.ts';
import { tyStr } from '../../language/types.ts';
import type { Io } from '../io.ts';
import { loadOptions, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';
import { typecheckLine } from '../report.ts';

export const listUsage = `usage: clab list [model | path/to/model.ts | path/to/file.spec] [options]
  (no target)         every shipped model
  --json              print an array of {name, summary, topic, constants, variants, views, sorts, invariants, temporal}
${typecheckUsage}`;

function describe(m: Model) {
  // The instance at the default constants, checked as a check would (a broken model file is a located error).
  const inst = instantiateChecked(m, resolveConstants(m, {}), undefined);
  return {
    name: m.name,
    summary: m.summary,
    ...(m.topic !== undefined ? { topic: m.topic } : {}),
    constants: Object.entries(m.constants).map(([name, d]) => ({
      name,
      kind: d.kind,
      default: d.default,
      ...(d.kind === 'int' && d.min !== undefined ? { min: d.min } : {}),
      ...(d.kind === 'int' && d.max !== undefined ? { max: d.max } : {}),
      ...(d.kind === 'enum' ? { values: d.values } : {}),
      description: d.description,
      allowed: describeDecl(d),
    })),
    variants: Object.entries(m.variants ?? {}).map(([name, description]) => ({ name, description })),
    views: Object.entries(inst.views ?? {}).map(([name, v]) => ({ name, type: tyStr(v.type), ...(v.description ? { description: v.description } : {}) })),
    sorts: Object.entries(inst.sorts ?? {}).map(([name, members]) => ({ name, members: [...members] })),
    invariants: Object.entries(inst.invariants).map(([name, i]) => ({ name, description: i.description })),
    temporal: (inst.temporal ?? []).map((t) => ({ name: t.name, kind: t.kind, ...(t.description ? { description: t.description } : {}) })),
  };
}

/** Rows regrouped so that models of one topic are together, topics in order of first appearance, untopical last. */
function groupByTopic<R extends { topic?: string }>(rows: readonly R[]): R[] {
  const order = [...new Set(rows.map((r) => r.topic))].sort((a, b) => (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0));
  return order.flatMap((t) => rows.filter((r) => r.topic === t));
}

export async function runList(args: readonly string[], io: Io): Promise<number> {
  const { values, target } = parseCommand('list', args, { json: { type: 'boolean' }, ...typecheckOption }, listUsage, 'a model, model file or spec file', true);
  const plan = target === '' ? undefined : await loadPlan(target, io.cwd, loadOptions(values));
  const tc = plan?.typecheck;
  const rows = (plan ? [plan.model] : shippedModels).map(describe).map((r) => (tc ? { ...r, typecheck: { seconds: Math.round(tc.seconds * 1000) / 1000, config: tc.config } } : r));
  if (values.json) {
    io.out(JSON.stringify(rows, null, 2));
    return ExitCode.Holds;
  }
  const c = io.chalk;
  // Listing every model: grouped under their topics, in the order topics first appear.
  const grouped = plan ? rows : groupByTopic(rows);
  let topic: string | undefined;
  for (const r of grouped) {
    if (!plan && r.topic !== topic) {
      topic = r.topic;
      io.out(c.underline(topic ?? 'Other'));
      io.out('');
    }
    io.out(`${c.bold(r.name)} — ${r.summary}`);
    if (tc) io.out(`  ${typecheckLine(tc)}`);
    io.out(`  constants:  ${r.constants.map((k) => `${k.name}=${k.default}`).join('  ') || '(none)'}`);
    for (const k of r.constants) io.out(c.dim(`      ${k.name}: ${k.description} (${k.kind}, ${k.allowed})`));
    io.out(`  views:      ${r.views.length ? r.views.map((v) => v.name).join(', ') : '(none)'}`);
    for (const v of r.views) io.out(c.dim(`      ${v.name}: ${v.type}${v.description ? ` — ${v.description}` : ''}`));
    if (r.sorts.length) {
      io.out(`  sorts:      ${r.sorts.map((x) => x.name).join(', ')}`);
      for (const x of r.sorts) io.out(c.dim(`      ${x.name}: ${x.members.join(', ')}`));
    }
    io.out(`  invariants: ${r.invariants.map((i) => i.name).join(', ') || '(none)'}`);
    for (const i of r.invariants) io.out(c.dim(`      ${i.name}: ${i.description}`));
    if (r.temporal.length) {
      io.out(`  temporal:   ${r.temporal.map((t) => t.name).join(', ')}`);
      for (const t of r.temporal) io.out(c.dim(`      ${t.name}: ${t.kind}${t.description ? ` — ${t.description}` : ''}`));
    }
    if (r.variants.length) {
      io.out(`  variants:   ${r.variants.map((v) => v.name).join(', ')}`);
      for (const v of r.variants) io.out(c.dim(`      ${v.name}: ${v.description}`));
    }
    io.out('');
  }
  return ExitCode.Holds;
}
