// `clab valence <model | model.ts | spec.spec> [--json] [--const k=v] [--variant V] [--max-states N]`:
// FLP valence analysis of a consensus model with a `decision` view — how many reachable configurations are
// 0-valent, 1-valent, bivalent or decide nothing, the bivalent initial configurations (Lemma 2), and from
// the first of them, for each enabled step e, an extension after which e leads to a bivalent one (Lemma 3).

import { ClabError, ExitCode } from '../../errors.ts';
import { analyseValence, valenceLabel } from '../../liveness/valence.ts';
import { formatAction, formatTrace } from '../../trace/format.ts';
import { showState } from '../../trace/show.ts';
import type { Io } from '../io.ts';
import { intOption, loadOptions, parseCommand, typecheckOption, typecheckUsage } from '../options.ts';
import { configure, loadPlan } from '../../load/configure.ts';
import { watchHeader } from '../report.ts';

export const valenceUsage = `usage: clab valence <model | path/to/model.ts | path/to/file.spec> [options]
  --variant V       analyse a named variant
  --const k=v       set a constant (repeatable)
  --max-states N    refuse graphs larger than N states (default 2,000,000)
  --json            print one JSON object
${typecheckUsage}`;

export async function runValence(args: readonly string[], io: Io): Promise<number> {
  const { values: v, target } = parseCommand('valence', args, { variant: { type: 'string' }, const: { type: 'string', multiple: true }, 'max-states': { type: 'string' }, json: { type: 'boolean' }, ...typecheckOption }, valenceUsage, 'a model, model file or spec file');
  const plan = await loadPlan(target, io.cwd, loadOptions(v));
  const cfg = configure(plan, v.const ?? [], v.variant, []);
  io.watch?.started(watchHeader(cfg, io, v.json ?? false, undefined));
  const r = analyseValence(cfg.instance, { maxStates: intOption('--max-states', v['max-states'], 1) ?? 2_000_000 });
  io.watch?.finished();
  const shown = (s: unknown) => showState(cfg.instance, s);
  if (v.json) {
    io.out(
      JSON.stringify({
        model: cfg.plan.model.name,
        variant: cfg.variant ?? null,
        constants: cfg.constants,
        distinctStates: r.distinctStates,
        valence: { zero: r.valence.zero, one: r.valence.one, bivalent: r.valence.bivalent, none: r.valence.none, ...(r.valence.other ? { other: r.valence.other } : {}) },
        initialStates: r.initial,
        bivalentInitial: r.bivalentInitial.length,
        bivalentInitialStates: r.bivalentInitial.map(shown),
        lemma3: r.lemma3.map((l) => ({ event: formatAction(l.event), found: Boolean(l.found), ...(l.found ? { length: l.found.steps.length - 1 } : {}) })),
        seconds: Math.round(r.seconds * 1000) / 1000,
      }),
    );
    return ExitCode.Holds;
  }
  const c = io.chalk;
  const n = (x: number) => x.toLocaleString('en-US');
  io.out(`${c.bold(cfg.plan.model.name)}${cfg.variant ? ` (variant ${cfg.variant})` : ''}  ${Object.entries(cfg.constants).map(([k, x]) => `${k}=${x}`).join(' ')}`);
  io.out(`${n(r.distinctStates)} reachable configurations: ${n(r.valence.zero)} 0-valent, ${n(r.valence.one)} 1-valent, ${n(r.valence.bivalent)} bivalent, ${n(r.valence.none)} with no decision reachable${r.valence.other ? `, ${n(r.valence.other)} other` : ''}`);
  io.out('');
  if (r.bivalentInitial.length === 0) io.out(`No initial configuration is bivalent (of ${r.initial}).`);
  else {
    io.out(c.bold(`Bivalent initial configurations (FLP Lemma 2): ${r.bivalentInitial.length} of ${r.initial}`));
    for (const s of r.bivalentInitial) io.out(`  ${Object.entries(shown(s)).map(([k, x]) => `${k}: ${JSON.stringify(x)}`).join('  ')}`);
    io.out('');
    io.out(c.bold('Lemma 3 from the first: for a step e enabled there, an extension not taking e after which e leads to a bivalent configuration:'));
    for (const l of r.lemma3) io.out(`  ${formatAction(l.event)}: ${l.found ? `yes, after ${l.found.steps.length - 2} other step(s)` : c.yellow('no such extension (every e-successor is univalent)')}`);
    const ex = r.lemma3.find((l) => l.found && l.found.steps.length > 2) ?? r.lemma3.find((l) => l.found);
    if (ex?.found) {
      io.out('');
      io.out(`For e = ${c.cyan(formatAction(ex.event))}:`);
      const steps = ex.found.steps.map((st) => ({ action: st.action, state: shown(st.state) }));
      for (const l of formatTrace(steps, c)) io.out(l.startsWith('Step') || /Step \d+/.test(l) ? `${l}  ${c.magenta(`[${valenceLabel(r.valenceOf(ex.found.steps[Number(/Step (\d+)/.exec(l)![1])].state))}]`)}` : l);
    }
  }
  return ExitCode.Holds;
}
