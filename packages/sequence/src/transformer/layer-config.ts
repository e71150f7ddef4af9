import * as tf from '@tensorflow/tfjs';
import type { ShapeChecker } from '@dlkit/core';
import { DlkitError, assertTensor, describeValue } from '@dlkit/core';
import type { TransformerLayerOptions } from './layer-args.js';

/**
 * Splits a saved configuration into the constructor's positional arguments (the notebook's, in
 * order) and the trailing options, for the layers' `fromConfig`.
 *
 * @param fn - The `fromConfig` the user (or `tf.loadLayersModel`) called.
 * @param config - The saved configuration.
 * @param names - The positional arguments' names, in order.
 * @returns The positional values and the options.
 */
export function splitConfig(
  fn: string,
  config: unknown,
  names: readonly string[],
): { positional: unknown[]; options: TransformerLayerOptions } {
  if (
    config === null ||
    typeof config !== 'object' ||
    Array.isArray(config) ||
    config instanceof tf.Tensor
  ) {
    throw new DlkitError('value', fn, `config must be an object, got ${describeValue(config)}`, {
      argument: 'config',
    });
  }
  const rest: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  // tfjs' deserialization hands every class its custom objects as well.
  delete rest['customObjects'];
  const positional = names.map((name) => {
    const v = rest[name];
    delete rest[name];
    return v;
  });
  return { positional, options: rest as TransformerLayerOptions };
}

/**
 * Checks a batch of token ids: int32 or float32 `[batch, seqLen]`, whole numbers in
 * `[0, vocabSize)`, and at most `maxPositions` long (reads the ids back, once per call).
 *
 * @param fn - The method the user called.
 * @param argument - The ids' name.
 * @param ids - What was given.
 * @param vocabSize - The vocabulary's size.
 * @param maxPositions - The longest sequence the positional encoding covers.
 * @param shapes - A checker binding `batch` (and the sequence's named length).
 * @param lengthName - The name of the sequence length, e.g. `inputSeqLen`.
 * @returns The ids.
 */
export function checkTokenIds(
  fn: string,
  argument: string,
  ids: unknown,
  vocabSize: number,
  maxPositions: number,
  shapes: ShapeChecker,
  lengthName: string,
): tf.Tensor {
  const t = assertTensor(fn, argument, ids, { dtypes: ['int32', 'float32'] });
  shapes.check(argument, t, ['batch', lengthName]);
  const seqLen = t.shape[1] as number;
  if (seqLen < 1 || seqLen > maxPositions) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have between 1 and ${maxPositions} positions (the positional encoding's maximum), got ${formatLength(t)}`,
      { argument },
    );
  }
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= vocabSize) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold token ids in [0, ${vocabSize - 1}], got ${v} at flat index ${i}`,
        { argument },
      );
    }
  }
  return t;
}

function formatLength(t: tf.Tensor): string {
  return `shape [${t.shape.join(', ')}]`;
}

/**
 * The one input shape of a layer given a shape or a list of one shape, with a known last size.
 *
 * @param fn - The method the user called.
 * @param inputShape - What tfjs (or the user) passed.
 * @returns The shape.
 */
export function inputShapeOf(fn: string, inputShape: unknown): number[] {
  const shape = inputShapeOfNullable(fn, inputShape);
  return shape.map((d) => d ?? 0);
}

/**
 * The one input shape of a layer, its unknown sizes kept as null.
 *
 * @param fn - The method the user called.
 * @param inputShape - What tfjs (or the user) passed.
 * @returns The shape.
 */
export function inputShapeOfNullable(
  fn: string,
  inputShape: unknown,
  lastKnown = true,
): (number | null)[] {
  const list =
    Array.isArray(inputShape) && inputShape.length === 1 && Array.isArray(inputShape[0])
      ? inputShape[0]
      : inputShape;
  const ok =
    Array.isArray(list) &&
    list.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0)) &&
    (!lastKnown || typeof list[list.length - 1] === 'number');
  if (!ok) {
    throw new DlkitError(
      'shape',
      fn,
      `inputShape must be a shape such as [batch, seqLen, d], got ${describeValue(inputShape)}`,
      {
        argument: 'inputShape',
      },
    );
  }
  return list as (number | null)[];
}

/**
 * Checks a sequence length in an input shape against the positional encoding's maximum.
 *
 * @param fn - The method the user called.
 * @param what - The sequence's name, e.g. `inputSentence`.
 * @param length - The length, or null when unknown.
 * @param max - The longest sequence the positional encoding covers.
 */
export function checkShapeLength(
  fn: string,
  what: string,
  length: number | null | undefined,
  max: number,
): void {
  if (length !== null && length !== undefined && (length < 1 || length > max)) {
    throw new DlkitError(
      'shape',
      fn,
      `inputShape: ${what} must have between 1 and ${max} positions (the positional encoding's maximum), got ${length}`,
      { argument: 'inputShape' },
    );
  }
}
