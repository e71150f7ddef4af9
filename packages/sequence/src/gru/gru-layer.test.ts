import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { fileSystem } from '@dlkit/backend';
import { GRU, gru, type GruLayerArgs } from './gru-layer.js';

interface FixtureCase {
  nX: number;
  nA: number;
  zeroState: boolean;
  resetAfter: boolean;
  [key: string]: FixtureTensor | number | boolean;
}
const cases = loadFixture<{ cases: FixtureCase[] }>('sequence_gru').cases;
const TOL = { rtol: 1e-4, atol: 1e-5 };

function fx(c: FixtureCase, key: string): tf.Tensor {
  return fixtureTensor(c[key] as FixtureTensor);
}

/** Builds a layer for inputs [*, *, nX] by applying it to a symbolic input. */
function buildFor<L extends tf.layers.Layer>(layer: L, nX: number): L {
  layer.apply(tf.input({ shape: [null, nX] }));
  return layer;
}

/** A config as JSON would keep it (undefined and null are the same after a save). */
function normalized(config: tf.serialization.ConfigDict): unknown {
  return JSON.parse(JSON.stringify(config, (_k, v: unknown) => (v === undefined ? null : v)));
}

/**
 * A layer given a fixture case's weights as a Keras-format list (kernel, recurrent_kernel,
 * bias, as Keras' model.save stores them), run on its x (and h0), against PyTorch's outputs
 * and the gradients of sum(sequence * R1) + sum(lastH * R2) for the input and the three weights.
 */
function layerMatchesFixture(c: FixtureCase): void {
  const layer = gru({
    units: c.nA,
    returnSequences: true,
    returnState: true,
    resetAfter: c.resetAfter,
  });
  buildFor(layer, c.nX);
  const weights = [fx(c, 'kernel'), fx(c, 'recurrentKernel'), fx(c, 'bias')];
  layer.setWeights(weights);
  const [x, h0, R1, R2] = ['x', 'h0', 'R1', 'R2'].map((k) => fx(c, k)) as tf.Tensor[];
  const inputsOf = (input: tf.Tensor): tf.Tensor | tf.Tensor[] =>
    c.zeroState ? input : [input, h0!];
  const loss = (input: tf.Tensor): tf.Scalar => {
    const [sequence, lastH] = layer.apply(inputsOf(input)) as tf.Tensor[];
    return tf.add(tf.sum(tf.mul(sequence!, R1!)), tf.sum(tf.mul(lastH!, R2!)));
  };
  const [sequence, lastH] = layer.apply(inputsOf(x!)) as tf.Tensor[];
  expectTensorsClose(sequence!, fx(c, 'sequence'), { ...TOL, label: 'sequence' });
  expectTensorsClose(lastH!, fx(c, 'lastH'), { ...TOL, label: 'lastH' });
  const dx = tf.grad(loss)(x!);
  expectTensorsClose(dx, fx(c, 'dx'), { ...TOL, label: 'dx' });
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => loss(x!), vars);
  ['dKernel', 'dRecurrentKernel', 'dBias'].forEach((key, i) =>
    expectTensorsClose(grads[vars[i]!.name]!, fx(c, key), { ...TOL, label: key }),
  );
  tf.dispose([
    value,
    dx,
    sequence!,
    lastH!,
    x!,
    h0!,
    R1!,
    R2!,
    ...weights,
    ...Object.values(grads),
  ]);
  layer.dispose();
}

describe('GRU layer with Keras weights vs PyTorch nn.GRU (resetAfter, the default) and the reset-before reference', () => {
  for (const c of cases) {
    it(`outputs and gradients (tf.grad through the layer), nA ${c.nA}, resetAfter ${c.resetAfter}${c.zeroState ? '' : ', [x, h0]'}`, () =>
      layerMatchesFixture(c));
  }

  it('has Keras defaults: resetAfter true, sigmoid gates, tanh candidate, bias [2, 3nA]', () => {
    const layer = gru({ units: 3 });
    expect([layer.resetAfter, layer.recurrentActivation, layer.activation]).toEqual([
      true,
      'sigmoid',
      'tanh',
    ]);
    buildFor(layer, 5);
    expect(layer.weights.map((w) => w.originalName.split('/').pop())).toEqual([
      'kernel',
      'recurrent_kernel',
      'bias',
    ]);
    expect(layer.weights.map((w) => w.shape)).toEqual([
      [5, 9],
      [3, 9],
      [2, 9],
    ]);
    layer.dispose();
  });
});

