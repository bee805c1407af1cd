// The sandbox's side of a model-check: plain JavaScript run by plain `node` inside the sandbox, next to
// the submission's bundled model (argv[2]). It imports the model and answers the grader's requests, one
// JSON line each way: requests on stdin, answers on file descriptor 3 (the student's code owns stdout and
// stderr, which the grader keeps apart and only shows as the model's output). It holds no secret and
// decides nothing: every answer is checked by the grader, which runs the search and the properties in its
// own process. States cross as JSON data; views are sent as JSON too (a set or a seq as an array, a map
// as an array of [key, value] pairs).
//
// Requests: {op: 'describe'} → the model's name, constant declarations and variant names;
// {op: 'instantiate', constants, variant} → view types, sorts, whether terminal() exists, initial states;
// {op: 'next', states} → per state, its steps (action, state); {op: 'info', states} → per state, its
// shown form, view values and terminal(). A model's exception is answered as {error, where, code, syscall}.
// Errors outside a request (an async error of the model's own) are sent as {event: 'error', ...}.

import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

// Taken before the submission runs: it may replace the globals (its own answers then suffer, not ours).
const { stringify, parse } = JSON;
const { getPrototypeOf, keys, entries, fromEntries, is, create } = Object;
const { isArray, from } = Array;
const { isFinite } = Number;
const bytes = Buffer.from;
const OBJECT_PROTO = Object.prototype;
const isMap = (v) => v instanceof Map;
const isSet = (v) => v instanceof Set;

function send(msg) {
  const line = stringify(msg) + '\n';
  const buf = bytes(line, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(3, buf, off);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      process.exit(70);
    }
  }
}

function errorInfo(e, where) {
  const err = e instanceof Error ? e : new Error(String(e));
  return { error: String(err.message).slice(0, 2000), where, ...(typeof err.code === 'string' ? { code: err.code } : {}), ...(typeof err.syscall === 'string' ? { syscall: err.syscall } : {}) };
}

process.on('uncaughtException', (e) => send({ event: 'error', ...errorInfo(e, 'the model (outside a request)') }));
process.on('unhandledRejection', (e) => send({ event: 'error', ...errorInfo(e, 'the model (a promise outside a request)') }));

/** A state as plain JSON data, or an exception naming the first value that is not. */
function data(v, path, depth = 0) {
  if (depth > 100) throw new Error(`${path}: nested more than 100 levels deep`);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!isFinite(v)) throw new Error(`${path} is ${v}: graded models' states hold finite numbers`);
    return is(v, -0) ? 0 : v;
  }
  if (isArray(v)) return v.map((x, i) => data(x, `${path}[${i}]`, depth + 1));
  if (typeof v === 'object') {
    const proto = getPrototypeOf(v);
    if (proto !== OBJECT_PROTO && proto !== null) {
      const what = isMap(v) ? 'a Map' : isSet(v) ? 'a Set' : `a ${proto?.constructor?.name ?? 'class'} instance`;
      throw new Error(`${path} is ${what}: graded models' states are plain data (objects, arrays, strings, numbers, booleans, null)`);
    }
    // No prototype: a setter the model put on Object.prototype is not called by these assignments.
    const out = create(null);
    for (const k of keys(v)) out[k] = data(v[k], `${path}.${k}`, depth + 1);
    return out;
  }
  throw new Error(`${path} is ${typeof v}: graded models' states are plain data (objects, arrays, strings, numbers, booleans, null)`);
}

/** A view's value as JSON, by its declared type (the grader checks it against the type). */
function viewValue(t, v) {
  if (t === null || typeof t !== 'object') return v;
  switch (t.kind) {
    case 'set':
    case 'seq':
      return isSet(v) || isArray(v) ? from(v, (x) => viewValue(t.elem, x)) : v;
    case 'map': {
      const pairs = isMap(v) ? from(v) : v !== null && typeof v === 'object' && !isArray(v) ? entries(v) : v;
      return isArray(pairs) ? pairs.map((p) => (isArray(p) ? [viewValue(t.key, p[0]), viewValue(t.value, p[1])] : p)) : pairs;
    }
    case 'record': {
      if (v === null || typeof v !== 'object') return v;
      const out = create(null);
      for (const k of keys(t.fields ?? {})) out[k] = viewValue(t.fields[k], v[k]);
      return out;
    }
    default:
      return v;
  }
}

function isModel(x) {
  return x !== null && typeof x === 'object' && typeof x.name === 'string' && typeof x.instantiate === 'function' && x.constants !== null && typeof x.constants === 'object';
}

let model;
let inst;

async function load() {
  const mod = await import(pathToFileURL(process.argv[2]).href);
  const found = [mod.default, mod.model].find(isModel) ?? Object.values(mod).filter(isModel)[0];
  if (!found) throw new Error('the module exports no model (export default defineModel({ name, constants, instantiate }))');
  model = found;
}

function call(where, f) {
  try {
    return f();
  } catch (e) {
    throw Object.assign(new Error(), { answer: errorInfo(e, where) });
  }
}

const handlers = {
  describe() {
    const constants = create(null);
    for (const [k, d] of entries(model.constants)) constants[k] = d;
    return { name: model.name, summary: typeof model.summary === 'string' ? model.summary : '', constants: data(constants, 'constants'), variants: keys(model.variants ?? {}) };
  },
  instantiate(req) {
    inst = call('instantiate()', () => model.instantiate(req.constants, req.variant ?? undefined));
    if (inst === null || typeof inst !== 'object') throw Object.assign(new Error(), { answer: { error: 'instantiate() returned no instance', where: 'instantiate()' } });
    const views = create(null);
    for (const [k, v] of entries(inst.views ?? {})) views[k] = v?.type;
    const init = call('init()', () => inst.init());
    if (!isArray(init)) throw Object.assign(new Error(), { answer: { error: 'init() returned no array', where: 'init()' } });
    return { views: data(views, 'views'), sorts: data(inst.sorts ?? {}, 'sorts'), terminal: typeof inst.terminal === 'function', init: init.map((s, i) => call('init()', () => data(s, `init()[${i}]`))) };
  },
  next(req) {
    return {
      steps: req.states.map((s) => {
        const steps = call('next()', () => inst.next(s));
        if (!isArray(steps)) throw Object.assign(new Error(), { answer: { error: 'next() returned no array', where: 'next()' } });
        return steps.map((st, i) => call('next()', () => ({ action: data(st?.action, `next()[${i}].action`), state: data(st?.state, `next()[${i}].state`) })));
      }),
    };
  },
  info(req) {
    const views = entries(inst.views ?? {});
    return {
      info: req.states.map((s) => ({
        shown: call('show()', () => data(typeof inst.show === 'function' ? inst.show(s) : s, 'show()')),
        views: fromEntries(views.map(([k, v]) => [k, call(`views.${k}.get()`, () => data(viewValue(v.type, v.get(s)), `views.${k}`))])),
        ...(typeof inst.terminal === 'function' ? { terminal: call('terminal()', () => inst.terminal(s) === true) } : {}),
      })),
    };
  },
};

try {
  await load();
  send({ ready: true });
} catch (e) {
  send({ ready: false, ...errorInfo(e, 'loading the module') });
  process.exit(0);
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let req;
  try {
    req = parse(line);
  } catch {
    send({ id: null, error: 'malformed request', where: 'runner' });
    continue;
  }
  try {
    const h = handlers[req.op];
    send({ id: req.id, ...h(req) });
  } catch (e) {
    send({ id: req.id, ...(e?.answer ?? errorInfo(e, 'runner')) });
  }
}
process.exit(0);
