// The `spec-invariant` check: the submission's .spec file is data, parsed here (never loaded as code: its
// `model` item is answered with the exercise's model, whatever it names). Its invariants must be violated
// on the buggy model and hold on the correct one, with the exercise's constants, so that an invariant that
// is always true (vacuous) or always false earns nothing.

import { join } from 'node:path';
import { configure, type Configured } from '../../load/configure.ts';
import type { CheckPlan } from '../../load/plan.ts';
import { compileSpec, loadSpecFile } from '../../language/plan.ts';
import { constArgs, instructorPlan } from '../instructor.ts';
import type { SpecInvariantCheck } from '../manifest.ts';
import { errorLines } from '../plain.ts';
import { fail, pass, type Outcome } from '../result.ts';
import { searchFor, verdictText, violationLines } from '../search-verdict.ts';

/** The student's spec compiled for one side (buggy or correct): the exercise's model, variant and constants. */
async function studentConfig(check: SpecInvariantCheck, side: { model: string; variant: string | null }, file: string): Promise<Configured> {
  const model = (await instructorPlan({ model: side.model })).model;
  const loaded = await loadSpecFile(file, process.cwd(), { given: model });
  const plan: CheckPlan = { model, modelRef: model.name, constants: {}, spec: loaded.file, properties: (inst, cs) => compileSpec(loaded, inst, cs).properties };
  return configure(plan, constArgs(check.constants), side.variant ?? undefined, check.invariant ? [check.invariant] : []);
}

export async function specInvariantCheck(check: SpecInvariantCheck, submission: string, timeLimit: number): Promise<Outcome> {
  const file = join(submission, check.file);
  let buggy: Configured;
  let correct: Configured;
  try {
    buggy = await studentConfig(check, check.buggy, file);
    correct = await studentConfig(check, check.correct, file);
  } catch (e) {
    return fail(`${check.file} cannot be checked`, errorLines(e, submission));
  }
  if (buggy.properties.invariants.length === 0) return fail(`${check.file} states no invariant`);
  const onBuggy = await searchFor(buggy, check.maxStates, timeLimit);
  const onCorrect = await searchFor(correct, check.maxStates, timeLimit);
  const buggyText = `on the buggy model: ${verdictText(onBuggy, check.maxStates)}`;
  const correctText = `on the correct model: ${verdictText(onCorrect, check.maxStates)}`;
  if (onCorrect.result !== 'holds') {
    return fail(`your invariant does not hold on the correct model (${verdictText(onCorrect, check.maxStates)})`, [buggyText, correctText, ...(onCorrect.violation ? ['a trace of the correct model that breaks it:', ...violationLines(correct, onCorrect)] : [])]);
  }
  if (onBuggy.result !== 'violation') return fail(`your invariant does not catch the bug (${verdictText(onBuggy, check.maxStates)})`, [buggyText, correctText]);
  return pass(`caught: ${onBuggy.violation!.invariant} is violated on the buggy model after ${onBuggy.violation!.path.length - 1} steps and holds on the correct one`);
}
