// The built site in a real browser (every page is checked as a file by pages.test.ts): the home
// page, a week page per course, an API page per package, /demos and a seeded sample of the other
// pages render with no console error; the formulas are MathJax; the course map navigates; local
// search finds an export; the demos' engines are made only when needed, and each demo starts,
// trains (its loss falls), stops, resets and restarts without leaking tensors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumSkipReason,
  collectPageErrors,
  launchChromium,
  type LaunchedChromium,
} from '@dlkit/test-harness';
import { demos } from '@dlkit/demos';
// @ts-expect-error -- a plain ESM script without types
import { serveSite } from '../scripts/serve.mjs';
import { freePort, samplePages } from './browser.js';
import { fileOf, htmlOf, sitePages } from './dist.js';

const shots = join(import.meta.dirname, '..', '.screenshots');
const built = fileOf('/') !== undefined;
const skip =
  chromiumSkipReason ?? (built ? undefined : 'dist/ has no build (turbo runs build first)');

/** The pages every run loads: home, /demos, a week per course, an API page per package. */
const FIXED = [
  '/',
  '/demos',
  ...[1, 2, 3, 4, 5].map((c) => `/course-${c}/week-1`),
  ...['core', 'optimizers', 'strategy', 'cnn', 'sequence', 'backend', 'datasets', 'cli'].map(
    (p) => `/api/@dlkit/${p}/`,
  ),
];
/** How many other pages each run loads (the seed picks them; ~340 pages in all). */
const SAMPLE = 6;

/** The numbers a demo's component shows in its `data-*` attributes. */
async function demoState(page: Page, id: string) {
  return page.$eval(`[data-demo="${id}"]`, (el) => {
    const d = (el as HTMLElement).dataset;
    return {
      ready: d['ready'] === 'true',
      running: d['running'] === 'true',
      step: Number(d['step']),
      loss: d['loss'] === '' ? NaN : Number(d['loss']),
      tensors: d['tensors'] === '' ? NaN : Number(d['tensors']),
    };
  });
}

/** Waits until the demo's state satisfies `ok`, a JS condition on `s` (polling its attributes). */
async function waitForDemo(page: Page, id: string, ok: string): Promise<void> {
  await page.waitForFunction(
    ([sel, cond]) => {
      const d = (document.querySelector(sel!) as HTMLElement | null)?.dataset;
      if (d === undefined) return false;
      const s = {
        ready: d['ready'] === 'true',
        running: d['running'] === 'true',
        step: Number(d['step']),
        loss: Number(d['loss']),
        tensors: d['tensors'] === '' ? NaN : Number(d['tensors']),
      };
      return new Function('s', `return ${cond!}`)(s) as boolean;
    },
    [`[data-demo="${id}"]`, ok],
    { timeout: 120_000, polling: 100 },
  );
}

