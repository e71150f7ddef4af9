// `pnpm start`: the end-to-end example on the built packages.
import { runPlanarExample } from '../planar-example.js';

const started = Date.now();
console.log(
  "dlkit end-to-end: the course's 2-4-1 tanh network learns the planar flower (course 1, week 3)",
);
const result = await runPlanarExample({
  onProgress: (i, cost) =>
    console.log(`  iteration ${String(i).padStart(5)}  cost ${cost.toFixed(4)}`),
});
console.log(`backend: ${result.backend}`);
console.log(`training accuracy: ${(result.accuracy * 100).toFixed(1)}%`);
console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (result.accuracy < 0.88) {
  console.error('the network did not learn the flower (accuracy below 88%)');
  process.exit(1);
}
