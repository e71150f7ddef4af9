// What the site's browser test needs besides the harness' Chromium: a free port to serve on, and
// a seeded sample of the built pages to load (every page is checked as a file by pages.test.ts).
import { createServer } from 'node:net';
import { seedFromEnv, seededMathRandom } from '@dlkit/test-harness';
import type { SitePage } from './dist.js';

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

/**
 * `count` pages drawn without replacement, the same ones for the same seed (`DLKIT_RANDOM_SEED`,
 * 1 unless set), in route order.
 */
export function samplePages(pages: readonly SitePage[], count: number): SitePage[] {
  const random = seededMathRandom(seedFromEnv('DLKIT_RANDOM_SEED'));
  const pool = [...pages].sort((a, b) => a.route.localeCompare(b.route));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count).sort((a, b) => a.route.localeCompare(b.route));
}
