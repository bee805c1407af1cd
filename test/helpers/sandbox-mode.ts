// The sandbox flags for tests that grade trusted submissions (reference solutions, starter files) with
// model-check checks: none where bubblewrap works (the grader's default), else --no-sandbox, so that
// these tests run on machines without user namespaces too. The malicious-submission tests
// (test/grade/sandbox.test.ts) never use it: they need the sandbox, and skip without it.

import { bwrapWorks } from '../../checker/grade/sandbox/detect.ts';

export const trustedSandboxArgs = (): string[] => (bwrapWorks().ok ? [] : ['--no-sandbox']);
export const trustedSandboxMode = (): string => (bwrapWorks().ok ? 'bwrap' : 'no-sandbox');
