import { defineModel } from 'consensus-lab';
type Pc = 'idle' | 'trying' | 'critical';
interface State { readonly pcs: readonly Pc[]; readonly locked: boolean }
export default defineModel<State>({
  name: 'mutex', summary: 'lock', constants: { procs: { kind: 'int', default: 2, min: 1, max: 6, description: 'processes' } },
  instantiate(c) {
    const n = c.procs as number;
    const move = (s: State, i: number, pc: Pc) => s.pcs.map((p, j) => (j === i ? pc : p));
    return {
      init: () => [{ pcs: Array.from({ length: n }, (): Pc => 'idle'), locked: false }],
      next: (s) => s.pcs.flatMap((pc, i) => {
        const actor = `p${i + 1}`;
        if (pc === 'idle') return [{ action: { actor, kind: 'tries' }, state: { ...s, pcs: move(s, i, 'trying') } }];
        if (pc === 'trying' && !s.locked) return [{ action: { actor, kind: 'locks' }, state: { pcs: move(s, i, 'critical'), locked: true } }];
        if (pc === 'critical') return [{ action: { actor, kind: 'unlocks' }, state: { pcs: move(s, i, 'idle'), locked: false } }];
        return [];
      }),
      invariants: {},
      views: { inside: { type: { kind: 'int' }, get: (s) => s.pcs.filter((p) => p === 'critical').length } },
    };
  },
});
