import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL, DlkitError, RandomState, hasKernel } from '@dlkit/core';
import {
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { AdamOptimizer, adam } from './adam-optimizer.js';

type Dict = Record<string, FixtureTensor>;
interface TorchFixture {
  initial: Dict;
  grads: Dict[];
  runs: {
    learning_rate: number;
    beta1: number;
    beta2: number;
    epsilon: number;
    trajectory: { values: Dict; m: Dict; v: Dict }[];
  }[];
}

// --- A cpu implementation of the DlkitAdamUpdate contract, registered only inside tests: the
// formula as a composition of the cpu backend's own kernels (called directly, as backends compose
// kernels), so the optimizer's fused path can be tested without the wasm backend.
type CpuBackend = tf.KernelBackend & {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.TypedArray): tf.TensorInfo;
};
let fusedCalls = 0;
function cpuAdamUpdate({
  inputs,
  attrs,
  backend,
}: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo[] {
  fusedCalls++;
  const cpu = backend as CpuBackend;
  const a = attrs as Record<string, number>;
  const made: tf.TensorInfo[] = [];
  const run = (name: string, ins: tf.NamedTensorInfoMap): tf.TensorInfo => {
    const out = tf.getKernel(name, 'cpu')!.kernelFunc({ inputs: ins, attrs: {}, backend: cpu });
    made.push(out as tf.TensorInfo);
    return out as tf.TensorInfo;
  };
  const num = (x: number): tf.TensorInfo => {
    const s = cpu.makeTensorInfo([], 'float32', new Float32Array([x]));
    made.push(s);
    return s;
  };
  const { value, m, v, gradient: g } = inputs as Record<string, tf.TensorInfo>;
  const newM = run('Add', {
    a: run('Multiply', { a: m!, b: num(a['beta1']!) }),
    b: run('Multiply', { a: g!, b: num(1 - a['beta1']!) }),
  });
  const newV = run('Add', {
    a: run('Multiply', { a: v!, b: num(a['beta2']!) }),
    b: run('Multiply', { a: run('Square', { x: g! }), b: num(1 - a['beta2']!) }),
  });
  const mHat = run('RealDiv', { a: newM, b: num(1 - a['beta1Power']!) });
  const vHat = run('RealDiv', { a: newV, b: num(1 - a['beta2Power']!) });
  const denom = run('Add', { a: run('Sqrt', { x: vHat }), b: num(a['epsilon']!) });
  const step = run('Multiply', {
    a: run('RealDiv', { a: mHat, b: denom }),
    b: num(a['learningRate']!),
  });
  const newValue = run('Sub', { a: value!, b: step });
  const outs = [newValue, newM, newV];
  for (const x of made) if (!outs.includes(x)) cpu.disposeData(x.dataId);
  return outs;
}
function registerCpuFusedKernel(): void {
  tf.registerKernel({
    kernelName: ADAM_UPDATE_KERNEL,
    backendName: 'cpu',
    kernelFunc: cpuAdamUpdate as unknown as tf.KernelFunc,
  });
}
const unregisterCpuFusedKernel = (): void => tf.unregisterKernel(ADAM_UPDATE_KERNEL, 'cpu');

// --- helpers
let made = 0;
/** A variable name unique in the engine: `<prefix><n>/<key>`. */
const uniqueName = (prefix: string, key: string): string => `${prefix}${made++}/${key}`;
const SHAPES: Record<string, number[]> = { w: [3, 2], b: [4], k: [2, 2, 3] };

function makeVariables(seed: number, prefix: string): Record<string, tf.Variable> {
  const rs = new RandomState(seed);
  return Object.fromEntries(
    Object.entries(SHAPES).map(([k, s]) => {
      const init = rs.randn(...s);
      const variable = tf.variable(init, true, uniqueName(prefix, k));
      init.dispose();
      return [k, variable];
    }),
  );
}

function gradsFor(
  vars: Record<string, tf.Variable>,
  grads: Record<string, tf.Tensor>,
): tf.NamedTensorMap {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [v.name, grads[k]!]));
}

/** Runs `steps` steps of both optimizers on twin variables with the same random gradients. */
function compareWithTfAdam(
  make: () => tf.Optimizer,
  reference: () => tf.Optimizer,
  steps: number,
): void {
  const ours = makeVariables(11, 'ours');
  const theirs = makeVariables(11, 'theirs');
  const optA = make();
  const optB = reference();
  const rs = new RandomState(5);
  for (let t = 0; t < steps; t++) {
    const grads = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, rs.randn(...s)]));
    optA.applyGradients(gradsFor(ours, grads));
    optB.applyGradients(gradsFor(theirs, grads));
    tf.dispose(Object.values(grads));
    for (const k of Object.keys(SHAPES))
      expectTensorsClose(ours[k]!, theirs[k]!, {
        rtol: 1e-5,
        atol: 1e-6,
        label: `step ${t + 1} ${k}`,
      });
  }
  optA.dispose();
  optB.dispose();
  tf.dispose([...Object.values(ours), ...Object.values(theirs)]);
}

