// Issue 11: errors name the function the user called, training functions reject NaN, int32 and
// bool inputs, and a rejected call leaks nothing. Each case failed before its fix.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';
import {
  DeepNeuralNetwork,
  computeCost,
  disposeCaches,
  gradientsToVector,
  initializeHe,
  initializeParametersDeep,
  lLayerModel,
  lModelBackward,
  lModelForward,
  linearBackward,
  logistic,
  nnModel,
  nodeImport,
  shallow,
  updateParameters,
} from './index.js';

describe('errors name the function the user called', () => {
  it('computeCost, not binaryCrossEntropy', () => {
    tf.tidy(() => {
      expect(() => computeCost(tf.ones([2, 3]), tf.ones([1, 3]))).toThrow(
        'computeCost: AL must have shape [1, m], got [2, 3]',
      );
    });
  });

  it('lModelBackward, not linearActivationBackward or binaryCrossEntropyBackward', () => {
    tf.tidy(() => {
      const X = tf.ones([3, 2]);
      const p = initializeParametersDeep([3, 2, 1]);
      const { AL, caches } = lModelForward(X, p);
      caches[0]!.linearCache.W = tf.ones([5, 5]);
      expect(() => lModelBackward(AL, tf.ones([1, 2]), caches)).toThrow(/^lModelBackward: /);
    });
  });

  it('nnModel, not layerSizes or initializeParameters', () => {
    tf.tidy(() => {
      expect(() => nnModel(tf.ones([2, 3]), tf.ones([1, 3]), 1e9, 1)).toThrow(
        'nnModel: layerDims[1] must be an integer >= 1 and <= 10000000, got 1000000000',
      );
    });
  });

  it('initializeParametersDeep and lLayerModel, not the initializer they call', () => {
    tf.tidy(() => {
      expect(() => initializeParametersDeep(undefined as never)).toThrow(
        'initializeParametersDeep: layerDims must list at least the input and output sizes, got undefined',
      );
      expect(() => lLayerModel(tf.ones([2, 3]), tf.ones([1, 3]), [2] as never)).toThrow(
        'lLayerModel: layerDims must list at least the input and output sizes, got [2]',
      );
    });
  });

  it('shallow.predict and DeepNeuralNetwork.predict, not the forward pass they call', () => {
    const p = initializeParametersDeep([2, 1]);
    expect(() => shallow.predict(p, undefined as never)).toThrow(
      'predict: X must be a tf.Tensor, got undefined',
    );
    const net = new DeepNeuralNetwork({ layerSizes: [2, 1] });
    expect(() => net.predict(undefined as never)).toThrow(
      'DeepNeuralNetwork.predict: X must be a tf.Tensor, got undefined',
    );
    net.dispose();
    tf.dispose(Object.values(p));
  });
});

describe('training functions check their data', () => {
  it('nnModel and logistic.model reject NaN instead of returning NaN costs', () => {
    tf.tidy(() => {
      const X = tf.tensor2d([[1, NaN, 0]]);
      const Y = tf.tensor2d([[1, 0, 1]]);
      expect(() => nnModel(X, Y, 2, 1)).toThrow(
        'nnModel: X must be finite, got NaN at flat index 1 of shape [1, 3]',
      );
      expect(() => logistic.model(X, Y, X, Y, 1)).toThrow(
        'model: XTrain must be finite, got NaN at flat index 1 of shape [1, 3]',
      );
    });
  });

  it('rejects int32 and bool data', () => {
    tf.tidy(() => {
      const X = tf.ones([2, 3], 'int32');
      const Y = tf.ones([1, 3], 'bool');
      expect(() => nnModel(X, tf.ones([1, 3]), 2, 1)).toThrow(
        'nnModel: X must have dtype float32, got int32',
      );
      expect(() => lLayerModel(tf.ones([2, 3]), Y, [2, 1], 0.1, 1)).toThrow(
        'lLayerModel: Y must have dtype float32, got bool',
      );
    });
  });

  it('rejects unknown or ill-typed options and absurd iteration counts', () => {
    tf.tidy(() => {
      const X = tf.ones([2, 3]);
      const Y = tf.ones([1, 3]);
      expect(() => nnModel(X, Y, 2, 1, false, { learningrate: 1 } as never)).toThrow(
        'nnModel: options has an unknown field learningrate (known: learningRate, seed, costEvery)',
      );
      expect(() => nnModel(X, Y, 2, 1e9)).toThrow(
        'nnModel: numIterations must be an integer >= 0 and <= 1000000, got 1000000000',
      );
      expect(() => nnModel(X, Y, 2, 1, 'yes' as never)).toThrow(
        'nnModel: printCost must be a boolean or a function, got string yes',
      );
      expect(() => initializeHe([2, 1], 3 as never)).toThrow(
        'initializeHe: options must be an object of options, got number 3',
      );
    });
  });
});

describe('DeepNeuralNetwork', () => {
  it('evaluate(X, undefined) throws and leaks nothing', async () => {
    const net = new DeepNeuralNetwork({ layerSizes: [2, 1] });
    const X = tf.ones([2, 3]);
    await expectNoLeaks(() => {
      expect(() => net.evaluate(X, undefined as never)).toThrow(
        'DeepNeuralNetwork.evaluate: Y must be a tf.Tensor, got undefined',
      );
    });
    X.dispose();
    net.dispose();
  });

  it('rejects a missing config and unknown fit options', async () => {
    expect(() => new DeepNeuralNetwork(undefined as never)).toThrow(
      'DeepNeuralNetwork: config must be an object with layerSizes, got undefined',
    );
    const net = new DeepNeuralNetwork({ layerSizes: [2, 1] });
    const X = tf.ones([2, 3]);
    const Y = tf.ones([1, 3]);
    await expect(net.fit(X, Y, { epochs: 3 } as never)).rejects.toThrow(
      'DeepNeuralNetwork.fit: options has an unknown field epochs (known: iterations, learningRate, recordEvery, onProgress)',
    );
    tf.dispose([X, Y]);
    net.dispose();
  });
});

describe('plain TypeErrors became DlkitErrors', () => {
  it.each([
    [
      'disposeCaches',
      () => disposeCaches(undefined as never),
      'disposeCaches: caches must be an array of caches, got undefined',
    ],
    [
      'linearBackward',
      () => linearBackward(tf.ones([1, 1]), undefined as never),
      'linearBackward: cache must be an object of tensors, got undefined',
    ],
    [
      'updateParameters',
      () => updateParameters(undefined as never, {}),
      'updateParameters: parameters must be an object of tensors, got undefined',
    ],
    [
      'updateParameters caller',
      () => updateParameters({}, {}, 1, [] as never),
      'updateParameters: caller must be a non-empty string, got []',
    ],
    [
      'gradientsToVector',
      () => gradientsToVector(undefined as never, undefined as never),
      'gradientsToVector: gradients must be an object of tensors, got undefined',
    ],
  ])('%s', (_name, call, message) => {
    tf.tidy(() => {
      expect(call).toThrow(message);
    });
  });

  it('nodeImport rejects what is not a Node built-in', async () => {
    await expect(nodeImport(undefined as never)).rejects.toThrow(
      "nodeImport: specifier must name a Node built-in such as 'node:fs', got undefined",
    );
  });
});
