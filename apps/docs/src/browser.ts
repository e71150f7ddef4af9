// Headless Chromium for the site's tests: Debian's `/usr/bin/chromium` driven by playwright-core
// (Playwright's own browser download does not work here), with a fresh profile each launch.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Chromium is (`CHROMIUM_PATH` overrides). */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Why the browser tests are skipped here, or undefined when they run. */
export const skipReason = existsSync(chromiumPath)
  ? undefined
  : `${chromiumPath} is absent (apt-get install -y chromium; .ci/run installs it)`;

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A launched browser with a fresh `--user-data-dir`, removed on close. */
export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Launches Chromium headless with a new profile folder. */
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'dlkit-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(60_000); // no action waits for ever
  context.setDefaultNavigationTimeout(60_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Collects a page's console errors and uncaught exceptions from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${String(error)} (${page.url()})`));
  return errors;
}
