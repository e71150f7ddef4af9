import * as tf from '@tensorflow/tfjs';

/** A bad value the fuzz passes, made fresh for each call (tensors are disposed after it). */
export interface BadValue {
  /** What it is, as the summary and the acceptance list name it. */
  label: string;
  /** Makes the value; tensors it makes are the caller's to dispose. */
  make: () => unknown;
  /** Whether the value is `undefined` (a missing argument). */
  missing?: boolean;
}

function disposed(): tf.Tensor {
  const t = tf.ones([3, 4]);
  t.dispose();
  return t;
}

/** The bad values, the list: missing, null, NaN, infinities, huge sizes, strings,
 * objects, tensors of the wrong rank or dtype or with NaN, disposed tensors. */
export const BAD_VALUES: readonly BadValue[] = [
  { label: 'missing', make: () => undefined, missing: true },
  { label: 'null', make: () => null },
  { label: 'NaN', make: () => NaN },
  { label: 'Infinity', make: () => Infinity },
  { label: '-Infinity', make: () => -Infinity },
  { label: '-1', make: () => -1 },
  { label: '0.5', make: () => 0.5 },
  { label: 'huge size 1e9', make: () => 1e9 },
  { label: 'huge shape [1e9, 1e9]', make: () => [1e9, 1e9] },
  { label: 'string', make: () => 'bogus' },
  { label: 'empty object', make: () => ({}) },
  { label: 'object with an unknown field', make: () => ({ notAnOption: 1 }) },
  { label: 'empty array', make: () => [] },
  { label: 'array of NaN', make: () => [NaN, NaN] },
  { label: 'function', make: () => () => 1 },
  { label: 'scalar tensor', make: () => tf.scalar(2) },
  { label: 'rank-5 tensor', make: () => tf.zeros([1, 1, 1, 1, 1]) },
  {
    label: 'tensor with NaN',
    make: () =>
      tf.tensor2d([
        [NaN, 0.5, 0.2, 0.1],
        [0.3, 0.4, NaN, 0.9],
        [0.1, 0.2, 0.3, 0.4],
      ]),
  },
  {
    label: 'int32 tensor',
    make: () =>
      tf.tensor2d(
        [
          [1, 0, 1, 0],
          [0, 1, 0, 1],
          [1, 1, 0, 0],
        ],
        undefined,
        'int32',
      ),
  },
  {
    label: 'bool tensor',
    make: () =>
      tf.tensor2d(
        [
          [1, 0, 1, 0],
          [0, 1, 0, 1],
          [1, 1, 0, 0],
        ],
        undefined,
        'bool',
      ),
  },
  { label: 'string tensor', make: () => tf.tensor1d(['a', 'b'], 'string') },
  { label: 'disposed tensor', make: disposed },
];

/** Bad values for one field of an options object (`{ [field]: value }`). */
export const BAD_FIELD_VALUES: readonly BadValue[] = BAD_VALUES.filter((v) =>
  [
    'null',
    'NaN',
    'Infinity',
    '-1',
    'huge size 1e9',
    'string',
    'empty object',
    'disposed tensor',
  ].includes(v.label),
);

/**
 * A plausible value for a parameter before the bad one, so the fuzz reaches later arguments:
 * chosen from the parameter's name (a tensor for `X`, a number for `m`, a string for `fn`, …).
 *
 * @param name - The parameter's name.
 * @param checkpoint - The saved checkpoint's path, for parameters named like paths.
 * @returns A fresh value.
 */
export function plausible(name: string, checkpoint: string): unknown {
  if (/^(path|dir|directory|url)$/i.test(name)) return checkpoint;
  if (/^(fn|name|argument|kind|activation|token|separator|padToken|unknown|text|word)$/.test(name))
    return name === 'activation' ? 'relu' : name === 'kind' ? 'value' : 'fuzz';
  if (/^(seed|n|m|k|size|numIterations|epochs|low|high|max|loc|scale|p|length)$/.test(name))
    return 2;
  if (
    /(Size|Count|Rate)$/.test(name) ||
    /^(learningRate|lambd|keepProb|beta\d?|epsilon)$/.test(name)
  )
    return 0.1;
  if (/^(shape|inputShape|layerDims|layersDims|dims)$/.test(name)) return [3, 2, 1];
  if (/^(options|config|args|opts|params|hooks)$/.test(name)) return {};
  if (/^(yTrue|yPred|labels|tokens|indices|x|a)$/.test(name)) return [0, 1, 1, 0];
  return tf.tidy(() => tf.randomUniform([3, 4], 0, 1, 'float32', 7));
}
