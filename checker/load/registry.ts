// Finding models: shipped ones by name, or a user's TypeScript module by path (coursework). A user's
// model is checked against the model API's declaration rules as it is loaded (model-checks.ts), and its
// file is remembered so that later errors can point into it.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shippedModels } from '../../models/index.ts';
import { regularFile } from '../bounded-read.ts';
import { ClabError, suggest } from '../errors.ts';
import { isModel, type Model } from '../model.ts';
import { checkModel } from './model-checks.ts';
import { describeValue, noteModelFile, thrownAt } from './model-origin.ts';
import { typecheckModel, type TypecheckResult } from './typecheck.ts';

/** How a model file is loaded: type-checked first (the CLI's default) or not (worker threads, tests). */
export interface LoadOptions {
  readonly typecheck?: boolean;
}

/** The type check each loaded model file passed, for the report (a model loaded unchecked has none). */
const typechecked = new WeakMap<Model, TypecheckResult>();
export const typecheckOf = (m: Model): TypecheckResult | undefined => typechecked.get(m);

export function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.endsWith('.spec') || /\.[cm]?[jt]s$/.test(ref);
}

export function shippedModel(name: string): Model {
  const m = shippedModels.find((x) => x.name === name);
  if (!m) throw new ClabError(`unknown model '${name}'`, `${suggest(name, shippedModels.map((x) => x.name), 'models')} (or give a path to a model file; \`clab list\` shows the models)`);
  return m;
}

/** Imports a model module: its default export, or an export named `model`, or the only Model export. */
export async function loadModelFile(path: string, cwd = process.cwd(), opts: LoadOptions = {}): Promise<Model> {
  const abs = resolve(cwd, path);
  const notFile = regularFile(abs);
  if (notFile?.refused === 'missing') throw new ClabError(`model file not found: ${path}`, 'give a path to a .ts module that exports a model');
  // Importing a device, a pipe or a folder would hang or fail obscurely: refused before it is opened.
  if (notFile?.refused === 'not-regular') throw new ClabError(`cannot load model file ${path}: it is ${notFile.kind}, not a regular file`, 'give a path to a .ts module that exports a model');
  // Type errors are reported before the module runs: its code may depend on what tsc would refuse. A
  // JavaScript model (.js, .mjs, .cjs) has no types to check: tsc would only refuse it as input (TS6504).
  const checked = opts.typecheck && !/\.[cm]?js$/i.test(abs) ? await typecheckModel(abs, cwd) : undefined;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    const msg = ((e as Error)?.message ?? String(e)).split('\n')[0];
    // Node loads a .ts file outside a "type": "module" package as CommonJS, and then fails on its imports.
    const commonJs = /require\(\) ES Module|Cannot use import statement outside a module/.test(msg);
    throw new ClabError(
      `cannot load model file ${path}: ${commonJs ? 'it was loaded as CommonJS, not as an ES module' : msg}`,
      commonJs ? 'put it in a folder whose package.json says "type": "module", or name it .mts' : 'fix the module so that it compiles and runs',
      commonJs ? undefined : thrownAt(e),
    );
  }
  const candidates = [mod.default, mod.model, ...Object.values(mod)].filter(isModel);
  if (candidates.length === 0) {
    throw new ClabError(`${path} exports no model`, nearModel(mod) ?? "export one with `export default defineModel({ name, constants, instantiate })` (see README 'The model API')");
  }
  const model = candidates[0];
  noteModelFile(model, abs, cwd);
  checkModel(model);
  if (checked) typechecked.set(model, checked);
  else typechecked.delete(model);
  return model;
}

/** What keeps an object exported as `default` or `model` from being a model (a hint), if there is one. */
function nearModel(mod: Record<string, unknown>): string | undefined {
  for (const key of ['default', 'model']) {
    const x = mod[key] as Record<string, unknown> | undefined;
    if (typeof x !== 'object' || x === null) continue;
    const missing = [
      typeof x.name !== 'string' ? `'name' (a string) is ${describeValue(x.name)}` : undefined,
      typeof x.constants !== 'object' || x.constants === null ? `'constants' (an object) is ${describeValue(x.constants)}` : undefined,
      typeof x.instantiate !== 'function' ? `'instantiate' (a function) is ${describeValue(x.instantiate)}` : undefined,
    ].filter((m) => m !== undefined);
    return `its export '${key}' is not a model: ${missing.join(', ')} (see README 'The model API')`;
  }
  return undefined;
}

export async function resolveModel(ref: string, cwd = process.cwd(), opts: LoadOptions = {}): Promise<Model> {
  return looksLikePath(ref) ? loadModelFile(ref, cwd, opts) : shippedModel(ref);
}
