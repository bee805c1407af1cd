// Content-addressed download: a BitTorrent-like swarm, and a Napster-style central index as the contrast.
// A file of `blocks` blocks; `peers` peers p1..pN, the last `malicious` of them malicious; a downloader d.
// Hashes are abstract: a block's content is an id, the original or the adversary's poisoned variant of that
// block, and hash(content) is injective, so a hash names exactly one content. Collision resistance (no one
// finds a second content with the original's hash) is assumed here, not modelled.
//
// index=tracker (BitTorrent). d starts with the infohash, from a source it trusts (the publisher's link).
// The tracker lists peers (an honest one all of them, an evil one only the malicious ones); the metadata
// (the list of block hashes) comes from the tracker or a listed peer, and d keeps it only if it matches
// the infohash; then each block comes from any listed peer and d keeps it only if its hash is the one
// the metadata lists; with every block kept, d assembles the file. A peer that serves a block that fails
// the check, or refuses, is banned and d asks another one: each peer fails d at most once, so retries are
// bounded and every run ends (the state graph has no cycle).
// index=napster. The central index maps the file's name to the peers that offer it (all of them: anyone
// may offer anything under any name) and also carries the whole file's hash, from the publisher; d fetches
// the whole file from one listed peer and keeps it only if it matches that hash. The index is the party
// d trusts, so it is never evil here (validate refuses evilTracker with napster: an evil index is the
// untrusted-metadata case).
//
// Invariant noPoisonAssembled: an assembled file is the original. It holds in the correct protocol with any
// number of malicious peers and an evil tracker. Temporal property eventuallyAssembled: every run ends with
// the file; it holds with an honest tracker and an honest peer, and fails with an evil tracker, which can
// deny service (list only malicious peers, which fail d until it gives up: 8 steps) but not poison the
// file. The variants show which rule matters:
//   no-hash-check       d keeps whatever a peer serves (with napster: the classic name-only index): a
//                       malicious peer's poisoned block gets in (9 steps; napster 5).
//   untrusted-metadata  d has no infohash and keeps the first hash list it is sent, by the tracker or a peer
//                       (with napster: the hash comes with the copy, from the peer serving it): the hashes
//                       are the poisoned blocks', every check passes, and honest peers' blocks fail. Hash
//                       checks move the question to where the hash list came from: trust must be rooted in
//                       how the infohash (or the index) was obtained.
// States and steps: one reply at a time is in flight (d asks one source at a time; the request is implied by
// the reply's step), and d's receive step checks it; d's actions are `receives` and `assembles`.

import type { Action, MessageLabel, Step } from '../checker/model.ts';
import { defineModel } from '../checker/model.ts';

/** What d holds for a block, and what a peer serves: MISSING only for d, REFUSED only in replies. */
export const [MISSING, GOOD, POISONED, REFUSED] = [0, 1, 2, 3];
const DATA = ['missing', 'good', 'poisoned', 'refused'];
/** Hash lists (metadata): none yet, the original file's, the poisoned file's. */
export const [NO_HASHES, GENUINE, FORGED] = [0, 1, 2];
const HASHES = ['none', 'genuine', 'poisoned'];

/** The reply in flight (kind NONE: nothing). `src` is a peer index, or `peers` for the tracker/index. */
export const [NONE, LIST, META, PIECE, FILE] = [0, 1, 2, 3, 4];
export interface Reply {
  readonly kind: number;
  readonly src: number;
  /** PIECE: the block. */
  readonly block: number;
  /** META: GENUINE/FORGED; PIECE, FILE: GOOD/POISONED/REFUSED. */
  readonly data: number;
}

export interface SwarmState {
  /** Peers the tracker (index) listed, a bitmask; -1 before its answer. */
  readonly listed: number;
  /** The hash list d holds (NO_HASHES, GENUINE, FORGED). */
  readonly meta: number;
  /** Per block: what d holds (MISSING, GOOD, POISONED). */
  readonly blocks: readonly number[];
  /** Sources that failed d: bit p for peer p, bit `peers` for the tracker. */
  readonly banned: number;
  readonly inFlight: Reply;
  readonly assembled: boolean;
}

const NO_REPLY: Reply = { kind: NONE, src: 0, block: 0, data: 0 };
const peerName = (p: number) => `p${p + 1}`;
const blockName = (b: number) => `b${b + 1}`;

