// The `model-check` check: the submission's model runs in the sandbox (checker/grade/sandbox/).
import type { ModelCheckCheck } from '../manifest.ts';
import { fail, type Outcome } from '../result.ts';
import type { SandboxOptions } from '../sandbox/options.ts';

export async function modelCheck(check: ModelCheckCheck, _submission: string, _sandbox: SandboxOptions): Promise<Outcome> {
  return fail(`model-check of ${check.file}: not available in this version of the grader`);
}