function runTorchFixture(makeOpt: (r: TorchFixture['runs'][number]) => tf.Optimizer): void {
  const fx = loadFixture<TorchFixture>('optimizers_adam_torch');
  for (const run of fx.runs) {
    const vars = Object.fromEntries(
      Object.entries(fx.initial).map(([k, v]) => {
        const init = fixtureTensor(v);
        const variable = tf.variable(init, true, uniqueName('torch', k));
        init.dispose();
        return [k, variable];
      }),
    );
    const opt = makeOpt(run);
    run.trajectory.forEach((step, t) => {
      const grads = Object.fromEntries(
        Object.entries(fx.grads[t]!).map(([k, g]) => [k, fixtureTensor(g)]),
      );
      opt.applyGradients(gradsFor(vars, grads));
      tf.dispose(Object.values(grads));
      for (const k of Object.keys(vars))
        expectTensorsClose(vars[k]!, fixtureTensor(step.values[k]!), {
          rtol: 1e-5,
          atol: 1e-6,
          label: `lr ${run.learning_rate} step ${t + 1} ${k}`,
        });
    });
    opt.dispose();
    tf.dispose(Object.values(vars));
  }
}

async function expectFlatTensorCount(opt: tf.Optimizer, steps: number): Promise<void> {
  const vars = makeVariables(3, 'flat');
  const rs = new RandomState(9);
  const grads = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, rs.randn(...s)]));
  const before = tf.memory().numTensors;
  opt.applyGradients(gradsFor(vars, grads));
  // The first step creates the two moment variables per variable, and nothing else stays.
  expect(tf.memory().numTensors).toBe(before + 2 * Object.keys(SHAPES).length);
  const afterFirst = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) {
    opt.applyGradients(gradsFor(vars, grads));
    expect(tf.memory().numTensors).toBe(afterFirst);
  }
  opt.dispose();
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([...Object.values(vars), ...Object.values(grads)]);
}

// --- tests on both paths
for (const path of ['composite', 'fused'] as const) {
  describe(`AdamOptimizer, ${path} path (cpu)`, () => {
    beforeEach(() => {
      fusedCalls = 0;
      if (path === 'fused') registerCpuFusedKernel();
    });
    afterEach(() => {
      if (path === 'fused') unregisterCpuFusedKernel();
    });

    it('takes the expected path', () => {
      expect(hasKernel(ADAM_UPDATE_KERNEL)).toBe(path === 'fused');
    });

    it('follows tf.train.adam step by step (defaults and other hyperparameters)', () => {
      compareWithTfAdam(
        () => adam(),
        () => tf.train.adam(),
        6,
      );
      compareWithTfAdam(
        () => adam(0.05, 0.8, 0.95, 1e-3),
        () => tf.train.adam(0.05, 0.8, 0.95, 1e-3),
        6,
      );
      expect(fusedCalls).toBe(path === 'fused' ? 2 * 6 * 3 : 0);
    });

    it('matches torch.optim.Adam (float64) over five steps', () => {
      runTorchFixture((r) => adam(r.learning_rate, r.beta1, r.beta2, r.epsilon));
    });

    it('keeps the tensor count flat across steps and frees its moments on dispose', async () => {
      await expectFlatTensorCount(adam(0.01), 5);
    });

    it('minimize(f, true) returns the cost and agrees with tf.train.adam', () => {
      const x = tf.variable(tf.tensor1d([1, -2, 3]), true, `min_x_${path}`);
      const y = tf.variable(tf.tensor1d([1, -2, 3]), true, `min_y_${path}`);
      const target = tf.tensor1d([0.5, 0.5, 0.5]);
      const ours = adam(0.1);
      const theirs = tf.train.adam(0.1);
      for (let i = 0; i < 5; i++) {
        const before = tf.memory().numTensors;
        const cost = ours.minimize(() => tf.sum(tf.square(tf.sub(x, target))), true);
        const expected = theirs.minimize(() => tf.sum(tf.square(tf.sub(y, target))), true);
        expectTensorsClose(cost!, expected!, { rtol: 1e-5 });
        tf.dispose([cost!, expected!]);
        if (i > 0) expect(tf.memory().numTensors).toBe(before);
        expectTensorsClose(x, y, { rtol: 1e-5, atol: 1e-6 });
      }
      expect(ours.iterations).toBe(5);
      ours.dispose();
      theirs.dispose();
      tf.dispose([x, y, target]);
    });

    it('trains a model through model.compile + model.fit like tf.train.adam', async () => {
      const build = (): tf.Sequential =>
        tf.sequential({
          layers: [
            tf.layers.dense({
              units: 4,
              inputShape: [3],
              activation: 'tanh',
              kernelInitializer: 'ones',
            }),
            tf.layers.dense({ units: 1, kernelInitializer: 'ones' }),
          ],
        });
      const a = build();
      const b = build();
      b.setWeights(a.getWeights());
      const optA = adam(0.01);
      const optB = tf.train.adam(0.01);
      a.compile({ optimizer: optA, loss: 'meanSquaredError' });
      b.compile({ optimizer: optB, loss: 'meanSquaredError' });
      const rs = new RandomState(4);
      const xs = rs.randn(16, 3);
      const ys = rs.randn(16, 1);
      const before = tf.memory().numTensors;
      const hA = await a.fit(xs, ys, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
      const hB = await b.fit(xs, ys, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
      expectTensorsClose(hA.history['loss'] as number[], hB.history['loss'] as number[], {
        rtol: 1e-5,
      });
      a.getWeights().forEach((w, i) =>
        expectTensorsClose(w, b.getWeights()[i]!, { rtol: 1e-5, atol: 1e-6 }),
      );
      expect(optA.iterations).toBe(6);
      if (path === 'fused') expect(fusedCalls).toBe(6 * 4);
      // Both optimizers hold 2 moments per model variable (4 variables): nothing else remains.
      expect(tf.memory().numTensors).toBe(before + 2 * 2 * 4);
      tf.dispose([xs, ys]);
      a.dispose();
      b.dispose();
      optA.dispose();
      optB.dispose();
    });
  });
}

describe('AdamOptimizer, one kernel per variable on the fused path', () => {
  it('launches only DlkitAdamUpdate kernels in applyGradients', async () => {
    registerCpuFusedKernel();
    try {
      const vars = makeVariables(8, 'profile');
      const grads = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, tf.ones(s)]));
      const opt = adam();
      opt.applyGradients(gradsFor(vars, grads)); // creates the moments
      const info = await tf.profile(() => opt.applyGradients(gradsFor(vars, grads)));
      expect(info.kernelNames).toEqual([ADAM_UPDATE_KERNEL]);
      expect(info.kernels.length).toBe(Object.keys(SHAPES).length);
      opt.dispose();
      tf.dispose([...Object.values(vars), ...Object.values(grads)]);
    } finally {
      unregisterCpuFusedKernel();
    }
  });
});

