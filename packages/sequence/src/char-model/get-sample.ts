import { DlkitError, asCaller, describeValue } from '@dlkit/core';
import { charOfIndex, type IxToChar } from './parameters.js';

/**
 * The character model's `get_sample` (the notebook's `utils.py`): the text of sampled indices.
 *
 * @param sampleIx - Indices, as {@link sample} returns them.
 * @param ixToChar - The notebook's `ix_to_char`: an array or an object from indices to characters.
 * @returns The characters joined (a sampled name keeps its final `'\n'`).
 *
 * @example
 * ```ts
 * import { characterModel } from '@dlkit/sequence';
 * const ixToChar = ['\n', ...'abcdefghijklmnopqrstuvwxyz'];
 * console.log(JSON.stringify(characterModel.getSample([18, 5, 24, 0], ixToChar))); // "rex\n"
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function getSample(sampleIx: readonly number[], ixToChar: IxToChar): string {
  const fn = 'getSample';
  if (!Array.isArray(sampleIx)) {
    throw new DlkitError(
      'value',
      fn,
      `sampleIx must be an array of indices, got ${describeValue(sampleIx)}`,
      { argument: 'sampleIx' },
    );
  }
  return asCaller(fn, () =>
    sampleIx.map((ix: unknown) => charOfIndex(fn, 'ixToChar', ixToChar, ix as number)).join(''),
  );
}
