import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { RandomState } from '../tensor/random-state.js';
import { DlkitError } from '../tensor/errors.js';
import { DeepNeuralNetwork } from './deep-neural-network.js';
import { lLayerModel } from './models.js';

const deepFx = loadFixture<{ two_layer_model: { X: FixtureTensor; Y: FixtureTensor } }>(
  'core_deep',
);

/** Two interleaved spirals-ish classes: a task a linear model cannot solve. */
function xorData(m: number, seed: number): { X: tf.Tensor; Y: tf.Tensor } {
  const rs = new RandomState(seed);
  const x = rs.uniformArray(-1, 1, 2 * m);
  const y = new Float32Array(m);
  for (let i = 0; i < m; i++) y[i] = (x[i] as number) * (x[m + i] as number) > 0 ? 1 : 0;
  return { X: tf.tensor2d(Float32Array.from(x), [2, m]), Y: tf.tensor2d(y, [1, m]) };
}

describe('DeepNeuralNetwork', () => {
  it('with the course defaults it trains exactly as lLayerModel does', async () => {
    const X = fixtureTensor(deepFx.two_layer_model.X);
    const Y = fixtureTensor(deepFx.two_layer_model.Y);
    const net = new DeepNeuralNetwork({ layerSizes: [6, 5, 4, 1], init: 'xavier', seed: 1 });
    const { costs, iterations } = await net.fit(X, Y, { iterations: 201, learningRate: 0.1 });
    const ref = lLayerModel(X, Y, [6, 5, 4, 1], 0.1, 201);
    expect(iterations).toEqual([0, 100, 200]);
    expectTensorsClose(costs, ref.costs, { rtol: 1e-4 });
    const p = net.getParameters();
    for (const k of Object.keys(ref.parameters)) {
      expectTensorsClose(p[k] as tf.Tensor, ref.parameters[k] as tf.Tensor, {
        rtol: 1e-4,
        atol: 1e-6,
        label: k,
      });
    }
    tf.dispose([X, Y, ...Object.values(p), ...Object.values(ref.parameters)]);
    net.dispose();
  });

  it('learns XOR-like data, reports progress, and its cost history decreases', async () => {
    const { X, Y } = xorData(200, 3);
    const net = new DeepNeuralNetwork({ layerSizes: [2, 8, 8, 1], init: 'he', seed: 2 });
    const seen: [number, number, number][] = [];
    const { costs } = await net.fit(X, Y, {
      iterations: 1500,
      learningRate: 0.3,
      recordEvery: 250,
      onProgress: (i, c, n) => void seen.push([i, c, n]),
    });
    expect(seen.map((s) => s[0])).toEqual([0, 250, 500, 750, 1000, 1250, 1499]);
    expect(seen.every((s) => s[2] === 1500)).toBe(true);
    expect(costs.at(-1)!).toBeLessThan(costs[0]! / 2);
    const { accuracy, cost } = net.evaluate(X, Y);
    expect(accuracy).toBeGreaterThan(0.9);
    expect(cost).toBeCloseTo(costs.at(-1)!, 2);
    const yHat = net.predict(X);
    expect(yHat.shape).toEqual([1, 200]);
    const agree = tf.tidy(() => yHat.equal(Y).toFloat().mean().dataSync()[0]);
    expect(agree).toBeCloseTo(accuracy, 6);
    tf.dispose([X, Y, yHat]);
    net.dispose();
  });

  it('softmax output with one-hot labels, and the rows layout', async () => {
    const rs = new RandomState(4);
    const m = 90;
    const labels = Array.from({ length: m }, (_, i) => i % 3);
    const centers = [
      [-2, 0],
      [2, 0],
      [0, 2.5],
    ] as const;
    const Xrows = tf.tensor2d(
      labels.map((c) => [centers[c]![0] + rs.normal(0, 0.5), centers[c]![1] + rs.normal(0, 0.5)]),
    );
    const Yrows = tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat();
    const net = new DeepNeuralNetwork({ layerSizes: [2, 6, 3], layout: 'rows', seed: 3 });
    expect(net.config.activations).toEqual(['relu', 'softmax']);
    await net.fit(Xrows, Yrows, { iterations: 300, learningRate: 0.5 });
    expect(net.evaluate(Xrows, Yrows).accuracy).toBeGreaterThan(0.95);
    const proba = net.predictProba(Xrows);
    expect(proba.shape).toEqual([m, 3]);
    expectTensorsClose(proba.sum(1), tf.ones([m]), { atol: 1e-5 });
    const pred = net.predict(Xrows);
    expect(pred.shape).toEqual([m, 1]);
    expect(pred.dtype).toBe('int32');
    tf.dispose([Xrows, Yrows, proba, pred]);
    net.dispose();
  });

  it('saves and loads through tfjs IO handlers (withSaveHandler / fromMemory)', async () => {
    const { X, Y } = xorData(40, 5);
    const net = new DeepNeuralNetwork({
      layerSizes: [2, 5, 1],
      activations: ['tanh', 'sigmoid'],
      seed: 7,
    });
    await net.fit(X, Y, { iterations: 50, learningRate: 0.5 });
    let saved: tf.io.ModelArtifacts | undefined;
    const result = await net.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(result.modelArtifactsInfo.modelTopologyType).toBe('JSON');
    expect(saved?.weightSpecs?.map((s) => s.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
    const loaded = await DeepNeuralNetwork.load(tf.io.fromMemory(saved!));
    expect(loaded.config).toEqual(net.config);
    const a = net.predictProba(X);
    const b = loaded.predictProba(X);
    expectTensorsClose(b, a, { rtol: 0, atol: 0 });
    tf.dispose([X, Y, a, b]);
    net.dispose();
    loaded.dispose();
  });

  it('rejects NaN in fit inputs, bad configurations and use after dispose', async () => {
    const X = tf.tensor2d([
      [1, NaN, 3],
      [0, 1, 2],
    ]);
    const Y = tf.tensor2d([[1, 0, 1]]);
    const net = new DeepNeuralNetwork({ layerSizes: [2, 3, 1] });
    await expect(net.fit(X, Y)).rejects.toThrow(
      'DeepNeuralNetwork.fit: X must be finite, got NaN at flat index 1 of shape [2, 3]',
    );
    await expect(net.fit(tf.ones([3, 3]), Y)).rejects.toThrow(
      'DeepNeuralNetwork.fit: X must have shape [2, m], got [3, 3]',
    );
    await expect(net.fit(tf.ones([2, 3]), tf.ones([1, 4]))).rejects.toThrow(
      'DeepNeuralNetwork.fit: Y must have shape [1, m] with m = 3 (from X), got [1, 4]',
    );
    await expect(net.fit(tf.ones([2, 3]), Y, { learningRate: 0 })).rejects.toThrow(
      'DeepNeuralNetwork.fit: learningRate must be a finite number > 0, got 0',
    );
    expect(() => new DeepNeuralNetwork({ layerSizes: [2] })).toThrow(
      'DeepNeuralNetwork: layerSizes must list the input size and at least one layer, got [2]',
    );
    expect(
      () => new DeepNeuralNetwork({ layerSizes: [2, 3, 2], activations: ['relu', 'sigmoid'] }),
    ).toThrow('DeepNeuralNetwork: a sigmoid output needs 1 unit, got 2; use softmax');
    expect(
      () => new DeepNeuralNetwork({ layerSizes: [2, 3, 1], activations: ['relu', 'relu'] }),
    ).toThrow('DeepNeuralNetwork: the output activation must be sigmoid or softmax, got relu');
    await expect(
      DeepNeuralNetwork.load(tf.io.fromMemory({ modelTopology: { format: 'other' } })),
    ).rejects.toThrow('DeepNeuralNetwork.load: not a saved DeepNeuralNetwork (format other)');
    net.dispose();
    expect(() => net.predict(tf.ones([2, 1]))).toThrow(DlkitError);
    expect(() => net.evaluate(tf.ones([2, 1]), tf.ones([1, 1]))).toThrow(
      'DeepNeuralNetwork.evaluate: the network has been disposed',
    );
    tf.dispose([X, Y]);
  });

  it('fit, predict and evaluate leak nothing', async () => {
    const { X, Y } = xorData(20, 1);
    const net = new DeepNeuralNetwork({ layerSizes: [2, 4, 1] });
    const before = tf.memory().numTensors;
    await net.fit(X, Y, { iterations: 20, learningRate: 0.1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(await expectNoLeaks(() => net.predict(X))).toBe(1);
    expect(await expectNoLeaks(() => net.predictProba(X))).toBe(1);
    expect(await expectNoLeaks(() => net.evaluate(X, Y))).toBe(0);
    expect(await expectNoLeaks(() => net.getParameters())).toBe(4);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before - 4);
    tf.dispose([X, Y]);
  });
});
