// The explorer: its JSON API in-process, then end to end in a real headless Chromium (Debian's chromium
// driven by playwright-core, no browser download): open a model, take three actions, load a saved
// counterexample, see the violated invariant flagged, step back, reload the shared URL.
// Skips the browser part, saying why, only where /usr/bin/chromium is absent.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure, loadPlan, type Configured } from '../../checker/load/configure.ts';
import { exploreTarget } from '../../checker/cli/commands/explore.ts';
import { startExplorer, type Explorer } from '../../checker/explorer/server.ts';
import { addressOfTrace, viewOf } from '../../checker/explorer/session.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';

const root = join(import.meta.dirname, '../..');
const TRACE = join(root, 'counterexamples/paxos-ignore-accepted-agreement.json');
const CHROMIUM = '/usr/bin/chromium';

async function paxosBuggy(): Promise<Configured> {
  return configure(await loadPlan('paxos', root), [], 'ignore-accepted', []);
}

describe('explorer API', () => {
  let cfg: Configured;
  let server: Explorer;
  beforeAll(async () => {
    cfg = await paxosBuggy();
    server = await startExplorer(cfg, 0);
  });
  afterAll(() => server.close());

  it('shows the state, enabled actions and invariants at an address', () => {
    const v = viewOf(cfg, { init: 0, path: [] }, 0);
    expect(v.steps).toHaveLength(1);
    expect(v.state.processes.map((p) => p.name)).toEqual(['a1', 'a2', 'a3']);
    expect(v.state.processes[0].fields).toEqual([{ name: 'maxBal', value: '0' }, { name: 'maxVBal', value: '0' }, { name: 'maxVal', value: '0' }]);
    expect(v.enabled.map((e) => e.action)).toEqual(['p1 sends 1a(b=1)', 'p2 sends 1a(b=2)', 'p1 sends 1a(b=3)']);
    expect(v.invariants.map((i) => [i.name, i.holds])).toEqual([['agreement', true], ['validity', true]]);
  });

  it('maps a saved counterexample to its address; the last state violates agreement', () => {
    const trace = loadTrace(TRACE);
    const addr = addressOfTrace(cfg, trace);
    expect(addr.path).toHaveLength(12);
    const v = viewOf(cfg, addr, 12);
    expect(v.invariants.find((i) => i.name === 'agreement')!.holds).toBe(false);
    expect(v.steps.map((s) => s.violates.length > 0)).toEqual([...new Array(12).fill(false), true]);
    expect(v.steps.slice(1).map((s) => s.action)).toEqual(trace.steps.slice(1).map((s) => s.action && `${s.action.actor} ${s.action.kind} ${s.action.message?.type}(${Object.entries(s.action.message!).filter(([k]) => k !== 'type').map(([k, x]) => `${k}=${x}`).join(', ')})${s.action.detail ? ' ' + s.action.detail : ''}`));
  });

  it('answers bad requests with 400 and a message', async () => {
    const bad = await fetch(`${server.url}api/state?path=0.99`);
    expect(bad.status).toBe(400);
    const enabled = viewOf(cfg, { init: 0, path: [0] }, 1).enabled.length;
    expect(enabled).toBe(6);
    expect(((await bad.json()) as { error: string }).error).toBe(`step 2 of the path picks successor 99, but only ${enabled} are enabled`);
    const page = await fetch(server.url);
    const html = await page.text();
    // The page carries the run's token, which a POST must send (with a JSON content type).
    const token = /<meta name="clab-token" content="([^"]+)">/.exec(html)![1];
    const other = await fetch(`${server.url}api/trace`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clab-token': token },
      body: readFileSync(join(root, 'counterexamples/twophase-crash-consent-consistent.json')),
    });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toMatch(/initial state is not an initial state of the model being explored/);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('explores a model that declares nothing to check (checking commands refuse such a model)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-explore-'));
    writeFileSync(
      join(dir, 'noinv.mjs'),
      "export default { name: 'noinv', constants: {}, instantiate: () => ({ init: () => [{ x: 0 }], next: (s) => (s.x < 2 ? [{ action: { kind: 'inc' }, state: { x: s.x + 1 } }] : []), invariants: {} }) };\n",
    );
    const { cfg: c } = await exploreTarget('noinv.mjs', [], undefined, dir);
    expect(viewOf(c, { init: 0, path: [0, 0] }, 2).state.fields).toEqual([{ name: 'x', value: '2' }]);
  });

  it('opens a trace file at its violating state', async () => {
    const { cfg: c, start } = await exploreTarget(TRACE, [], undefined, root);
    expect(c.variant).toBe('ignore-accepted');
    expect(start).toBe(`?path=${addressOfTrace(c, loadTrace(TRACE)).path.join('.')}`);
  });
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`skipping the explorer's browser test: ${CHROMIUM} not found (install Debian's chromium package)`);

describe.skipIf(!haveChromium)('explorer in headless Chromium', () => {
  it('take three actions, load a counterexample, see agreement flagged', async () => {
    const { chromium } = await import('playwright-core');
    const cfg = await paxosBuggy();
    const server = await startExplorer(cfg, 0);
    const profile = mkdtempSync(join(tmpdir(), 'clab-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(server.url);
      await page.getByTestId('action-0').waitFor();
      expect(await page.getByTestId('invariant-agreement').getAttribute('class')).toBe('holds');
      const actions = ['p1 sends 1a(b=1)', 'a1 promises, sends 1b(acc=a1, b=1, vbal=0, v=0)', 'a2 promises, sends 1b(acc=a2, b=1, vbal=0, v=0)'];
      for (let k = 1; k <= 3; k++) {
        await page.locator('#enabled button', { hasText: actions[k - 1] }).click();
        await page.getByTestId(`step-${k}`).waitFor();
      }
      // The URL names the state by successor indices, as the API numbers them.
      const path = new URL(page.url()).searchParams.get('path')!.split('.').map(Number);
      expect(viewOf(cfg, { init: 0, path }, 3).steps.slice(1).map((s) => s.action)).toEqual(actions);
      expect(await page.getByTestId('process-a2').textContent()).toBe('a2maxBal = 1maxVBal = 0maxVal = 0');
      expect(await page.locator('#path li').allTextContents()).toEqual(['0  initial state', '1  p1 sends 1a(b=1)', '2  a1 promises, sends 1b(acc=a1, b=1, vbal=0, v=0)', '3  a2 promises, sends 1b(acc=a2, b=1, vbal=0, v=0)']);

      await page.setInputFiles('#trace-file', TRACE);
      await page.locator('[data-testid="invariant-agreement"].violated').waitFor();
      expect(await page.getByTestId('invariant-agreement').textContent()).toBe('agreement — violated');
      expect(await page.locator('#position').textContent()).toBe('step 12 of 12');
      expect(await page.locator('#loaded').textContent()).toMatch(/^counterexample: paxos \(variant ignore-accepted\)/);

      await page.locator('#back').click();
      await page.locator('#position', { hasText: 'step 11 of 12' }).waitFor();
      expect(await page.getByTestId('invariant-agreement').getAttribute('class')).toBe('holds');

      const shared = page.url().replace(/&at=11$/, '');
      await page.goto(shared);
      await page.locator('[data-testid="invariant-agreement"].violated').waitFor();
      expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
    } finally {
      await browser.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
