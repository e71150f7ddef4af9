// `pnpm --filter @dlkit/fuzz run fuzz [seed]`: runs the fuzz outside vitest and prints its summary
// (and writes every outcome to fuzz-report.json in the working folder).
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { loadCheckpointWeights, saveCheckpoint } from './checkpoint.js';
import { FUZZ_TIMEOUTS, runFuzz } from './run.js';
import { summarize } from './summary.js';

const seed = Number(process.argv[2] ?? 20261201);
await tf.setBackend('cpu');
const checkpoint = await saveCheckpoint();
const run = await runFuzz({
  seed,
  checkpoint: checkpoint.path,
  ...FUZZ_TIMEOUTS,
});
console.log(summarize(run, seed));
writeFileSync('fuzz-report.json', JSON.stringify(run.results, null, 1));
try {
  const same =
    JSON.stringify(await loadCheckpointWeights(checkpoint.path)) ===
    JSON.stringify(checkpoint.weights);
  console.log(same ? 'checkpoint: intact' : 'checkpoint: weights changed');
} catch (e) {
  console.log(`checkpoint: no longer loads: ${String(e)}`);
}