/** Ours with resetAfter false against tf.layers.gru: outputs and every gradient. */
function matchesTfLayersGru(args: Partial<GruLayerArgs>): void {
  const [m, Tx, nX, nA] = [3, 4, 2, 5];
  const theirArgs = {
    units: nA,
    ...args,
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
    biasInitializer: tf.initializers.randomNormal({ stddev: 0.5, seed: 3 }),
  } as Parameters<typeof tf.layers.gru>[0];
  const theirs = tf.layers.gru(theirArgs);
  const ours = gru({ units: nA, resetAfter: false, ...args });
  const x = tf.randomNormal([m, Tx, nX], 0, 1, 'float32', 4);
  buildFor(ours, nX);
  buildFor(theirs, nX);
  ours.setWeights(theirs.getWeights());
  const run = (layer: tf.layers.Layer) => {
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const loss = (input: tf.Tensor): tf.Scalar =>
      tf.sum(tf.square(layer.apply(input) as tf.Tensor)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(() => loss(x), vars);
    return [value, tf.grad(loss)(x), ...vars.map((v) => grads[v.name]!)];
  };
  const a = run(ours);
  const b = run(theirs);
  expect(a).toHaveLength(args.useBias === false ? 4 : 5);
  a.forEach((t, i) => expectTensorsClose(t, b[i]!, { ...TOL, label: `output ${i}` }));
  const outOurs = ours.apply(x) as tf.Tensor;
  const outTheirs = theirs.apply(x) as tf.Tensor;
  expectTensorsClose(outOurs, outTheirs, { ...TOL, label: 'output' });
  tf.dispose([x, outOurs, outTheirs, ...a, ...b]);
  ours.dispose();
  theirs.dispose();
}

describe('GRU layer with resetAfter false vs tf.layers.gru (tfjs has only that form)', () => {
  it('sigmoid gates, last step', () => matchesTfLayersGru({ recurrentActivation: 'sigmoid' }));
  it("tf.layers.gru's default hardSigmoid gates, every step", () =>
    matchesTfLayersGru({ recurrentActivation: 'hardSigmoid', returnSequences: true }));
  it('goBackwards, every step (outputs in processing order, as Keras)', () =>
    matchesTfLayersGru({
      recurrentActivation: 'sigmoid',
      goBackwards: true,
      returnSequences: true,
    }));
  it('no bias, relu candidate', () =>
    matchesTfLayersGru({ recurrentActivation: 'sigmoid', useBias: false, activation: 'relu' }));
});

describe('GRU layer weights', () => {
  it('are repeatable with a seed, and differ with another seed', () => {
    const [a, b, c] = [1, 1, 2].map((seed) => buildFor(gru({ units: 3, seed }), 2));
    a!.getWeights().forEach((w, i) => {
      expectTensorsClose(w, b!.getWeights()[i]!, { rtol: 0, atol: 0 });
    });
    const kernelGap = tf.max(tf.abs(tf.sub(a!.getWeights()[0]!, c!.getWeights()[0]!)));
    expect(kernelGap.dataSync()[0]!).toBeGreaterThan(1e-3);
    kernelGap.dispose();
    [a, b, c].forEach((l) => l!.dispose());
  });

  it('recurrent kernel defaults to orthogonal: U U^T = I; bias to zeros; useBias false has none', () => {
    const layer = buildFor(gru({ units: 3, seed: 5 }), 2);
    const [, U, bias] = layer.getWeights();
    const gram = tf.matMul(U!, U!, false, true);
    expectTensorsClose(gram, tf.eye(3).arraySync() as number[][], { atol: 1e-5 });
    expectTensorsClose(bias!, tf.zeros([2, 9]).arraySync() as number[][], { rtol: 0, atol: 0 });
    const noBias = buildFor(gru({ units: 3, useBias: false }), 2);
    expect(noBias.weights.map((w) => w.shape)).toEqual([
      [2, 9],
      [3, 9],
    ]);
    tf.dispose(gram);
    layer.dispose();
    noBias.dispose();
  });
});

describe('GRU layer shapes', () => {
  it('computes output shapes for every combination', () => {
    const shape = [null, 7, 3];
    expect(gru({ units: 4 }).computeOutputShape(shape)).toEqual([null, 4]);
    expect(gru({ units: 4, returnSequences: true }).computeOutputShape(shape)).toEqual([
      null,
      7,
      4,
    ]);
    expect(
      gru({ units: 4, returnSequences: true, returnState: true }).computeOutputShape(shape),
    ).toEqual([
      [null, 7, 4],
      [null, 4],
    ]);
  });

  it('returnState gives [output, lastH]: the last step, as distinct tensors', () => {
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 21);
    const layer = buildFor(gru({ units: 5, returnState: true, seed: 1 }), 3);
    const [output, h] = layer.apply(x) as tf.Tensor[];
    expect(output).not.toBe(h);
    expectTensorsClose(output!, h!, { rtol: 0, atol: 0 });
    tf.dispose([x, output!, h!]);
    layer.dispose();
  });
});

