// Benchmark (not a test): load all of MNIST (60,000 + 10,000 images) into tfjs tensors.
// Target: under 2 s. Run from the repository root: pnpm --filter @dlkit/bench run mnist-load [--runs 5]
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { loadMnist } from '@dlkit/datasets';

const i = process.argv.indexOf('--runs');
const runs = i === -1 ? 5 : Number(process.argv[i + 1]);
await tf.setBackend('cpu');
await tf.ready();
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const { train, test } = await loadMnist();
  const ms = performance.now() - t0;
  times.push(ms);
  console.log(
    `run ${r + 1}: ${ms.toFixed(0)} ms  train.x ${JSON.stringify(train.x.shape)} ${train.x.dtype}, ` +
      `test.x ${JSON.stringify(test.x.shape)}`,
  );
  tf.dispose([train.x, train.y, test.x, test.y]);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
const best = times[0] as number;
const worst = times[times.length - 1] as number;
console.log(
  `loadMnist (all 70,000 images, float32 [0, 1], cpu backend): median ${median.toFixed(0)} ms, ` +
    `best ${best.toFixed(0)} ms, worst ${worst.toFixed(0)} ms over ${runs} runs ` +
    `(target < 2000 ms) ${median < 2000 ? 'PASS' : 'FAIL'}`,
);
