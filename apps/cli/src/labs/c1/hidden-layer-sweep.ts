// Course 1, week 3 lab, last part: "Tuning hidden layer size". Accuracy of the shallow network
// on the planar flower for several hidden-layer sizes (the course: 1 → 67.5%, 2 → 67.25%,
// 3 → 90.75%, 4 → 90.5%, 5 → 91.25%, 20 → 90.0%, 50 → 90.25%, after 5000 iterations).
import * as tf from '@tensorflow/tfjs';
import { shallow } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import { barChartSpec, decisionBoundarySpec, plotGridSpec } from '../../plots/index.js';
import { costProgress, progressDone } from '../cost-progress.js';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { accuracyOf, decisionBoundary } from './flower.js';

/** The course's sizes and iterations; a quick run tries 1, 3 and 5 units for 1000 iterations. */
const SIZES = [1, 2, 3, 4, 5, 20, 50];
const QUICK_SIZES = [1, 3, 5];

async function run(context: LabContext): Promise<LabResult> {
  const sizes = context.quick ? QUICK_SIZES : SIZES;
  const numIterations = context.quick ? 1000 : 5000;
  const { X, Y } = planarFlower({ m: 400, seed: context.seed, layout: 'columns' });
  const figures: Record<string, number> = { numIterations };
  const bars = [];
  const boundaries = [];
  try {
    for (const nH of sizes) {
      const label = `${nH} hidden unit${nH === 1 ? '' : 's'}`;
      const { parameters, costs } = shallow.nnModel(
        X,
        Y,
        nH,
        numIterations,
        costProgress(context, label, numIterations),
        { costEvery: 100 },
      );
      const predictions = shallow.predict(parameters, X);
      const accuracy = accuracyOf(predictions, Y);
      const boundary = decisionBoundary(X, Y, (G) => shallow.predict(parameters, G), 40);
      tf.dispose([predictions, ...Object.values(parameters)]);
      progressDone(context, label, numIterations, costs.at(-1) ?? NaN);
      context.log(`Accuracy for ${nH} hidden units: ${(accuracy * 100).toFixed(2)} %`);
      figures[`accuracy_nH_${nH}`] = accuracy;
      bars.push({ category: String(nH), value: accuracy });
      boundaries.push(
        decisionBoundarySpec(boundary, {
          title: `${label}: ${(accuracy * 100).toFixed(1)} %`,
          width: 220,
          height: 220,
        }),
      );
    }
    return {
      figures,
      plots: [
        {
          name: 'accuracy',
          spec: barChartSpec(bars, {
            x: 'hidden units nH',
            y: 'training accuracy',
            percent: true,
            title: `Training accuracy after ${numIterations} iterations`,
          }),
        },
        {
          name: 'decision-boundaries',
          spec: plotGridSpec(boundaries, { columns: Math.min(4, boundaries.length) }),
        },
      ],
      files: [],
    };
  } finally {
    tf.dispose([X, Y]);
  }
}

/**
 * Course 1, week 3, "Tuning hidden layer size": the shallow network on the planar flower with
 * 1, 2, 3, 4, 5, 20 and 50 hidden units (5000 iterations each). Too few units underfit (about
 * 67%), from 3 on the flower is fitted (about 90%). Writes an accuracy chart and one decision
 * boundary per size.
 *
 * @example
 * ```ts
 * import { hiddenLayerSweepLab } from '@dlkit/cli';
 * console.log(hiddenLayerSweepLab.id); // hidden-layer-sweep
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export const hiddenLayerSweepLab: Lab = {
  id: 'hidden-layer-sweep',
  course: 1,
  week: 3,
  title: 'Tuning hidden layer size: 1, 2, 3, 4, 5, 20, 50 units on the planar flower',
  run,
};
