// Course 1, week 3 lab, last part: "Tuning hidden layer size". Accuracy of the shallow network
// on the planar flower for several hidden-layer sizes (the course: 1 → 67.5%, 2 → 67.25%,
// 3 → 90.75%, 4 → 90.5%, 5 → 91.25%, 20 → 90.0%, 50 → 90.25%, after 5000 iterations).
import * as tf from '@tensorflow/tfjs';
import { shallow } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import type { LabProgress } from '../progress.js';
import { accuracyOf } from './planar-flower.js';

/** Options of the sweep. */
export interface HiddenLayerSweepOptions {
  /** Hidden-layer sizes to try (default the course's 1, 2, 3, 4, 5, 20, 50). */
  sizes?: number[];
  /** Gradient steps per size (default 5000, the course's). */
  numIterations?: number;
  /** Progress of each training run. */
  onProgress?: (nH: number) => LabProgress | undefined;
  /** Where result lines go (default: console.log). */
  log?: (line: string) => void;
}

/** One row of the sweep. */
export interface SweepRow {
  /** Hidden units. */
  nH: number;
  /** Training accuracy in [0, 1]. */
  accuracy: number;
}

/**
 * Trains the course's shallow network once per hidden-layer size and reports training accuracy.
 *
 * @param options - Sizes, iterations, progress and logging.
 * @returns One row per size.
 */
export async function main(options: HiddenLayerSweepOptions = {}): Promise<SweepRow[]> {
  const { sizes = [1, 2, 3, 4, 5, 20, 50], numIterations = 5000 } = options;
  const log = options.log ?? console.log;
  const { X, Y } = planarFlower();
  const rows: SweepRow[] = [];
  try {
    for (const nH of sizes) {
      const progress = options.onProgress?.(nH);
      const { parameters, costs } = shallow.nnModel(X, Y, nH, numIterations, (i, c) =>
        progress?.(i, c, numIterations),
      );
      progress?.(numIterations - 1, costs.at(-1) ?? NaN, numIterations);
      const predictions = shallow.predict(parameters, X);
      const accuracy = accuracyOf(predictions, Y);
      tf.dispose([predictions, ...Object.values(parameters)]);
      rows.push({ nH, accuracy });
      log(`Accuracy for ${nH} hidden units: ${(accuracy * 100).toFixed(2)} %`);
    }
    return rows;
  } finally {
    tf.dispose([X, Y]);
  }
}
