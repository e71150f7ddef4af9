// Course 5, week 1 lab: "Writing like Shakespeare". The production character model (an
// embedding, dlkit's LSTM layer, a softmax at every step) trained on the sonnets, then asked to
// continue the course's seed phrase.
import { buildCharModel, generateText, trainCharModel } from '@dlkit/sequence';
import { loadTextCorpus } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { costCurves, round } from '../c2/plots.js';

/** The course's seed phrase ("Forsooth this maketh no sense"), lower-cased as its corpus is. */
const SEED_PHRASE = 'forsooth this maketh no sense ';

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('shakespeare.run', context);
  const { train, info } = await loadTextCorpus({ corpus: 'shakespeare', lowercase: true });
  const vocabulary = info.vocabulary.indexToToken;
  const text = context.quick ? train.slice(0, 4000) : train;
  const epochs = context.quick ? 2 : 10;
  const model = buildCharModel({
    vocabSize: vocabulary.length,
    units: context.quick ? 32 : 128,
    embeddingDim: context.quick ? 8 : 32,
    learningRate: 0.01,
    seed: context.seed,
  });
  try {
    let step = 0;
    const { losses } = await trainCharModel(model, text, {
      vocabulary,
      sequenceLength: 40,
      epochs,
      batchSize: 32,
      seed: context.seed,
      onProgress: ({ batch, batches, epochs: total, loss }) => {
        step += 1;
        context.progress({ label: 'LSTM', step, total: batches * total, loss });
        if (batch === batches)
          context.log(`epoch ${Math.ceil(step / batches)}: last batch loss ${loss.toFixed(3)}`);
      },
    });
    const samples: Record<string, string> = {};
    for (const temperature of [0.5, 1]) {
      const written = generateText(model, vocabulary, SEED_PHRASE, {
        length: context.quick ? 80 : 400,
        temperature,
        seed: context.seed,
      });
      samples[`temperature ${temperature}`] = SEED_PHRASE + written;
      context.log(`--- temperature ${temperature} ---\n${SEED_PHRASE}${written}`);
    }
    return {
      figures: {
        characters: text.length,
        'vocabulary size': vocabulary.length,
        epochs,
        'first epoch loss': round(losses[0]!),
        'final loss': round(losses.at(-1)!),
        ...samples,
      },
      plots: [
        costCurves(
          'loss-curve',
          'Cross-entropy per character of the LSTM on the sonnets',
          [{ name: 'training loss', costs: losses, every: 1 }],
          'epoch',
        ),
      ],
      files: [],
    };
  } finally {
    model.dispose();
  }
}

/** The C5 W1 Shakespeare lab. */
export const shakespeareLab: Lab = {
  id: 'shakespeare',
  course: 5,
  week: 1,
  title: 'Writing like Shakespeare: an LSTM character model continues a seed phrase',
  run,
};
