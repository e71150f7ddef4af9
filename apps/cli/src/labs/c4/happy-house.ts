// Course 4, week 1 lab: "Convolution model application", part 1. The notebook's happy model
// (Sequential, 37,633 parameters) trained with Adam on the happy-house stand-in faces of
// @dlkit/datasets (smiling or not), reporting train and test accuracy.
import { happyModel, modelSummary } from '@dlkit/cnn';
import { makeHappyFaces } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { disposeSet, fitClassifier, fitFigures, learningCurves } from './fit-classifier.js';

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('happy-house.run', context);
  const quick = context.quick;
  // The notebook: 600 / 150 images, epochs=10, batch_size=16, Adam (lr 0.001).
  const epochs = quick ? 2 : 10;
  const data = makeHappyFaces({
    trainSize: quick ? 48 : 600,
    testSize: quick ? 24 : 150,
    seed: context.seed,
  });
  const model = happyModel({ seed: context.seed });
  try {
    const summary = modelSummary(model);
    context.log(
      `happyModel: ${summary.totalParams} parameters (${summary.trainableParams} trainable)`,
    );
    const r = await fitClassifier(
      model,
      data,
      { label: 'happyModel', epochs, batchSize: 16, learningRate: 0.001, kind: 'binary' },
      context,
    );
    const figures = fitFigures(r, epochs, 64, summary.totalParams);
    context.log(
      `train ${(figures['train accuracy'] * 100).toFixed(1)} %, test ${(figures['test accuracy'] * 100).toFixed(1)} %`,
    );
    return {
      figures,
      plots: [learningCurves('learning-curves', 'happyModel on smiling / not smiling faces', r)],
      files: [],
    };
  } finally {
    model.dispose();
    disposeSet(data);
  }
}

/** The C4 W1 happy-house lab. */
export const happyHouseLab: Lab = {
  id: 'happy-house',
  course: 4,
  week: 1,
  title: 'Convolution model application: the Sequential happy model on smiling / not-smiling faces',
  run,
};
