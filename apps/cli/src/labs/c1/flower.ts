// What the course-1 week-3 labs share: the planar flower, the accuracy the course prints, and
// the decision boundary the course plots (`plot_decision_boundary`).
import * as tf from '@tensorflow/tfjs';
import type { DecisionBoundary } from '../../plots/index.js';

/** The course's accuracy: the fraction of points whose prediction equals the label. */
export function accuracyOf(predictions: tf.Tensor, Y: tf.Tensor): number {
  return tf.tidy(() => predictions.equal(Y).toFloat().mean().dataSync()[0] as number);
}

/** `n` evenly spaced values from `lo` to `hi`. */
function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/**
 * The course's `plot_decision_boundary`: a grid over the points' range widened by 1 on each
 * side, the classifier's prediction on every cell, and the points.
 *
 * @param X - Points, `[2, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @param predict - The classifier: `[2, n]` → `[1, n]` of 0 or 1 (a new tensor).
 * @param resolution - Cells along each axis.
 */
export function decisionBoundary(
  X: tf.Tensor,
  Y: tf.Tensor,
  predict: (grid: tf.Tensor2D) => tf.Tensor,
  resolution = 60,
): DecisionBoundary {
  const [x1, x2] = X.arraySync() as [number[], number[]];
  const labels = Y.dataSync();
  const axis = (v: number[]) => linspace(Math.min(...v) - 1, Math.max(...v) + 1, resolution);
  const gridX1 = axis(x1);
  const gridX2 = axis(x2);
  const cells = gridX2.flatMap((b) => gridX1.map((a) => [a, b]));
  const p = tf.tidy(() => predict(tf.tensor2d(cells).transpose()));
  const predictions = Array.from(p.dataSync(), (v) => (v > 0.5 ? 1 : 0));
  p.dispose();
  return { gridX1, gridX2, predictions, x1, x2, labels: Array.from(labels) };
}
