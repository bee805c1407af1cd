// Exploring a submitted model's state graph through the sandbox: the grader asks the child for the model's
// description, instantiates it with the check's constants, then, breadth first, asks for the successors of
// a batch of states at a time and for what it needs to know of each new state (its shown form, its views,
// terminal()). States are identified by their canonical JSON here, in the grader, so the child cannot make
// two different states one or one state two. Exploration stops at the state bound: the graph is then
// marked truncated, and its unexpanded states are said to be so.

import { ClabError } from '../../errors.ts';
import { resolveConstants } from '../../load/constants.ts';
import { checkModel } from '../../load/model-checks.ts';
import type { Action, ConstantDecl, ConstValue, Constants, Model, ViewType } from '../../model.ts';
import type { SandboxChild } from './child.ts';
import { AnswerError, canonicalData, checkAction, checkData, checkViewType, isRecord, MAX_STEPS, viewValue } from './validate.ts';

/** States asked about in one request. */
const BATCH = 256;

export interface GraphNode {
  readonly data: unknown;
  readonly shown: Record<string, unknown>;
  readonly views: Readonly<Record<string, unknown>>;
  readonly terminal: boolean;
  /** Successors (undefined: not expanded, the bound was reached first). */
  succ?: { readonly action: Action; readonly to: number }[];
  /** BFS parent, for the path to a state the model failed on. */
  readonly parent: number;
  readonly via: Action | null;
}

export interface StateGraph {
  readonly name: string;
  readonly constants: Constants;
  readonly decls: Readonly<Record<string, ConstantDecl>>;
  readonly variants: readonly string[];
  readonly viewTypes: Readonly<Record<string, ViewType>>;
  readonly sorts: Readonly<Record<string, readonly string[]>>;
  readonly nodes: readonly GraphNode[];
  readonly initial: readonly number[];
  readonly truncated: boolean;
}

/** The model's own failure (it threw, or answered with the wrong shape), with the path to where it happened. */
export class ModelFailure extends Error {
  constructor(
    message: string,
    readonly path: readonly { action: Action | null; state: Record<string, unknown> }[] = [],
  ) {
    super(message);
  }
}

function failure(ans: Record<string, unknown>): string | undefined {
  if (typeof ans.error !== 'string') return undefined;
  return `your model threw an error in ${typeof ans.where === 'string' ? ans.where : 'the model'}: ${ans.error}`;
}

/** The model's declaration checked as a model file's would be (constants and variants), as a Model to resolve constants with. */
function declared(d: Record<string, unknown>): Model {
  if (typeof d.name !== 'string' || !isRecord(d.constants) || !Array.isArray(d.variants) || !d.variants.every((v) => typeof v === 'string')) throw new AnswerError('the model description has the wrong shape');
  checkData(d.constants, 'constants');
  const variants = Object.fromEntries((d.variants as string[]).map((v) => [v, 'variant']));
  const m: Model = { name: d.name.slice(0, 100), summary: '', constants: d.constants as Record<string, ConstantDecl>, variants, instantiate: () => ({ init: () => [], next: () => [], invariants: {} }) };
  try {
    checkModel(m);
  } catch (e) {
    if (e instanceof ClabError) throw new AnswerError(e.message);
    throw e;
  }
  return m;
}

