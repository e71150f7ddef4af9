// Course 5, week 1 lab: "Dinosaurus Island: character-level language model". The notebook's RNN,
// from scratch, trained on first names (@dlkit/datasets' stand-in for the dinosaur names): every
// 2000 iterations it samples names; the smoothed loss falls as they start to look like names.
import * as tf from '@tensorflow/tfjs';
import { characterModel, type CharParameters } from '@dlkit/sequence';
import { loadNames } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { costCurves, round } from '../c2/plots.js';

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('dinosaur-names.run', context);
  const { train, info } = await loadNames({ source: 'all', seed: context.seed });
  const chars = info.vocabulary.indexToToken;
  const charToIx = info.vocabulary.tokenToIndex;
  const numIterations = context.quick ? 400 : 35000;
  const nA = context.quick ? 16 : 50;
  const sampleEvery = context.quick ? 200 : 2000;
  const lines: string[] = [];
  const { parameters, losses } = characterModel.model(
    train,
    chars,
    charToIx,
    numIterations,
    nA,
    7,
    chars.length,
    false,
    {
      sampleEvery,
      onSample: ({ iteration, loss, names }) => {
        const line = `Iteration ${iteration}, loss ${loss.toFixed(4)}: ${names.join(', ')}`;
        lines.push(line);
        context.log(line);
      },
      onIteration: (j, loss) =>
        context.progress({ label: 'character RNN', step: j + 1, total: numIterations, loss }),
    },
  );
  const last = lines.length - 1;
  const finalNames = sampleNames(parameters, charToIx, chars);
  tf.dispose(Object.values(parameters));
  const every = Math.max(1, Math.floor(numIterations / 200));
  return {
    figures: {
      names: train.length,
      'vocabulary size': chars.length,
      iterations: numIterations,
      'initial loss': round(characterModel.getInitialLoss(chars.length, 7)),
      'final loss': round(losses.at(-1)!),
      'last samples': lines[last] ?? '',
      'final samples': finalNames.join(', '),
    },
    plots: [
      costCurves(
        'loss-curve',
        `Smoothed loss of the character RNN (nA = ${nA}) on ${train.length} names`,
        [{ name: 'smoothed loss', costs: losses.filter((_, i) => i % every === 0), every }],
      ),
    ],
    files: [],
  };
}

/** Ten names sampled from the trained model (seeds 100 …). */
function sampleNames(
  parameters: CharParameters,
  charToIx: ReadonlyMap<string, number>,
  chars: readonly string[],
): string[] {
  const names: string[] = [];
  for (let seed = 100; seed < 110; seed++) {
    const ix = characterModel.sample(parameters, charToIx, seed);
    names.push(characterModel.getSample(ix, chars).replace(/\n/g, ''));
  }
  return names;
}

/** The C5 W1 dinosaur-names lab. */
export const dinosaurNamesLab: Lab = {
  id: 'dinosaur-names',
  course: 5,
  week: 1,
  title: 'Dinosaurus Island: a character-level RNN language model writes names',
  run,
};
