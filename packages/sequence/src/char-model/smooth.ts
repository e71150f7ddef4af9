import { assertNumber, assertSize } from '@dlkit/core';

/**
 * The character model's `get_initial_loss` (the notebook's `utils.py`): the loss of a model that
 * guesses uniformly, `−log(1/vocabSize) · seqLength`, where the smoothed loss starts.
 *
 * @param vocabSize - The vocabulary's size, at least 1.
 * @param seqLength - Characters per example (the notebook's `model` passes `dino_names`, 7).
 * @returns The loss, a number.
 *
 * @example
 * ```ts
 * import { characterModel } from '@dlkit/sequence';
 * console.log(characterModel.getInitialLoss(27, 7)); // 23.070858062030304
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function getInitialLoss(vocabSize: number, seqLength: number): number {
  const fn = 'getInitialLoss';
  assertSize(fn, 'vocabSize', vocabSize, 1);
  assertNumber(fn, 'seqLength', seqLength, { min: 0 });
  return -Math.log(1.0 / vocabSize) * seqLength;
}

/**
 * The character model's `smooth` (the notebook's `utils.py`): an exponentially weighted average
 * of the loss, `0.999 · loss + 0.001 · curLoss`, so the printed loss does not jump from name to
 * name.
 *
 * @param loss - The smoothed loss so far.
 * @param curLoss - This iteration's loss.
 * @returns The new smoothed loss.
 *
 * @example
 * ```ts
 * import { characterModel } from '@dlkit/sequence';
 * console.log(characterModel.smooth(20, 10)); // 19.99
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function smooth(loss: number, curLoss: number): number {
  const fn = 'smooth';
  assertNumber(fn, 'loss', loss);
  assertNumber(fn, 'curLoss', curLoss);
  return loss * 0.999 + curLoss * 0.001;
}