export async function exploreGraph(child: SandboxChild, constArgs: Readonly<Record<string, ConstValue>>, variant: string | null, maxStates: number): Promise<StateGraph> {
  const desc = await child.request({ op: 'describe' });
  if (failure(desc)) throw new ModelFailure(failure(desc)!);
  const model = declared(desc);
  if (variant !== null && !Object.hasOwn(model.variants ?? {}, variant)) throw new ModelFailure(`your model has no variant '${variant}' (it declares: ${Object.keys(model.variants ?? {}).join(', ') || 'none'})`);
  let constants: Constants;
  try {
    constants = resolveConstants(model, constArgs);
  } catch (e) {
    if (e instanceof ClabError) throw new ModelFailure(`the exercise's constants do not fit your model's declarations: ${e.message}`);
    throw e;
  }
  const ans = await child.request({ op: 'instantiate', constants, variant });
  if (failure(ans)) throw new ModelFailure(failure(ans)!);
  if (!isRecord(ans.views) || !isRecord(ans.sorts) || typeof ans.terminal !== 'boolean' || !Array.isArray(ans.init)) throw new AnswerError('the instance description has the wrong shape');
  const viewTypes: Record<string, ViewType> = Object.create(null);
  for (const [k, t] of Object.entries(ans.views)) {
    checkViewType(t, `views.${k}`);
    viewTypes[k] = t;
  }
  const sorts: Record<string, readonly string[]> = Object.create(null);
  for (const [k, s] of Object.entries(ans.sorts)) {
    if (!Array.isArray(s) || !s.every((x) => typeof x === 'string')) throw new AnswerError(`sorts.${k}: expected an array of names`);
    sorts[k] = s as string[];
  }
  if (ans.init.length === 0) throw new ModelFailure('your model has no initial state (init() returned [])');

  const nodes: GraphNode[] = [];
  const index = new Map<string, number>();
  const pathTo = (id: number) => {
    const out: { action: Action | null; state: Record<string, unknown> }[] = [];
    for (let i = id; i >= 0; i = nodes[i].parent) out.unshift({ action: nodes[i].via, state: nodes[i].shown });
    return out;
  };

  /** Adds the states not seen yet (asking the child about them), returning every state's id. */
  const intern = async (states: readonly unknown[], parents: readonly number[], vias: readonly (Action | null)[]): Promise<number[]> => {
    const ids: number[] = [];
    const fresh: { data: unknown; key: string; k: number }[] = [];
    const pending = new Map<string, number>();
    states.forEach((s, k) => {
      checkData(s, 'a state');
      const key = canonicalData(s);
      const known = index.get(key) ?? pending.get(key);
      if (known !== undefined) ids.push(known);
      else if (nodes.length + fresh.length >= maxStates) ids.push(-1);
      else {
        const id = nodes.length + fresh.length;
        pending.set(key, id);
        fresh.push({ data: s, key, k });
        ids.push(id);
      }
    });
    for (let i = 0; i < fresh.length; i += BATCH) {
      const part = fresh.slice(i, i + BATCH);
      const a = await child.request({ op: 'info', states: part.map((f) => f.data) });
      if (failure(a)) {
        // Which state: asked one at a time, so that the report shows the path to the state that gave it.
        for (const f of part) {
          const one = await child.request({ op: 'info', states: [f.data] });
          if (failure(one)) throw new ModelFailure(failure(one)!, parents[f.k] >= 0 ? pathTo(parents[f.k]) : []);
        }
        throw new ModelFailure(failure(a)!);
      }
      if (!Array.isArray(a.info) || a.info.length !== part.length) throw new AnswerError('the answer about states has the wrong length');
      part.forEach((f, j) => {
        const info: unknown = (a.info as unknown[])[j];
        if (!isRecord(info) || !isRecord(info.shown) || !isRecord(info.views)) throw new AnswerError('an answer about a state has the wrong shape');
        checkData(info.shown, 'a shown state');
        const views: Record<string, unknown> = Object.create(null);
        for (const [name, t] of Object.entries(viewTypes)) views[name] = viewValue(t, info.views[name], sorts, `view ${name}`);
        const terminal = info.terminal === true;
        index.set(f.key, nodes.length);
        nodes.push({ data: f.data, shown: info.shown, views, terminal, parent: parents[f.k], via: vias[f.k] });
      });
    }
    return ids;
  };

  const initial = (await intern(ans.init, ans.init.map(() => -1), ans.init.map(() => null))).filter((id) => id >= 0);
  let truncated = false;
  for (let next = 0; next < nodes.length; ) {
    const batch = nodes.slice(next, next + BATCH).map((_, j) => next + j);
    next += batch.length;
    const a = await child.request({ op: 'next', states: batch.map((id) => nodes[id].data) });
    if (failure(a)) {
      // Which state: asked one at a time, so that the report shows the path to it.
      for (const id of batch) {
        const one = await child.request({ op: 'next', states: [nodes[id].data] });
        if (failure(one)) throw new ModelFailure(failure(one)!, pathTo(id));
      }
      throw new ModelFailure(failure(a)!);
    }
    if (!Array.isArray(a.steps) || a.steps.length !== batch.length) throw new AnswerError('the answer about successors has the wrong length');
    // Every successor of the batch interned at once (one request about the new states, not one per parent),
    // in the order one state at a time would take, so ids and the bound fall where they did.
    const stepsOf: Record<string, unknown>[][] = [];
    for (const [j, id] of batch.entries()) {
      const steps: unknown = (a.steps as unknown[])[j];
      if (!Array.isArray(steps)) throw new AnswerError('successors: expected an array');
      if (steps.length > MAX_STEPS) throw new ModelFailure(`a state has more than ${MAX_STEPS} successors`, pathTo(id));
      for (const st of steps) {
        if (!isRecord(st)) throw new AnswerError('a step has the wrong shape');
        checkAction(st.action, 'a step');
      }
      stepsOf.push(steps as Record<string, unknown>[]);
    }
    const flat = stepsOf.flat();
    const ids = await intern(
      flat.map((st) => st.state),
      batch.flatMap((id, j) => stepsOf[j].map(() => id)),
      flat.map((st) => st.action as Action),
    );
    let at = 0;
    for (const [j, id] of batch.entries()) {
      const mine = ids.slice(at, at + stepsOf[j].length);
      at += stepsOf[j].length;
      // At the bound: this state and the rest of the batch stay unexpanded (their successors are not all known).
      if (mine.includes(-1)) {
        truncated = true;
        break;
      }
      nodes[id].succ = stepsOf[j].map((st, k) => ({ action: st.action as Action, to: mine[k] }));
    }
    if (truncated) break;
  }
  return { name: model.name, constants, decls: model.constants, variants: Object.keys(model.variants ?? {}), viewTypes, sorts, nodes, initial, truncated };
}
