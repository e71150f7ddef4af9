// The demos in a real browser: the test page (browser/page.ts) bundled by esbuild and served
// locally, driven in headless Chromium through playwright-core. Each demo starts, its loss falls,
// it stops cleanly, resets to exactly the tensors it holds when fresh, restarts, and when taken
// down leaves tf.memory().numTensors where it was; no console errors; a screenshot of each.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestPage } from '../browser/build.js';
import { serve } from '../browser/serve.js';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const outDir = fileURLToPath(new URL('../.browser/page/', import.meta.url));
const shotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url));
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Steps each demo trains before its loss is compared (the page trains a few per frame). */
const STEPS: Record<string, number> = {
  planar: 300,
  'optimizer-race': 120,
  'conv-visualizer': 150,
  'char-names': 60,
};

interface Snapshot {
  running: boolean;
  steps: number;
  losses: number[];
  numTensors: number;
}

const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.warn(
    `browser tests skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium)`,
  );

describe.skipIf(!hasChromium)('the demos in headless Chromium', () => {
  let browser: BrowserContext;
  let server: Server;
  let url = '';
  let userDataDir = '';
  const backends = new Set<string>();

  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await buildTestPage(outDir);
    ({ server, url } = await serve(outDir));
    userDataDir = fileURLToPath(new URL('../.browser/profile/', import.meta.url));
    rmSync(userDataDir, { recursive: true, force: true });
    mkdirSync(shotsDir, { recursive: true });
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      args: ARGS,
      viewport: { width: 1040, height: 900 },
    });
  });

  afterAll(async () => {
    console.log(`demo backends used: ${[...backends].join(', ')}`);
    await browser?.close();
    server?.close();
  });

  async function open(query: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${url}index.html${query}`);
    await page.waitForFunction(() => document.body.dataset['ready'] !== undefined, undefined, {
      timeout: 120_000,
    });
    const error = await page.evaluate(() => (window as unknown as PageWindow).dlkitPage.error);
    expect(error).toBeUndefined();
    backends.add(await page.evaluate(() => (window as unknown as PageWindow).dlkitPage.backend));
    return { page, errors };
  }

  function snapshot(page: Page, id: string): Promise<Snapshot> {
    return page.evaluate((demo) => {
      const api = (window as unknown as PageWindow).dlkitPage;
      const mounted = api.mounted[demo]!;
      const history = mounted.history;
      return {
        running: mounted.engine.running,
        steps: history.length === 0 ? 0 : history[history.length - 1]!.step,
        losses: history.map((p) => p.loss),
        numTensors: api.numTensors(),
      };
    }, id);
  }

  async function click(page: Page, id: string, action: string): Promise<void> {
    await page.click(`section[data-demo="${id}"] button[data-action="${action}"]`);
  }

  async function trainUntil(page: Page, id: string, steps: number): Promise<Snapshot> {
    await click(page, id, 'start');
    await page.waitForFunction(
      ([demo, n]) => {
        const h = (window as unknown as PageWindow).dlkitPage.mounted[demo as string]!.history;
        return h.length > 0 && h[h.length - 1]!.step >= (n as number);
      },
      [id, steps],
      { timeout: 120_000, polling: 100 },
    );
    return snapshot(page, id);
  }

  async function expectStops(page: Page, id: string): Promise<Snapshot> {
    await click(page, id, 'stop');
    const stopped = await snapshot(page, id);
    expect(stopped.running).toBe(false);
    await page.waitForTimeout(300);
    const later = await snapshot(page, id);
    expect(later.steps).toBe(stopped.steps); // no step after stop
    return later;
  }

  function expectFalls(losses: number[]): void {
    const k = Math.max(1, Math.floor(losses.length / 10));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(mean(losses.slice(-k))).toBeLessThan(0.9 * mean(losses.slice(0, k)));
  }

  for (const id of Object.keys(STEPS)) {
    it(`${id}: starts, its loss falls, stops, resets and restarts without leaking tensors`, async () => {
      const { page, errors } = await open(`?demo=${id}`);
      const fresh = (await snapshot(page, id)).numTensors;
      const first = await trainUntil(page, id, STEPS[id]!);
      expectFalls(first.losses);
      await page
        .locator(`section[data-demo="${id}"]`)
        .screenshot({ path: join(shotsDir, `${id}.png`) });
      await expectStops(page, id);
      await click(page, id, 'reset');
      const reset = await snapshot(page, id);
      expect(reset.steps).toBe(0);
      expect(reset.numTensors).toBe(fresh);
      const second = await trainUntil(page, id, Math.ceil(STEPS[id]! / 3));
      expect(second.losses[0]).toBeCloseTo(first.losses[0]!, 4); // seeded: the same start
      await expectStops(page, id);
      await click(page, id, 'reset');
      expect((await snapshot(page, id)).numTensors).toBe(fresh);
      const baseline = await page.evaluate(
        () => (window as unknown as PageWindow).dlkitPage.baseline,
      );
      await page.evaluate((demo) => (window as unknown as PageWindow).dlkitPage.unmount(demo), id);
      expect(
        await page.evaluate(() => (window as unknown as PageWindow).dlkitPage.numTensors()),
      ).toBe(baseline);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

interface PageWindow {
  dlkitPage: {
    backend: string;
    baseline: number;
    error?: string;
    numTensors(): number;
    unmount(id: string): void;
    mounted: Record<
      string,
      { engine: { running: boolean }; history: { step: number; loss: number }[] }
    >;
  };
}
