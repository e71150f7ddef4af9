import { describe, expect, it } from 'vitest';
import { loadCheckpointWeights, saveCheckpoint } from './checkpoint.js';
import { FUZZ_TIMEOUTS, runFuzz } from './run.js';
import { failures, summarize } from './summary.js';

/** The fuzz's seed: fixed, and printed with the summary. */
const SEED = 20261201;

describe('every export rejects bad arguments', () => {
  it('with a DlkitError naming the function and argument, without hanging, leaking or damaging saved data', async () => {
    const checkpoint = await saveCheckpoint();
    const run = await runFuzz({
      seed: SEED,
      checkpoint: checkpoint.path,
      ...FUZZ_TIMEOUTS,
    });
    console.log(summarize(run, SEED));
    expect(run.results.length).toBe(run.calls);
    expect(run.calls).toBeGreaterThanOrEqual(2000);
    expect(failures(run)).toEqual([]);
    expect(await loadCheckpointWeights(checkpoint.path)).toEqual(checkpoint.weights);
  });
});
