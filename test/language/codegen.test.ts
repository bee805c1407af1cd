// The generated JavaScript (checker/language/codegen.ts) computes exactly what the closure compiler
// (checker/language/compile.ts, the reference) computes: every invariant, witness, temporal state predicate
// and definition of every shipped spec and of the feature spec, on every state of small runs (buggy
// variants included), and random well-typed expressions over Paxos's views, runtime errors included
// (same message, same location).

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConstants } from '../../checker/load/constants.ts';
import { ClabError } from '../../checker/errors.ts';
import { bfs } from '../../checker/search/bfs.ts';
import type { TemporalFormula } from '../../checker/language/ast.ts';
import type { Instance } from '../../checker/model.ts';
import { compileSpec, loadSpecFile, loadSpecSource, type Backend, type CompiledSpec, type LoadedSpec } from '../../checker/language/plan.ts';

const root = resolve(import.meta.dirname, '../..');

/** Up to `max` states of a breadth-first run (all of them when the run is smaller). */
function statesOf(inst: Instance<unknown>, max: number): unknown[] {
  const states: unknown[] = [];
  bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }], maxStates: max });
  return states.slice(0, max);
}

type Outcome = { value: unknown } | { error: string };

/** A value, or the error with its location (a spec runtime error must be a located ClabError). */
function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    if (!(e instanceof ClabError)) throw e;
    return { error: `${e.message} @ ${JSON.stringify(e.location)}` };
  }
}

function statePredicates(f: TemporalFormula<(s: unknown) => boolean>): ((s: unknown) => boolean)[] {
  switch (f.kind) {
    case 'always':
    case 'eventually':
      return statePredicates(f.body);
    case 'leadsto':
      return [f.from, f.to];
    case 'state':
      return [f.pred];
  }
}

/** Every compiled function of a spec, by name. */
function functions(c: CompiledSpec): [string, (s: unknown) => unknown][] {
  return [
    ...c.defines.map((d) => [`define ${d.name}`, d.value] as [string, (s: unknown) => unknown]),
    ...c.properties.invariants.map((p) => [`invariant ${p.name}`, p.holds] as [string, (s: unknown) => unknown]),
    ...c.properties.witnesses.map((p) => [`sometimes ${p.name}`, p.holds] as [string, (s: unknown) => unknown]),
    ...c.temporal.flatMap((p) => statePredicates(p.formula).map((f, k) => [`property ${p.name} #${k}`, f] as [string, (s: unknown) => unknown])),
  ];
}

/** Compiles `loaded` both ways and compares every function on every state; returns how many evaluations threw. */
function agree(loaded: LoadedSpec, inst: Instance<unknown>, states: readonly unknown[]): { compared: number; errors: number } {
  const cs = resolveConstants(loaded.model, loaded.constants);
  const [gen, ref] = (['codegen', 'closures'] as Backend[]).map((b) => functions(compileSpec(loaded, inst, cs, b)));
  expect(gen.map(([n]) => n)).toEqual(ref.map(([n]) => n));
  let compared = 0;
  let errors = 0;
  for (const s of states) {
    for (let k = 0; k < gen.length; k++) {
      const want = outcome(() => ref[k][1](s));
      const got = outcome(() => gen[k][1](s));
      if (JSON.stringify(got) !== JSON.stringify(want)) expect(got, `${ref[k][0]} on ${JSON.stringify(s)}`).toEqual(want);
      compared++;
      if ('error' in want) errors++;
    }
  }
  return { compared, errors };
}

