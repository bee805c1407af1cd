// Voting: Lamport's abstract Paxos (Voting.tla, as in "The Paxos Algorithm, or How to Win a Turing Award"
// and the TLA+ examples' Paxos/MCVoting). Acceptors vote for values in numbered ballots; a value is chosen
// when a quorum votes for it in one ballot. No messages: each acceptor reads the others' votes directly.
//   IncreaseMaxBal(a, b)  b > maxBal[a]: maxBal[a] := b.
//   VoteFor(a, b, v)      maxBal[a] <= b, a has no ballot-b vote, every other acceptor's ballot-b votes are
//                         for v, and some quorum Q shows v safe at b; then votes[a] += <<b, v>>, maxBal[a] := b.
//   ShowsSafeAt(Q, b, v)  every a in Q has maxBal[a] >= b, and for some c in -1..b-1: (c = -1 or some member of
//                         Q voted <<c, v>>) and no member of Q voted in any ballot c+1..b-1.
// Quorums: all sets of more than half of the acceptors. VoteFor is one successor per (a, b, v) however many
// quorums show v safe (the quorum is only a guard).
// TLC's counts (../shared/reference/counts.md T5/T6; distinct / generated / depth) and ours:
//   3 acceptors, 2 values, ballots 0..2   TLC 6,752 / 41,017 / 16   ours 6,752 / 26,905 / 16
//   3 acceptors, 2 values, ballots 0..1   TLC   599 /  3,124 / 11   ours   599 /  2,080 / 11
//   the same with SYMMETRY Permutations(Acceptor) ∪ Permutations(Value): 77 orbits (ours with --symmetry: 77)
// Distinct states and depth agree. "Generated" does not: TLC counts one successor per way it enumerates the
// existential quantifiers of VoteFor's guard (neither one per action instance nor one per quorum matches:
// one per quorum gives 39,829 and 3,214), so that figure is not comparable.
// Symmetry: acceptors and values are interchangeable (`symmetry` renames them); ballots are not.
// Representation: maxBal[a] in -1..B-1 and votes[a] as a bitmask over (ballot, value) pairs, bit b*V + v.