describe('GRU layer memory', () => {
  it('apply returns its outputs and leaks nothing', async () => {
    const layer = buildFor(gru({ units: 3, returnState: true, returnSequences: true }), 5);
    const x = tf.randomNormal([2, 4, 5], 0, 1, 'float32', 14);
    const h0 = tf.ones([2, 3]);
    expect(await expectNoLeaks(() => layer.apply(x))).toBe(2);
    expect(await expectNoLeaks(() => layer.apply([x, h0]))).toBe(2);
    tf.dispose([x, h0]);
    layer.dispose();
  });

  it('one optimizer.minimize step leaks nothing', async () => {
    const model = tf.sequential({
      layers: [gru({ units: 3, inputShape: [4, 2], seed: 1 }), tf.layers.dense({ units: 1 })],
    });
    const x = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 15);
    const y = tf.zeros([2, 1]);
    const optimizer = tf.train.sgd(0.1);
    const loss = (): tf.Scalar =>
      tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const step = (): void => optimizer.minimize(loss, true)?.dispose();
    step(); // the first step may create optimizer state
    expect(await expectNoLeaks(step)).toBe(0);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});

describe('GRU layer training and serialization', () => {
  it('model.fit lowers the loss on a task that needs memory (embedding, GRU, dense)', async () => {
    // Label: whether token 1 occurs in the sequence.
    const rows = [
      [1, 3, 4, 2, 0],
      [3, 4, 2, 2, 0],
      [2, 2, 1, 4, 3],
      [4, 3, 3, 2, 2],
      [0, 0, 0, 0, 1],
      [2, 0, 4, 3, 0],
    ];
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({
          inputDim: 5,
          outputDim: 4,
          inputLength: 5,
          embeddingsInitializer: tf.initializers.randomUniform({
            minval: -0.05,
            maxval: 0.05,
            seed: 2,
          }),
        }),
        gru({ units: 8, seed: 1 }),
        tf.layers.dense({
          units: 1,
          activation: 'sigmoid',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
        }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
    const xs = tf.tensor2d(rows);
    const ys = tf.tensor2d(rows.map((r) => [r.includes(1) ? 1 : 0]));
    const history = await model.fit(xs, ys, { epochs: 30, batchSize: 6, verbose: 0 });
    const losses = history.history['loss'] as number[];
    expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]!);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('getConfig / fromConfig round-trip', () => {
    const layer = gru({
      units: 4,
      activation: 'relu',
      recurrentActivation: 'hardSigmoid',
      useBias: false,
      returnSequences: true,
      returnState: true,
      goBackwards: true,
      resetAfter: false,
      seed: 7,
      name: 'my_gru',
    });
    const config = layer.getConfig();
    const copy = GRU.fromConfig(GRU, config);
    expect(copy).toBeInstanceOf(GRU);
    expect(copy.getConfig()).toEqual(config);
    expect(config).toMatchObject({
      units: 4,
      activation: 'relu',
      recurrentActivation: 'hardSigmoid',
      useBias: false,
      goBackwards: true,
      resetAfter: false,
      seed: 7,
      name: 'my_gru',
      kernelInitializer: {
        className: 'VarianceScaling',
        config: { seed: 7, scale: 1, mode: 'fanAvg' },
      },
      recurrentInitializer: { className: 'Orthogonal', config: { seed: 7 } },
    });
  });

  it("a model with two GRUs saves and loads through @dlkit/backend's fileSystem, same outputs", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 5 }),
        gru({ units: 6, returnSequences: true, seed: 1 }),
        gru({ units: 3, resetAfter: false, goBackwards: true, seed: 2 }),
        tf.layers.dense({ units: 2 }),
      ],
    });
    // Non-zero biases, so the bias rows are checked too.
    const [first] = model.layers.slice(1);
    const [k, u, b] = first!.getWeights();
    const bias = tf.randomNormal(b!.shape, 0, 0.5, 'float32', 9);
    first!.setWeights([k!, u!, bias]);
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-gru-'));
    try {
      await model.save(fileSystem(dir));
      const loaded = await tf.loadLayersModel(fileSystem(dir));
      expect(loaded.layers[1]).toBeInstanceOf(GRU);
      expect(normalized(loaded.layers[2]!.getConfig())).toEqual(
        normalized(model.layers[2]!.getConfig()),
      );
      const x = tf.tensor2d([
        [1, 2, 3, 4, 5],
        [9, 0, 0, 1, 2],
      ]);
      const before = model.predict(x) as tf.Tensor;
      const after = loaded.predict(x) as tf.Tensor;
      expectTensorsClose(after, before, { rtol: 0, atol: 0 });
      tf.dispose([x, before, after]);
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
      bias.dispose();
      model.dispose();
    }
  });
});

