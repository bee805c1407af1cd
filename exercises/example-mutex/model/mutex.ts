// The exercise's model (the instructor's): processes share a lock around a critical section. The variant
// `check-then-lock` is the bug the student hunts: a process sees the lock free and takes it in a later
// step, so two processes can get in. No imports, so that it loads the same from a checkout and from the
// installed package.

type Pc = 'idle' | 'trying' | 'checked' | 'critical';

interface State {
  readonly pcs: readonly Pc[];
  readonly locked: boolean;
}

export default {
  name: 'mutex',
  summary: 'processes take a shared lock around a critical section',
  constants: {
    procs: { kind: 'int', default: 2, min: 1, max: 6, description: 'number of processes' },
  },
  variants: {
    'check-then-lock': 'a process sees the lock free and takes it in a later step, so two can get in',
  },
  instantiate(c: Readonly<Record<string, number | boolean | string>>, variant?: string) {
    const n = c.procs as number;
    const racy = variant === 'check-then-lock';
    const move = (s: State, i: number, pc: Pc) => s.pcs.map((p, j) => (j === i ? pc : p));
    const inside = (s: State) => s.pcs.filter((pc) => pc === 'critical').length;
    return {
      init: (): State[] => [{ pcs: Array.from({ length: n }, (): Pc => 'idle'), locked: false }],
      next(s: State) {
        return s.pcs.flatMap((pc, i) => {
          const actor = `p${i + 1}`;
          if (pc === 'idle') return [{ action: { actor, kind: 'tries' }, state: { ...s, pcs: move(s, i, 'trying') } }];
          if (pc === 'trying' && !s.locked && racy) return [{ action: { actor, kind: 'sees the lock free' }, state: { ...s, pcs: move(s, i, 'checked') } }];
          if ((pc === 'trying' && !s.locked) || pc === 'checked') return [{ action: { actor, kind: 'locks' }, state: { pcs: move(s, i, 'critical'), locked: true } }];
          if (pc === 'critical') return [{ action: { actor, kind: 'unlocks' }, state: { pcs: move(s, i, 'idle'), locked: false } }];
          return [];
        });
      },
      invariants: {
        mutualExclusion: { description: 'at most one process is in its critical section', holds: (s: State) => inside(s) <= 1 },
      },
      views: {
        inside: { type: { kind: 'int' }, description: 'processes in their critical section', get: inside },
        pcs: { type: { kind: 'seq', elem: { kind: 'string' } }, description: "each process's place", get: (s: State) => s.pcs },
        locked: { type: { kind: 'bool' }, description: 'whether the lock is taken', get: (s: State) => s.locked },
      },
    };
  },
};
