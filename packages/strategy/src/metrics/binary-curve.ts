import { DlkitError } from '@dlkit/core';
import { formatShape } from '@dlkit/core';
import * as tf from '@tensorflow/tfjs';
import {
  formatLabels,
  readLabels,
  readScores,
  uniqueSorted,
  type Labels,
  type Scores,
} from './labels.js';

/** False and true positives at each distinct score threshold, highest first. @internal */
export interface BinaryCurve {
  fps: number[];
  tps: number[];
  thresholds: number[];
}

/**
 * scikit-learn's `_binary_clf_curve`: sorts by decreasing score and counts false and true positives
 * at each distinct score. `posLabel` defaults to 1 when the labels are `{0, 1}` (or a subset). @internal
 */
export function binaryCurve(
  fn: string,
  yTrue: Labels,
  yScore: Scores,
  posLabel: number | undefined,
): BinaryCurve {
  const t = readLabels(fn, 'yTrue', yTrue);
  const s = readScores(fn, 'yScore', yScore);
  if (t.length !== s.length) {
    const shape = (y: Labels, n: number) => formatShape(y instanceof tf.Tensor ? y.shape : [n]);
    throw new DlkitError(
      'shape',
      fn,
      `yTrue and yScore must have the same number of elements, got ${shape(yTrue, t.length)} and ${shape(yScore, s.length)}`,
      { argument: 'yScore' },
    );
  }
  if (t.length === 0) throw new DlkitError('value', fn, 'yTrue is empty', { argument: 'yTrue' });
  const classes = uniqueSorted(t);
  if (classes.length > 2) {
    throw new DlkitError(
      'value',
      fn,
      `yTrue must hold at most 2 classes for a binary curve, got ${formatLabels(classes)}`,
      { argument: 'yTrue' },
    );
  }
  let pos = posLabel;
  if (pos === undefined) {
    if (!classes.every((c) => c === 0 || c === 1)) {
      throw new DlkitError(
        'value',
        fn,
        `yTrue holds labels ${formatLabels(classes)}: give posLabel (the default 1 needs labels in {0, 1})`,
        { argument: 'posLabel' },
      );
    }
    pos = 1;
  }
  const n = t.length;
  const order = Array.from({ length: n }, (_, i) => i);
  // NumPy's stable argsort of the scores, reversed: among ties the later index comes first.
  order.sort((a, b) => (s[a] as number) - (s[b] as number) || a - b).reverse();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (t[i] === pos) tp++;
    const next = order[k + 1];
    if (next === undefined || s[next] !== s[i]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(s[i] as number);
    }
  }
  return { fps, tps, thresholds };
}
