// Course 2, week 2 lab: "Optimization methods". The three-layer network [2, 5, 2, 1] on the
// moons data with mini-batch gradient descent, momentum and Adam at the notebook's rate 0.0007
// (Adam converges, the other two barely move in 5000 epochs), then the same three with the
// notebook's learning-rate decay (`scheduleLrDecay`, interval 1000).
import * as tf from '@tensorflow/tfjs';
import { optimization, scheduleLrDecay, type LrDecay, type OptimizerName } from '@dlkit/optimizers';
import { makeMoons } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { costCurves, decisionBoundary, round, type CostSeries } from './plots.js';
import { checkLabContext } from '../lab-context.js';

interface Run {
  name: string;
  optimizer: OptimizerName;
  learningRate: number;
  decay?: LrDecay;
}

const RUNS: Run[] = [
  { name: 'gd', optimizer: 'gd', learningRate: 0.0007 },
  { name: 'momentum', optimizer: 'momentum', learningRate: 0.0007 },
  { name: 'adam', optimizer: 'adam', learningRate: 0.0007 },
  { name: 'gd + decay', optimizer: 'gd', learningRate: 0.1, decay: scheduleLrDecay },
  { name: 'momentum + decay', optimizer: 'momentum', learningRate: 0.1, decay: scheduleLrDecay },
  { name: 'adam + decay', optimizer: 'adam', learningRate: 0.01, decay: scheduleLrDecay },
];

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('optimization-moons.run', context);
  const numEpochs = context.quick ? 101 : 5000;
  const { X, Y } = makeMoons({ m: 300, noise: 0.2, seed: 3 });
  const figures: LabResult['figures'] = { epochs: numEpochs };
  const plain: CostSeries[] = [];
  const decayed: CostSeries[] = [];
  const plots: LabResult['plots'] = [];
  try {
    for (const r of RUNS) {
      const out = optimization.model(
        X,
        Y,
        [2, 5, 2, 1],
        r.optimizer,
        r.learningRate,
        64,
        0.9,
        0.9,
        0.999,
        1e-8,
        numEpochs,
        (epoch, cost) =>
          context.progress({ label: r.name, step: epoch + 1, total: numEpochs, loss: cost }),
        r.decay,
        1,
      );
      const { p, accuracy } = optimization.predict(X, Y, out.parameters);
      figures[`${r.name}: accuracy`] = round(accuracy);
      figures[`${r.name}: last cost`] = round(out.costs.at(-1)!);
      context.log(`${r.name}: accuracy ${(accuracy * 100).toFixed(1)} %`);
      (r.decay ? decayed : plain).push({ name: r.name, costs: out.costs, every: 100 });
      plots.push(
        decisionBoundary(
          `boundary-${r.name.replace(/[^a-z]+/g, '-')}`,
          `Model with ${r.name}`,
          X,
          Y,
          (grid) => {
            const { A3, cache } = optimization.forwardPropagation(grid, out.parameters);
            tf.dispose(cache);
            return tf.greater(A3, 0.5);
          },
        ),
      );
      tf.dispose([p, out.parameters]);
    }
    plots.unshift(
      costCurves(
        'cost-curves',
        'Mini-batch GD, momentum and Adam (learning rate 0.0007)',
        plain,
        'epoch',
      ),
      costCurves(
        'cost-curves-decay',
        'With learning-rate decay (scheduleLrDecay)',
        decayed,
        'epoch',
      ),
    );
    return { figures, plots, files: [] };
  } finally {
    tf.dispose([X, Y]);
  }
}

/** The C2 W2 optimisation lab. */
export const optimizationMoonsLab: Lab = {
  id: 'optimization-moons',
  course: 2,
  week: 2,
  title:
    'Optimization methods: mini-batch GD, momentum, Adam and learning-rate decay on the moons data',
  run,
};
