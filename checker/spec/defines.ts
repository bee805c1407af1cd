// The order in which a spec's `define` items are type-checked and compiled: each after the definitions it
// mentions, so a definition may use any other (before or after it in the file) but never itself, directly
// or through others. A cycle is reported at every definition on it, naming the whole cycle.

import type { Expr, Item } from './ast.ts';
import { diag, type Diagnostic } from './diagnostics.ts';

export type Define = Extract<Item, { kind: 'define' }>;

/** Calls `visit` for every name in `e` not bound by a binder inside `e`. */
export function freeNames(e: Expr, visit: (name: string, at: Expr) => void, bound: ReadonlySet<string> = new Set()): void {
  const go = (x: Expr, b: ReadonlySet<string>) => freeNames(x, visit, b);
  /** Binders scope left to right: each domain sees the names bound before it. */
  const bind = (bs: readonly { name: string; domain: Expr }[], then: (inner: ReadonlySet<string>) => void) => {
    const inner = new Set(bound);
    for (const b of bs) {
      go(b.domain, inner);
      inner.add(b.name);
    }
    then(inner);
  };
  switch (e.kind) {
    case 'int':
    case 'bool':
    case 'str':
      return;
    case 'name':
      if (!bound.has(e.name)) visit(e.name, e);
      return;
    case 'field':
      return go(e.target, bound);
    case 'index':
      go(e.target, bound);
      return go(e.index, bound);
    case 'call':
      return e.args.forEach((a) => go(a, bound));
    case 'unary':
    case 'temporal':
      return go(e.arg, bound);
    case 'binary':
      go(e.left, bound);
      return go(e.right, bound);
    case 'if':
      go(e.cond, bound);
      go(e.then, bound);
      return go(e.else, bound);
    case 'quant':
      return bind(e.binders, (inner) => go(e.body, inner));
    case 'setlit':
      return e.elems.forEach((x) => go(x, bound));
    case 'filter':
      return bind([e.binder], (inner) => go(e.pred, inner));
    case 'image':
      return bind(e.binders, (inner) => go(e.expr, inner));
  }
}

export interface DefineOrder {
  /** Definitions not on a cycle, each after every definition it uses. */
  readonly order: readonly Define[];
  /** Definitions on a cycle (or using one): not checked, their type is an error. */
  readonly cyclic: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Orders the (uniquely named) definitions by use; reports each cycle once per definition on it. */
export function orderDefines(defines: readonly Define[]): DefineOrder {
  const byName = new Map(defines.map((d) => [d.name, d]));
  const uses = new Map<string, string[]>();
  for (const d of defines) {
    const us: string[] = [];
    freeNames(d.expr, (n) => {
      if (byName.has(n) && !us.includes(n)) us.push(n);
    });
    uses.set(d.name, us);
  }
  const order: Define[] = [];
  const cyclic = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): boolean => {
    const st = state.get(name);
    if (st === 'done') return !cyclic.has(name);
    if (st === 'visiting') {
      const cycle = stack.slice(stack.indexOf(name));
      const path = [...cycle, name].join(' -> ');
      for (const n of cycle) {
        if (cyclic.has(n)) continue;
        cyclic.add(n);
        const d = byName.get(n)!;
        diagnostics.push(diag(d.loc, cycle.length === 1 ? `definition '${n}' uses itself` : `definitions use each other in a cycle: ${path}`, 'a definition may use other definitions, but not itself (no recursion)'));
      }
      return false;
    }
    state.set(name, 'visiting');
    stack.push(name);
    let ok = true;
    for (const u of uses.get(name)!) if (!visit(u)) ok = false;
    stack.pop();
    state.set(name, 'done');
    if (ok) order.push(byName.get(name)!);
    else cyclic.add(name);
    return ok;
  };
  for (const d of defines) visit(d.name);
  return { order, cyclic, diagnostics };
}
