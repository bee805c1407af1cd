// The explorer's HTTP server (node:http, bound to 127.0.0.1): the page at `/`, and a JSON API the page
// calls. Errors in a request (bad path, a trace of another model) answer 400 with {error, hint}; the
// server itself keeps running.
//   GET  /api/info                        model, variant, constants, invariants
//   GET  /api/state?init=I&path=3.0.5&at=K  the view at position K of that path (see session.ts)
//   POST /api/trace   (a clab trace or ITF JSON)  → {init, path, title}: the trace's address

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configured } from '../configure.ts';
import { ClabError } from '../errors.ts';
import { titleOf } from '../show/chart.ts';
import { fromItf } from '../trace/itf.ts';
import { fromTraceFile, looksLikeItf, toTraceFile, type ShownTrace } from '../trace/shown-trace.ts';
import { TRACE_FORMAT, type TraceFile } from '../trace/trace-file.ts';
import { explorerPage } from './page.ts';
import { addressOfTrace, infoOf, parsePath, viewOf } from './session.ts';

export interface Explorer {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 16 << 20;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, v: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(v));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ClabError('the uploaded trace is too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A trace (clab JSON or ITF) from an uploaded text. */
export function parseUploadedTrace(text: string): { trace: TraceFile; shown: ShownTrace } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ClabError(`the file is not valid JSON (${(e as Error).message})`, 'load a trace that `clab check` saved, or an ITF file');
  }
  if (looksLikeItf(data)) {
    const shown = fromItf(data, 'the ITF file');
    return { trace: toTraceFile(shown, 'the ITF file'), shown };
  }
  const t = data as TraceFile;
  if (typeof t !== 'object' || t === null || t.format !== TRACE_FORMAT || !Array.isArray(t.steps) || t.steps.length === 0) {
    throw new ClabError('the file is not a clab trace', 'load a trace that `clab check` saved (counterexamples/*.json), or an ITF file');
  }
  return { trace: t, shown: fromTraceFile(t) };
}

export async function handle(cfg: Configured, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const info = infoOf(cfg);
      const consts = Object.entries(info.constants).map(([k, v]) => `${k}=${v}`).join(' ');
      return send(res, 200, 'text/html; charset=utf-8', explorerPage(`${info.model}${info.variant ? ` (variant ${info.variant})` : ''} ${consts}`));
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
    return json(res, 404, { error: `no such page: ${url.pathname}` });
  } catch (e) {
    if (e instanceof ClabError) return json(res, 400, { error: e.message, ...(e.hint ? { hint: e.hint } : {}) });
    return json(res, 500, { error: `internal error: ${(e as Error)?.message ?? String(e)}` });
  }
}

/** Starts serving on 127.0.0.1:`port` (0: any free port). */
export function startExplorer(cfg: Configured, port: number): Promise<Explorer> {
  const server = createServer((req, res) => void handle(cfg, req, res));
  return new Promise((resolveStart, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new ClabError(`port ${port} is already in use`, 'pick another with --port, or --port 0 for any free port') : e),
    );
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
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
