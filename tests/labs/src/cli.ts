// The labs' command line: `pnpm --filter @dlkit/labs run lab <name> [--option=value …]`.
// Lists the labs when no name is given; numbers in options are parsed as numbers.
import { setupBackend } from '@dlkit/backend';
import { progressBar } from './progress.js';
import * as planarFlower from './c1/planar-flower.js';
import * as hiddenLayerSweep from './c1/hidden-layer-sweep.js';
import * as imageClassifier from './c1/image-classifier.js';

interface Lab {
  about: string;
  run: (options: Record<string, number | string>) => Promise<unknown>;
}

export const labs: Record<string, Lab> = {
  'planar-flower': {
    about:
      'C1 W3: one hidden layer on the planar flower (options: m, nH, numIterations, learningRate)',
    run: (o) => planarFlower.main({ ...o, onProgress: progressBar(`nH=${String(o['nH'] ?? 4)}`) }),
  },
  'hidden-layer-sweep': {
    about: 'C1 W3: accuracy for hidden sizes 1, 2, 3, 4, 5, 20, 50 (options: numIterations)',
    run: (o) => hiddenLayerSweep.main({ ...o, onProgress: (nH) => progressBar(`nH=${nH}`) }),
  },
  'image-classifier': {
    about:
      'C1 W4: logistic regression vs 2-layer vs 4-layer net on images (options: data=cats|stripes, mTrain, mTest, size, seed)',
    run: (o) => {
      const { mTrain, mTest, size, seed } = o as Record<string, number | undefined>;
      const data =
        o['data'] === 'stripes'
          ? imageClassifier.syntheticStripes({ mTrain, mTest, size, seed })
          : imageClassifier.catFaces({ trainSize: mTrain, testSize: mTest, size, seed });
      return imageClassifier.main({ data, onProgress: (model) => progressBar(model) });
    },
  },
};

/** Parses `--key=value` options (numbers become numbers). */
export function parseOptions(args: string[]): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const a of args) {
    const m = /^--([A-Za-z][\w]*)=(.*)$/.exec(a);
    if (m === null) throw new Error(`lab: cannot read option ${a}; write --name=value`);
    const v = m[2] as string;
    out[m[1] as string] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

async function cli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const lab = name === undefined ? undefined : labs[name];
  if (lab === undefined) {
    console.log('usage: pnpm --filter @dlkit/labs run lab <name> [--option=value …]\n\nlabs:');
    for (const [n, l] of Object.entries(labs)) console.log(`  ${n.padEnd(20)} ${l.about}`);
    return name === undefined ? 0 : 1;
  }
  const started = Date.now();
  console.log(`backend: ${await setupBackend()}`);
  await lab.run(parseOptions(rest));
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return 0;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
) {
  process.exitCode = await cli(process.argv.slice(2));
}