import type { Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';

export interface VotingState {
  /** Per acceptor: the highest ballot it joined (-1 = none). */
  readonly maxBal: readonly number[];
  /** Per acceptor: bit b*V + v set when it voted for value v in ballot b. */
  readonly votes: readonly number[];
}

const accName = (a: number) => `a${a + 1}`;
const valName = (v: number) => `v${v + 1}`;

export default defineModel<VotingState>({
  name: 'voting',
  summary: "Lamport's Voting (abstract Paxos): acceptors vote in ballots, a quorum's votes choose a value; symmetric in acceptors and values",
  topic: 'Paxos',
  constants: {
    acceptors: { kind: 'int', default: 3, min: 1, max: 5, description: 'number of acceptors' },
    values: { kind: 'int', default: 2, min: 1, max: 4, description: 'number of values' },
    ballots: { kind: 'int', default: 2, min: 1, max: 5, description: 'ballots are 0..ballots-1 (TLC T6: 2; T5: 3)' },
  },
  validate: (c) => ((c.ballots as number) * (c.values as number) > 30 ? 'ballots * values must be at most 30 (votes are a 32-bit mask)' : undefined),
  instantiate(c) {
    const A = c.acceptors as number;
    const V = c.values as number;
    const B = c.ballots as number;
    const quorums: number[][] = [];
    for (let q = 1; q < 1 << A; q++) {
      const members = Array.from({ length: A }, (_, a) => a).filter((a) => (q >>> a) & 1);
      if (2 * members.length > A) quorums.push(members);
    }
    const ballotMask = (b: number) => ((1 << V) - 1) << (b * V);
    const votedIn = (s: VotingState, a: number, b: number) => (s.votes[a] & ballotMask(b)) !== 0;
    const voted = (s: VotingState, a: number, b: number, v: number) => ((s.votes[a] >>> (b * V + v)) & 1) === 1;
    const showsSafeAt = (s: VotingState, q: readonly number[], b: number, v: number): boolean => {
      if (!q.every((a) => s.maxBal[a] >= b)) return false;
      for (let cb = -1; cb < b; cb++) {
        if (cb !== -1 && !q.some((a) => voted(s, a, cb, v))) continue;
        let none = true;
        for (let d = cb + 1; d < b && none; d++) if (q.some((a) => votedIn(s, a, d))) none = false;
        if (none) return true;
      }
      return false;
    };
    const chosen = (s: VotingState): number[] => {
      const out: number[] = [];
      for (let v = 0; v < V; v++) if (Array.from({ length: B }, (_, b) => b).some((b) => quorums.some((q) => q.every((a) => voted(s, a, b, v))))) out.push(v);
      return out;
    };
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i);
    // Scratch for symmetry's signatures.
    const valueMask = (1 << V) - 1;
    let sigState: VotingState | undefined;
    const accSig = new Array<number>(A).fill(0);
    const valSig = new Array<number>(V).fill(0);

    return {
      init: () => [{ maxBal: new Array(A).fill(-1), votes: new Array(A).fill(0) }],
      next(s) {
        const out: Step<VotingState>[] = [];
        for (let a = 0; a < A; a++) {
          for (let b = 0; b < B; b++) {
            if (b > s.maxBal[a]) {
              const mb = s.maxBal.slice();
              mb[a] = b;
              out.push({ action: { actor: accName(a), kind: 'joins ballot', detail: `${b}` }, state: { maxBal: mb, votes: s.votes } });
            }
            if (s.maxBal[a] > b || votedIn(s, a, b)) continue;
            for (let v = 0; v < V; v++) {
              let othersAgree = true;
              for (let o = 0; o < A && othersAgree; o++) if (o !== a && (s.votes[o] & ballotMask(b) & ~(1 << (b * V + v))) !== 0) othersAgree = false;
              if (!othersAgree || !quorums.some((q) => showsSafeAt(s, q, b, v))) continue;
              const mb = s.maxBal.slice();
              const vs = s.votes.slice();
              mb[a] = b;
              vs[a] = s.votes[a] | (1 << (b * V + v));
              out.push({ action: { actor: accName(a), kind: 'votes', detail: `for ${valName(v)} in ballot ${b}` }, state: { maxBal: mb, votes: vs } });
            }
          }
        }
        return out;
      },
      invariants: {
        consistency: { description: 'at most one value is chosen (chosen: a quorum voted for it in one ballot)', holds: (s) => chosen(s).length <= 1 },
      },
      // The ballots are bounded: once every acceptor has joined the last one, the run may end (every state
      // with no successor is one of these, so none is reported as a deadlock).
      terminal: (s) => s.maxBal.every((b) => b === B - 1),
      sorts: { acceptor: ids(A).map(accName), value: ids(V).map(valName) },
      symmetry: {
        sorts: ['acceptor', 'value'],
        apply(s, [pa, pv]) {
          const maxBal = new Array<number>(A);
          const votes = new Array<number>(A).fill(0);
          for (let a = 0; a < A; a++) {
            maxBal[pa[a]] = s.maxBal[a];
            let x = s.votes[a];
            let m = 0;
            while (x !== 0) {
              const low = x & -x;
              x ^= low;
              const bit = 31 - Math.clz32(low);
              m |= 1 << (bit - (bit % V) + pv[bit % V]);
            }
            votes[pa[a]] = m;
          }
          return { maxBal, votes };
        },
        // Numbers that name no acceptor and no value, so renaming moves each with its member: an
        // acceptor's ballot and the ballots it voted in (not for which value); a value's vote count in
        // each ballot (not whose votes). One pass gives both sorts, kept for the state it was made for
        // (the checker asks for sort 0, then sort 1, of one state).
        signatures(s, sort) {
          if (s !== sigState) {
            sigState = s;
            valSig.fill(0);
            for (let a = 0; a < A; a++) {
              const x = s.votes[a];
              let m = 0;
              for (let b = 0, weight = 1; b < B; b++, weight *= A + 1) {
                const bits = (x >>> (b * V)) & valueMask;
                if (bits === 0) continue;
                m |= 1 << b;
                for (let v = 0; v < V; v++) if ((bits >>> v) & 1) valSig[v] += weight;
              }
              accSig[a] = (s.maxBal[a] + 1) * (1 << B) + m;
            }
          }
          return sort === 0 ? accSig : valSig;
        },
      },
      views: {
        maxBal: { type: { kind: 'map', key: { kind: 'id', sort: 'acceptor' }, value: { kind: 'int' } }, description: 'highest ballot each acceptor joined (-1 none)', get: (s) => new Map(s.maxBal.map((x, a) => [a, x])) },
        chosen: { type: { kind: 'set', elem: { kind: 'id', sort: 'value' } }, description: 'values chosen', get: (s) => chosen(s) },
      },
      encode(s, w) {
        for (let a = 0; a < A; a++) w.u32(s.maxBal[a] + 1);
        for (let a = 0; a < A; a++) w.u32(s.votes[a]);
      },
      decode(r) {
        const maxBal = new Array<number>(A);
        const votes = new Array<number>(A);
        for (let a = 0; a < A; a++) maxBal[a] = r.u32() - 1;
        for (let a = 0; a < A; a++) votes[a] = r.u32();
        return { maxBal, votes };
      },
      show: (s) =>
        Object.fromEntries(
          ids(A).map((a) => [
            accName(a),
            { maxBal: s.maxBal[a], votes: ids(B).flatMap((b) => ids(V).filter((v) => voted(s, a, b, v)).map((v) => `<<${b}, ${valName(v)}>>`)) },
          ]),
        ),
    };
  },
});