describe('generated code agrees with the closure compiler', () => {
  const small: Record<string, Record<string, number>> = {
    'paxos.spec': { acceptors: 3, proposers: 2, maxBallot: 2 },
    'twophase.spec': { rms: 3 },
    'tcommit.spec': { rms: 3 },
  };
  const specs = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.spec'));
  for (const file of [...specs.map((f) => `specs/${f}`), 'test/language/good/features.spec']) {
    it(`on ${file}, every variant (up to 1500 states each)`, async () => {
      const loaded = await loadSpecFile(file, root);
      const base = file.split('/').pop()!;
      const cs = resolveConstants(loaded.model, { ...loaded.constants, ...small[base] });
      let compared = 0;
      for (const variant of [loaded.variant, ...Object.keys(loaded.model.variants ?? {}).filter((v) => v !== loaded.variant)]) {
        const inst = loaded.model.instantiate(cs, variant) as Instance<unknown>;
        const states = statesOf(inst, 1500);
        expect(states.length).toBeGreaterThan(0);
        compared += agree({ ...loaded, constants: cs }, inst, states).compared;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it('on every reachable state of paxos maxBallot=2 (1,777 states)', async () => {
    const loaded = await loadSpecFile('specs/paxos.spec', root);
    const cs = resolveConstants(loaded.model, { ...loaded.constants, maxBallot: 2 });
    const inst = loaded.model.instantiate(cs) as Instance<unknown>;
    const states = statesOf(inst, 10_000);
    expect(states.length).toBe(1777);
    // 1 definition, 2 invariants, 1 witness.
    expect(agree({ ...loaded, constants: cs }, inst, states).compared).toBe(1777 * 4);
  });
});

// ---- Random well-typed expressions over Paxos's views ----

/** The types the generator produces, with Paxos views of each. */
type T = 'bool' | 'int' | 'ints' | 'acc' | 'accs' | 'vote' | 'votes';

interface Scope {
  readonly vars: readonly { readonly name: string; readonly ty: T }[];
  next: number;
}

/** A deterministic generator of expression text of a given type (random choices from `rand`). */
class ExprGen {
  constructor(private readonly rand: () => number) {}

  private pick<X>(xs: readonly X[]): X {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private bind(scope: Scope, ty: T): [string, Scope] {
    const name = `x${scope.next++}`;
    return [name, { vars: [...scope.vars, { name, ty }], next: scope.next }];
  }

  private varsOf(scope: Scope, ty: T): string[] {
    return scope.vars.filter((v) => v.ty === ty).map((v) => v.name);
  }

  gen(ty: T, depth: number, scope: Scope): string {
    const leaf = depth <= 0 || this.rand() < 0.25;
    const vars = this.varsOf(scope, ty);
    if (vars.length > 0 && this.rand() < 0.3) return this.pick(vars);
    const g = (t: T, s: Scope = scope) => this.gen(t, depth - 1, s);
    /** Forms that read a vote need a vote variable in scope (the language has no record literals). */
    const voting = this.varsOf(scope, 'vote').length > 0;
    switch (ty) {
      case 'bool': {
        if (leaf) return this.pick(['true', 'false', `${g('int')} < ${g('int')}`, 'size(chosen) <= 1']);
        const forms = [
          () => `not (${g('bool')})`,
          () => `(${g('bool')}) ${this.pick(['and', 'or', '=>', '<=>'])} (${g('bool')})`,
          () => `${g('int')} ${this.pick(['<', '<=', '>', '>=', '=', '!='])} ${g('int')}`,
          () => `${g('int')} ${this.pick(['in', 'notin'])} ${g('ints')}`,
          () => `${g('acc')} in ${g('accs')}`,
          ...(voting ? [() => `${g('vote')} ${this.pick(['in', 'notin'])} ${g('votes')}`, () => `${g('vote')} = ${g('vote')}`] : []),
          () => `${g('ints')} ${this.pick(['subset', '=', '!='])} ${g('ints')}`,
          () => `${g('votes')} ${this.pick(['=', 'subset'])} ${g('votes')}`,
          () => `${g('acc')} != ${g('acc')}`,
          () => `if ${g('bool')} then ${g('bool')} else ${g('bool')}`,
          () => {
            const [x, inner] = this.bind(scope, 'int');
            return `(${this.pick(['forall', 'exists'])} ${x} in ${g('ints')}: ${g('bool', inner)})`;
          },
          () => {
            const [m, inner] = this.bind(scope, 'vote');
            return `(${this.pick(['forall', 'exists'])} ${m} in ${g('votes')}: ${g('bool', inner)})`;
          },
          () => {
            const [a, mid] = this.bind(scope, 'acc');
            const [b, inner] = this.bind(mid, 'int');
            return `(${this.pick(['forall', 'exists'])} ${a} in acceptors, ${b} in ballots: ${g('bool', inner)})`;
          },
        ];
        return `(${this.pick(forms)()})`; // parenthesised: `if` and quantifiers extend to the right
      }
      case 'int': {
        if (leaf) return this.pick(['0', '1', '2', '3', 'quorumSize', 'size(sent2b)']);
        const forms = [
          () => `(${g('int')} ${this.pick(['+', '-', '*', '/', '%'])} ${g('int')})`,
          () => `-${g('int')}`,
          () => `size(${g('ints')})`,
          () => `size(${g('votes')})`,
          () => {
            const [x, inner] = this.bind(scope, 'int');
            return `size({${x} in ${g('ints')} : ${g('bool', inner)}})`;
          },
          () => `${this.pick(['min', 'max'])}(${g('ints')})`,
          () => `owner[${g('int')}]`,
          () => `${this.pick(['maxBal', 'maxVBal', 'maxVal'])}[${g('acc')}]`,
          ...(voting ? [() => `${g('vote')}.${this.pick(['b', 'v'])}`] : []),
          () => `if ${g('bool')} then ${g('int')} else ${g('int')}`,
        ];
        return `(${this.pick(forms)()})`; // parenthesised: `if` and quantifiers extend to the right
      }
      case 'ints': {
        if (leaf) return this.pick(['ballots', 'values', 'msgs1a', 'chosen', 'proposed', '{}', '{1, 3}']);
        const forms = [
          () => `{${g('int')}, ${g('int')}}`,
          () => `(${g('int')}..${g('int')})`,
          () => `(${g('ints')} ${this.pick(['union', 'inter', 'minus'])} ${g('ints')})`,
          () => {
            const [x, inner] = this.bind(scope, 'int');
            return `{${x} in ${g('ints')} : ${g('bool', inner)}}`;
          },
          () => {
            const [m, inner] = this.bind(scope, 'vote');
            return `{${g('int', inner)} : ${m} in ${g('votes')}}`;
          },
          () => `keys(owner)`,
          () => `values(${this.pick(['maxBal', 'maxVal', 'owner'])})`,
        ];
        return `(${this.pick(forms)()})`; // parenthesised: `if` and quantifiers extend to the right
      }
      case 'acc':
        return this.pick(['a1', 'a2', 'a3']);
      case 'accs': {
        if (leaf) return this.pick(['acceptors', '{a1, a3}', 'keys(maxBal)']);
        const [a, inner] = this.bind(scope, 'acc');
        return `{${a} in acceptors : ${g('bool', inner)}}`;
      }
      case 'vote':
        return this.pick(vars);
      case 'votes': {
        if (leaf) return 'sent2b';
        const [m, inner] = this.bind(scope, 'vote');
        return this.pick([() => `{${m} in sent2b : ${g('bool', inner)}}`, () => `(sent2b ${this.pick(['union', 'inter', 'minus'])} {${m} in sent2b : ${g('bool', inner)}})`])();
      }
    }
    throw new Error(`no generator for ${ty}`);
  }
}

/** A mulberry32 generator: the random expressions of a run are fixed by fast-check's seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('random well-typed expressions', () => {
  it('evaluate alike (values and runtime errors) on sampled Paxos states', async () => {
    const base = await loadSpecFile('specs/paxos.spec', root);
    const cs = resolveConstants(base.model, { ...base.constants, maxBallot: 2 });
    const inst = base.model.instantiate(cs, 'ignore-accepted') as Instance<unknown>;
    const all = statesOf(inst, 5000);
    const sample = all.filter((_, i) => i % 25 === 0);
    let compared = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const gen = new ExprGen(random(seed));
        const items: string[] = [];
        for (let k = 0; k < 12; k++) {
          const ty = (['bool', 'int', 'ints', 'accs', 'votes'] as T[])[k % 5];
          const text = gen.gen(ty, 4, { vars: [], next: 0 });
          items.push(ty === 'bool' ? `invariant r${k}: ${text}` : `define d${k} = ${text}`);
        }
        const source = `spec random\nmodel paxos\nconst maxBallot = 2\n${items.join('\n')}\n`;
        const loaded = await loadSpecSource(source, join(root, 'random.spec'), root);
        const r = agree(loaded, inst, sample);
        compared += r.compared;
        errors += r.errors;
      }),
      { numRuns: 25 },
    );
    expect(compared).toBeGreaterThan(1000);
    expect(errors).toBeGreaterThan(0); // runtime errors occur and are compared too
  });
});

describe('runtime errors of generated code', () => {
  it('are located ClabErrors with the closure compiler’s messages', async () => {
    const source = [
      'spec errors',
      'model paxos',
      'const maxBallot = 2',
      'define missingKey = owner[size(sent2b)]',
      'define divide = 1 / size(sent2b)',
      'define modulo = 1 % size(msgs1a)',
      'define least = min({b in ballots : b > 5})',
      'define tooLarge = size(0..2000000)',
      'invariant guarded: size(sent2b) = 0 or 1 / size(sent2b) >= 0',
      '',
    ].join('\n');
    const loaded = await loadSpecSource(source, join(root, 'errors.spec'), root);
    const cs = resolveConstants(loaded.model, loaded.constants);
    const inst = loaded.model.instantiate(cs) as Instance<unknown>;
    const init = inst.init()[0];
    const where = (line: number, col: number) => ({ file: 'errors.spec', line, col });
    for (const backend of ['codegen', 'closures'] as Backend[]) {
      const fs = functions(compileSpec(loaded, inst, cs, backend));
      expect(fs.map(([n, f]) => [n, outcome(() => f(init))])).toEqual([
        ['define missingKey', { error: `key 0 is not in the map (map int -> int) @ ${JSON.stringify(where(4, 27))}` }],
        ['define divide', { error: `division by zero @ ${JSON.stringify(where(5, 19))}` }],
        ['define modulo', { error: `division by zero @ ${JSON.stringify(where(6, 19))}` }],
        ['define least', { error: `min of an empty set @ ${JSON.stringify(where(7, 16))}` }],
        ['define tooLarge', { error: `range 0..2000000 is too large @ ${JSON.stringify(where(8, 25))}` }],
        ['invariant guarded', { value: true }],
      ]);
    }
  });
});
