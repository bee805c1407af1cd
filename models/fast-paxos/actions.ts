// The Fast Paxos model's actions (models/fast-paxos.ts): next() for one instance.
//
// Successor order is part of the model (traces are replayed by successor index, the committed
// counterexamples depend on it): Propose by value; Phase1a by round; Phase1b by acceptor, then round;
// Phase2a by round, then quorum (smallest first, then by bitmask), then value; Phase2b by acceptor, then
// round, then value. No action is enabled twice with the same effect (every action is guarded by the
// message it sends not being sent yet), so there are no self-loops.

import type { Action, MessageLabel, Step } from '../../checker/model.ts';
import { COORD, M1B, M2B, accName, clientName } from './messages.ts';
import { pickRule, type Report } from './rules.ts';
import { has, range, type FastState, type Layout } from './state.ts';

const popcount = (x: number) => {
  let c = 0;
  for (let m = x; m; m &= m - 1) c++;
  return c;
};

/** The phase-1 quorums: every set of at least `size` of the N acceptors as a bitmask, smallest first. */
function quorumsOf(N: number, size: number): number[] {
  const qs: number[] = [];
  for (let q = 1; q < 1 << N; q++) if (popcount(q) >= size) qs.push(q);
  return qs.sort((x, y) => popcount(x) - popcount(y) || x - y);
}

