// The order in which a spec's `define` items are type-checked and compiled: each after the definitions it
// mentions, so a definition may use any other (before or after it in the file) but never itself, directly
// or through others. A cycle is reported at every definition on it, naming the whole cycle. Definitions
// evaluate each other by nested calls at run time, so a chain of more than MAX_DEFINE_CHAIN of them is
// refused too. Both walks use explicit stacks: a spec may hold thousands of definitions.

import { leftSpine, type Expr, type Item } from './ast.ts';
import { diag, type Diagnostic } from './diagnostics.ts';

export type Define = Extract<Item, { kind: 'define' }>;

/** Calls `visit` for every name in `e` not bound by a binder inside `e`. */
export function freeNames(e: Expr, visit: (name: string, at: Expr) => void, bound: ReadonlySet<string> = new Set()): void {
  /** Binders scope left to right: each domain sees the names bound before it. */
  const bind = (bs: readonly { name: string; domain: Expr }[], outer: ReadonlySet<string>): ReadonlySet<string> => {
    const inner = new Set(outer);
    for (const b of bs) {
      go(b.domain, inner);
      inner.add(b.name);
    }
    return inner;
  };
  const go = (x: Expr, b: ReadonlySet<string>): void => {
    switch (x.kind) {
      case 'int':
      case 'bool':
      case 'str':
        return;
      case 'name':
        if (!b.has(x.name)) visit(x.name, x);
        return;
      case 'field':
        return go(x.target, b);
      case 'index':
        go(x.target, b);
        return go(x.index, b);
      case 'call':
        for (const a of x.args) go(a, b);
        return;
      case 'unary':
      case 'temporal':
        return go(x.arg, b);
      case 'binary': {
        // The left spine in a loop, so that a long chain does not recurse once per operator.
        const { base, nodes } = leftSpine(x);
        go(base, b);
        for (const n of nodes) go(n.right, b);
        return;
      }
      case 'if':
        go(x.cond, b);
        go(x.then, b);
        return go(x.else, b);
      case 'quant':
        return go(x.body, bind(x.binders, b));
      case 'setlit':
        for (const y of x.elems) go(y, b);
        return;
      case 'filter':
        return go(x.pred, bind([x.binder], b));
      case 'image':
        return go(x.expr, bind(x.binders, b));
    }
  };
  go(e, bound);
}

/** The longest chain of definitions one definition may evaluate through (each uses the next). */
export const MAX_DEFINE_CHAIN = 256;

export interface DefineOrder {
  /** Definitions not on a cycle, each after every definition it uses. */
  readonly order: readonly Define[];
  /** Definitions on a cycle, on a chain longer than MAX_DEFINE_CHAIN, or using one: not checked, their type is an error. */
  readonly cyclic: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Orders the (uniquely named) definitions by use; reports each cycle once per definition on it. */
export function orderDefines(defines: readonly Define[]): DefineOrder {
  const byName = new Map(defines.map((d) => [d.name, d]));
  const uses = new Map<string, string[]>();
  for (const d of defines) {
    const us: string[] = [];
    const seen = new Set<string>();
    freeNames(d.expr, (n) => {
      if (byName.has(n) && !seen.has(n)) {
        seen.add(n);
        us.push(n);
      }
    });
    uses.set(d.name, us);
  }
  const order: Define[] = [];
  const cyclic = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  /** How many definitions the longest chain from each finished definition goes through, itself included. */
  const chain = new Map<string, number>();
  // Depth-first, with the path so far as an explicit stack: `next` is the index of the next use to visit.
  const path: { readonly name: string; next: number; ok: boolean }[] = [];
  const enter = (name: string) => {
    state.set(name, 'visiting');
    path.push({ name, next: 0, ok: true });
  };
  for (const d of defines) {
    if (state.has(d.name)) continue;
    enter(d.name);
    while (path.length > 0) {
      const top = path[path.length - 1];
      const us = uses.get(top.name)!;
      if (top.next < us.length) {
        const u = us[top.next++];
        const st = state.get(u);
        if (st === 'done') {
          if (cyclic.has(u)) top.ok = false;
        } else if (st === 'visiting') {
          const names = path.map((f) => f.name);
          const cycle = names.slice(names.indexOf(u));
          const shown = [...cycle, u].join(' -> ');
          for (const n of cycle) {
            if (cyclic.has(n)) continue;
            cyclic.add(n);
            diagnostics.push(diag(byName.get(n)!.loc, cycle.length === 1 ? `definition '${n}' uses itself` : `definitions use each other in a cycle: ${shown}`, 'a definition may use other definitions, but not itself (no recursion)'));
          }
          top.ok = false;
        } else enter(u);
        continue;
      }
      path.pop();
      state.set(top.name, 'done');
      let ok = top.ok;
      if (ok) {
        let length = 1;
        for (const u of us) length = Math.max(length, 1 + (chain.get(u) ?? 0));
        chain.set(top.name, length);
        if (length > MAX_DEFINE_CHAIN) {
          ok = false;
          const d = byName.get(top.name)!;
          diagnostics.push(diag(d.loc, `definitions nested too deeply: '${d.name}' evaluates a chain of more than ${MAX_DEFINE_CHAIN} definitions`, 'merge some of the definitions on the chain'));
        }
      }
      if (ok) order.push(byName.get(top.name)!);
      else cyclic.add(top.name);
      if (!ok && path.length > 0) path[path.length - 1].ok = false;
    }
  }
  return { order, cyclic, diagnostics };
}
