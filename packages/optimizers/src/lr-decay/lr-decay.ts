import { assertNumber } from '@dlkit/core';

function checkDecay(fn: string, learningRate0: number, epochNum: number, decayRate: number): void {
  assertNumber(fn, 'learningRate0', learningRate0, { min: 0, minExclusive: true });
  assertNumber(fn, 'epochNum', epochNum, { integer: true, min: 0 });
  assertNumber(fn, 'decayRate', decayRate, { min: 0 });
}

/**
 * The optimisation notebook's `update_lr(learning_rate0, epoch_num, decay_rate)`: inverse-time
 * decay every epoch, `α = α0 / (1 + decayRate · epochNum)`.
 *
 * @param learningRate0 - `α0`, greater than 0.
 * @param epochNum - The epoch, an integer ≥ 0.
 * @param decayRate - At least 0.
 * @returns The decayed learning rate.
 *
 * @example
 * ```ts
 * import { updateLr } from '@dlkit/optimizers';
 * console.log(updateLr(0.5, 2, 1)); // 0.16666…: 0.5 / (1 + 1 · 2)
 * ```
 *
 * @see the guide page `docs/optimizers/lr-decay.md`
 * @category C2 W2 · Learning rate decay
 */
export function updateLr(learningRate0: number, epochNum: number, decayRate: number): number {
  checkDecay('updateLr', learningRate0, epochNum, decayRate);
  return (1 / (1 + decayRate * epochNum)) * learningRate0;
}

/**
 * The optimisation notebook's `schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval)`:
 * inverse-time decay in steps, `α = α0 / (1 + decayRate · ⌊epochNum / timeInterval⌋)`, so the
 * rate only changes every `timeInterval` epochs.
 *
 * @param learningRate0 - `α0`, greater than 0.
 * @param epochNum - The epoch, an integer ≥ 0.
 * @param decayRate - At least 0.
 * @param timeInterval - Epochs between changes, an integer ≥ 1 (default 1000, the notebook's).
 * @returns The decayed learning rate.
 *
 * @example
 * ```ts
 * import { scheduleLrDecay } from '@dlkit/optimizers';
 * console.log(scheduleLrDecay(0.5, 100, 0.3, 100)); // 0.3846…: 0.5 / (1 + 0.3 · 1)
 * ```
 *
 * @see the guide page `docs/optimizers/lr-decay.md`
 * @category C2 W2 · Learning rate decay
 */
export function scheduleLrDecay(
  learningRate0: number,
  epochNum: number,
  decayRate: number,
  timeInterval = 1000,
): number {
  const fn = 'scheduleLrDecay';
  checkDecay(fn, learningRate0, epochNum, decayRate);
  assertNumber(fn, 'timeInterval', timeInterval, { integer: true, min: 1 });
  return (1 / (1 + decayRate * Math.floor(epochNum / timeInterval))) * learningRate0;
}