export function fastNext(L: Layout): (s: FastState) => Step<FastState>[] {
  const { cfg, isFast, M, net } = L;
  const { N, V, R } = cfg;
  const { shown } = M;
  const quorums = quorumsOf(N, cfg.classicQuorum);
  const members = quorums.map((q) => range(0, N - 1).filter((a) => (q >>> a) & 1));

  // Labels made once: propose, 1a, 1b by message index; 2b by message index, one for a vote on a 2a with
  // the value and one for a vote on "any" and a client's proposal.
  const proposeLabel = range(0, V).map((v): Action | undefined => (v === 0 ? undefined : { actor: clientName(v), kind: 'sends', message: shown[M.propose[v]] }));
  const label1a = range(0, R).map((r): Action | undefined => (r < 2 ? undefined : { actor: COORD, kind: 'sends', message: shown[M.m1a[r]] }));
  const label1b = new Map<number, Action>();
  const label2b = new Map<number, Action>();
  const label2bAny = new Map<number, Action>();
  M.all.forEach((m, i) => {
    if (m.t === M1B) label1b.set(i, { actor: accName(m.a), kind: 'promises, sends', message: shown[i], received: [shown[M.m1a[m.r]]] });
    if (m.t === M2B) {
      label2b.set(i, { actor: accName(m.a), kind: 'accepts, sends', message: shown[i], received: [shown[M.m2a[m.r][m.v]]] });
      const any = M.m2a[m.r][0];
      if (any >= 0) label2bAny.set(i, { actor: accName(m.a), kind: 'accepts, sends', message: shown[i], received: [shown[M.propose[m.v]], shown[any]] });
    }
  });
  const send2a = (r: number, v: number, detail: string | undefined, received: MessageLabel[]): Action => ({
    actor: COORD,
    kind: 'sends',
    message: shown[M.m2a[r][v]],
    ...(detail !== undefined ? { detail } : {}),
    ...(received.length > 0 ? { received } : {}),
  });

  return function next(s) {
    const out: Step<FastState>[] = [];
    const { rnd, vrnd, vval, msgs } = s;
    const keep = (m: typeof msgs) => ({ rnd, vrnd, vval, msgs: m });
    const proposed = (v: number) => has(msgs, M.propose[v]);

    // Propose(v): client c_v sends its value to the coordinator and every acceptor.
    for (let v = 1; v <= V; v++) if (!proposed(v)) out.push({ action: proposeLabel[v]!, state: keep(net.sendIndex(msgs, M.propose[v])) });

    // Phase1a(r), r >= 2: the coordinator starts round r.
    for (let r = 2; r <= R; r++) if (!has(msgs, M.m1a[r])) out.push({ action: label1a[r]!, state: keep(net.sendIndex(msgs, M.m1a[r])) });

    // Phase1b(a, r): on 1a(r) with r > rnd[a], a joins round r and reports its last vote.
    for (let a = 0; a < N; a++) {
      for (let r = rnd[a] + 1; r <= R; r++) {
        if (r < 2 || !has(msgs, M.m1a[r])) continue;
        const i = M.m1b[M.key1b(a, r, vrnd[a], vval[a])];
        const nr = rnd.slice();
        nr[a] = r;
        out.push({ action: label1b.get(i)!, state: { rnd: nr, vrnd, vval, msgs: net.sendIndex(msgs, i) } });
      }
    }

    // Phase2a(r): no 2a of round r sent yet. Round 1 has no phase 1 (no lower round to ask about): "any" if
    // it is fast, else any proposed value. Round r >= 2: for each classic quorum Q whose members all sent
    // a 1b for r, the value(s) the pick rule allows (rules.ts), or, when free, "any" in a fast round and
    // any proposed value in a classic one.
    for (let r = 1; r <= R; r++) {
      const row = M.m2a[r];
      if (row.some((i) => has(msgs, i))) continue;
      if (r === 1) {
        if (isFast(1)) out.push({ action: send2a(1, 0, undefined, []), state: keep(net.sendIndex(msgs, row[0])) });
        else for (let v = 1; v <= V; v++) if (proposed(v)) out.push({ action: send2a(1, v, undefined, [shown[M.propose[v]]]), state: keep(net.sendIndex(msgs, row[v])) });
        continue;
      }
      // Each acceptor sends at most one 1b per round (rnd only grows): find it.
      const oneB = new Array<number>(N).fill(-1);
      let have = 0;
      for (let a = 0; a < N; a++) {
        for (let vr = 0; vr < r && oneB[a] < 0; vr++) {
          for (let v = vr === 0 ? 0 : 1; v <= (vr === 0 ? 0 : V); v++) {
            const i = M.m1b[M.key1b(a, r, vr, v)];
            if (has(msgs, i)) {
              oneB[a] = i;
              have |= 1 << a;
              break;
            }
          }
        }
      }
      for (let qi = 0; qi < quorums.length; qi++) {
        if ((quorums[qi] & have) !== quorums[qi]) continue;
        const mem = members[qi];
        const reports: Report[] = mem.map((a) => ({ vr: M.all[oneB[a]].vr, v: M.all[oneB[a]].v }));
        const got = mem.map((a) => shown[oneB[a]]);
        const detail = `after 1b from ${mem.map(accName).join(', ')}`;
        const pick = pickRule(cfg, isFast, reports);
        if (pick !== 'free') {
          for (const v of pick) out.push({ action: send2a(r, v, detail, got), state: keep(net.sendIndex(msgs, row[v])) });
        } else if (isFast(r)) {
          out.push({ action: send2a(r, 0, detail, got), state: keep(net.sendIndex(msgs, row[0])) });
        } else {
          for (let v = 1; v <= V; v++) if (proposed(v)) out.push({ action: send2a(r, v, detail, [...got, shown[M.propose[v]]]), state: keep(net.sendIndex(msgs, row[v])) });
        }
      }
    }

    // Phase2b(a, r, v): a has not voted in round r and r >= rnd[a]: on 2a(r, v), a votes v; on 2a(r, any),
    // a votes for a value a client proposed. Either way rnd[a] := vrnd[a] := r, vval[a] := v, 2b(a, r, v).
    for (let a = 0; a < N; a++) {
      for (let r = Math.max(1, rnd[a], vrnd[a] + 1); r <= R; r++) {
        const row = M.m2a[r];
        const any = has(msgs, row[0]);
        for (let v = 1; v <= V; v++) {
          if (any ? !proposed(v) : !has(msgs, row[v])) continue;
          const i = M.m2b[a][r][v];
          const nr = rnd.slice();
          const nvr = vrnd.slice();
          const nv = vval.slice();
          nr[a] = r;
          nvr[a] = r;
          nv[a] = v;
          out.push({ action: (any ? label2bAny : label2b).get(i)!, state: { rnd: nr, vrnd: nvr, vval: nv, msgs: net.sendIndex(msgs, i) } });
        }
      }
    }
    return out;
  };
}