describe('GRU layer bad input', () => {
  it('checks args before tfjs reads them', () => {
    expectDlkitError(() => gru(undefined as never), 'gru: args must be an object, got undefined');
    expectDlkitError(() => new GRU(null as never), 'GRU: args must be an object, got null');
    expectDlkitError(
      () => gru({ units: 0 }),
      'gru: args.units must be an integer >= 1 and <= 67108864, got 0',
    );
    expectDlkitError(
      () => gru({ units: 2, resetAfter: 'yes' as never }),
      'gru: args.resetAfter must be a boolean, got string yes',
    );
    expectDlkitError(
      () => gru({ units: 2, recurrentActivation: 'hard_sigmoid' as never }),
      "gru: args.recurrentActivation must be one of 'tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', got hard_sigmoid",
    );
    expectDlkitError(
      () => gru({ units: 2, seed: -1 }),
      'gru: args.seed must be an integer >= 0, got -1',
    );
    expectDlkitError(
      () => new GRU({ units: 2, kernelInitializer: 'noSuchInit' }),
      'GRU: kernelInitializer names no tfjs initializer: NoSuchInit',
    );
  });

  it('checks the shapes given to build, computeOutputShape and call', () => {
    const layer = gru({ units: 2 });
    expectDlkitError(
      () => layer.apply(tf.zeros([2, 3])),
      'GRU.build: input must have shape [m, Tx, nX] with a known nX, got [2, 3]',
    );
    expectDlkitError(
      () => layer.computeOutputShape([1e9, 1e9, 1e9]),
      'GRU.computeOutputShape: input must have shape [m, Tx, nX] with a known nX, got [1000000000, 1000000000, 1000000000]',
    );
    const x = tf.zeros([2, 3, 4]);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const wide = tf.zeros([2, 3, 5]);
    const h = tf.zeros([2, 3]);
    expectDlkitError(
      () => layer.apply(wide),
      'GRU.call: inputs must have shape [m, Tx, 4], got [2, 3, 5]',
    );
    expectDlkitError(() => layer.apply([x, h]), 'GRU.call: h0 must have shape [m, 2], got [2, 3]');
    expectDlkitError(
      () => layer.apply([x, h, h]),
      'GRU.call: inputs must be x or [x] or [x, h0], got a list of 3 tensors',
    );
    expectDlkitError(
      () => gru({ units: 2 }).call(x),
      'GRU.call: call needs built weights: use apply',
    );
    tf.dispose([x, wide, h]);
    layer.dispose();
  });
});
