// The `answer` check: a value in the submission's JSON answers file, compared with one the grader computes
// from the instructor's model: the threshold of a sweep (the smallest value of a constant for which every
// invariant holds on the whole state graph), a bivalent initial configuration (FLP's Lemma 2, by the
// valence analysis), or a fixed value. Computed values are cached per exercise check, so a batch computes
// each once.

import { join } from 'node:path';
import { readBounded } from '../../bounded-read.ts';
import { ClabError } from '../../errors.ts';
import { analyseValence } from '../../liveness/valence.ts';
import { showState } from '../../trace/show.ts';
import { canonicalJson } from '../../trace/trace-file.ts';
import { formatValue } from '../../trace/format.ts';
import { configureFor, instructorPlan } from '../instructor.ts';
import type { AnswerCheck, Compute } from '../manifest.ts';
import { fail, pass, type Outcome } from '../result.ts';
import { searchFor, verdictText } from '../search-verdict.ts';

/** The largest answers file read. */
export const MAX_ANSWER_BYTES = 64 * 1024;

type Threshold = { readonly value: number | null; readonly verdicts: ReadonlyMap<number, string> };
type Bivalent = { readonly initial: ReadonlySet<string>; readonly bivalent: ReadonlySet<string>; readonly labels: ReadonlyMap<string, string> };

const computed = new Map<string, Promise<Threshold | Bivalent>>();

function cached<T extends Threshold | Bivalent>(c: Compute, f: () => Promise<T>): Promise<T> {
  const key = canonicalJson(c);
  let p = computed.get(key);
  if (!p) {
    p = f();
    computed.set(key, p);
    p.catch(() => computed.delete(key));
  }
  return p as Promise<T>;
}

async function threshold(c: Extract<Compute, { kind: 'threshold' }>): Promise<Threshold> {
  const plan = await instructorPlan(c);
  const verdicts = new Map<number, string>();
  for (let v = c.from; v <= c.to; v++) {
    const cfg = configureFor(plan, { ...c.constants, [c.param]: v }, c.variant, c.invariants ?? []);
    const r = await searchFor(cfg, c.maxStates);
    verdicts.set(v, verdictText(r, c.maxStates));
    if (r.result === 'incomplete') throw new ClabError(`the grader could not decide ${c.param} = ${v}: ${verdictText(r, c.maxStates)}`, "raise the check's maxStates");
    if (r.result === 'holds') return { value: v, verdicts };
  }
  return { value: null, verdicts };
}

async function bivalent(c: Extract<Compute, { kind: 'bivalent' }>): Promise<Bivalent> {
  const cfg = configureFor(await instructorPlan(c), c.constants, c.variant);
  const r = analyseValence(cfg.instance, { maxStates: c.maxStates });
  const key = (s: unknown) => canonicalJson(showState(cfg.instance, s));
  const inits = cfg.instance.init();
  const labels = new Map(inits.map((s) => [key(s), `${r.valenceOf(s)}`]));
  return { initial: new Set(inits.map(key)), bivalent: new Set(r.bivalentInitial.map(key)), labels };
}

/** The answers file's value at `field` (a dotted path through objects), or why there is none. */
function answerAt(file: string, shown: string, field: string): { value: unknown } | { error: string } {
  const read = readBounded(file, MAX_ANSWER_BYTES);
  if (!('bytes' in read)) return { error: read.refused === 'missing' ? `missing file ${shown}` : read.refused === 'too-large' ? `${shown} is larger than ${MAX_ANSWER_BYTES} bytes` : `cannot read ${shown}` };
  let data: unknown;
  try {
    data = JSON.parse(read.bytes.toString('utf8'));
  } catch (e) {
    return { error: `${shown} is not valid JSON: ${(e as Error).message}` };
  }
  let v = data;
  for (const k of field.split('.')) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, k)) return { error: `${shown} has no field '${field}'` };
    v = (v as Record<string, unknown>)[k];
  }
  return { value: v };
}

export async function answerCheck(check: AnswerCheck, submission: string): Promise<Outcome> {
  const got = answerAt(join(submission, check.file), check.file, check.field);
  if ('error' in got) return fail(got.error);
  const answer = got.value;
  const shown = formatValue(answer);
  const c = check.compute;
  switch (c.kind) {
    case 'equals':
      return canonicalJson(answer) === canonicalJson(c.value) ? pass(`${check.field} = ${shown} is right`) : fail(`${check.field} = ${shown} is not the expected answer`);
    case 'threshold': {
      const t = await cached(c, () => threshold(c));
      if (answer === t.value) return pass(`${c.param} = ${shown} is the smallest value in ${c.from}..${c.to} for which every invariant holds`);
      if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < c.from || answer > c.to) return fail(`${check.field} = ${shown} is not ${t.value === null ? 'null' : `an integer in ${c.from}..${c.to}`}`);
      if (t.value === null || answer < t.value) return fail(`${c.param} = ${shown} is not safe: ${t.verdicts.get(answer)}`);
      return fail(`${c.param} = ${shown} is safe, but it is not the smallest such value`);
    }
    case 'bivalent': {
      const b = await cached(c, () => bivalent(c));
      const key = canonicalJson(answer);
      if (!b.initial.has(key)) return fail(`${check.field} is not an initial configuration of the model`, [`your answer: ${shown}`]);
      if (!b.bivalent.has(key)) return fail(`${check.field} is an initial configuration, but it is not bivalent: the decisions reachable from it are ${decisions(Number(b.labels.get(key)))}`);
      return pass(`${check.field} is a bivalent initial configuration: both decisions stay reachable from it`);
    }
  }
}

function decisions(mask: number): string {
  const out: number[] = [];
  for (let i = 0; i < 31; i++) if ((mask >>> i) & 1) out.push(i);
  return out.length === 0 ? 'none' : `{${out.join(', ')}}`;
}
