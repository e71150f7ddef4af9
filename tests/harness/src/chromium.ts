/**
 * Headless Chromium for the browser tests (exported by `@dlkit/test-harness`): Debian's
 * `/usr/bin/chromium` (`CHROMIUM_PATH` overrides) driven by playwright-core, since Playwright's
 * own browser download does not work on these machines. One set of launch flags for the site's,
 * the demos' and the consumer's tests; a fresh profile folder each launch, removed on close.
 *
 * @packageDocumentation
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here (Chromium is absent), or undefined when they can. Use it
 * as `describe.skipIf(chromiumSkipReason !== undefined)` and put it in the suite's name, so the
 * skipped test says why.
 */
export const chromiumSkipReason: string | undefined = existsSync(chromiumPath)
  ? undefined
  : `no Chromium at ${chromiumPath} (apt-get install -y chromium; .ci/run installs it)`;

/** Headless, no sandbox (containers), no GPU, and no network traffic of Chromium's own. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A launched Chromium: its one browser context, and `close()`, which also removes the profile. */
export interface LaunchedChromium {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** The pages' viewport (default 1280 × 900). */
  viewport?: { width: number; height: number };
  /** The default timeout of every action and navigation, in ms (default 120 000: a click took over 30 s at load average ~38). */
  timeout?: number;
}

/**
 * Launches headless Chromium with {@link CHROMIUM_FLAGS} and a new profile folder.
 *
 * @param options - Viewport and default timeout.
 * @returns The browser context and a `close()` that removes the profile.
 * @throws When Chromium is absent, with {@link chromiumSkipReason} (skip the suite before).
 */
export async function launchChromium(
  options: LaunchChromiumOptions = {},
): Promise<LaunchedChromium> {
  if (chromiumSkipReason !== undefined) throw new Error(`launchChromium: ${chromiumSkipReason}`);
  const { viewport = { width: 1280, height: 900 }, timeout = 120_000 } = options;
  const profile = mkdtempSync(join(tmpdir(), 'dlkit-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport,
    });
    context.setDefaultTimeout(timeout); // no action waits for ever
    context.setDefaultNavigationTimeout(timeout);
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Collects a page's console errors, uncaught exceptions and failed (HTTP ≥ 400) responses from
 * now on, each with the page's URL.
 *
 * @param page - The page to listen to.
 * @returns The list the messages are pushed to.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${String(error)} (${page.url()})`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}
