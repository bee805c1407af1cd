// The files a report becomes: CSV fields (quoted where needed, a leading formula character defused for
// spreadsheets), and Gradescope's results (a hidden check's title and score, never its details).

import { describe, expect, it } from 'vitest';
import { csvField, csvRow, gradescopeResults, studentView } from '../../checker/grade/formats.ts';
import type { GradeReport } from '../../checker/grade/result.ts';

const report: GradeReport = {
  exercise: 'Ex',
  submission: '=cmd|calc',
  sandbox: 'bwrap',
  score: 2,
  maxScore: 5,
  checks: [
    { name: 'a', title: 'Public one', visibility: 'public', points: 2, maxPoints: 2, passed: true, verdict: 'fine', details: ['line'] },
    { name: 'b', title: 'Hidden one', visibility: 'hidden', points: 0, maxPoints: 3, passed: false, verdict: 'IC1 is violated with n = 7', details: ['secret trace'], blocked: ['time limit (CPU 1 s)'] },
  ],
};

describe('report formats', () => {
  it('CSV: commas, quotes and line breaks are quoted; =, +, - and @ at the start are defused', () => {
    expect(['plain', 'a,b', 'say "x"', 'two\nlines', '=SUM(A1)', '+1', '-x', '@x', 3].map(csvField)).toEqual(['plain', '"a,b"', '"say ""x"""', '"two\nlines"', "'=SUM(A1)", "'+1", "'-x", "'@x", '3']);
    expect(csvRow(report.submission, ['a', 'b'], report)).toBe("'=cmd|calc,2,5,2,0,bwrap,");
    expect(csvRow('bob', ['a', 'b'], undefined, 'not a folder')).toBe('bob,0,,,,,not a folder');
  });

  it("Gradescope: visible public checks with their feedback; hidden ones after the due date, result and what was blocked only", () => {
    expect(gradescopeResults(report)).toEqual({
      score: 2,
      output: 'Ex: 2/5 (sandbox: bwrap)',
      tests: [
        { name: 'Public one', score: 2, max_score: 2, output: 'fine\nline', visibility: 'visible' },
        { name: 'Hidden one', score: 0, max_score: 3, output: 'failed (hidden check: details are not shown)\nblocked: time limit (CPU 1 s)', visibility: 'after_due_date' },
      ],
    });
    expect(JSON.stringify(studentView(report))).not.toContain('secret');
    expect(JSON.stringify(studentView(report))).not.toContain('n = 7');
  });
});
