// The search on models without a hand-written encoding: the generic codec (a compiled encoder and a
// decoded frontier) gives the same counts, verdicts and traces as the models' own encode/decode, and
// natural models written with immutable.js collections and Records are checked exactly too.

import { describe, expect, it } from 'vitest';
import { List, Record as IRecord } from 'immutable';
import { bfs } from '../../checker/search/bfs.ts';
import { stateWords } from '../../checker/search/loop-setup.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { shippedModel } from '../../checker/load/registry.ts';
import type { Instance } from '../../checker/model.ts';
import counterModel from '../fixtures/counter-model.ts';

function instance(model: string, constants: Record<string, number>, variant?: string): Instance<unknown> {
  const m = shippedModel(model);
  return m.instantiate(resolveConstants(m, constants), variant) as Instance<unknown>;
}

function withoutCodec<S>(inst: Instance<S>): Instance<S> {
  const { encode: _e, decode: _d, ...rest } = inst;
  return rest;
}

const invariantsOf = <S,>(inst: Instance<S>) => Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));

describe('the generic codec in the search', () => {
  for (const [model, constants, states] of [
    ['twophase', { rms: 5 }, 8832],
    ['paxos', { maxBallot: 2 }, 1777],
  ] as const) {
    it(`${model}: the same counts as its hand-written encoding (${states} states), with the frontier decoded`, () => {
      const own = instance(model, constants);
      const generic = withoutCodec(instance(model, constants));
      expect(stateWords(generic).decode).toBeTypeOf('function');
      const a = bfs(own, { invariants: invariantsOf(own) });
      const b = bfs(generic, { invariants: invariantsOf(generic), puritySample: 97 });
      expect([b.result, b.distinctStates, b.statesGenerated, b.depth]).toEqual([a.result, a.distinctStates, a.statesGenerated, a.depth]);
      expect(b.distinctStates).toBe(states);
    });
  }

  it('paxos ignore-accepted: the same shortest counterexample, ending in a violating state', () => {
    const own = instance('paxos', {}, 'ignore-accepted');
    const generic = withoutCodec(instance('paxos', {}, 'ignore-accepted'));
    const a = bfs(own, { invariants: invariantsOf(own) });
    const b = bfs(generic, { invariants: invariantsOf(generic) });
    expect(b.result).toBe('violation');
    expect(b.violation!.path.length).toBe(a.violation!.path.length);
    expect(b.violation!.path.length).toBe(13);
    expect(generic.invariants.agreement.holds(b.violation!.path.at(-1)!.state)).toBe(false);
  });

  it('a model of immutable.js Records and Lists: exact counts, decoded states of the model own classes', () => {
    const Proc = IRecord({ pc: 'read' as 'read' | 'write' | 'done', tmp: 0 });
    type S = IRecord<{ counter: number; procs: List<IRecord<{ pc: 'read' | 'write' | 'done'; tmp: number }>> }>;
    const State = IRecord({ counter: 0, procs: List<ReturnType<typeof Proc>>() });
    const n = 3;
    const inst: Instance<S> = {
      init: () => [State({ counter: 0, procs: List(Array.from({ length: n }, () => Proc())) }) as unknown as S],
      next: (s) =>
        s.get('procs').flatMap((p, i) => {
          if (p.get('pc') === 'read') return [{ action: { kind: 'reads' }, state: s.setIn(['procs', i], p.set('pc', 'write').set('tmp', s.get('counter'))) }];
          if (p.get('pc') === 'write') return [{ action: { kind: 'writes' }, state: s.set('counter', p.get('tmp') + 1).setIn(['procs', i, 'pc'], 'done') }];
          return [];
        }).toArray(),
      invariants: { decoded: { description: 'states are Records holding a List', holds: (s) => s instanceof State && List.isList(s.get('procs')) } },
    };
    const r = bfs(inst, { invariants: invariantsOf(inst), puritySample: 1 });
    expect(r.result).toBe('holds');
    // The same model in plain objects and arrays (test/fixtures/counter-model.ts) has these counts.
    const plain = counterModel.instantiate({ procs: n }, undefined);
    const p = bfs(plain, { invariants: [] });
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([p.distinctStates, p.statesGenerated, p.depth]);
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([84, 112, 7]);
  });
});