describe.skipIf(skip !== undefined)(
  `the site in Chromium${skip === undefined ? '' : ` (skipped: ${skip})`}`,
  () => {
    let browser: LaunchedChromium;
    let site: { url: string; close: () => Promise<void> };
    const url = (route: string): string => new URL(route.slice(1), site.url).href;

    beforeAll(async () => {
      site = await serveSite(await freePort());
      browser = await launchChromium({ timeout: 120_000 });
      mkdirSync(shots, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    const pages = skip === undefined ? sitePages() : [];
    const others = pages.filter((p) => !FIXED.includes(p.route));
    const chosen = [
      ...FIXED.map((route) => pages.find((p) => p.route === route) ?? { route, file: '' }),
      ...samplePages(others, SAMPLE),
    ];

    it(`renders ${FIXED.length} fixed and ${SAMPLE} sampled pages with no console error, formulas as MathJax`, async () => {
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      for (const { route, file } of chosen) {
        expect(file, `${route} is built`).not.toBe('');
        const response = await page.goto(url(route), { waitUntil: 'load' });
        expect(response?.status(), route).toBe(200);
        await expect
          .poll(async () => (await page.locator('h1').first().textContent())?.trim(), {
            timeout: 30_000,
          })
          .toBeTruthy();
        if (route === '/demos') {
          // The demo in view makes its engine: let it finish before the page is left.
          await page.locator('[data-demo][data-ready="true"]').first().waitFor();
        }
        if (htmlOf({ route, file }).includes('<mjx-container')) {
          expect(await page.locator('mjx-container svg').count(), route).toBeGreaterThan(0);
        }
      }
      await page.close();
      expect(errors).toEqual([]);
    });

    it('navigates the course map from the home page to a week and into the API', async () => {
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(site.url);
      await page.screenshot({ path: join(shots, 'home.png') });
      await page.getByRole('link', { name: 'Start with Course 1' }).click();
      await page.waitForURL(/\/course-1\/$/, { waitUntil: 'commit' });
      await page
        .locator('.VPSidebar')
        .getByRole('link', { name: /W4 · Deep neural network/ })
        .click();
      await page.waitForURL(/\/course-1\/week-4$/, { waitUntil: 'commit' });
      await expect
        .poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 })
        .toContain('Week 4: Deep neural network');
      expect(await page.locator('mjx-container').count()).toBeGreaterThan(0); // the formulas render
      await page.screenshot({ path: join(shots, 'week-c1w4.png') });
      await page
        .locator('#in-dlkit + table')
        .getByRole('link', { name: 'lModelForward', exact: true })
        .click();
      await page.waitForURL(/\/api\/@dlkit\/core\/functions\/lModelForward$/, {
        waitUntil: 'commit',
      });
      await expect
        .poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 })
        .toContain('lModelForward');
      await page.screenshot({ path: join(shots, 'api-lModelForward.png') });
      await page.close();
      expect(errors).toEqual([]);
    });

    it('finds an export with the local search', async () => {
      const page = await browser.context.newPage();
      await page.goto(site.url);
      await page.locator('.VPNavBarSearch button').click();
      await page.locator('.VPLocalSearchBox input').fill('initializeParametersDeep');
      const hit = page.locator('.VPLocalSearchBox .results a').first();
      await hit.waitFor({ timeout: 60_000 });
      expect(await hit.textContent()).toContain('initializeParametersDeep');
      expect((await hit.getAttribute('href'))?.toLowerCase()).toContain('initializeparametersdeep');
      await page.close();
    });

    it('lists every demo on /demos and makes an engine only when its demo is in view', async () => {
      expect(demos.length).toBeGreaterThan(1);
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      await page.setViewportSize({ width: 1280, height: 500 }); // the first demo only, at the top
      await page.goto(url('/demos'));
      for (const d of demos) await page.locator(`[data-demo="${d.id}"] h3`).waitFor();
      const first = demos[0]!.id;
      const last = demos.at(-1)!.id;
      await page.locator(`[data-demo="${first}"]`).scrollIntoViewIfNeeded();
      await waitForDemo(page, first, 's.ready');
      expect((await demoState(page, last)).ready).toBe(false); // far below: not made
      await page.locator(`[data-demo="${last}"]`).scrollIntoViewIfNeeded();
      await waitForDemo(page, last, 's.ready');
      await page.close();
      expect(errors).toEqual([]);
    });

    for (const definition of demos) {
      it(`demo ${definition.id} on its week page: starts, its loss falls, stops, restarts without leaking tensors`, async () => {
        const { id } = definition;
        const page = await browser.context.newPage();
        const errors = collectPageErrors(page);
        await page.goto(url(`/course-${definition.course}/week-${definition.week}`));
        const demo = page.locator(`[data-demo="${id}"]`);
        const button = (action: string) => demo.locator(`[data-action="${action}"]`);
        await demo.scrollIntoViewIfNeeded();
        await waitForDemo(page, id, 's.ready && Number.isFinite(s.tensors)');
        const fresh = (await demoState(page, id)).tensors;

        await button('start').click();
        await waitForDemo(page, id, 's.step >= 1 && Number.isFinite(s.loss)');
        const first = await demoState(page, id);
        await waitForDemo(page, id, `s.loss < ${first.loss} && s.step >= ${first.step + 5}`);
        await button('stop').click();
        await waitForDemo(page, id, '!s.running');
        const stopped = await demoState(page, id);
        await page.waitForTimeout(500);
        expect((await demoState(page, id)).step).toBe(stopped.step); // it stays stopped
        await demo.screenshot({ path: join(shots, `demo-${id}.png`) });

        await button('reset').click();
        await waitForDemo(page, id, `s.step === 0 && !s.running && s.tensors === ${fresh}`);
        await button('start').click();
        await waitForDemo(page, id, 's.step >= 3');
        await button('stop').click();
        await waitForDemo(page, id, '!s.running');
        await button('reset').click();
        await waitForDemo(page, id, `s.step === 0 && !s.running && s.tensors === ${fresh}`);
        await page.close();
        expect(errors).toEqual([]);
      });
    }
  },
);
