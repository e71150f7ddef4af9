// Course 2, week 1 lab: "Initialization". The same three-layer network on the circles data,
// from zeros (symmetry is never broken: the cost stays at ln 2 and it predicts one class), from
// large random weights (×10: a huge first cost, slow progress) and from He (it fits).
import * as tf from '@tensorflow/tfjs';
import { initialization, type Initialization } from '@dlkit/optimizers';
import { makeCircles } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { costCurves, decisionBoundary, round, type CostSeries } from './plots.js';
import { checkLabContext } from '../lab-context.js';

const SCHEMES: Initialization[] = ['zeros', 'random', 'he'];

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('initialization-circles.run', context);
  const numIterations = context.quick ? 501 : 15000;
  const train = makeCircles({ m: 300, noise: 0.05, seed: 1 });
  const test = makeCircles({ m: 100, noise: 0.05, seed: 2 });
  const figures: LabResult['figures'] = { iterations: numIterations };
  const series: CostSeries[] = [];
  const plots: LabResult['plots'] = [];
  try {
    for (const scheme of SCHEMES) {
      const { parameters, costs } = initialization.model(
        train.X,
        train.Y,
        0.01,
        numIterations,
        (i, cost) =>
          context.progress({ label: scheme, step: i + 1, total: numIterations, loss: cost }),
        scheme,
      );
      const trainAcc = initialization.predict(train.X, train.Y, parameters);
      const testAcc = initialization.predict(test.X, test.Y, parameters);
      figures[`${scheme}: train accuracy`] = round(trainAcc.accuracy);
      figures[`${scheme}: test accuracy`] = round(testAcc.accuracy);
      figures[`${scheme}: first cost`] = round(costs[0]!);
      figures[`${scheme}: last cost`] = round(costs.at(-1)!);
      context.log(
        `${scheme}: train ${(trainAcc.accuracy * 100).toFixed(1)} %, test ${(testAcc.accuracy * 100).toFixed(1)} %`,
      );
      series.push({ name: scheme, costs, every: 1000 });
      plots.push(
        decisionBoundary(
          `boundary-${scheme}`,
          `Model with ${scheme} initialization`,
          train.X,
          train.Y,
          (grid) => {
            const { A3, cache } = initialization.forwardPropagation(grid, parameters);
            tf.dispose(cache);
            return tf.greater(A3, 0.5);
          },
        ),
      );
      tf.dispose([trainAcc.p, testAcc.p, parameters]);
    }
    plots.unshift(costCurves('cost-curves', 'Cost by initialization (learning rate 0.01)', series));
    return { figures, plots, files: [] };
  } finally {
    tf.dispose([train.X, train.Y, test.X, test.Y]);
  }
}

/** The C2 W1 initialisation lab. */
export const initCirclesLab: Lab = {
  id: 'initialization-circles',
  course: 2,
  week: 1,
  title: 'Initialization: zeros, large random and He on the circles data',
  run,
};
