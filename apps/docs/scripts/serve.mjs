#!/usr/bin/env node
// Serves the built site (`dist/`) on http://localhost:$PORT (default 4173) and prints its URL.
// `serveSite(port)` is what the browser tests use; it resolves once the server listens.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from 'vitepress';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts a static server of `dist/` on `port`.
 * @param {number} port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveSite(port) {
  if (!existsSync(join(app, 'dist', 'index.html'))) {
    throw new Error(
      'docs: dist/ has no built site; run `pnpm run site` (or `pnpm --filter @dlkit/docs build`) first',
    );
  }
  const polka = await serve({ root: app, port });
  const server = polka.server;
  if (!server.listening) {
    await new Promise((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  }
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4173);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`docs: PORT must be a port number, got ${process.env.PORT}`);
    process.exit(1);
  }
  const { url } = await serveSite(port);
  console.log(`\n  dlkit site: ${url}  (Ctrl-C stops)\n`);
}
