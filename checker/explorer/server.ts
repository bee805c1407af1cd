// The explorer's HTTP server (node:http, bound to 127.0.0.1): the page at `/`, and a JSON API the page
// calls. Errors in a request (bad path, a trace of another model) answer 400 with {error, hint}; the
// server itself keeps running.
//   GET  /api/info                        model, variant, constants, invariants
//   GET  /api/state?init=I&path=3.0.5&at=K  the view at position K of that path (see session.ts)
//   POST /api/trace   (a clab trace or ITF JSON)  → {init, path, title}: the trace's address
//
// Who may ask (403 otherwise, with the reason):
//   - every request: the Host header must be this server's own address, 127.0.0.1:PORT or localhost:PORT.
//     A web page on another site that rebinds its own name to 127.0.0.1 (DNS rebinding) sends its own
//     name as Host, so it can neither read the page nor call the API;
//   - the API: not from another site's page (Sec-Fetch-Site cross-site or same-site, which browsers send);
//   - a POST: Content-Type application/json (a cross-origin page cannot send that without a CORS
//     preflight, which this server never grants), an Origin, if any, of this server itself, and the
//     per-run random token the page carries (a <meta> element of the page, sent as X-Clab-Token): a page
//     on another origin cannot read the page, so it cannot know the token.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configured } from '../load/configure.ts';
import { ClabError } from '../errors.ts';
import { titleOf } from '../charts/chart.ts';
import { safeText } from '../trace/format.ts';
import { fromItf } from '../trace/itf.ts';
import { fromTraceFile, looksLikeItf, toTraceFile, type ShownTrace } from '../trace/shown-trace.ts';
import { checkDepth } from '../trace/read.ts';
import { checkTraceShape } from '../trace/shape.ts';
import type { TraceFile } from '../trace/trace-file.ts';
import { explorerPage } from './page.ts';
import { addressOfTrace, infoOf, parsePath, viewOf } from './session.ts';

export interface Explorer {
  readonly url: string;
  close(): Promise<void>;
}

/** Who the server answers: its own Host names, its own origins, and the run's token (see the header). */
export interface Guard {
  readonly hosts: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;
  readonly token: string;
}

export function guardFor(port: number, token: string): Guard {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return { hosts: new Set(hosts), origins: new Set(hosts.map((h) => `http://${h}`)), token };
}

/** The largest uploaded trace (the page's "load counterexample"). */
export const MAX_BODY = 16 << 20;

/** A refused request: its HTTP status and the reason given. */
class Refused extends ClabError {
  constructor(
    readonly status: number,
    message: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, v: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(v));

function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY) return Promise.reject(tooLarge());
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size > MAX_BODY) return;
      size += c.length;
      if (size > MAX_BODY) reject(tooLarge());
      else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const tooLarge = () => new Refused(413, `the uploaded trace is larger than ${MAX_BODY >> 20} MiB`, 'the explorer loads traces of at most 16 MiB');

/** A trace (clab JSON or ITF) from an uploaded text, with the checks a trace file gets (depth, shape). */
export function parseUploadedTrace(text: string): { trace: TraceFile; shown: ShownTrace } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ClabError(`the file is not valid JSON (${safeText((e as Error).message)})`, 'load a trace that `clab check` saved, or an ITF file');
  }
  checkDepth(data, 'the file');
  if (looksLikeItf(data)) {
    const shown = fromItf(data, 'the ITF file');
    return { trace: toTraceFile(shown, 'the ITF file'), shown };
  }
  const t = checkTraceShape(data, 'the file');
  return { trace: t, shown: fromTraceFile(t) };
}

const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

/** Throws Refused when the request is not this server's own page or API asking (see the header). */
export function checkRequest(req: IncomingMessage, guard: Guard, api: boolean): void {
  const host = (one(req.headers.host) ?? '').toLowerCase();
  if (!guard.hosts.has(host)) {
    throw new Refused(403, `refused: the request is addressed to '${safeText(host)}', not to this explorer`, `open the address clab printed: http://${[...guard.hosts][0]}/`);
  }
  const site = one(req.headers['sec-fetch-site']);
  if (api && (site === 'cross-site' || site === 'same-site')) throw new Refused(403, 'refused: the explorer\'s API answers only its own page');
  if (req.method === 'GET' || req.method === 'HEAD') return;
  const type = (one(req.headers['content-type']) ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new Refused(403, 'refused: a POST to the explorer must have Content-Type application/json');
  const origin = one(req.headers.origin);
  if (origin !== undefined && !guard.origins.has(origin.toLowerCase())) throw new Refused(403, `refused: a POST from the origin '${safeText(origin)}', not from this explorer's page`);
  if (one(req.headers['x-clab-token']) !== guard.token) throw new Refused(403, "refused: a POST without this explorer's token", "load traces with the page's \"load counterexample\" button");
}

export async function handle(cfg: Configured, req: IncomingMessage, res: ServerResponse, guard: Guard): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    checkRequest(req, guard, url.pathname.startsWith('/api/'));
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const info = infoOf(cfg);
      const consts = Object.entries(info.constants).map(([k, v]) => `${k}=${v}`).join(' ');
      return send(res, 200, 'text/html; charset=utf-8', explorerPage(`${info.model}${info.variant ? ` (variant ${info.variant})` : ''} ${consts}`, guard.token));
    }
    if (req.method === 'GET' && url.pathname === '/api/info') return json(res, 200, infoOf(cfg));
    if (req.method === 'GET' && url.pathname === '/api/state') {
      const path = parsePath(url.searchParams.get('path'));
      const init = Number(url.searchParams.get('init') ?? 0);
      const atText = url.searchParams.get('at');
      const at = atText === null || atText === '' ? path.length : Number(atText);
      if (!Number.isInteger(init) || !Number.isInteger(at)) throw new ClabError('init and at must be integers');
      return json(res, 200, viewOf(cfg, { init, path }, at));
    }
    if (req.method === 'POST' && url.pathname === '/api/trace') {
      const { trace, shown } = parseUploadedTrace(await readBody(req));
      const addr = addressOfTrace(cfg, trace);
      return json(res, 200, { ...addr, title: titleOf(shown) });
    }
    return json(res, 404, { error: `no such page: ${safeText(url.pathname)}` });
  } catch (e) {
    if (e instanceof Refused) {
      // The request's body (if any) is not read: answer, then close the connection.
      res.setHeader('connection', 'close');
      json(res, e.status, { error: e.message, ...(e.hint ? { hint: e.hint } : {}) });
      return;
    }
    if (e instanceof ClabError) return json(res, 400, { error: e.message, ...(e.hint ? { hint: e.hint } : {}) });
    return json(res, 500, { error: `internal error: ${(e as Error)?.message ?? String(e)}` });
  }
}

/** Starts serving on 127.0.0.1:`port` (0: any free port), with a fresh random token. */
export function startExplorer(cfg: Configured, port: number): Promise<Explorer> {
  const token = randomBytes(24).toString('base64url');
  let guard: Guard | undefined;
  const server = createServer((req, res) => void handle(cfg, req, res, guard!));
  return new Promise((resolveStart, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new ClabError(`port ${port} is already in use`, 'pick another with --port, or --port 0 for any free port') : e),
    );
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      // Set before the first request can arrive (the server is listening only from now on).
      guard = guardFor(actual, token);
      resolveStart({
        url: `http://127.0.0.1:${actual}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
