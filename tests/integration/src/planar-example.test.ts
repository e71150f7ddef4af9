import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';
import { runPlanarExample } from './planar-example.js';

describe('the end-to-end example (pnpm start)', () => {
  it('learns the planar flower across five packages and leaks nothing', async () => {
    let result: Awaited<ReturnType<typeof runPlanarExample>> | undefined;
    const progress: number[] = [];
    await expectNoLeaks(async () => {
      result = await runPlanarExample({
        iterations: 2000,
        every: 500,
        onProgress: (i) => progress.push(i),
      });
    });
    expect(progress).toEqual([500, 1000, 1500, 2000]);
    expect(result!.accuracy).toBeGreaterThan(0.85);
    expect(result!.costs.at(-1)!).toBeLessThan(0.35); // from ln 2 ≈ 0.693 at the start
  });
});
