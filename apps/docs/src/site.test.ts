// The built site in a real browser: every page renders without console errors, the course map
// navigates, local search finds an export, and each demo starts, trains (its loss falls), stops,
// and restarts without leaking tensors. Screenshots go to `.screenshots/`.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demos } from '@dlkit/demos';
// @ts-expect-error -- a plain ESM script without types
import { serveSite } from '../scripts/serve.mjs';
import { collectErrors, freePort, launch, skipReason, type Browser } from './browser.js';

const app = join(import.meta.dirname, '..');
const dist = join(app, 'dist');
const shots = join(app, '.screenshots');

/** Every page's URL path in `dist/` (clean URLs: `course-1/week-3.html` → `/course-1/week-3`). */
function sitePaths(dir = dist): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'assets' ? [] : sitePaths(path);
    if (!name.endsWith('.html') || name === '404.html') return [];
    const route = `/${relative(dist, path).replace(/\\/g, '/')}`;
    return [
      route.endsWith('index.html')
        ? route.slice(0, -'index.html'.length)
        : route.slice(0, -'.html'.length),
    ];
  });
}

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

/** Waits until the demo's state satisfies `ok` (polling its attributes). */
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
      };
      return new Function('s', `return ${cond!}`)(s) as boolean;
    },
    [`[data-demo="${id}"]`, ok],
    { timeout: 120_000, polling: 100 },
  );
}

describe.skipIf(skipReason !== undefined)(
  `the site in Chromium${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let browser: Browser;
    let site: { url: string; close: () => Promise<void> };

    beforeAll(async () => {
      site = await serveSite(await freePort());
      browser = await launch();
      mkdirSync(shots, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    it('renders every page (week pages, guides, API) with a title and no console errors', async () => {
      const paths = sitePaths();
      expect(paths.filter((p) => p.startsWith('/course-')).length).toBeGreaterThanOrEqual(17 + 5);
      expect(paths.filter((p) => p.startsWith('/api/')).length).toBeGreaterThan(100);
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      const untitled: string[] = [];
      for (const path of paths) {
        const response = await page.goto(new URL(path.slice(1), site.url).href, {
          waitUntil: 'domcontentloaded',
        });
        expect(response?.status(), path).toBe(200);
        const h1 = await page.locator('h1').first().textContent({ timeout: 10_000 });
        if ((h1 ?? '').trim() === '') untitled.push(path);
      }
      await page.close();
      expect(untitled).toEqual([]);
      expect(errors).toEqual([]);
    }, 1_200_000); // 340 pages; on 2 shared cores under load, 300 s was not enough

    it('navigates the course map from the home page to a week and into the API', async () => {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.goto(site.url);
      await page.screenshot({ path: join(shots, 'home.png'), fullPage: false });
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
      await page.screenshot({ path: join(shots, 'guide-c1w4.png'), fullPage: false });
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
      await page.screenshot({ path: join(shots, 'api-lModelForward.png'), fullPage: false });
      await page.close();
      expect(errors).toEqual([]);
    });

    it('finds an export with the local search', async () => {
      const page = await browser.context.newPage();
      await page.goto(site.url);
      await page.locator('.VPNavBarSearch button').click();
      await page.locator('.VPLocalSearchBox input').fill('initializeParametersDeep');
      const hit = page.locator('.VPLocalSearchBox .results a').first();
      await hit.waitFor({ timeout: 30_000 });
      expect(await hit.textContent()).toContain('initializeParametersDeep');
      expect((await hit.getAttribute('href'))?.toLowerCase()).toContain('initializeparametersdeep');
      await page.close();
    });

    it('lists every demo of @dlkit/demos on the demos page and on its week page', async () => {
      expect(demos.length).toBeGreaterThan(0);
      const page = await browser.context.newPage();
      await page.goto(new URL('demos', site.url).href, { waitUntil: 'domcontentloaded' });
      for (const d of demos)
        await page.locator(`[data-demo="${d.id}"]`).waitFor({ timeout: 60_000 });
      for (const d of demos) {
        await page.goto(new URL(`course-${d.course}/week-${d.week}`, site.url).href, {
          waitUntil: 'domcontentloaded',
        });
        await page.locator(`[data-demo="${d.id}"]`).waitFor({ timeout: 60_000 });
      }
      await page.close();
    });

    for (const definition of demos) {
      it(`demo ${definition.id}: starts, its loss falls, stops, restarts without leaking tensors`, async () => {
        const { id } = definition;
        const page = await browser.context.newPage();
        const errors = collectErrors(page);
        // On its week page, where it is the only demo (the demos page runs every engine at once).
        await page.goto(
          new URL(`course-${definition.course}/week-${definition.week}`, site.url).href,
        );
        await waitForDemo(page, id, 's.ready');
        const demo = page.locator(`[data-demo="${id}"]`);
        const button = (action: string) => demo.locator(`[data-action="${action}"]`);

        await button('start').click();
        await waitForDemo(page, id, 's.step >= 1 && Number.isFinite(s.loss)');
        const first = await demoState(page, id);
        await waitForDemo(page, id, `s.loss < ${first.loss} && s.step >= ${first.step + 5}`);
        await button('stop').click();
        await waitForDemo(page, id, '!s.running');
        const stopped = await demoState(page, id);
        await page.waitForTimeout(500);
        expect((await demoState(page, id)).step).toBe(stopped.step); // it stays stopped
        expect(stopped.loss).toBeLessThan(first.loss);
        await demo.scrollIntoViewIfNeeded();
        await demo.screenshot({ path: join(shots, `demo-${id}.png`) });

        await button('reset').click();
        await waitForDemo(page, id, 's.step === 0 && !s.running');
        await page.waitForTimeout(200); // the tensor count refreshes after the reset
        const afterFirstReset = (await demoState(page, id)).tensors;
        await button('start').click();
        await waitForDemo(page, id, 's.step >= 3');
        await button('stop').click();
        await waitForDemo(page, id, '!s.running');
        await button('reset').click();
        await waitForDemo(page, id, 's.step === 0 && !s.running');
        await page.waitForTimeout(200);
        const afterSecondReset = (await demoState(page, id)).tensors;
        expect(Number.isFinite(afterFirstReset)).toBe(true);
        expect(afterSecondReset).toBe(afterFirstReset);
        await page.close();
        expect(errors).toEqual([]);
      });
    }
  },
);
