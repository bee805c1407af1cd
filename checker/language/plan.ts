// From a .spec file to a CheckPlan: parse, resolve the model (shipped name or ./path.ts relative to the
// spec), apply constants, fault assumptions and bounds, then type-check and compile the properties for the
// instance the CLI builds. Every stage adds its diagnostics to one list; the file is refused (SpecError,
// exit 2) with all of them before any search starts.
// One file of about 550 lines, on purpose: loading a spec type-checks its properties against the model's
// instance (so that every error shows at once, before any search), and compiling them for a search uses
// the same name tables; split in two, each half would call into the other.

import { statSync } from 'node:fs';
import { fileKind, readBounded } from '../bounded-read.ts';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { shippedModels } from '../../models/index.ts';
import { checkConst, describeDecl, resolveConstants } from '../load/constants.ts';
import { ClabError, suggest } from '../errors.ts';
import type { ConstValue, Constants, Instance, Model } from '../model.ts';
import type { CheckPlan, CompiledProperties, Implication } from '../load/plan.ts';
import { loadModelFile, typecheckOf, type LoadOptions } from '../load/registry.ts';
import { TypecheckError } from '../load/typecheck.ts';
import type { ConstValueNode, Expr, Fairness, Item, Loc, Spec, TemporalFormula, TemporalProperty } from './ast.ts';
import { CodeGenerator, Unsupported } from './codegen.ts';
import { Compiler, viewCache } from './compile.ts';
import { freeNames, orderDefines, type Define } from './defines.ts';
import { specExplainer } from './explain.ts';
import { diag, SpecError, type Diagnostic } from './diagnostics.ts';
import { MAX_NESTING, parseSpec } from './parser.ts';
import { printExpr, printSpec } from './printer.ts';
import { TypeChecker, type GlobalName, type Typed } from './typecheck.ts';
import { BOOL, ERROR, INT, setOf, STRING, tyStr, unify, type Ty } from './types.ts';
import { propertyFromSpec } from '../liveness/from-spec.ts';

/** A parsed spec with its model resolved and its constants, faults and bounds applied. */
export interface LoadedSpec {
  /** Absolute path, and the path as shown in messages. */
  readonly file: string;
  readonly shown: string;
  readonly source: string;
  readonly spec: Spec;
  readonly model: Model;
  readonly modelRef: string;
  readonly variant?: string;
  /** Values for the model's constants (from `const` and `faults` items). */
  readonly constants: Readonly<Record<string, ConstValue>>;
  readonly bounds: { maxDepth?: number; maxStates?: number };
  /** A `symmetry` item: search with the model's declared symmetry reduction. */
  readonly symmetry: boolean;
}

/** The properties of a spec compiled for one instance. */
export interface CompiledSpec {
  readonly properties: CompiledProperties;
  /** Temporal properties with compiled state predicates, for the liveness checker. */
  readonly temporal: readonly TemporalProperty<(s: unknown) => boolean>[];
  /** The definitions' values (through the per-state cache the properties read them from). */
  readonly defines: readonly { readonly name: string; readonly value: (s: unknown) => unknown }[];
}

const whole = (it: Item): Loc => it.loc;

/**
 * `o[k]` if `o` has its own property `k`. Names from a spec (`const constructor = 1`, `faults __proto__ <= 1`)
 * must never find what every object inherits: model tables (constants, faults, variants) are read only so.
 */
function own<T>(o: Readonly<Record<string, T>> | undefined, k: string): T | undefined {
  return o !== undefined && Object.hasOwn(o, k) ? o[k] : undefined;
}

/**
 * `f()`, with a stack overflow turned into a bad-input error. The parser refuses expressions nested more
 * than MAX_NESTING levels, which every pass handles with a wide margin on Node's default stack (measured:
 * about 3x on the main thread, 12x in the CLI's worker); this is the answer should a smaller stack run out.
 */
function stackGuard<T>(shown: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new ClabError(`${shown}: the spec is too deeply nested to compile on this stack`, `expressions may nest ${MAX_NESTING} levels; nest them less, or give node a larger stack (--stack-size)`);
    }
    throw e;
  }
}

