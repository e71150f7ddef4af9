// Issue 11: the fuzz's findings in @dlkit/core, each with its exact message.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dictionaryToVector } from '../gradcheck/gradient-check.js';
import { assertTensor } from './arguments.js';
import { RandomState } from './random-state.js';

describe('core bad input found by the fuzz', () => {
  it('RandomState.permutation bounds n (no 1e9-element array) and refuses string tensors', () => {
    const rng = new RandomState(1);
    expect(() => rng.permutation(1e9)).toThrow(
      'RandomState.permutation: x must be an integer >= 0 and <= 67108864, got 1000000000',
    );
    const s = tf.tensor1d(['a', 'b'], 'string');
    expect(() => rng.permutation(s)).toThrow(
      'RandomState.permutation: x must have dtype float32 or int32 or bool, got string',
    );
    s.dispose();
  });

  it('dictionaryToVector needs at least one parameter', () => {
    expect(() => dictionaryToVector({})).toThrow(
      'dictionaryToVector: keys must name at least one parameter, got none',
    );
  });
});

describe('assertTensor requirements', () => {
  it('rejects an unknown requirement instead of ignoring it', () => {
    const t = tf.ones([2]);
    expect(() => assertTensor('f', 'x', t, { ranks: 1 } as never)).toThrow(
      'assertTensor: requirements has an unknown field ranks (known: dtypes, rank, finite)',
    );
    t.dispose();
  });
});
