import * as tf from '@tensorflow/tfjs';
import { DlkitError, MAX_ELEMENTS, assertOptions, describeValue } from '@dlkit/core';

/** The arguments every `tf.layers.Layer` takes (`name`, `inputShape`, ...). */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** The fields of `BaseLayerArgs` (tfjs' `LayerArgs`), and `customObjects`, which tfjs adds to a
 * saved config when it loads a model. */
const BASE_FIELDS = [
  'customObjects',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'dtype',
  'name',
  'trainable',
  'weights',
  'inputDType',
] as const;

/** Checks a layer's constructor arguments: a plain object of tfjs' layer fields and `extra`. */
export function checkLayerArgs<T extends BaseLayerArgs>(
  fn: string,
  args: unknown,
  extra: readonly string[] = [],
  hint = '',
): T {
  if (
    args === null ||
    typeof args !== 'object' ||
    Array.isArray(args) ||
    args instanceof tf.Tensor
  ) {
    throw new DlkitError('value', fn, `args must be an object${hint}, got ${describeValue(args)}`, {
      argument: 'args',
    });
  }
  assertOptions(fn, 'args', args as T, [...BASE_FIELDS, ...extra] as (keyof T & string)[]);
  return args as T;
}

/** Whether `d` is a known dimension: an integer in [1, MAX_ELEMENTS]. */
export function isSize(d: unknown): d is number {
  return typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= MAX_ELEMENTS;
}

/** The first of a list of shapes, or the shape itself. */
export function firstShape(inputShape: unknown): unknown {
  return Array.isArray(inputShape) && Array.isArray(inputShape[0]) ? inputShape[0] : inputShape;
}