/**
 * How a spec's model is loaded: type-checked or not (LoadOptions), or `given`: the model the spec's
 * `model` item names, already loaded by the caller (a test that imported it), so that the item is not
 * imported a second time; a shipped model's name that is not the given model's is an error.
 */
export interface SpecLoadOptions extends LoadOptions {
  readonly given?: Model;
}

/** Parses and resolves a spec's text; throws SpecError with every problem found. */
export async function loadSpecSource(source: string, file: string, cwd: string, opts: SpecLoadOptions = {}): Promise<LoadedSpec> {
  const given = opts.given;
  const shown = shownPath(file, cwd);
  const { spec, diagnostics } = stackGuard(shown, () => parseSpec(source));
  const ds: Diagnostic[] = [...diagnostics];
  const fail = (): never => {
    throw new SpecError(shown, source, ds);
  };

  // Singletons and duplicate names.
  const byKind = (k: Item['kind']) => spec.items.filter((i) => i.kind === k);
  for (const k of ['spec', 'model'] as const) {
    const its = byKind(k);
    for (const dup of its.slice(1)) ds.push(diag(whole(dup), `duplicate '${k}' item: a spec has one ${k === 'spec' ? 'name' : 'model'}`, `the first is at line ${its[0].loc.line}`));
  }
  const seen = new Map<string, Loc>();
  for (const it of spec.items) {
    if (it.kind === 'invariant' || it.kind === 'sometimes' || it.kind === 'property' || it.kind === 'const' || it.kind === 'define') {
      // Constants and definitions name values in expressions; properties name results. Two namespaces.
      const key = it.kind === 'const' || it.kind === 'define' ? `value ${it.name}` : `prop ${it.name}`;
      const first = seen.get(key);
      if (first) ds.push(diag(it.loc, `duplicate name: '${it.name}' is already defined at line ${first.line}`, it.kind === 'const' || it.kind === 'define' ? 'every constant and every definition needs its own name' : 'every property needs its own name'));
      else seen.set(key, it.loc);
    }
  }
  const symmetryItems = byKind('symmetry');
  for (const dup of symmetryItems.slice(1)) ds.push(diag(whole(dup), "duplicate 'symmetry' item", `the first is at line ${symmetryItems[0].loc.line}`));
  const modelItem = byKind('model')[0] as Extract<Item, { kind: 'model' }> | undefined;
  const hasParseErrors = diagnostics.length > 0;
  if (!byKind('spec').length && !hasParseErrors) ds.push(diag({ line: 1, col: 1, len: 1 }, "missing 'spec <name>' item", 'start the file with e.g. `spec mymodel`'));
  if (!modelItem) {
    if (!hasParseErrors) ds.push(diag({ line: 1, col: 1, len: 1 }, "missing 'model' item: which model does this spec check?", `e.g. \`model ${shippedModels[0]?.name ?? 'paxos'}\` or \`model ./mymodel.ts\``));
    fail();
  }

  // The model.
  let model: Model | undefined;
  let modelRef = modelItem!.ref;
  if (given) {
    if (!modelItem!.isPath && modelItem!.ref !== given.name) ds.push(diag(modelItem!.loc, `the spec checks model '${modelItem!.ref}', not the model given, '${given.name}'`, `write \`model ${given.name}\` or the path of its file`));
    else model = given;
  } else if (modelItem!.isPath) {
    const abs = resolve(dirname(file), modelItem!.ref);
    // Importing /dev/zero or a named pipe never returns: a model path must name a regular file (or not
    // exist, which the loader reports).
    const st = statSync(abs, { throwIfNoEntry: false });
    try {
      if (st && !st.isFile()) throw new ClabError(`cannot load model ${modelItem!.ref}: it is ${fileKind(st)}, not a regular file`, 'give the path of a model module (.ts or .js)');
      model = await loadModelFile(abs, cwd, opts);
      modelRef = shownPath(abs, cwd);
    } catch (e) {
      // Type errors are the model file's, located there: reported as they are, not at the spec's line.
      if (!(e instanceof ClabError) || e instanceof TypecheckError) throw e;
      ds.push(diag(modelItem!.loc, e.message.replace(abs, modelItem!.ref), e.hint));
    }
  } else {
    model = shippedModels.find((m) => m.name === modelItem!.ref);
    const names = shippedModels.map((m) => m.name);
    if (!model) ds.push(diag(modelItem!.loc, `unknown model '${modelItem!.ref}'`, `${suggest(modelItem!.ref, names, 'models')} (or give a path like ./mymodel.ts)`));
  }
  if (!model) fail();
  const m = model!;

  // Variant.
  if (modelItem!.variant !== undefined && !(m.variants !== undefined && Object.hasOwn(m.variants, modelItem!.variant))) {
    ds.push(diag(modelItem!.variantLoc!, `model '${m.name}' has no variant '${modelItem!.variant}'`, suggest(modelItem!.variant, Object.keys(m.variants ?? {}), 'variants')));
  }

  // Constants of the model, and fault assumptions (which set a constant the model names).
  // No prototype: a model constant may be called anything, `__proto__` included.
  const constants = Object.create(null) as Record<string, ConstValue>;
  const setBy = new Map<string, Loc>();
  for (const it of spec.items) {
    if (it.kind === 'const') {
      const decl = own(m.constants, it.name);
      if (!decl) continue; // a spec-level constant: checked with the instance
      const v = modelConstValue(it.name, decl, it.value, m, ds);
      if (v !== undefined) constants[it.name] = v;
      setBy.set(it.name, it.loc);
    }
  }
  const faultSeen = new Map<string, Loc>();
  for (const it of spec.items) {
    if (it.kind !== 'faults') continue;
    const kinds = Object.keys(m.faults ?? {});
    const cname = own(m.faults, it.fault);
    if (faultSeen.has(it.fault)) {
      ds.push(diag(it.loc, `duplicate fault assumption for '${it.fault}'`, `the first is at line ${faultSeen.get(it.fault)!.line}`));
      continue;
    }
    faultSeen.set(it.fault, it.loc);
    if (!cname) {
      ds.push(diag(it.loc, `model '${m.name}' does not model ${it.fault} faults`, kinds.length ? suggest(it.fault, kinds, 'fault kinds') : `'${m.name}' supports no fault assumptions`));
      continue;
    }
    const decl = own(m.constants, cname);
    if (!decl) {
      ds.push(diag(it.loc, `model '${m.name}' maps ${it.fault} faults to an undeclared constant '${cname}'`));
      continue;
    }
    if (setBy.has(cname)) {
      ds.push(diag(it.loc, `'faults ${it.fault}' sets the constant '${cname}', which line ${setBy.get(cname)!.line} also sets`, 'keep one of them'));
      continue;
    }
    try {
      constants[cname] = checkConst(cname, decl, it.max);
    } catch (e) {
      if (!(e instanceof ClabError)) throw e;
      ds.push(diag(it.maxLoc, `${it.fault} faults: ${e.message}`, e.hint));
    }
  }

  // Bounds.
  const bounds: { maxDepth?: number; maxStates?: number } = {};
  const boundSeen = new Map<string, Loc>();
  for (const it of spec.items) {
    if (it.kind !== 'bound') continue;
    if (it.bound !== 'depth' && it.bound !== 'states') {
      ds.push(diag(it.loc, `unknown bound '${it.bound}'`, suggest(it.bound, ['depth', 'states'], 'bounds')));
      continue;
    }
    if (boundSeen.has(it.bound)) {
      ds.push(diag(it.loc, `duplicate bound '${it.bound}'`, `the first is at line ${boundSeen.get(it.bound)!.line}`));
      continue;
    }
    boundSeen.set(it.bound, it.loc);
    if (it.max < 1) ds.push(diag(it.maxLoc, `bound ${it.bound} must be at least 1, got ${it.max}`));
    else if (it.bound === 'depth') bounds.maxDepth = it.max;
    else bounds.maxStates = it.max;
  }

  const loaded: LoadedSpec = { file, shown, source, spec, model: m, modelRef, variant: modelItem!.variant, constants, bounds, symmetry: symmetryItems.length > 0 };

  // Type-check against the instance for the file's own constants, so that every error shows now (also
  // when some items did not parse: the others are still checked).
  if (ds.length === diagnostics.length) {
    let inst: Instance<unknown> | undefined;
    let cs: Constants | undefined;
    try {
      cs = resolveConstants(m, constants);
      inst = m.instantiate(cs, modelItem!.variant) as Instance<unknown>;
    } catch (e) {
      if (!(e instanceof ClabError)) {
        ds.push(diag(modelItem!.loc, `model '${m.name}' cannot be instantiated with these constants: ${(e as Error)?.message ?? e}`));
      } else ds.push(diag(modelItem!.loc, e.message, e.hint));
    }
    if (inst && symmetryItems.length > 0) for (const d of symmetryProblems(symmetryItems[0].loc, m, inst, spec)) ds.push(d);
    if (inst && cs) for (const d of stackGuard(shown, () => typecheckAll(loaded, inst!, cs!, { complete: diagnostics.length === 0 })).diagnostics) ds.push(d);
  }
  if (ds.length) fail();
  return loaded;
}

