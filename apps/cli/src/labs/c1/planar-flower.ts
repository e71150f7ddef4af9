// Course 1, week 3 lab: "Planar data classification with one hidden layer".
// Logistic regression cannot separate the two petal colours of the flower; a network with one
// tanh hidden layer of 4 units can (the course reports about 90% training accuracy).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { logistic, shallow } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import { decisionBoundarySpec, lineChartSpec } from '../../plots/index.js';
import { costProgress, progressDone } from '../cost-progress.js';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { accuracyOf, decisionBoundary } from './flower.js';

/** The course's sizes; a quick run trains 1000 iterations instead of 10000. */
const M = 400;
const N_H = 4;
const LEARNING_RATE = 1.2;

async function run(context: LabContext): Promise<LabResult> {
  const numIterations = context.quick ? 1000 : 10000;
  const costEvery = context.quick ? 20 : 100;
  const { X, Y } = planarFlower({ m: M, seed: context.seed, layout: 'columns' });
  try {
    const lr = logistic.model(X, Y, X, Y, 1000, 0.05);
    const logisticAccuracy = lr.trainAccuracy / 100;
    const logisticBoundary = decisionBoundary(X, Y, (G) => logistic.predict(lr.w, lr.b, G));
    tf.dispose([lr.w, lr.b, lr.YPredictionTest, lr.YPredictionTrain]);
    context.log(`logistic regression: training accuracy ${pct(logisticAccuracy)}`);

    const label = `${N_H} hidden units`;
    const { parameters, costs } = shallow.nnModel(
      X,
      Y,
      N_H,
      numIterations,
      costProgress(context, label, numIterations),
      { learningRate: LEARNING_RATE, costEvery },
    );
    const { A2, cache } = shallow.forwardPropagation(X, parameters);
    const cost = shallow.computeCost(A2, Y);
    const predictions = shallow.predict(parameters, X);
    const accuracy = accuracyOf(predictions, Y);
    const boundary = decisionBoundary(X, Y, (G) => shallow.predict(parameters, G));
    const saved = Object.fromEntries(
      Object.entries(parameters).map(([k, v]) => [k, { shape: v.shape, data: v.arraySync() }]),
    );
    tf.dispose([predictions, ...Object.values(cache), ...Object.values(parameters)]);
    progressDone(context, label, numIterations, cost);
    context.log(
      `one hidden layer (${N_H} tanh units, ${numIterations} iterations): ` +
        `training accuracy ${pct(accuracy)}, cost ${cost.toFixed(6)}`,
    );
    writeFileSync(join(context.outDir, 'parameters.json'), JSON.stringify(saved));
    return {
      figures: { logisticAccuracy, accuracy, cost, numIterations, nH: N_H },
      plots: [
        {
          name: 'cost',
          spec: lineChartSpec([{ name: 'cost', x: costs.map((_, i) => i * costEvery), y: costs }], {
            x: 'iteration',
            y: 'cost J',
            title: `Cost of the ${N_H}-unit network`,
          }),
        },
        {
          name: 'decision-boundary',
          spec: decisionBoundarySpec(boundary, {
            title: `Hidden layer of ${N_H}: ${pct(accuracy)} training accuracy`,
          }),
        },
        {
          name: 'logistic-boundary',
          spec: decisionBoundarySpec(logisticBoundary, {
            title: `Logistic regression: ${pct(logisticAccuracy)} training accuracy`,
          }),
        },
      ],
      files: ['parameters.json'],
    };
  } finally {
    tf.dispose([X, Y]);
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)} %`;
}

/**
 * Course 1, week 3: "Planar data classification with one hidden layer". Logistic regression
 * against a network with 4 tanh hidden units on the course's planar flower (400 points, seed
 * 1): about 47% against about 90% training accuracy. Writes the cost curve, both decision
 * boundaries and the network's parameters (`parameters.json`).
 *
 * @example
 * ```ts
 * import { planarFlowerLab } from '@dlkit/cli';
 * console.log(planarFlowerLab.id, planarFlowerLab.course, planarFlowerLab.week); // planar-flower 1 3
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export const planarFlowerLab: Lab = {
  id: 'planar-flower',
  course: 1,
  week: 3,
  title: 'Planar data classification with one hidden layer (logistic regression vs 4 tanh units)',
  run,
};
