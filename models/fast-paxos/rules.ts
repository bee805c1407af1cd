// The Fast Paxos model's configuration rules (models/fast-paxos.ts): which rounds are fast, the quorum
// sizes (their defaults and the requirement they must meet), the variants, and the coordinator's rule for
// picking a round's value from a quorum's 1b messages. Pure functions of the constants and of the votes
// reported, so the tests can state them directly.

/** The variants: name → what is wrong. */
export const VARIANTS = {
  'small-fast-quorum':
    'fast quorums one acceptor smaller than the requirement |Qc| + 2|Qf| > 2n allows (whatever fastQuorum says), so two fast quorums and a classic quorum need not share an acceptor',
  'ignore-collision-rule':
    "the coordinator ignores the collision rule: after phase 1 it takes the value of any highest-round vote reported (classic Paxos's rule), though after a fast round several values may be reported and only one may have been chosen",
} as const;

export type Variant = keyof typeof VARIANTS | undefined;

/** The default classic quorum: a majority, floor(n/2) + 1. */
export const majority = (n: number): number => Math.floor(n / 2) + 1;

/** The least fast quorum size with |Qc| + 2|Qf| > 2n for classic quorums of `classic`: floor((2n - Qc)/2) + 1. */
export const leastFastQuorum = (n: number, classic: number): number => Math.floor((2 * n - classic) / 2) + 1;

/** Whether the sizes meet Fast Paxos's quorum requirement: 2|Qc| > n and |Qc| + 2|Qf| > 2n. */
export const quorumsIntersect = (n: number, classic: number, fast: number): boolean => 2 * classic > n && classic + 2 * fast > 2 * n;

export interface Config {
  /** Acceptors a1..aN, values (clients) 1..V, rounds 1..R. */
  readonly N: number;
  readonly V: number;
  readonly R: number;
  /** Rounds 1..fastRounds are fast, the rest classic. */
  readonly fastRounds: number;
  readonly classicQuorum: number;
  readonly fastQuorum: number;
  readonly ignoreCollision: boolean;
}

/** The configuration from the constants (0 quorum sizes stand for the defaults) and the variant. */
export function configOf(c: Readonly<Record<string, unknown>>, variant: Variant): Config {
  const N = c.acceptors as number;
  const classicQuorum = (c.classicQuorum as number) || majority(N);
  const least = leastFastQuorum(N, classicQuorum);
  const fastQuorum = variant === 'small-fast-quorum' ? Math.max(1, least - 1) : (c.fastQuorum as number) || least;
  return {
    N,
    V: c.values as number,
    R: c.rounds as number,
    fastRounds: c.fastRounds as number,
    classicQuorum,
    fastQuorum,
    ignoreCollision: variant === 'ignore-collision-rule',
  };
}

/** Cross-constant checks (Model.validate): quorum sizes at most n, fast rounds within the rounds. */
export function validateConstants(c: Readonly<Record<string, unknown>>): string | undefined {
  const n = c.acceptors as number;
  if ((c.classicQuorum as number) > n) return `classicQuorum (${c.classicQuorum as number}) must be at most acceptors (${n}), or 0 for a majority`;
  if ((c.fastQuorum as number) > n) return `fastQuorum (${c.fastQuorum as number}) must be at most acceptors (${n}), or 0 for the least size meeting |Qc| + 2|Qf| > 2n`;
  if ((c.fastRounds as number) > (c.rounds as number)) return `fastRounds (${c.fastRounds as number}) must be at most rounds (${c.rounds as number})`;
  return undefined;
}

/** One acceptor's 1b as the rule reads it: the round and value of its last vote (0 0: none). */
export interface Report {
  readonly vr: number;
  readonly v: number;
}

/**
 * The values the coordinator of a round may send in its 2a after 1b messages `reports` from a quorum, or
 * 'free' when it may pick any proposed value ("any" in a fast round). k is the highest round voted in:
 *   no vote (k = 0)  free;
 *   k classic        the value voted in k (one 2a per round: a single value);
 *   k fast, one value v voted in k by members of Q
 *                    v (it may have been chosen in k, or in an earlier round whose value k's coordinator
 *                    had to pass on in a 2a(k, v));
 *   k fast, several  a collision: v must be picked if some fast quorum R could have chosen it in k, i.e.
 *                    every member of R ∩ Q voted v in k ("O4(v)"). The largest such R holds every
 *                    acceptor outside Q, so O4(v) iff (n - |Q|) + #{a in Q : voted v in k} >= |Qf|. With
 *                    the quorum requirement met at most one value passes; with smaller fast quorums
 *                    several may, and each is a choice. None passes: free (k's coordinator sent "any",
 *                    since members voted differently, and no value can have been chosen in k).
 * This is Lamport's rule (Fast Paxos, 2006, section 3.3). ignore-collision-rule: any value voted in k, never
 * free once someone has voted (classic Paxos's rule, which a collision makes ambiguous).
 */
export function pickRule(cfg: Config, isFast: (r: number) => boolean, reports: readonly Report[]): readonly number[] | 'free' {
  let k = 0;
  for (const x of reports) if (x.vr > k) k = x.vr;
  if (k === 0) return 'free';
  const count = new Array<number>(cfg.V + 1).fill(0);
  for (const x of reports) if (x.vr === k) count[x.v]++;
  const voted: number[] = [];
  for (let v = 1; v <= cfg.V; v++) if (count[v] > 0) voted.push(v);
  if (cfg.ignoreCollision || !isFast(k) || voted.length === 1) return voted;
  const outside = cfg.N - reports.length;
  const forced = voted.filter((v) => outside + count[v] >= cfg.fastQuorum);
  return forced.length > 0 ? forced : 'free';
}
