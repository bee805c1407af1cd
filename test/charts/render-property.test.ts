// Property: every trace the checker can save renders without error in every form (step list, table, full,
// SVG, HTML) and survives the ITF round trip. Traces are random walks on the shipped models (default
// constants, every variant), turned into trace files exactly as `clab check` does (buildTraceFile).

import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configure, loadPlan, type Configured } from '../../checker/load/configure.ts';
import { buildTraceFile } from '../../checker/trace/run-trace.ts';
import type { PathStep } from '../../checker/search/types.ts';
import { buildChart } from '../../checker/charts/chart.ts';
import { renderHtml } from '../../checker/charts/html.ts';
import { renderSvg } from '../../checker/charts/svg.ts';
import { formatTrace } from '../../checker/trace/format.ts';
import { formatFull } from '../../checker/trace/full.ts';
import { fromItf, toItf } from '../../checker/trace/itf.ts';
import { fromTraceFile } from '../../checker/trace/shown-trace.ts';
import { formatTable } from '../../checker/trace/table.ts';
import { shippedModels } from '../../models/index.ts';

const plain = new Chalk({ level: 0 });

async function configurations(): Promise<Configured[]> {
  const out: Configured[] = [];
  for (const m of shippedModels) {
    const plan = await loadPlan(m.name, process.cwd());
    for (const variant of [undefined, ...Object.keys(m.variants ?? {})]) out.push(configure(plan, [], variant, []));
  }
  return out;
}

function walk(cfg: Configured, choices: readonly number[]): PathStep<unknown>[] {
  const inits = cfg.instance.init();
  const path: PathStep<unknown>[] = [{ action: null, state: inits[choices[0] % inits.length] }];
  for (const c of choices.slice(1)) {
    const succ = cfg.instance.next(path[path.length - 1].state);
    if (succ.length === 0) break;
    path.push(succ[c % succ.length]);
  }
  return path;
}

describe('every saved trace renders', async () => {
  const cfgs = await configurations();
  it(`random walks on ${cfgs.length} model configurations`, () => {
    fc.assert(
      fc.property(
        fc.nat(cfgs.length - 1),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }),
        fc.option(fc.nat(40), { nil: undefined }),
        fc.integer({ min: 40, max: 160 }),
        (k, choices, loop, width) => {
          const cfg = cfgs[k];
          const path = walk(cfg, choices);
          const file = buildTraceFile(cfg, cfg.properties.invariants[0]?.name ?? 'none', 'invariant', path, process.cwd());
          const trace = { ...fromTraceFile(file), ...(loop !== undefined && loop < path.length ? { loopStart: loop } : {}) };
          for (const l of formatTrace(trace.steps, plain, { width })) expect(l.length).toBeLessThanOrEqual(width);
          for (const l of formatTable(trace.steps, plain, { width, loopStart: trace.loopStart })) expect(typeof l).toBe('string');
          for (const l of formatFull(trace.steps, plain, { width, loopStart: trace.loopStart })) expect(l.length).toBeLessThanOrEqual(width);
          expect(renderSvg(buildChart(trace))).toMatch(/^<svg [^]*<\/svg>\n$/);
          expect(renderHtml(trace)).toContain(`id="clab-row-${path.length - 1}"`);
          const back = fromItf(JSON.parse(JSON.stringify(toItf(trace))), 'itf');
          expect(back).toEqual(trace);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