/** Why a `symmetry` item cannot be honoured: the model declares no symmetry, or temporal properties need the full graph. */
function symmetryProblems(loc: Loc, m: Model, inst: Instance<unknown>, spec: Spec): Diagnostic[] {
  if (!inst.symmetry) {
    return [diag(loc, `model '${m.name}' declares no symmetry`, 'symmetry reduction needs the model to declare `symmetry: { sorts, apply }` (see checker/model.ts); remove this item')];
  }
  if (spec.items.some((it) => it.kind === 'property')) {
    return [diag(loc, 'symmetry reduction cannot be combined with temporal properties', 'a cycle of the reduced graph need not be a cycle of the model: check the properties in a spec without `symmetry`')];
  }
  return [];
}

function modelConstValue(name: string, decl: Model['constants'][string], v: ConstValueNode, m: Model, ds: Diagnostic[]): ConstValue | undefined {
  const got = v.kind === 'range' ? 'a range' : v.kind === 'set' ? 'a set' : v.kind === 'str' ? 'a string' : v.kind === 'bool' ? 'a bool' : v.kind === 'name' ? `the name '${v.name}'` : 'an int';
  const bad = () => {
    ds.push(diag(v.loc, `bad constant value: '${name}' of model '${m.name}' is ${decl.kind === 'int' ? 'an int' : decl.kind === 'bool' ? 'a bool' : 'an enum'}, got ${got}`, describeDecl(decl)));
    return undefined;
  };
  let value: ConstValue;
  if (decl.kind === 'int') {
    if (v.kind !== 'int') return bad();
    value = v.value;
  } else if (decl.kind === 'bool') {
    if (v.kind !== 'bool') return bad();
    value = v.value;
  } else {
    if (v.kind !== 'name' && v.kind !== 'str') return bad();
    value = v.kind === 'name' ? v.name : v.value;
  }
  try {
    return checkConst(name, decl, value);
  } catch (e) {
    if (!(e instanceof ClabError)) throw e;
    ds.push(diag(v.loc, `bad constant value: ${e.message}`, e.hint));
    return undefined;
  }
}

