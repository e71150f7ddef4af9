import { describe, expect, it } from 'vitest';
import { loadCheckpointWeights, saveCheckpoint } from './checkpoint.js';
import { runFuzz } from './run.js';
import { failures, summarize } from './summary.js';

/** The fuzz's seed: fixed, and printed with the summary. */
const SEED = 20261201;

describe('every export rejects bad arguments', () => {
  it('with a DlkitError naming the function and argument, without hanging, leaking or damaging saved data', async () => {
    const checkpoint = await saveCheckpoint();
    const run = await runFuzz({
      seed: SEED,
      checkpoint: checkpoint.path,
      // A hang never answers; 15 s leaves room for the slowest legitimate default call
      // (makeHandSigns() takes ~2 s alone, more than 6 s on a loaded 2-core machine).
      callTimeoutMs: 15_000,
      startTimeoutMs: 120_000,
    });
    console.log(summarize(run, SEED));
    expect(run.results.length).toBe(run.calls);
    expect(run.calls).toBeGreaterThanOrEqual(2000);
    expect(failures(run)).toEqual([]);
    expect(await loadCheckpointWeights(checkpoint.path)).toEqual(checkpoint.weights);
  });
});
