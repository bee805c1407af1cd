// The checker catches models that break the API's rules: mutation, nondeterminism, exceptions.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { ModelError } from '../../checker/errors.ts';
import { mutating, nondeterministic, throwing } from '../fixtures/impure-models.ts';

const run = (m: typeof mutating, freeze = false) => bfs(m.instantiate({}), { invariants: [], freeze });
const error = (f: () => unknown): ModelError => {
  try {
    f();
  } catch (e) {
    return e as ModelError;
  }
  throw new Error('expected a ModelError');
};

describe('purity checks', () => {
  it('detect a model that mutates its input state', () => {
    const e = error(() => run(mutating));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(/mutated a state/);
    expect(e.stateId).toBe(0);
  });

  it('in debug-freeze mode, a mutation throws where it happens', () => {
    const e = error(() => run(mutating, true));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(/the model threw an error: .*(not extensible|read.only|object is not extensible|Cannot add property)/i);
  });

  it('detect a nondeterministic model', () => {
    const e = error(() => run(nondeterministic));
    expect(e.message).toMatch(/nondeterministic/);
  });

  it('turn an exception in next() into a ModelError naming the state', () => {
    const e = error(() => run(throwing));
    expect(e.message).toBe('the model threw an error: boom at two');
    expect(e.stateId).toBe(2);
    expect(e.hint).toMatch(/impure-models\.ts/);
  });
});