export default defineModel<SwarmState>({
  name: 'content-addressed-download',
  summary: 'A BitTorrent-like swarm with malicious peers and a possibly evil tracker: per-block hashes from trusted metadata keep poisoned blocks out; a Napster-style index as the contrast',
  topic: 'Peer-to-peer content distribution',
  constants: {
    blocks: { kind: 'int', default: 2, min: 1, max: 4, description: 'blocks in the file' },
    peers: { kind: 'int', default: 2, min: 1, max: 4, description: 'peers in the swarm (p1..pN)' },
    malicious: { kind: 'int', default: 1, min: 0, max: 4, description: 'how many peers are malicious (the last ones): asked for a block or the file they serve the original, the poisoned variant or nothing; asked for the hash list, the genuine or the poisoned one' },
    evilTracker: { kind: 'bool', default: false, description: 'the tracker lists only the malicious peers, and may serve the poisoned file\'s hash list' },
    index: { kind: 'enum', default: 'tracker', values: ['tracker', 'napster'], description: 'tracker: per-block download from many peers (BitTorrent); napster: a central index of names, whole file from one peer' },
  },
  variants: {
    'no-hash-check': "the downloader keeps whatever a peer serves, unchecked (with napster: the index maps names to peers only, the classic Napster)",
    'untrusted-metadata': 'the downloader has no infohash and keeps the first hash list it is sent, by the tracker or a peer (with napster: the hash the serving peer sends with its copy)',
  },
  validate(c) {
    if ((c.malicious as number) > (c.peers as number)) return `malicious (${c.malicious}) must be at most peers (${c.peers})`;
    if (c.index === 'napster' && c.evilTracker === true) return 'evilTracker applies to index=tracker: the Napster index is the party the downloader trusts (an untrusted one is the untrusted-metadata variant)';
    return undefined;
  },
  instantiate(c, variant) {
    const B = c.blocks as number;
    const N = c.peers as number;
    const M = c.malicious as number;
    const evil = c.evilTracker as boolean;
    const napster = c.index === 'napster';
    const checks = variant !== 'no-hash-check';
    const infohash = variant !== 'untrusted-metadata';
    const T = N; // the tracker's (index's) source number and ban bit
    const trackerName = napster ? 'index' : 'tracker';
    const srcName = (src: number) => (src === T ? trackerName : peerName(src));
    const maliciousMask = ((1 << M) - 1) << (N - M);
    const isMalicious = (p: number) => ((maliciousMask >>> p) & 1) === 1;
    const allPeers = (1 << N) - 1;
    const listing = evil ? maliciousMask : allPeers;
    const peerIds = Array.from({ length: N }, (_, p) => p);
    const blockIds = Array.from({ length: B }, (_, b) => b);
    const namesOf = (mask: number) => peerIds.filter((p) => (mask >>> p) & 1).map(peerName);
    // With napster the index carries the file's hash, except in the variants (no hash, or the peer's).
    const indexHash = napster && checks && infohash;
    const listNames = namesOf(listing).join(' ') || 'none';

    /** The message a reply is, as traces print it. */
    const message = (r: Reply): MessageLabel => {
      const from = srcName(r.src);
      switch (r.kind) {
        case LIST:
          return napster
            ? { type: 'hits', peers: listNames, ...(indexHash ? { hash: 'genuine' } : {}), from, to: 'd' }
            : { type: 'peers', list: listNames, from, to: 'd' };
        case META:
          return { type: 'metadata', hashes: HASHES[r.data], from, to: 'd' };
        case PIECE:
          return { type: 'piece', block: blockName(r.block), data: DATA[r.data], from, to: 'd' };
        default:
          // With untrusted metadata the peer sends the hash with its copy: the hash of what it serves.
          return { type: 'file', data: DATA[r.data], ...(napster && !infohash && r.data !== REFUSED ? { hash: HASHES[r.data] } : {}), from, to: 'd' };
      }
    };
    const send = (s: SwarmState, r: Reply): Step<SwarmState> => ({
      action: { actor: srcName(r.src), kind: 'sends', message: message(r) },
      state: { ...s, inFlight: r },
    });
    const receive = (s: SwarmState, detail: string, change: Partial<SwarmState>): Step<SwarmState> => ({
      action: { actor: 'd', kind: 'receives', message: message(s.inFlight), detail },
      state: { ...s, ...change, inFlight: NO_REPLY },
    });
    const ban = (s: SwarmState, src: number) => s.banned | (1 << src);
    const available = (s: SwarmState, p: number) => ((s.listed >>> p) & 1) === 1 && ((s.banned >>> p) & 1) === 0;
    const complete = (s: SwarmState) => s.blocks.every((x) => x !== MISSING);
    /** d stopped without the file: it has the peer list, and every source it could still ask has failed it. */
    const gaveUp = (s: SwarmState) =>
      !s.assembled && s.inFlight.kind === NONE && s.listed >= 0 && !complete(s) && !peerIds.some((p) => available(s, p)) && (napster || s.meta !== NO_HASHES || ((s.banned >>> T) & 1) === 1);
    /** What a source may send: honest ones the original, malicious ones the original, the poisoned variant or nothing. */
    const servings = (p: number) => (isMalicious(p) ? [GOOD, POISONED, REFUSED] : [GOOD]);

    function receiveStep(s: SwarmState): Step<SwarmState> {
      const r = s.inFlight;
      const who = srcName(r.src);
      switch (r.kind) {
        case LIST:
          return receive(s, indexHash ? 'keeps the peers and the hash' : 'keeps the peers', { listed: listing, meta: indexHash ? GENUINE : s.meta });
        case META:
          if (!infohash) return receive(s, 'keeps it: nothing to check it against', { meta: r.data });
          if (r.data === GENUINE) return receive(s, 'matches the infohash: keeps it', { meta: GENUINE });
          return receive(s, `does not match the infohash: discards it, bans ${who}`, { banned: ban(s, r.src) });
        case PIECE: {
          if (r.data === REFUSED) return receive(s, `bans ${who}, will ask another peer`, { banned: ban(s, r.src) });
          const blocks = s.blocks.slice();
          blocks[r.block] = r.data;
          if (!checks) return receive(s, 'keeps it unchecked', { blocks });
          // hash(content) = the listed hash iff the content is the one that list was made from.
          if ((r.data === GOOD) === (s.meta === GENUINE)) return receive(s, 'hash matches the metadata: keeps it', { blocks });
          return receive(s, `hash does not match the metadata: discards it, bans ${who}`, { banned: ban(s, r.src) });
        }
        default: {
          if (r.data === REFUSED) return receive(s, `bans ${who}, will ask another peer`, { banned: ban(s, r.src) });
          const blocks = new Array<number>(B).fill(r.data);
          if (!checks) return receive(s, 'keeps it unchecked', { blocks });
          if (!infohash) return receive(s, "matches the hash it came with: keeps it", { blocks });
          if (r.data === GOOD) return receive(s, "matches the index's hash: keeps it", { blocks });
          return receive(s, `does not match the index's hash: discards it, bans ${who}`, { banned: ban(s, r.src) });
        }
      }
    }

    const assembleLabel: Action = { actor: 'd', kind: 'assembles', detail: 'the file from its blocks' };

    return {
      init: () => [{ listed: -1, meta: NO_HASHES, blocks: new Array<number>(B).fill(MISSING), banned: 0, inFlight: NO_REPLY, assembled: false }],
      next(s) {
        const out: Step<SwarmState>[] = [];
        if (s.assembled) return out;
        if (s.inFlight.kind !== NONE) return [receiveStep(s)];
        if (s.listed < 0) return [send(s, { kind: LIST, src: T, block: 0, data: 0 })];
        if (complete(s)) return [{ action: assembleLabel, state: { ...s, assembled: true } }];
        if (napster) {
          for (const p of peerIds) if (available(s, p)) for (const d of servings(p)) out.push(send(s, { kind: FILE, src: p, block: 0, data: d }));
          return out;
        }
        if (s.meta === NO_HASHES) {
          // The metadata, from the tracker (unless banned) or a listed peer.
          if (((s.banned >>> T) & 1) === 0) for (const h of evil ? [GENUINE, FORGED] : [GENUINE]) out.push(send(s, { kind: META, src: T, block: 0, data: h }));
          for (const p of peerIds) if (available(s, p)) for (const h of isMalicious(p) ? [GENUINE, FORGED] : [GENUINE]) out.push(send(s, { kind: META, src: p, block: 0, data: h }));
          return out;
        }
        for (const b of blockIds) {
          if (s.blocks[b] !== MISSING) continue;
          for (const p of peerIds) if (available(s, p)) for (const d of servings(p)) out.push(send(s, { kind: PIECE, src: p, block: b, data: d }));
        }
        return out;
      },
      invariants: {
        noPoisonAssembled: {
          description: 'an assembled file is the original: every block in it is the original block',
          holds: (s) => !s.assembled || s.blocks.every((x) => x === GOOD),
          explain: (s) => {
            const file = `d assembled ${s.blocks.map((x, b) => `${blockName(b)}=${DATA[x]}`).join(', ')}`;
            if (!checks) return [`${file}: it kept ${napster ? 'the copy' : 'every block'} unchecked${napster ? ' (the index gave no hash)' : ''}`];
            if (napster) return [`${file}: the copy matched the hash its peer sent with it, the poisoned copy's own hash`];
            return [`${file}: every block matched the hash list, but that list was the ${HASHES[s.meta]} file's, kept unverified (d had no infohash to check it against)`];
          },
        },
      },
      // Progress: each source fails d at most once (it is banned), so every run ends; no fairness is needed
      // (the state graph has no cycle). It ends with the file unless every peer d was told of failed it.
      temporal: [
        {
          name: 'eventuallyAssembled',
          kind: 'eventually',
          description: 'every run ends with the file assembled',
          p: (s) => s.assembled,
        },
      ],
      // The run ends when d has assembled the file, or has given up: every source it could still ask (for
      // the peer list, the metadata, or a block) has failed it. These are exactly the states with no step.
      terminal: (s) => s.assembled || gaveUp(s),
      sorts: { peer: peerIds.map(peerName), block: blockIds.map(blockName) },
      views: {
        assembled: { type: { kind: 'bool' }, description: 'd has assembled the file', get: (s) => s.assembled },
        original: { type: { kind: 'bool' }, description: 'every block d holds is the original one (and it holds them all)', get: (s) => s.blocks.every((x) => x === GOOD) },
        blocks: {
          type: { kind: 'map', key: { kind: 'id', sort: 'block' }, value: { kind: 'string' } },
          description: 'what d holds for each block: missing, good or poisoned',
          get: (s) => new Map(s.blocks.map((x, b) => [b, DATA[x]])),
        },
        metadata: { type: { kind: 'string' }, description: "the hash list d holds: none, genuine or poisoned (with napster: the index's hash)", get: (s) => HASHES[s.meta] },
        listed: { type: { kind: 'set', elem: { kind: 'id', sort: 'peer' } }, description: 'peers the tracker (index) listed', get: (s) => peerIds.filter((p) => s.listed >= 0 && (s.listed >>> p) & 1) },
        banned: { type: { kind: 'set', elem: { kind: 'id', sort: 'peer' } }, description: 'peers that failed d', get: (s) => peerIds.filter((p) => (s.banned >>> p) & 1) },
        trackerBanned: { type: { kind: 'bool' }, description: "the tracker served metadata that did not match the infohash", get: (s) => ((s.banned >>> T) & 1) === 1 },
        honest: { type: { kind: 'set', elem: { kind: 'id', sort: 'peer' } }, description: 'the honest peers', get: () => peerIds.filter((p) => !isMalicious(p)) },
        gaveUp: { type: { kind: 'bool' }, description: 'd stopped without the file: every source it could ask failed it', get: gaveUp },
      },
      encode(s, w) {
        w.u32(s.listed + 1);
        w.u32(s.meta);
        for (let b = 0; b < B; b++) w.u32(s.blocks[b]);
        w.u32(s.banned);
        w.u32(s.assembled ? 1 : 0);
        const r = s.inFlight;
        w.u32(r.kind);
        w.u32(r.src);
        w.u32(r.block);
        w.u32(r.data);
      },
      decode(r) {
        const listed = r.u32() - 1;
        const meta = r.u32();
        const blocks = new Array<number>(B);
        for (let b = 0; b < B; b++) blocks[b] = r.u32();
        const banned = r.u32();
        const assembled = r.u32() === 1;
        const kind = r.u32();
        const src = r.u32();
        const block = r.u32();
        const data = r.u32();
        return { listed, meta, blocks, banned, assembled, inFlight: kind === NONE ? NO_REPLY : { kind, src, block, data } };
      },
      show: (s) => ({
        [trackerName]: napster ? 'trusted' : evil ? 'evil' : 'honest',
        peers: Object.fromEntries(peerIds.map((p) => [peerName(p), isMalicious(p) ? 'malicious' : 'honest'])),
        d: {
          ...(napster ? {} : { infohash: infohash ? 'genuine' : 'none' }),
          peers: s.listed < 0 ? 'not asked' : namesOf(s.listed),
          hashes: HASHES[s.meta],
          blocks: Object.fromEntries(s.blocks.map((x, b) => [blockName(b), DATA[x]])),
          banned: [...namesOf(s.banned), ...((s.banned >>> T) & 1 ? [trackerName] : [])],
          file: s.assembled ? (s.blocks.every((x) => x === GOOD) ? 'original' : 'poisoned') : 'not assembled',
        },
        msgs: s.inFlight.kind === NONE ? [] : [message(s.inFlight)],
      }),
    };
  },
});
