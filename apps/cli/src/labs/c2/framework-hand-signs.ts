// Course 2, week 3 lab: "TensorFlow introduction". The three-layer softmax network
// [12288, 25, 12, 6] trained with mini-batch Adam (the framework computes the gradients) on the
// hand-sign images from @dlkit/datasets, reporting train and test accuracy.
import * as tf from '@tensorflow/tfjs';
import { framework } from '@dlkit/optimizers';
import { makeHandSigns } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { costCurves, round } from './plots.js';
import { checkLabContext } from '../lab-context.js';

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('framework-hand-signs.run', context);
  const quick = context.quick;
  const size = quick ? 16 : 64;
  const numEpochs = quick ? 21 : 100;
  const data = makeHandSigns({
    trainSize: quick ? 120 : 1080,
    testSize: quick ? 60 : 120,
    size,
    seed: context.seed,
    layout: 'columns',
  });
  const labels = [data.train.y, data.test.y].map((y) => tf.reshape(y, [-1]));
  const [YTrain, YTest] = labels.map((y) => framework.oneHotMatrix(y, 6));
  try {
    const r = framework.model(
      data.train.x,
      YTrain!,
      data.test.x,
      YTest!,
      0.0001 * (quick ? 10 : 1),
      numEpochs,
      32,
      (epoch, cost) =>
        context.progress({ label: 'adam', step: epoch + 1, total: numEpochs, loss: cost }),
    );
    tf.dispose(Object.values(r.parameters));
    const figures: LabResult['figures'] = {
      epochs: numEpochs,
      'image size': `${size}×${size}×3`,
      'train accuracy': round(r.trainAcc.at(-1)!),
      'test accuracy': round(r.testAcc.at(-1)!),
      'last cost': round(r.costs.at(-1)!),
    };
    context.log(
      `train ${(r.trainAcc.at(-1)! * 100).toFixed(1)} %, test ${(r.testAcc.at(-1)! * 100).toFixed(1)} %`,
    );
    const accuracy = {
      name: 'accuracy',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        title: 'Train and test accuracy every 10 epochs',
        width: 480,
        height: 300,
        data: {
          values: r.trainAcc.flatMap((a, i) => [
            { epoch: i * 10, split: 'train', accuracy: a },
            { epoch: i * 10, split: 'test', accuracy: r.testAcc[i] },
          ]),
        },
        mark: 'line',
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'accuracy', type: 'quantitative' },
          color: { field: 'split', type: 'nominal' },
        },
      },
    };
    return {
      figures,
      plots: [
        costCurves(
          'cost-curve',
          'Cost per example (mini-batch Adam)',
          [{ name: 'adam', costs: r.costs, every: 10 }],
          'epoch',
        ),
        accuracy,
      ],
      files: [],
    };
  } finally {
    tf.dispose([data.train.x, data.train.y, data.test.x, data.test.y, ...labels, YTrain!, YTest!]);
  }
}

/** The C2 W3 framework lab. */
export const frameworkHandSignsLab: Lab = {
  id: 'framework-hand-signs',
  course: 2,
  week: 3,
  title: 'TensorFlow introduction: a softmax network trained with Adam on the hand signs',
  run,
};
