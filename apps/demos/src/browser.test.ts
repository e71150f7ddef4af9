// The demos in a real browser: the test page (browser/page.ts) bundled by esbuild and served
// locally, driven in headless Chromium through playwright-core. Each demo starts, its loss falls,
// it stops cleanly, resets to exactly the tensors it holds when fresh, restarts, and when taken
// down leaves tf.memory().numTensors where it was; no console errors; a screenshot of each.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumSkipReason,
  collectPageErrors,
  launchChromium,
  type LaunchedChromium,
} from '@dlkit/test-harness';
import { buildTestPage } from '../browser/build.js';
import { serve } from '../browser/serve.js';

const shotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Steps each demo trains before its loss is compared (the page trains a few per frame). */
const STEPS: Record<string, number> = {
  planar: 300,
  'optimizer-race': 120,
  'conv-visualizer': 150,
  'char-names': 40,
};

interface Snapshot {
  running: boolean;
  steps: number;
  losses: number[];
  numTensors: number;
}

const suite = `the demos in headless Chromium${chromiumSkipReason === undefined ? '' : ` (skipped: ${chromiumSkipReason})`}`;

describe.skipIf(chromiumSkipReason !== undefined)(suite, () => {
  let browser: LaunchedChromium;
  let server: Server;
  let url = '';
  let outDir = '';
  const backends = new Set<string>();

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'dlkit-demos-page-'));
    await buildTestPage(outDir);
    ({ server, url } = await serve(outDir));
    mkdirSync(shotsDir, { recursive: true });
    browser = await launchChromium({ viewport: { width: 1040, height: 900 }, timeout: 120_000 });
  });

  afterAll(async () => {
    console.log(`demo backends used: ${[...backends].join(', ')}`);
    await browser?.close();
    server?.close();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  async function open(query: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
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

  it('conv-visualizer: the stride and padding sliders give the formula’s output shape', async () => {
    const { page, errors } = await open('?demo=conv-visualizer');
    const section = page.locator('section[data-demo="conv-visualizer"]');
    await section.locator('label', { hasText: 'stride' }).locator('input').fill('2');
    await section.locator('label', { hasText: 'padding' }).locator('input').fill('2');
    await section.locator('select').selectOption('sobel-y');
    const trained = await trainUntil(page, 'conv-visualizer', 40);
    expectFalls(trained.losses);
    const extra = await page.evaluate(
      () =>
        (window as unknown as PageWindow).dlkitPage.mounted['conv-visualizer']!.history.at(-1)!
          .extra,
    );
    // The photograph is 88 × 70: ⌊(70 + 2·2 − 3) / 2⌋ + 1 = 36 and ⌊(88 + 4 − 3) / 2⌋ + 1 = 45.
    expect(extra).toEqual({ outputShape: '[36, 45]' });
    await section.screenshot({ path: join(shotsDir, 'conv-visualizer-stride2-pad2.png') });
    await expectStops(page, 'conv-visualizer');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`falls back to ${backend}: the planar demo trains there and resets without leaks`, async () => {
      const { page, errors } = await open(`?demo=planar&backends=${backend}`);
      expect(await page.evaluate(() => (window as unknown as PageWindow).dlkitPage.backend)).toBe(
        backend,
      );
      const fresh = (await snapshot(page, 'planar')).numTensors;
      const trained = await trainUntil(page, 'planar', 300);
      expectFalls(trained.losses);
      await expectStops(page, 'planar');
      await click(page, 'planar', 'reset');
      expect((await snapshot(page, 'planar')).numTensors).toBe(fresh);
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
      {
        engine: { running: boolean };
        history: { step: number; loss: number; extra?: Record<string, number | string> }[];
      }
    >;
  };
}