describe('AdamOptimizer state and serialization', () => {
  it('has tf.train.adam defaults, including the backend epsilon', () => {
    const opt = adam();
    expect(opt.getConfig()).toEqual({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: tf.backend().epsilon(),
    });
    expect(opt.getConfig()).toEqual(tf.train.adam().getConfig());
    expect(opt.getClassName()).toBe('DlkitAdam');
    expect(new AdamOptimizer().getConfig()).toEqual(opt.getConfig());
    opt.dispose();
  });

  it('round-trips through getConfig and the serialization registry', () => {
    const opt = adam(0.02, 0.85, 0.99, 1e-6);
    const entry = tf.serialization.SerializationMap.getMap().classNameMap['DlkitAdam'];
    expect(entry).toBeDefined();
    const [cls, fromConfig] = entry!;
    const back = fromConfig(cls, opt.getConfig()) as AdamOptimizer;
    expect(back).toBeInstanceOf(AdamOptimizer);
    expect(back.getConfig()).toEqual(opt.getConfig());
    // tfjs' own Adam is still registered under its name.
    expect(tf.serialization.SerializationMap.getMap().classNameMap['Adam']![0]).not.toBe(
      AdamOptimizer,
    );
    opt.dispose();
    back.dispose();
  });

  it("getWeights has tf.train.adam's layout and values; setWeights takes them and continues alike", async () => {
    const ours = makeVariables(21, 'w_ours');
    const theirs = makeVariables(21, 'w_theirs');
    const optA = adam(0.03);
    const optB: tf.Optimizer = tf.train.adam(0.03);
    const rs = new RandomState(6);
    const step = (): void => {
      const g = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, rs.randn(...s)]));
      optA.applyGradients(gradsFor(ours, g));
      optB.applyGradients(gradsFor(theirs, g));
      tf.dispose(Object.values(g));
    };
    step();
    step();
    const wA = await optA.getWeights();
    const wB = await optB.getWeights();
    const local = (name: string): string => name.replace(/^[a-z_]+\d+\//, '');
    expect(wA.map((w) => local(w.name))).toEqual([
      'iter',
      'w/m',
      'b/m',
      'k/m',
      'w/v',
      'b/v',
      'k/v',
    ]);
    expect(wB.map((w) => local(w.name))).toEqual(wA.map((w) => local(w.name)));
    expect(wA[1]!.name).toBe(`${ours['w']!.name}/m`);
    expect(wA[0]!.name).toBe('iter');
    expect(wA[0]!.tensor.dataSync()[0]).toBe(2);
    expect(wA.slice(1, 4).every((w) => w.name.endsWith('/m'))).toBe(true);
    wA.forEach((w, i) => expectTensorsClose(w.tensor, wB[i]!.tensor, { rtol: 1e-5, atol: 1e-7 }));

    // A fresh optimizer given tf.train.adam's weights continues exactly like it.
    const restored = adam(0.03);
    const before = tf.memory().numTensors;
    await restored.setWeights(wB);
    expect(tf.memory().numTensors).toBe(before + 6);
    expect(restored.iterations).toBe(2);
    optA.dispose();
    tf.dispose([wA[0]!.tensor, wB[0]!.tensor]);
    const g = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, rs.randn(...s)]));
    restored.applyGradients(gradsFor(ours, g));
    optB.applyGradients(gradsFor(theirs, g));
    for (const k of Object.keys(SHAPES))
      expectTensorsClose(ours[k]!, theirs[k]!, { rtol: 1e-5, atol: 1e-6 });
    // setWeights again replaces (and frees) the previous moments.
    const count = tf.memory().numTensors;
    const again = await optB.getWeights();
    await restored.setWeights(again);
    tf.dispose(again[0]!.tensor);
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose(Object.values(g));
    restored.dispose();
    optB.dispose();
    tf.dispose([...Object.values(ours), ...Object.values(theirs)]);
  });

  it('saves with the model (includeOptimizer) and loads back as DlkitAdam with its state', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const opt = adam(0.01, 0.8);
    model.compile({ optimizer: opt, loss: 'meanSquaredError' });
    const xs = tf.ones([4, 3]);
    const ys = tf.zeros([4, 2]);
    await model.fit(xs, ys, { epochs: 2, verbose: 0 });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const restored = loaded.optimizer as AdamOptimizer;
    expect(restored).toBeInstanceOf(AdamOptimizer);
    expect(restored.getConfig()).toEqual(opt.getConfig());
    expect(restored.iterations).toBe(2);
    const [wA, wB] = [await opt.getWeights(), await restored.getWeights()];
    expect(wB.length).toBe(wA.length);
    wA.forEach((w, i) => expectTensorsClose(wB[i]!.tensor, w.tensor));
    tf.dispose([wA[0]!.tensor, wB[0]!.tensor, xs, ys]);
    model.dispose();
    loaded.dispose();
    opt.dispose();
    restored.dispose();
  });

  it('rejects bad hyperparameters, unknown variables and malformed weights', async () => {
    expect(() => adam(-0.1)).toThrow('adam: learningRate must be a finite number >= 0, got -0.1');
    expect(() => adam(0.01, 1)).toThrow('adam: beta1 must be a finite number >= 0 and < 1, got 1');
    expect(() => adam(0.01, -0.5)).toThrow(
      'adam: beta1 must be a finite number >= 0 and < 1, got -0.5',
    );
    expect(() => adam(0.01, 0.9, 1.5)).toThrow(
      'adam: beta2 must be a finite number >= 0 and < 1, got 1.5',
    );
    expect(() => adam(0.01, 0.9, 0.999, -1e-8)).toThrow(
      'adam: epsilon must be a finite number >= 0, got -1e-8',
    );
    expect(() => adam(Number.NaN)).toThrow(
      'adam: learningRate must be a finite number >= 0, got NaN',
    );
    expect(() => new AdamOptimizer(0.01, 0.9, 2)).toThrow(
      'AdamOptimizer: beta2 must be a finite number >= 0 and < 1, got 2',
    );
    const opt = adam();
    const g = tf.ones([2]);
    expect(() => opt.applyGradients({ no_such_variable: g })).toThrow(
      'AdamOptimizer.applyGradients: no variable named no_such_variable',
    );
    const zeros = tf.zeros([3]);
    const w = tf.variable(zeros, true, uniqueName('shape', 'w'));
    expect(() => opt.applyGradients({ [w.name]: g })).toThrow(
      `AdamOptimizer.applyGradients: the gradient of ${w.name} must have shape [3], got [2]`,
    );
    tf.dispose([w, zeros]);
    await expect(opt.setWeights([])).rejects.toThrow(DlkitError);
    await expect(
      opt.setWeights([
        { name: 'iter', tensor: g },
        { name: 'x/m', tensor: g },
      ]),
    ).rejects.toThrow(
      'AdamOptimizer.setWeights: weightValues must hold iter then as many m as v tensors (1 + 2 n), got 2',
    );
    g.dispose();
    opt.dispose();
  });
});
