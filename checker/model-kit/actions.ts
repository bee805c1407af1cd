// next() from named action functions: `actions({ phase1a, phase1b, ... })`. Each action gets the state and
// an array to push its steps into; next() calls them in the order given and returns every step. Written
// this way a model reads as the protocol's list of actions, and `clab check --profile` times each action
// function (the function keeps the list under ACTIONS, checker/profile/ reads it).

import type { Step } from '../model.ts';

/** One action: push a `{ action, state }` for each way it is enabled in `s` (none when it is not). */
export type ActionFn<S> = (s: S, out: Step<S>[]) => void;

/** Where a next() built by `actions` keeps its named action functions, in order. */
export const ACTIONS: unique symbol = Symbol.for('consensus-lab.actions');

export interface NamedAction<S> {
  readonly name: string;
  readonly fn: ActionFn<S>;
}

export type ActionsNext<S> = ((s: S) => Step<S>[]) & { readonly [ACTIONS]: readonly NamedAction<S>[] };

export function actions<S>(defs: Readonly<Record<string, ActionFn<S>>>): ActionsNext<S> {
  const list: NamedAction<S>[] = Object.entries(defs).map(([name, fn]) => {
    if (typeof fn !== 'function') throw new TypeError(`actions: '${name}' is not a function`);
    return { name, fn };
  });
  const fns = list.map((a) => a.fn);
  const n = fns.length;
  const next = (s: S): Step<S>[] => {
    const out: Step<S>[] = [];
    for (let i = 0; i < n; i++) fns[i](s, out);
    return out;
  };
  return Object.assign(next, { [ACTIONS]: list as readonly NamedAction<S>[] });
}

/** The named actions of a next() built by `actions`, or undefined for any other function. */
export function namedActions<S>(next: unknown): readonly NamedAction<S>[] | undefined {
  const list = typeof next === 'function' ? (next as Partial<ActionsNext<S>>)[ACTIONS] : undefined;
  return Array.isArray(list) ? list : undefined;
}
