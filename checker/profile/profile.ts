// `clab check --profile`: where a check's time goes, measured by wrapping the model's Instance and the
// search's predicates, so the search loop itself is not touched.
//
// How: during the search the wrappers only count (calls of next(), encode(), decode(), each invariant and
// witness, the symmetry canonicalisation; successors per action) and keep a sample of the states each one
// was given (reservoir sampling, up to SAMPLE states each). After the search, each part is re-run on its
// sample, in rounds of many calls with one timer read around each, and the fastest round gives its time a call; times a call
// times the exact counts give its share of the search. Timing each call in the search itself was the first
// design and is not usable here: a pair of performance.now() reads costs 250-500 ns on this kind of VM,
// more than an encode() or an invariant takes, so the subtracted timer cost swamped what it measured.
// What the parts do not account for of the search's seconds is the search's own work: hashing, the
// visited set, the frontier, purity samples, and the generic encoder when the model has no encode().
//
// Actions: a next() built by `actions({...})` (checker/model-kit/actions.ts) is run action function by
// action function (the same functions, in the same order, so the same successors), and each is timed on
// the sample; any other next() is timed as a whole and its time shared among the action kinds (`kind` and
// message type: `sends 2a`) in proportion to their steps on the sample.

import { namedActions, type NamedAction } from '../model-kit/actions.ts';
import type { Instance, Step } from '../model.ts';
import { Encoder } from '../state/encode.ts';
import { Decoder } from '../state/decode.ts';
import type { Predicate, SearchOptions, SearchResult } from '../search/types.ts';

/** States kept per sampled part. */
const SAMPLE = 512;
/** Each part is re-run in this many rounds of at least ROUND_MS milliseconds (whole passes over its sample). */
const ROUNDS = 5;
const ROUND_MS = 8;

/** One timed part: exact calls in the search, estimated seconds, and for actions their successors. */
export interface Timed {
  readonly name: string;
  readonly calls: number;
  readonly seconds: number;
  readonly successors?: number;
}

export interface Profile {
  /** The search's seconds. */
  readonly seconds: number;
  /**
   * next(), encode, decode, invariants, symmetry, the search's own work (the rest of its CPU time), and
   * `waiting`: wall time the process did not run (other jobs had the processor). They add up to `seconds`.
   */
  readonly phases: readonly Timed[];
  /** 'measured': each action function of `actions({...})` timed; 'attributed': next() shared by step counts per kind. */
  readonly actionTime: 'measured' | 'attributed';
  readonly actions: readonly Timed[];
  /** Each invariant and witness predicate. */
  readonly predicates: readonly Timed[];
  /** Whether encode() was the model's own (timed) or the generic encoder (inside the search's own time). */
  readonly encoder: 'model' | 'generic';
  /** States each part was re-run on (at most SAMPLE). */
  readonly sampleSize: number;
  /**
   * Set when the parts' estimated seconds add up to over 1.1x what the search took (by this factor): likely in
   * a short search, whose parts ran partly unoptimised or the machine was busier while they were re-run.
   */
  readonly overrun?: number;
}

/** A count and a reservoir sample of what a part was called with. */
class Tally<T> {
  calls = 0;
  successors = 0;
  readonly sample: T[] = [];
  private seed = 0x9e3779b9;

  note(x: T): void {
    const n = ++this.calls;
    if (this.sample.length < SAMPLE) this.sample.push(x);
    else if ((n & 7) === 0) {
      // xorshift32: a reproducible reservoir (every eighth call is a candidate, so the cost stays small).
      let z = this.seed;
      z ^= z << 13;
      z ^= z >>> 17;
      z ^= z << 5;
      this.seed = z >>> 0;
      const j = this.seed % (n >>> 3);
      if (j < SAMPLE) this.sample[j] = x;
    }
  }
}

/**
 * Milliseconds one run of `f` over `xs` takes: the least over ROUNDS rounds of whole passes lasting at least
 * ROUND_MS each, after one pass untimed (a short search may leave a part not yet optimised by V8). The
 * least, because on a machine shared with other jobs a round that lost the processor for a time slice
 * reads several times too long (one 25 ms window read 30x too long at load average 8).
 */
