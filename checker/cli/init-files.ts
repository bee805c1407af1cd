// The files `clab init DIR` writes: a model folder of a user's own that installs consensus-lab, type-checks,
// checks and tests a small model. The model is a real one (a lock around a critical section, with a buggy
// variant) so that every command the folder's README shows has an answer worth reading; the figures in its
// test are the checker's. Kept here as text, not as files read at run time, so the command works the same
// from a checkout and from an installed package.

import { DEFAULT_TRACE_DIR } from '../trace/trace-file.ts';

export interface InitVersions {
  /** consensus-lab's version, pinned exactly: the folder's figures are this version's. */
  readonly clab: string;
  /** vitest's, as consensus-lab's own tests use it. */
  readonly vitest: string;
  /** Node's types, as consensus-lab declares them (a model may log, read files, ...). */
  readonly typesNode: string;
}

/** A package name made from the folder's name (lower case, letters, digits, `-`, `.`, `_`). */
export function packageName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return name === '' ? 'my-model' : name.slice(0, 214);
}

const MODEL = `// A model of a protocol, checked by consensus-lab: processes share a lock around a critical section.
// The state is plain data; next() lists every step any process can take, each labelled; the checker
// explores every interleaving and checks the invariant in every reachable state. Replace it with yours.
import { defineModel } from 'consensus-lab';

/** Where each process is: outside, waiting for the lock, past the lock check (the buggy variant), inside. */
type Pc = 'idle' | 'trying' | 'checked' | 'critical';

export interface State {
  readonly pcs: readonly Pc[];
  readonly locked: boolean;
}

export default defineModel<State>({
  name: 'mutex',
  summary: 'processes take a shared lock around a critical section',
  constants: {
    procs: { kind: 'int', default: 3, min: 1, max: 8, description: 'number of processes' },
  },
  variants: {
    'check-then-lock': 'a process sees the lock free and takes it in a later step, so two can get in',
  },
  instantiate(c, variant) {
    const n = c.procs as number;
    const racy = variant === 'check-then-lock';
    /** The processes' states with process i's replaced. */
    const move = (s: State, i: number, pc: Pc) => s.pcs.map((p, j) => (j === i ? pc : p));
    const inside = (s: State) => s.pcs.filter((pc) => pc === 'critical').length;
    return {
      init: () => [{ pcs: Array.from({ length: n }, (): Pc => 'idle'), locked: false }],
      next(s) {
        return s.pcs.flatMap((pc, i) => {
          const actor = \`p\${i + 1}\`;
          if (pc === 'idle') return [{ action: { actor, kind: 'tries' }, state: { ...s, pcs: move(s, i, 'trying') } }];
          if (pc === 'trying' && !s.locked && racy) return [{ action: { actor, kind: 'sees the lock free' }, state: { ...s, pcs: move(s, i, 'checked') } }];
          if ((pc === 'trying' && !s.locked) || pc === 'checked') return [{ action: { actor, kind: 'locks' }, state: { pcs: move(s, i, 'critical'), locked: true } }];
          if (pc === 'critical') return [{ action: { actor, kind: 'unlocks' }, state: { pcs: move(s, i, 'idle'), locked: false } }];
          return [];
        });
      },
      invariants: {
        mutualExclusion: { description: 'at most one process is in its critical section', holds: (s) => inside(s) <= 1 },
      },
      // Named values that a .spec file's expressions read (see model.spec).
      views: {
        inside: { type: { kind: 'int' }, description: 'processes in their critical section', get: inside },
      },
    };
  },
});
`;

const SPEC = `// What to check about model.ts (\`npx clab check model.spec\`): its constants, then properties written
// over the model's views.
spec mutex
model ./model.ts

const procs = 3

invariant atMostOneInside: inside <= 1

// Not vacuous: some process does get in.
sometimes someoneInside: inside = 1
`;

const TEST = `// Tests of model.ts with consensus-lab's test helpers (\`npm test\`). The figures are exact, so that a change
// in the model's behaviour shows up as a failed test rather than as a different verdict nobody reads.
import { checkModel } from 'consensus-lab/testing';
import { describe, expect, it } from 'vitest';
import model from './model.ts';

describe('mutex', () => {
  it('keeps mutual exclusion with 3 processes: 20 states, depth 5', async () => {
    expect(await checkModel(model)).toMatchObject({ verdict: 'holds', states: 20, depth: 5 });
  });

  it('check-then-lock lets two processes in after 6 steps', async () => {
    const r = await checkModel(model, { variant: 'check-then-lock' });
    expect(r).toMatchObject({ verdict: 'violation', violated: 'mutualExclusion', traceLength: 6 });
    expect(r.actions).toEqual(['p1 tries', 'p1 sees the lock free', 'p2 tries', 'p2 sees the lock free', 'p1 locks', 'p2 locks']);
  });

  it('model.spec holds on the same 20 states', async () => {
    // The spec's path is relative to the folder npm test runs in.
    expect(await checkModel(model, { spec: 'model.spec' })).toMatchObject({ verdict: 'holds', states: 20 });
  });
});
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    lib: ['ES2023'],
  },
  include: ['**/*.ts'],
};

function readme(name: string): string {
  return `# ${name}

A protocol model checked with [consensus-lab](https://www.npmjs.com/package/consensus-lab).

| file | holds |
|---|---|
| \`model.ts\` | the model: state, steps, invariant, a buggy variant |
| \`model.spec\` | properties about it in clab's spec language |
| \`model.test.ts\` | its tests (exact state counts, verdicts, trace lengths) |

\`\`\`sh
npm install
npx tsc                                          # type-check
npx clab check model.ts                          # holds: 20 states
npx clab check model.ts --variant check-then-lock   # violated after 6 steps; the trace is saved
npx clab replay ${DEFAULT_TRACE_DIR}/model-check-then-lock-mutualExclusion.json --model model.ts
npx clab check model.spec
npm test
\`\`\`

\`npx clab --help\` lists every command; \`npx clab list model.ts\` the model's constants and variants.
Counterexamples go to \`${DEFAULT_TRACE_DIR}/\` (ignored by git).
`;
}

/** The folder's files, by name. */
export function initFiles(name: string, v: InitVersions): Readonly<Record<string, string>> {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: { test: 'vitest run', typecheck: 'tsc', check: 'clab check model.spec' },
    devDependencies: { '@types/node': v.typesNode, 'consensus-lab': v.clab, vitest: v.vitest },
  };
  return {
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    'tsconfig.json': JSON.stringify(TSCONFIG, null, 2) + '\n',
    '.gitignore': `node_modules/\n${DEFAULT_TRACE_DIR}/\n`,
    'model.ts': MODEL,
    'model.spec': SPEC,
    'model.test.ts': TEST,
    'README.md': readme(name),
  };
}