/** Names visible in expressions: views, constants (model and spec) and identifiers of sorts. */
function globals(loaded: LoadedSpec, inst: Instance<unknown>, cs: Constants, ds: Diagnostic[]): { names: Map<string, GlobalName>; getters: ((s: unknown) => unknown)[] } {
  const m = loaded.model;
  const names = new Map<string, GlobalName>();
  const getters: ((s: unknown) => unknown)[] = [];
  for (const [name, v] of Object.entries(inst.views ?? {})) {
    names.set(name, { ty: v.type, res: { kind: 'view', index: getters.length }, what: `a view of model '${m.name}'` });
    getters.push(v.get as (s: unknown) => unknown);
  }
  for (const [name, decl] of Object.entries(m.constants)) {
    if (names.has(name)) continue; // a view of the same name wins (twophase's `rms`)
    const ty: Ty = decl.kind === 'int' ? INT : decl.kind === 'bool' ? BOOL : STRING;
    names.set(name, { ty, res: { kind: 'value', value: cs[name] }, what: `a constant of model '${m.name}'` });
  }
  const elements = new Map<string, { sort: string; index: number }>();
  for (const [sort, els] of Object.entries(inst.sorts ?? {})) els.forEach((e, index) => elements.has(e) || elements.set(e, { sort, index }));
  for (const it of loaded.spec.items) {
    if (it.kind !== 'const' || own(m.constants, it.name)) continue;
    const prev = names.get(it.name);
    if (prev) {
      ds.push(diag(it.loc, `duplicate name: '${it.name}' is already ${prev.what}`, 'choose another name for the constant'));
      continue;
    }
    const v = specConst(it.value, elements, ds);
    // A bad constant was reported; its uses get the error type so they report nothing more.
    names.set(it.name, { ty: v ? v.ty : ERROR, res: { kind: 'value', value: v?.value }, what: 'a constant of this spec' });
  }
  for (const [e, { sort, index }] of elements) {
    if (!names.has(e)) names.set(e, { ty: { kind: 'id', sort }, res: { kind: 'value', value: index }, what: `an identifier of sort ${sort}`, shadowable: true });
  }
  // Definitions: a definition may take a view's name (the spec restates it, e.g. paxos's `chosen`) or an
  // identifier's; a model constant's is an error. Their types are filled in once checked (typecheckAll).
  for (const it of loaded.spec.items) {
    if (it.kind !== 'define') continue;
    const prev = names.get(it.name);
    if (prev && prev.res.kind === 'value' && !prev.shadowable) {
      if (prev.what !== 'a constant of this spec') ds.push(diag(it.loc, `duplicate name: '${it.name}' is already ${prev.what}`, 'choose another name for the definition'));
      continue; // a spec constant of the same name was reported with the duplicates
    }
    names.delete(it.name);
  }
  return { names, getters };
}

