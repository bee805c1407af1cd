// The types of spec expressions: the model's view types plus `any` (the element type of `{}`) and `error`
// (an expression already reported, so one mistake does not cascade into many). Printing uses the sort
// names of identifiers (`acceptor`, `rm`), which is how users know them.

import type { ViewType } from '../model.ts';

export type Ty =
  | { readonly kind: 'bool' }
  | { readonly kind: 'int' }
  | { readonly kind: 'string' }
  | { readonly kind: 'id'; readonly sort: string }
  | { readonly kind: 'set'; readonly elem: Ty }
  | { readonly kind: 'seq'; readonly elem: Ty }
  | { readonly kind: 'map'; readonly key: Ty; readonly value: Ty }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, Ty>> }
  | { readonly kind: 'any' }
  | { readonly kind: 'error' };

export const BOOL: Ty = { kind: 'bool' };
export const INT: Ty = { kind: 'int' };
export const STRING: Ty = { kind: 'string' };
export const ANY: Ty = { kind: 'any' };
export const ERROR: Ty = { kind: 'error' };
export const setOf = (elem: Ty): Ty => ({ kind: 'set', elem });

export const fromView = (t: ViewType): Ty => t;

export function tyStr(t: Ty): string {
  switch (t.kind) {
    case 'id':
      return t.sort;
    case 'set':
    case 'seq':
      return `${t.kind} of ${tyStr(t.elem)}`;
    case 'map':
      return `map ${tyStr(t.key)} -> ${tyStr(t.value)}`;
    case 'record':
      return `{${Object.entries(t.fields)
        .map(([k, v]) => `${k}: ${tyStr(v)}`)
        .join(', ')}}`;
    case 'any':
      return 'anything';
    case 'error':
      return '?';
    default:
      return t.kind;
  }
}

/** The common type of two types, or undefined if they differ. `error` and `any` fit anything. */
export function unify(a: Ty, b: Ty): Ty | undefined {
  if (a.kind === 'error' || b.kind === 'any') return a;
  if (b.kind === 'error' || a.kind === 'any') return b;
  switch (a.kind) {
    case 'id':
      return b.kind === 'id' && a.sort === b.sort ? a : undefined;
    case 'set':
    case 'seq': {
      if (b.kind !== a.kind) return undefined;
      const e = unify(a.elem, b.elem);
      return e ? { kind: a.kind, elem: e } : undefined;
    }
    case 'map': {
      if (b.kind !== 'map') return undefined;
      const k = unify(a.key, b.key);
      const v = unify(a.value, b.value);
      return k && v ? { kind: 'map', key: k, value: v } : undefined;
    }
    case 'record': {
      if (b.kind !== 'record') return undefined;
      const ka = Object.keys(a.fields).sort();
      const kb = Object.keys(b.fields).sort();
      if (ka.join() !== kb.join()) return undefined;
      const fields: Record<string, Ty> = {};
      for (const k of ka) {
        const f = unify(a.fields[k], b.fields[k]);
        if (!f) return undefined;
        fields[k] = f;
      }
      return { kind: 'record', fields };
    }
    default:
      return a.kind === b.kind ? a : undefined;
  }
}

/** Values of this type compare with `===` (and work as Map keys). */
export const isScalar = (t: Ty): boolean => t.kind === 'bool' || t.kind === 'int' || t.kind === 'string' || t.kind === 'id';

export const isBad = (t: Ty): boolean => t.kind === 'error';