function msPerCall<T>(xs: readonly T[], f: (x: T) => unknown): number {
  if (xs.length === 0) return 0;
  for (let i = 0; i < xs.length; i++) f(xs[i]);
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let passes = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      for (let i = 0; i < xs.length; i++) f(xs[i]);
      passes++;
      t = performance.now();
    } while (t - t0 < ROUND_MS);
    best = Math.min(best, (t - t0) / (passes * xs.length));
  }
  return best;
}

export class Profiler<S> {
  private readonly next = new Tally<S>();
  private readonly encode = new Tally<S>();
  private readonly decode = new Tally<S>();
  private readonly symmetry = new Tally<S>();
  private readonly predicates: { name: string; holds: (s: S) => boolean; tally: Tally<S> }[] = [];
  private readonly named: readonly NamedAction<S>[] | undefined;
  private readonly actionSuccessors: number[] = [];
  /** Steps of each action kind and message type ('' for none), counted in the search. */
  private readonly kinds = new Map<string, Map<string, number>>();
  private canonical: ((s: S, w: Encoder) => void) | undefined;
  /** CPU time when the search started (options() is called right before it), and the report once made. */
  private cpuStart: NodeJS.CpuUsage | undefined;
  private made: Profile | undefined;
  readonly instance: Instance<S>;

  constructor(private readonly inner: Instance<S>) {
    this.named = namedActions<S>(inner.next);
    const wrapped: Instance<S> = Object.create(inner);
    const { next, encode, decode } = this;
    if (this.named) {
      const fns = this.named.map((a) => a.fn);
      const counts = this.actionSuccessors;
      for (let i = 0; i < fns.length; i++) counts.push(0);
      wrapped.next = (s: S): Step<S>[] => {
        next.note(s);
        const out: Step<S>[] = [];
        for (let i = 0; i < fns.length; i++) {
          const before = out.length;
          fns[i](s, out);
          counts[i] += out.length - before;
        }
        next.successors += out.length;
        return out;
      };
    } else {
      const kinds = this.kinds;
      wrapped.next = (s: S): readonly Step<S>[] => {
        next.note(s);
        const steps = inner.next(s);
        const n = steps?.length;
        if (typeof n === 'number') {
          next.successors += n;
          for (let j = 0; j < n; j++) {
            const a = steps[j]?.action;
            const kind = typeof a?.kind === 'string' ? a.kind : '(no kind)';
            const type = typeof a?.message?.type === 'string' ? a.message.type : '';
            let byType = kinds.get(kind);
            if (!byType) kinds.set(kind, (byType = new Map()));
            byType.set(type, (byType.get(type) ?? 0) + 1);
          }
        }
        return steps;
      };
    }
    if (typeof inner.encode === 'function') {
      const enc = inner.encode.bind(inner);
      wrapped.encode = (s: S, w: Encoder): void => {
        encode.note(s);
        enc(s, w);
      };
    }
    if (typeof inner.decode === 'function') {
      const dec = inner.decode.bind(inner);
      wrapped.decode = (r: Decoder): S => {
        const s = dec(r);
        decode.note(s);
        return s;
      };
    }
    this.instance = wrapped;
  }

  private countedPredicates(ps: readonly Predicate<S>[] | undefined): Predicate<S>[] | undefined {
    if (!ps) return undefined;
    return ps.map((p) => {
      const tally = new Tally<S>();
      this.predicates.push({ name: p.name, holds: p.holds, tally });
      const holds = p.holds;
      return {
        name: p.name,
        holds: (s: S) => {
          tally.note(s);
          return holds(s);
        },
      };
    });
  }

  /** The search options with counted predicates and canonicalisation; one core (the profile counts one thread). */
  options<O extends SearchOptions<S> & { workers?: number }>(opts: O): O {
    this.cpuStart = process.cpuUsage();
    const canonical = opts.canonical;
    this.canonical = canonical;
    const symmetry = this.symmetry;
    return {
      ...opts,
      workers: 1,
      invariants: this.countedPredicates(opts.invariants)!,
      witnesses: this.countedPredicates(opts.witnesses),
      canonical: canonical
        ? (s: S, w: Encoder) => {
            symmetry.note(s);
            canonical(s, w);
          }
        : undefined,
    };
  }