/**
 * Type-checks the definitions in use order and adds each to `names` (cyclic ones with the error type, so
 * their uses report nothing more). Returns them in the order they must be compiled.
 */
function checkDefines(loaded: LoadedSpec, tc: TypeChecker, names: Map<string, GlobalName>, firstIndex: number, ds: Diagnostic[]): Define[] {
  const all = loaded.spec.items.filter((it): it is Define => it.kind === 'define' && !names.has(it.name));
  const { order, cyclic, diagnostics } = orderDefines(all);
  for (const d of diagnostics) ds.push(d);
  const what = 'a definition of this spec';
  for (const d of all) if (cyclic.has(d.name)) names.set(d.name, { ty: ERROR, res: { kind: 'define', index: -1 }, what });
  order.forEach((d, k) => names.set(d.name, { ty: tc.checkDefinition(d.expr, d.name), res: { kind: 'define', index: firstIndex + k }, what }));
  return [...order];
}

/** A spec-level constant's type and value. */
function specConst(v: ConstValueNode, elements: ReadonlyMap<string, { sort: string; index: number }>, ds: Diagnostic[]): { ty: Ty; value: unknown } | undefined {
  switch (v.kind) {
    case 'int':
      return { ty: INT, value: v.value };
    case 'bool':
      return { ty: BOOL, value: v.value };
    case 'str':
      return { ty: STRING, value: v.value };
    case 'name': {
      const el = elements.get(v.name);
      if (!el) {
        const near = [...elements.keys()];
        ds.push(diag(v.loc, `bad constant value: '${v.name}' is not an identifier of any sort`, near.length ? suggest(v.name, near, 'identifiers') : 'write a string in quotes'));
        return undefined;
      }
      return { ty: { kind: 'id', sort: el.sort }, value: el.index };
    }
    case 'range': {
      if (v.hi - v.lo > 100_000) {
        ds.push(diag(v.loc, `bad constant value: the range ${v.lo}..${v.hi} is too large`));
        return undefined;
      }
      const xs: number[] = [];
      for (let i = v.lo; i <= v.hi; i++) xs.push(i);
      return { ty: setOf(INT), value: xs };
    }
    case 'set': {
      let ty: Ty = { kind: 'any' };
      const xs: unknown[] = [];
      for (const e of v.elems) {
        const x = e.kind === 'set' || e.kind === 'range' ? undefined : specConst(e, elements, ds);
        if (!x) return undefined;
        const u = unify(ty, x.ty);
        if (!u) {
          ds.push(diag(e.loc, `bad constant value: the elements of a set must have one type: ${tyStr(ty)} and ${tyStr(x.ty)}`));
          return undefined;
        }
        ty = u;
        if (!xs.includes(x.value)) xs.push(x.value);
      }
      return { ty: setOf(ty), value: xs };
    }
  }
}

