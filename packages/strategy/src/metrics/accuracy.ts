import { readLabelPair, type Labels } from './labels.js';

/**
 * The fraction of examples whose predicted class equals the true class.
 *
 * @param yTrue - The true class labels, `[m]` (or any shape with `m` elements).
 * @param yPred - The predicted class labels, same number of elements.
 * @returns Accuracy in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { accuracy } from '@dlkit/strategy';
 * console.log(accuracy([1, 0, 1, 1], [1, 1, 1, 0])); // 0.5
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  const [t, p] = readLabelPair('accuracy', yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) correct++;
  return correct / t.length;
}
