import * as tf from '@tensorflow/tfjs';
import { DlkitError, describeValue } from '@dlkit/core';

/**
 * A character vocabulary for the text generator: the characters in index order (the notebook's
 * `ix_to_char`), or an object holding them as `indexToToken` (`@dlkit/datasets`' `Vocabulary`).
 *
 * @category C5 W1 · Character-level language model
 */
export type CharVocabulary =
  | readonly string[]
  | {
      /** The characters in index order. */
      readonly indexToToken: readonly string[];
    };

/** The characters of a {@link CharVocabulary}, checked: distinct single characters. */
export function charsOf(fn: string, argument: string, vocabulary: unknown): string[] {
  const list = Array.isArray(vocabulary)
    ? vocabulary
    : vocabulary !== null && typeof vocabulary === 'object'
      ? (vocabulary as { indexToToken?: unknown }).indexToToken
      : undefined;
  if (!Array.isArray(list) || list.length < 2 || list.length > 65536) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of 2 to 65536 characters (or have them as indexToToken), got ${describeValue(vocabulary)}`,
      { argument },
    );
  }
  const seen = new Set<string>();
  for (const ch of list as unknown[]) {
    if (typeof ch !== 'string' || [...ch].length !== 1 || seen.has(ch)) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold distinct single characters, got ${describeValue(ch)}`,
        { argument },
      );
    }
    seen.add(ch);
  }
  return list as string[];
}

/** The index of every character of `text` in `chars`; an unknown character is an error. */
export function encodeChars(
  fn: string,
  argument: string,
  text: string,
  chars: readonly string[],
): Int32Array {
  const index = new Map(chars.map((c, i) => [c, i]));
  const out = new Int32Array([...text].length);
  let i = 0;
  for (const ch of text) {
    const ix = index.get(ch);
    if (ix === undefined) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} holds ${JSON.stringify(ch)}, which is not in the vocabulary`,
        { argument },
      );
    }
    out[i++] = ix;
  }
  return out;
}

/** Checks a model built by `buildCharModel`: a `tf.LayersModel` mapping `[m, Tx]` to `[m, Tx, V]`. */
export function checkCharModel(fn: string, model: unknown): { vocabSize: number } {
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      fn,
      `model must be a tf.LayersModel (as buildCharModel makes), got ${describeValue(model)}`,
      { argument: 'model' },
    );
  }
  const input = model.inputs[0]?.shape;
  const output = model.outputs[0]?.shape;
  const vocabSize = output?.[2];
  if (
    model.inputs.length !== 1 ||
    model.outputs.length !== 1 ||
    input?.length !== 2 ||
    output?.length !== 3 ||
    typeof vocabSize !== 'number'
  ) {
    throw new DlkitError(
      'shape',
      fn,
      `model must map [m, Tx] character indices to [m, Tx, vocabSize] probabilities, got input ${JSON.stringify(input)} and output ${JSON.stringify(output)}`,
      { argument: 'model' },
    );
  }
  return { vocabSize };
}