/**
 * How expressions become functions: generated JavaScript (codegen.ts; constructs it does not translate fall
 * back to closures), or closures only (compile.ts: the reference the generated code is tested against).
 */
export type Backend = 'codegen' | 'closures';

/** The most functions a spec is compiled to by code generation (see typecheckAll). */
const MAX_GENERATED = 1000;

/** Type-checks every property for one instance, and compiles them with `backend` if asked and that succeeded. */
function typecheckAll(loaded: LoadedSpec, inst: Instance<unknown>, cs: Constants, opts: { complete?: boolean; backend?: Backend }): { diagnostics: Diagnostic[]; compiled?: CompiledSpec } {
  const complete = opts.complete ?? true;
  const ds: Diagnostic[] = [];
  const { names, getters } = globals(loaded, inst, cs, ds);
  const tc = new TypeChecker({ modelName: loaded.model.name, names });
  const defines = checkDefines(loaded, tc, names, getters.length, ds);
  const fairness: Fairness[] = [];
  const temporal: { name: string; formula: NonNullable<ReturnType<TypeChecker['checkProperty']>> }[] = [];
  for (const it of loaded.spec.items) {
    if (it.kind === 'invariant' || it.kind === 'sometimes') tc.checkPredicate(it.expr, it.kind);
    else if (it.kind === 'property') {
      const f = tc.checkProperty(it.expr);
      if (f) temporal.push({ name: it.name, formula: f });
    } else if (it.kind === 'fair') {
      // A process is an actor of action labels (`TM`, `a1`); an action kind is a string (`"receives"`).
      // Neither is declared by the model, so the liveness checker validates them against the labels it sees.
      fairness.push({ strength: it.strength, target: it.target, targetKind: it.targetIsString ? 'action' : 'process' });
    }
  }
  for (const d of tc.diagnostics) ds.push(d);
  // A constant no expression uses is most likely a misspelt model constant (`const maxBalot = 4`).
  for (const it of loaded.spec.items) {
    if (!complete || it.kind !== 'const' || own(loaded.model.constants, it.name) || tc.used.has(it.name) || !names.has(it.name)) continue;
    const near = suggest(it.name, Object.keys(loaded.model.constants), 'constants');
    ds.push(diag(it.loc, `'${it.name}' is not a constant of model '${loaded.model.name}', and no expression uses it`, near));
  }
  if (ds.length || !opts.backend) return { diagnostics: ds };

  const vars: unknown[] = new Array(tc.slotCount).fill(undefined);
  // Definitions are cached per state like views, after them; each is compiled before anything using it.
  const cached: ((s: unknown) => unknown)[] = [...getters, ...defines.map(() => () => undefined)];
  const ctx = { typed: tc.typed, vars, view: viewCache(cached), file: loaded.shown, sorts: inst.sorts ?? {} };
  const compiler = new Compiler(ctx);
  const readers = readerCounts(loaded.spec.items, tc.typed);
  const getter = (i: number) => (readers.get(i) === 1 ? cached[i] : undefined);
  // Each generated function costs V8 a compilation (about 0.1 ms): a spec with tens of thousands of
  // definitions or properties (a generated file near MAX_SPEC_BYTES) is compiled to closures instead.
  const functions = defines.length + loaded.spec.items.filter((it) => it.kind === 'invariant' || it.kind === 'sometimes' || it.kind === 'property').length;
  const generator = opts.backend === 'codegen' && functions <= MAX_GENERATED ? new CodeGenerator({ ...ctx, getter }) : undefined;
  const generated = <T>(gen: (g: CodeGenerator) => T, fallback: () => T): T => {
    if (generator) {
      try {
        return gen(generator);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    }
    return fallback();
  };
  const predicate = (e: Expr, name: string) => generated((g) => g.predicate(e, name), () => compiler.predicate(e));
  const temporalOf = (f: TemporalFormula, name: string): TemporalFormula<(s: unknown) => boolean> => {
    switch (f.kind) {
      case 'always':
      case 'eventually':
        return { kind: f.kind, body: temporalOf(f.body, name) };
      case 'leadsto':
        return { kind: 'leadsto', from: predicate(f.from, `${name}_from`), to: predicate(f.to, `${name}_to`) };
      case 'state':
        return { kind: 'state', pred: predicate(f.pred, name) };
    }
  };
  const compiledDefines = defines.map((d, k) => {
    const value = generated((g) => g.expr(d.expr, d.name), () => compiler.expr(d.expr));
    cached[getters.length + k] = value;
    return { name: d.name, value: ctx.view(getters.length + k) };
  });
  const invariants = [];
  const witnesses = [];
  const implications: Implication[] = [];
  // Why an invariant is false, evaluated part by part on the violating state only (explain.ts).
  const explainCtx = { typed: tc.typed, vars, compiler, sorts: ctx.sorts, defines: new Map(defines.map((d, k) => [getters.length + k, d.expr])) };
  for (const it of loaded.spec.items) {
    const e = it.kind === 'invariant' ? it.expr : undefined;
    if (it.kind === 'invariant' && e?.kind === 'binary' && e.op === '=>') {
      // `P => Q` as its two halves, so that the check notes whether P was ever true (vacuity).
      const premise = predicate(e.left, `${it.name}_premise`);
      const conclusion = predicate(e.right, `${it.name}_conclusion`);
      let seen = false;
      invariants.push({ name: it.name, holds: (s: unknown) => !premise(s) || ((seen = true), conclusion(s)), explain: specExplainer(explainCtx, it.expr) });
      const at = startOf(e.left);
      implications.push({ invariant: it.name, premise: printExpr(e.left), location: { file: loaded.shown, line: at.line, col: at.col }, premiseSeen: () => seen });
    } else if (it.kind === 'invariant') invariants.push({ name: it.name, holds: predicate(it.expr, it.name), explain: specExplainer(explainCtx, it.expr) });
    if (it.kind === 'sometimes') witnesses.push({ name: it.name, holds: predicate(it.expr, it.name) });
  }
  const compiledTemporal = temporal.map((p) => ({ name: p.name, formula: temporalOf(p.formula, p.name), fairness }));
  return {
    diagnostics: [],
    compiled: {
      defines: compiledDefines,
      // Temporal properties go to the liveness checker (checker/liveness), so none is left unchecked.
      properties: { invariants, witnesses, temporal: compiledTemporal.map(propertyFromSpec), unchecked: [], ...(implications.length ? { implications } : {}) },
      temporal: compiledTemporal,
    },
  };
}

/** Where an expression's text starts: a binary node's, field's or index's location is its operator's. */
function startOf(e: Expr): Loc {
  let x = e;
  for (;;) {
    if (x.kind === 'binary') x = x.left;
    else if (x.kind === 'field' || x.kind === 'index') x = x.target;
    else return x.loc;
  }
}

/**
 * For each view or definition (by cache index), how many compiled functions read it: each definition, each
 * invariant and witness, and each state predicate of a temporal property (`P leadsto Q` is two).
 */
function readerCounts(items: readonly Item[], typed: Typed): Map<number, number> {
  const counts = new Map<number, number>();
  const count = (e: Expr) => {
    const mine = new Set<number>();
    freeNames(e, (_, at) => {
      const r = typed.res.get(at);
      if (r?.kind === 'view' || r?.kind === 'define') mine.add(r.index);
    });
    for (const i of mine) counts.set(i, (counts.get(i) ?? 0) + 1);
  };
  for (const it of items) {
    if (it.kind === 'define' || it.kind === 'invariant' || it.kind === 'sometimes') count(it.expr);
    // A property's predicates are the operands of its temporal operators; counting the whole property once
    // per operand would be enough, but one reader too many only costs the cache.
    if (it.kind === 'property') {
      count(it.expr);
      count(it.expr);
    }
  }
  return counts;
}

/** Type-checks and compiles a loaded spec's properties for an instance; throws SpecError on errors. */
export function compileSpec(loaded: LoadedSpec, inst: Instance<unknown>, cs: Constants, backend: Backend = 'codegen'): CompiledSpec {
  const r = stackGuard(loaded.shown, () => typecheckAll(loaded, inst, cs, { backend }));
  if (!r.compiled) throw new SpecError(loaded.shown, loaded.source, r.diagnostics);
  return r.compiled;
}

export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** The largest spec file read (1 MiB, over 700 times the largest shipped spec); parsing it takes about a second. */
export const MAX_SPEC_BYTES = 1 << 20;

/**
 * A spec file's text. Only a regular file of at most MAX_SPEC_BYTES is read: /dev/zero, a named pipe or a
 * directory is refused before reading (opened non-blocking, so a pipe without a writer cannot hang), and
 * at most MAX_SPEC_BYTES + 1 bytes are ever read, even from a file that grows meanwhile.
 */
function readSpec(file: string, cwd: string): string {
  const shown = shownPath(file, cwd);
  const read = readBounded(file, MAX_SPEC_BYTES);
  if ('bytes' in read) {
    // A byte-order mark (some Windows editors write one) is not part of the text: columns count without it.
    const text = read.bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  switch (read.refused) {
    case 'missing':
      throw new ClabError(`spec file not found: ${shown}`);
    case 'not-regular':
      throw new ClabError(`cannot read ${shown}: it is ${read.kind}, not a regular file`, 'give the path of a .spec file');
    case 'too-large':
      throw new ClabError(`spec file too large: ${shown} is larger than ${MAX_SPEC_BYTES} bytes${read.size === undefined ? '' : ` (${read.size} bytes)`}`, 'a spec is a short text: split off what is generated, or name repeated expressions with `define` items');
    case 'error':
      throw new ClabError(`cannot read ${shown}: ${read.message}`);
  }
}

export async function loadSpecFile(file: string, cwd: string, opts: SpecLoadOptions = {}): Promise<LoadedSpec> {
  const abs = resolve(cwd, file);
  return loadSpecSource(readSpec(abs, cwd), abs, cwd, opts);
}

/** The plan `clab check file.spec` runs: the spec's model, variant, constants, bounds and properties. */
export async function loadSpecPlan(file: string, cwd: string, backend: Backend = 'codegen', opts: SpecLoadOptions = {}): Promise<CheckPlan> {
  const loaded = await loadSpecFile(file, cwd, opts);
  const typecheck = opts.typecheck ? typecheckOf(loaded.model) : undefined;
  return {
    ...(typecheck ? { typecheck } : {}),
    model: loaded.model,
    modelRef: loaded.modelRef,
    ...(loaded.variant !== undefined ? { variant: loaded.variant } : {}),
    constants: loaded.constants,
    spec: loaded.file,
    properties: (inst, cs) => compileSpec(loaded, inst, cs, backend).properties,
    bounds: loaded.bounds,
    ...(loaded.symmetry ? { symmetry: true } : {}),
  };
}

/** `clab parse`: the normalised text of a valid spec (errors: SpecError). */
export async function normalisedSpec(file: string, cwd: string): Promise<string> {
  const loaded = await loadSpecFile(file, cwd);
  return printSpec(loaded.spec);
}
