// Course 5, week 2 lab: "Emojify". dlkit's emoji sentences (@dlkit/datasets, 200 training and 50
// test sentences, five emoji) on the shipped GloVe vectors: the Emojifier V1 (average of the word
// vectors, softmax, the notebook's SGD loop) and V2 (frozen embedding, two LSTMs of 128 with
// dropout, trained with Adam as the notebook: 50 epochs, batches of 32), with the test accuracy
// and confusion matrix of each.
import * as tf from '@tensorflow/tfjs';
import { loadEmojiSentences, loadGlove, type EmojiData } from '@dlkit/datasets';
import { emojifierV1, emojifyV2, sentencesToIndices, type WordVectors } from '@dlkit/sequence';
import { checkLabContext } from '../lab-context.js';
import type { Lab, LabContext, LabPlot, LabResult } from '../lab.js';
import { confusionPlot, confusionText, emojiConfusion } from './confusion.js';

const accuracy = (yTrue: readonly number[], yPred: readonly number[]): number =>
  yPred.filter((p, i) => p === yTrue[i]).length / yTrue.length;

interface Trained {
  trainPred: number[];
  testPred: number[];
}

/** V1: the notebook's model (400 epochs, learning rate 0.01), then predict on both splits. */
function trainV1(context: LabContext, data: EmojiData, glove: WordVectors): Trained {
  const numIterations = context.quick ? 100 : 400;
  const label = 'V1: average + softmax';
  const { pred, W, b } = emojifierV1.model(data.train.x, data.train.y, glove, 0.01, numIterations, {
    seed: context.seed,
    printEvery: 1,
    // The notebook's loop accumulates dW and db over the epoch, so the early steps overshoot and
    // the softmax saturates: some epochs' summed cost is +Infinity (NumPy gives inf too). The
    // progress bar shows the largest double instead.
    onProgress: ({ epoch, cost }) =>
      context.progress({
        label,
        step: epoch + 1,
        total: numIterations,
        loss: Number.isFinite(cost) ? cost : Number.MAX_VALUE,
      }),
  });
  const predictions = [data.train, data.test].map((split) => {
    const p = emojifierV1.predict(split.x, split.y, W, b, glove);
    const values = Array.from(p.dataSync());
    p.dispose();
    return values;
  });
  tf.dispose([pred, W, b]);
  return { trainPred: predictions[0]!, testPred: predictions[1]! };
}

/** V2: Emojify_V2 compiled and fitted as in the notebook, then argmax of its predictions. */
async function trainV2(
  context: LabContext,
  data: EmojiData,
  glove: WordVectors,
): Promise<Trained & { parameters: number; epochs: number }> {
  // The course's word_to_index: indices from 1, so 0 pads.
  const wordToIndex = new Map(glove.words.map((w, i) => [w, i + 1]));
  const maxLen = data.info.maxLength;
  const epochs = context.quick ? 3 : 50;
  const model = emojifyV2([maxLen], glove, wordToIndex, {
    seed: context.seed,
    // Orthogonal (Keras's default) is built by a slow QR decomposition; a quick run skips it.
    ...(context.quick ? { recurrentInitializer: 'GlorotUniform' } : {}),
  });
  const [XTrain, XTest] = [data.train.x, data.test.x].map((x) =>
    sentencesToIndices(x, wordToIndex, maxLen),
  );
  const YTrain = tf.oneHot(data.train.y, 5);
  try {
    model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
    await model.fit(XTrain!, YTrain, {
      epochs,
      batchSize: 32,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) =>
          context.progress({
            label: 'V2: LSTM',
            step: epoch + 1,
            total: epochs,
            loss: logs?.['loss'] ?? NaN,
            metrics: { accuracy: logs?.['acc'] ?? NaN },
          }),
      },
    });
    const [trainPred, testPred] = [XTrain!, XTest!].map((x) => {
      const p = tf.tidy(() => tf.argMax(model.predict(x) as tf.Tensor, 1));
      const values = Array.from(p.dataSync());
      p.dispose();
      return values;
    });
    return { trainPred: trainPred!, testPred: testPred!, parameters: model.countParams(), epochs };
  } finally {
    tf.dispose([XTrain!, XTest!, YTrain]);
    model.dispose();
  }
}

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('emojifier.run', context);
  const data = await loadEmojiSentences();
  const glove = await loadGlove();
  try {
    const yTrain = Array.from(data.train.y.dataSync());
    const yTest = Array.from(data.test.y.dataSync());
    const v1 = trainV1(context, data, glove);
    const v2 = await trainV2(context, data, glove);
    const figures: LabResult['figures'] = {
      'train sentences': yTrain.length,
      'test sentences': yTest.length,
      maxLen: data.info.maxLength,
      'V1 train accuracy': accuracy(yTrain, v1.trainPred),
      'V1 test accuracy': accuracy(yTest, v1.testPred),
      'V2 parameters': v2.parameters,
      'V2 epochs': v2.epochs,
      'V2 train accuracy': accuracy(yTrain, v2.trainPred),
      'V2 test accuracy': accuracy(yTest, v2.testPred),
    };
    const plots: LabPlot[] = [];
    for (const [name, trained] of [
      ['V1', v1],
      ['V2', v2],
    ] as const) {
      const matrix = emojiConfusion(yTest, trained.testPred);
      const acc = figures[`${name} test accuracy`] as number;
      context.log(
        `Emojifier ${name}: test accuracy ${(acc * 100).toFixed(1)} % (train ${((figures[`${name} train accuracy`] as number) * 100).toFixed(1)} %)`,
      );
      for (const line of confusionText(matrix)) context.log(`  ${line}`);
      plots.push(
        confusionPlot(
          `confusion-${name.toLowerCase()}`,
          `Emojifier ${name}: test confusion matrix (accuracy ${(acc * 100).toFixed(0)} %)`,
          matrix,
        ),
      );
    }
    return { figures, plots, files: [] };
  } finally {
    tf.dispose([data.train.y, data.test.y, glove.vectors]);
  }
}

/** The C5 W2 Emojify lab. */
export const emojifierLab: Lab = {
  id: 'emojifier',
  course: 5,
  week: 2,
  title:
    'Emojify: the Emojifier V1 (word-vector average + softmax) and V2 (LSTMs) on emoji sentences',
  run,
};
