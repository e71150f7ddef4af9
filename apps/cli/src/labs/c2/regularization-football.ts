// Course 2, week 1 lab: "Regularization". The three-layer network [2, 20, 3, 1] on the football
// data: without regularisation it fits the flipped labels (overfits); L2 (λ = 0.7) and inverted
// dropout (keep 0.86) trade a little training accuracy for test accuracy.
import * as tf from '@tensorflow/tfjs';
import { regularization } from '@dlkit/optimizers';
import { makeFootball } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { costCurves, decisionBoundary, round, type CostSeries } from './plots.js';
import { checkLabContext } from '../lab-context.js';

const RUNS = [
  { name: 'none', lambd: 0, keepProb: 1 },
  { name: 'L2 (λ = 0.7)', lambd: 0.7, keepProb: 1 },
  { name: 'dropout (keep 0.86)', lambd: 0, keepProb: 0.86 },
] as const;

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('regularization-football.run', context);
  const numIterations = context.quick ? 1000 : 30000;
  const { train, test } = makeFootball({ seed: context.seed });
  const figures: LabResult['figures'] = { iterations: numIterations };
  const series: CostSeries[] = [];
  const plots: LabResult['plots'] = [];
  try {
    for (const r of RUNS) {
      const { parameters, costs } = regularization.model(
        train.X,
        train.Y,
        0.3,
        numIterations,
        (i, cost) =>
          context.progress({ label: r.name, step: i + 1, total: numIterations, loss: cost }),
        r.lambd,
        r.keepProb,
      );
      const a = regularization.predict(train.X, train.Y, parameters);
      const b = regularization.predict(test.X, test.Y, parameters);
      figures[`${r.name}: train accuracy`] = round(a.accuracy);
      figures[`${r.name}: test accuracy`] = round(b.accuracy);
      context.log(
        `${r.name}: train ${(a.accuracy * 100).toFixed(1)} %, test ${(b.accuracy * 100).toFixed(1)} %`,
      );
      series.push({ name: r.name, costs, every: 1000 });
      plots.push(
        decisionBoundary(
          `boundary-${r.name.split(' ')[0]!.toLowerCase()}`,
          `Regularization: ${r.name}`,
          train.X,
          train.Y,
          (grid) => {
            const { A3, cache } = regularization.forwardPropagation(grid, parameters);
            tf.dispose(cache);
            return tf.greater(A3, 0.5);
          },
        ),
      );
      tf.dispose([a.p, b.p, parameters]);
    }
    plots.unshift(
      costCurves('cost-curves', 'Cost with and without regularization (learning rate 0.3)', series),
    );
    return { figures, plots, files: [] };
  } finally {
    tf.dispose([train.X, train.Y, test.X, test.Y]);
  }
}

/** The C2 W1 regularisation lab. */
export const regularizationFootballLab: Lab = {
  id: 'regularization-football',
  course: 2,
  week: 1,
  title: 'Regularization: none, L2 and dropout on the football data',
  run,
};
