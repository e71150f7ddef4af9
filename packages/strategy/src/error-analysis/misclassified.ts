import { readLabelPair, type Labels } from '../metrics/labels.js';

/**
 * The indices of the misclassified examples, where error analysis starts: pull them (or a
 * random 100 of them) from the dev set and look at them by hand.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @returns The indices `i` with `yPred[i] !== yTrue[i]`, ascending.
 *
 * @example
 * ```ts
 * import { misclassified } from '@dlkit/strategy';
 * console.log(misclassified([1, 0, 1, 1], [1, 1, 0, 1])); // [1, 2]
 * ```
 *
 * @see The guide `docs/strategy/error-analysis.md`.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export function misclassified(yTrue: Labels, yPred: Labels): number[] {
  const [t, p] = readLabelPair('misclassified', yTrue, yPred);
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] !== p[i]) out.push(i);
  return out;
}