  /** Re-runs each part on its sample and puts the figures together (call once the search has returned). */
  report(result: SearchResult<unknown>): Profile {
    if (this.made) return this.made;
    // The process's CPU seconds during the search, read before the parts are re-run. On a machine shared
    // with other jobs the wall seconds also hold time the process waited for a processor; the parts' times
    // a call are measured at their fastest, so they are set against the CPU seconds and the wait is shown
    // apart. (CPU seconds include V8's compiler and GC threads, which can make them exceed the wall time.)
    const cpu = process.cpuUsage(this.cpuStart);
    const busy = Math.min(result.seconds, (cpu.user + cpu.system) / 1e6);
    const inner = this.inner;
    const w = new Encoder();
    const secs = (t: Tally<S>, ms: number) => (ms * t.calls) / 1000;
    const phases: Timed[] = [];
    const part = (name: string, t: Tally<S>, ms: number, extra: Partial<Timed> = {}) => {
      const timed: Timed = { name, calls: t.calls, seconds: secs(t, ms), ...extra };
      phases.push(timed);
      return timed;
    };

    // next(), and its actions.
    let actions: Timed[];
    let nextMs: number;
    if (this.named) {
      const out: Step<S>[] = [];
      const per = this.named.map((a) =>
        msPerCall(this.next.sample, (s) => {
          out.length = 0;
          a.fn(s, out);
        }),
      );
      nextMs = per.reduce((x, y) => x + y, 0);
      actions = this.named.map((a, i) => ({ name: a.name, calls: this.next.calls, seconds: secs(this.next, per[i]), successors: this.actionSuccessors[i] }));
    } else {
      nextMs = msPerCall(this.next.sample, (s) => inner.next(s));
      actions = attributeByKind(this.kinds, secs(this.next, nextMs));
    }
    part('next()', this.next, nextMs, { successors: this.next.successors });
    const encode = inner.encode;
    if (typeof encode === 'function' && this.encode.calls)
      part('encode', this.encode, msPerCall(this.encode.sample, (s) => encode.call(inner, s, w.reset())));
    const decode = inner.decode;
    if (typeof decode === 'function' && encode && this.decode.calls) {
      const words = this.decode.sample.map((s) => {
        encode.call(inner, s, w.reset());
        return w.snapshot();
      });
      const r = new Decoder();
      part('decode', this.decode, msPerCall(words, (ws) => decode.call(inner, r.reset(ws, 0, ws.length))));
    }
    const predicates = this.predicates.map((p) => ({ name: p.name, calls: p.tally.calls, seconds: secs(p.tally, msPerCall(p.tally.sample, p.holds)) }));
    phases.push({ name: 'invariants', calls: predicates.reduce((t, p) => t + p.calls, 0), seconds: predicates.reduce((t, p) => t + p.seconds, 0) });
    const canonical = this.canonical;
    if (canonical && this.symmetry.calls) part('symmetry', this.symmetry, msPerCall(this.symmetry.sample, (s) => canonical(s, w.reset())));
    const counted = phases.reduce((t, p) => t + p.seconds, 0);
    phases.push({ name: 'search', calls: 0, seconds: Math.max(0, busy - counted) });
    phases.push({ name: 'waiting', calls: 0, seconds: result.seconds - busy });
    // The parts re-run warm; in a short search much of the time was spent before V8 optimised them.
    return (this.made = {
      seconds: result.seconds,
      phases,
      actionTime: this.named ? 'measured' : 'attributed',
      actions,
      predicates,
      encoder: typeof inner.encode === 'function' ? 'model' : 'generic',
      sampleSize: this.next.sample.length,
      overrun: counted > 1.1 * busy ? counted / Math.max(busy, 1e-9) : undefined,
    });
  }
}

/** next()'s time shared among action kinds (kind and message type) in proportion to their steps in the search. */
function attributeByKind(kinds: ReadonlyMap<string, ReadonlyMap<string, number>>, seconds: number): Timed[] {
  const rows = [...kinds].flatMap(([kind, byType]) => [...byType].map(([type, n]) => ({ name: type ? `${kind} ${type}` : kind, n })));
  const all = rows.reduce((t, r) => t + r.n, 0);
  return rows.map((r) => ({ name: r.name, calls: 0, seconds: all ? (seconds * r.n) / all : 0, successors: r.n }));
}

/** `opts` counted by `profiler` (one core), or unchanged without one. */
export function profiled<S, O extends SearchOptions<S> & { workers?: number }>(profiler: Profiler<S> | undefined, opts: O): O {
  return profiler ? profiler.options(opts) : opts;
}
