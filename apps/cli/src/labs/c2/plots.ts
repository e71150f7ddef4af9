// Vega-Lite specs and small measurements shared by the course-2 labs.
import * as tf from '@tensorflow/tfjs';
import type { LabPlot } from '../lab.js';

/** One named cost curve: the cost every `every` steps. */
export interface CostSeries {
  /** The run's name in the legend. */
  name: string;
  /** The recorded costs. */
  costs: number[];
  /** Steps between two recorded costs. */
  every: number;
}

/** A line chart of several cost curves against iterations (or epochs). */
export function costCurves(
  name: string,
  title: string,
  series: CostSeries[],
  unit = 'iteration',
): LabPlot {
  const values = series.flatMap((s) =>
    s.costs.map((cost, i) => ({
      run: s.name,
      [unit]: i * s.every,
      cost: Number.isFinite(cost) ? cost : null,
    })),
  );
  return {
    name,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title,
      width: 480,
      height: 300,
      data: { values },
      mark: 'line',
      encoding: {
        x: { field: unit, type: 'quantitative' },
        y: { field: 'cost', type: 'quantitative' },
        color: { field: 'run', type: 'nominal' },
      },
    },
  };
}

/** The points of a 2-D data set and a classifier's prediction on a grid around them. */
export function decisionBoundary(
  name: string,
  title: string,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  classify: (grid: tf.Tensor2D) => tf.Tensor,
  resolution = 40,
): LabPlot {
  const [x0, x1] = tf.tidy(() => [
    X.slice([0, 0], [1, -1]).dataSync(),
    X.slice([1, 0], [1, -1]).dataSync(),
  ]);
  const bounds = (v: ArrayLike<number>): [number, number] => {
    const a = Array.from(v);
    return [Math.min(...a) - 0.5, Math.max(...a) + 0.5];
  };
  const [[lo0, hi0], [lo1, hi1]] = [bounds(x0), bounds(x1)];
  const g0: number[] = [];
  const g1: number[] = [];
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      g0.push(lo0 + ((hi0 - lo0) * (i + 0.5)) / resolution);
      g1.push(lo1 + ((hi1 - lo1) * (j + 0.5)) / resolution);
    }
  }
  const predicted = tf.tidy(() => Array.from(classify(tf.tensor2d([g0, g1])).dataSync()));
  const labels = Y.dataSync();
  const grid = predicted.map((p, k) => ({ x1: g0[k], x2: g1[k], class: p, layer: 'prediction' }));
  const points = Array.from(labels, (y, k) => ({ x1: x0[k], x2: x1[k], class: y, layer: 'data' }));
  return {
    name,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title,
      width: 360,
      height: 360,
      layer: [
        {
          data: { values: grid },
          mark: { type: 'square', size: (360 / resolution) ** 2, opacity: 0.35 },
          encoding: {
            x: { field: 'x1', type: 'quantitative', scale: { domain: [lo0, hi0] } },
            y: { field: 'x2', type: 'quantitative', scale: { domain: [lo1, hi1] } },
            color: { field: 'class', type: 'nominal' },
          },
        },
        {
          data: { values: points },
          mark: { type: 'circle', size: 20 },
          encoding: {
            x: { field: 'x1', type: 'quantitative' },
            y: { field: 'x2', type: 'quantitative' },
            color: { field: 'class', type: 'nominal' },
            stroke: { value: 'black' },
          },
        },
      ],
    },
  };
}

/** Rounds a figure for display in a lab's figures table. */
export const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
