// Who the explorer answers, with raw HTTP requests (node:http, so the Host, Origin and Sec-Fetch-Site
// headers are exactly what a hostile page's browser would send): another Host (DNS rebinding) is refused
// on every path; the API refuses other sites; a POST needs application/json, a same-origin Origin (if
// any) and the run's token from the page. The page's own requests still work.

import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure, loadPlan } from '../../checker/load/configure.ts';
import { MAX_BODY, startExplorer, type Explorer } from '../../checker/explorer/server.ts';

const root = join(import.meta.dirname, '../..');
const TRACE = readFileSync(join(root, 'counterexamples/paxos-ignore-accepted-agreement.json'), 'utf8');

interface Reply {
  status: number;
  body: string;
}

/** One request with exactly these headers (no Host added unless given). */
function raw(port: number, method: string, path: string, headers: Record<string, string | number>, body?: string): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('explorer request checks', () => {
  let server: Explorer;
  let port: number;
  let host: string;
  let token: string;
  beforeAll(async () => {
    const cfg = configure(await loadPlan('paxos', root), [], 'ignore-accepted', []);
    server = await startExplorer(cfg, 0);
    port = Number(new URL(server.url).port);
    host = `127.0.0.1:${port}`;
    const page = await raw(port, 'GET', '/', { host });
    token = /<meta name="clab-token" content="([^"]+)">/.exec(page.body)![1];
  });
  afterAll(() => server.close());

  const post = (headers: Record<string, string | number>, body = TRACE) => raw(port, 'POST', '/api/trace', { 'content-length': Buffer.byteLength(body), ...headers }, body);
  const error = (r: Reply) => (JSON.parse(r.body) as { error: string }).error;

  it('answers its own page and API', async () => {
    const page = await raw(port, 'GET', '/', { host });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="clab-token"');
    const state = await raw(port, 'GET', '/api/state?path=0', { host: `localhost:${port}`, 'sec-fetch-site': 'same-origin' });
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body).steps).toHaveLength(2);
    const ok = await post({ host, 'content-type': 'application/json', origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'x-clab-token': token });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).path).toHaveLength(12);
  });

  it('refuses another Host on every path (DNS rebinding): 403, nothing served', async () => {
    for (const path of ['/', '/api/info', '/api/state?path=0']) {
      const r = await raw(port, 'GET', path, { host: `evil.example:${port}` });
      expect(r.status).toBe(403);
      expect(error(r)).toBe(`refused: the request is addressed to 'evil.example:${port}', not to this explorer`);
      expect(r.body).not.toContain('clab-token');
    }
    // No Host at all: node:http itself answers 400 (HTTP/1.1 requires one); nothing of ours is served.
    const noHost = await raw(port, 'GET', '/', {});
    expect(noHost.status).toBe(400);
    expect(noHost.body).not.toContain('clab-token');
    expect((await raw(port, 'GET', '/', { host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await raw(port, 'GET', '/', { host: '127.0.0.1' })).status).toBe(403);
    const r = await post({ host: `attacker.example:${port}`, 'content-type': 'application/json', 'x-clab-token': token });
    expect(r.status).toBe(403);
  });

  it("refuses the API to other sites' pages", async () => {
    for (const site of ['cross-site', 'same-site']) {
      const r = await raw(port, 'GET', '/api/state?path=0.0.0', { host, 'sec-fetch-site': site });
      expect(r.status).toBe(403);
      expect(error(r)).toBe("refused: the explorer's API answers only its own page");
    }
  });

  it('refuses a cross-origin text/plain POST (what a form or no-cors fetch can send)', async () => {
    const r = await post({ host, 'content-type': 'text/plain', origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(error(r)).toBe('refused: a POST to the explorer must have Content-Type application/json');
    const none = await post({ host });
    expect(none.status).toBe(403);
  });

  it('refuses a JSON POST from another origin, even with the token', async () => {
    const r = await post({ host, 'content-type': 'application/json', origin: 'http://evil.example', 'x-clab-token': token });
    expect(r.status).toBe(403);
    expect(error(r)).toBe("refused: a POST from the origin 'http://evil.example', not from this explorer's page");
    expect((await post({ host, 'content-type': 'application/json', origin: 'null', 'x-clab-token': token })).status).toBe(403);
  });

  it('refuses a POST without the token, or with a wrong one', async () => {
    const r = await post({ host, 'content-type': 'application/json; charset=utf-8' });
    expect(r.status).toBe(403);
    expect(error(r)).toBe("refused: a POST without this explorer's token");
    expect((await post({ host, 'content-type': 'application/json', 'x-clab-token': token + 'x' })).status).toBe(403);
    expect((await post({ host, 'content-type': 'application/json', 'x-clab-token': '' })).status).toBe(403);
  });

  it('refuses an upload larger than the limit with 413, and keeps serving', async () => {
    const r = await raw(port, 'POST', '/api/trace', { host, 'content-type': 'application/json', 'x-clab-token': token, 'content-length': MAX_BODY + 1 });
    expect(r.status).toBe(413);
    expect(error(r)).toBe('the uploaded trace is larger than 16 MiB');
    expect((await raw(port, 'GET', '/api/info', { host })).status).toBe(200);
  });

  it('a malformed upload is a 400 with the located problem', async () => {
    const bad = JSON.parse(TRACE);
    bad.steps[3].action.actor = 7;
    const r = await post({ host, 'content-type': 'application/json', 'x-clab-token': token }, JSON.stringify(bad));
    expect(r.status).toBe(400);
    expect(error(r)).toBe('the file: malformed trace: step 3: "action.actor" must be a string, not a number');
  });

  it('each run has its own token', async () => {
    const other = await startExplorer(configure(await loadPlan('paxos', root), [], 'ignore-accepted', []), 0);
    try {
      const p = Number(new URL(other.url).port);
      const page = await raw(p, 'GET', '/', { host: `127.0.0.1:${p}` });
      const t2 = /<meta name="clab-token" content="([^"]+)">/.exec(page.body)![1];
      expect(t2).not.toBe(token);
      expect(t2.length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.close();
    }
  });
});
