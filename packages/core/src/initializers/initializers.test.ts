import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { RandomState } from '../tensor/random-state.js';
import {
  initializeHe,
  initializeRandom,
  initializeXavier,
  initializeZeros,
} from './initializers.js';
import { initializeParameters } from '../shallow/shallow-network.js';
import { initializeParametersDeep } from '../deep/l-model.js';
import type { Parameters } from '../tensor/parameters.js';

type Dict = Record<string, FixtureTensor>;
const fx = loadFixture<Record<string, Dict>>('core_initializers');

function expectParams(actual: Parameters, expected: Dict): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [k, v] of Object.entries(expected)) {
    expectTensorsClose(actual[k] as tf.Tensor, fixtureTensor(v), {
      label: k,
      rtol: 1e-6,
      atol: 1e-9,
    });
  }
  tf.dispose(Object.values(actual));
}

describe('initializers reproduce the course numbers (NumPy, same seeds)', () => {
  it('small random, seed 3: initialize_parameters_deep([5, 4, 3])', () => {
    tf.tidy(() =>
      expectParams(initializeRandom([5, 4, 3], { seed: 3 }), fx['deep_small_seed3'] as Dict),
    );
    tf.tidy(() =>
      expectParams(initializeParametersDeep([5, 4, 3]), fx['deep_small_seed3'] as Dict),
    );
  });
  it('Xavier, seed 1: the application initialize_parameters_deep (randn / sqrt(n_prev))', () => {
    tf.tidy(() =>
      expectParams(initializeXavier([6, 5, 3, 1], { seed: 1 }), fx['deep_xavier_seed1'] as Dict),
    );
    tf.tidy(() =>
      expectParams(
        initializeParametersDeep([6, 5, 3, 1], { seed: 1, init: 'xavier' }),
        fx['deep_xavier_seed1'] as Dict,
      ),
    );
  });
  it('Glorot fan-average variant', () => {
    tf.tidy(() =>
      expectParams(
        initializeXavier([3, 4, 2], { seed: 5, variant: 'fanAvg' }),
        fx['glorot_seed5'] as Dict,
      ),
    );
  });
  it('He, seed 3 (course 2 week 1)', () => {
    tf.tidy(() => expectParams(initializeHe([2, 4, 1]), fx['deep_he_seed3'] as Dict));
  });
  it('initialize_parameters(2, 4, 1) after seed 2 and (3, 2, 1) after seed 1', () => {
    tf.tidy(() => expectParams(initializeParameters(2, 4, 1), fx['shallow_seed2'] as Dict));
    tf.tidy(() => expectParams(initializeParameters(3, 2, 1, 1), fx['two_layer_seed1'] as Dict));
  });
});

describe('initializer rules', () => {
  it('zeros are zeros with the course shapes', () => {
    const p = initializeZeros([3, 2, 1]);
    expect(p['W1']?.shape).toEqual([2, 3]);
    expect(p['b1']?.shape).toEqual([2, 1]);
    expect(p['W2']?.shape).toEqual([1, 2]);
    expectTensorsClose(p['W1'] as tf.Tensor, [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    tf.dispose(Object.values(p));
  });

  it('a generator continues its stream; a seed restarts it', () => {
    const rng = new RandomState(4);
    const a = initializeRandom([2, 2], { seed: rng });
    const b = initializeRandom([2, 2], { seed: rng });
    const c = initializeRandom([2, 2], { seed: 4 });
    expect(a['W1']?.arraySync()).toEqual(c['W1']?.arraySync());
    expect(b['W1']?.arraySync()).not.toEqual(a['W1']?.arraySync());
    tf.dispose([...Object.values(a), ...Object.values(b), ...Object.values(c)]);
  });

  it('He and Xavier have the variance they promise', () => {
    const he = initializeHe([400, 300], { seed: 0 });
    const xa = initializeXavier([400, 300], { seed: 0 });
    const variance = (t: tf.Tensor): number =>
      tf.tidy(() => tf.moments(t).variance.dataSync()[0] as number);
    expect(variance(he['W1'] as tf.Tensor)).toBeCloseTo(2 / 400, 4);
    expect(variance(xa['W1'] as tf.Tensor)).toBeCloseTo(1 / 400, 4);
    tf.dispose([...Object.values(he), ...Object.values(xa)]);
  });

  it('makes 2 tensors per layer for any layer sizes, and leaks nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 5 }),
        async (dims) => {
          expect(await expectNoLeaks(() => initializeHe(dims))).toBe(2 * (dims.length - 1));
          expect(await expectNoLeaks(() => initializeZeros(dims))).toBe(2 * (dims.length - 1));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('rejects bad sizes, seeds and schemes', () => {
    expect(() => initializeZeros([3])).toThrow(
      'initializeZeros: layerDims must list at least the input and output sizes, got [3]',
    );
    expect(() => initializeHe([3, 0])).toThrow(
      'initializeHe: layerDims[1] must be an integer >= 1 and <= 10000000, got 0',
    );
    expect(() => initializeRandom([3, 2], { seed: -1 })).toThrow(
      'initializeRandom: seed must be an integer >= 0 and <= 4294967295, got -1',
    );
    expect(() => initializeParametersDeep([3, 2], { init: 'ones' as never })).toThrow(
      "initializeParametersDeep: init must be 'small', 'xavier', 'he' or 'zeros', got ones",
    );
  });
});
