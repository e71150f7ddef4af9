// Parity of dlkit's fused Adam kernel (`DlkitAdamUpdate`, `ADAM_UPDATE_KERNEL` of @dlkit/core) on
// wasm against the same update composed of ordinary tfjs ops on the reference `cpu` backend, over
// several shapes and hyperparameters, for trajectories of several steps t (each step's m and v
// feed the next) and single steps at large t.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL, DlkitError, hasKernel } from '@dlkit/core';
import { expectTensorsClose } from '@dlkit/test-harness';
import { loadWasmBackend } from './load-wasm.js';
import { resetWasmKernelStats, wasmKernelStats } from './register-kernels.js';

interface Hyper {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}
interface State {
  value: number[];
  m: number[];
  v: number[];
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG; no backend involved). */
function values(size: number, seed: number): number[] {
  let s = seed * 7919 + 17;
  return Array.from({ length: size }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

const attrsFor = (h: Hyper, t: number): tf.NamedAttrMap => ({
  ...h,
  beta1Power: h.beta1 ** t,
  beta2Power: h.beta2 ** t,
});

/** One step on `cpu` as a composition of tfjs ops (tf.train.adam's formula). */
function compositeStep(shape: number[], s: State, grad: number[], h: Hyper, t: number): State {
  return tf.tidy(() => {
    const [value, m, v, g] = [s.value, s.m, s.v, grad].map((d) => tf.tensor(d, shape));
    const newM = tf.add(tf.mul(m!, h.beta1), tf.mul(g!, 1 - h.beta1));
    const newV = tf.add(tf.mul(v!, h.beta2), tf.mul(tf.square(g!), 1 - h.beta2));
    const mHat = tf.div(newM, 1 - h.beta1 ** t);
    const vHat = tf.div(newV, 1 - h.beta2 ** t);
    const newValue = tf.sub(
      value!,
      tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), h.epsilon)), h.learningRate),
    );
    return {
      value: Array.from(newValue.dataSync()),
      m: Array.from(newM.dataSync()),
      v: Array.from(newV.dataSync()),
    };
  });
}

/** One step on `wasm` through the engine and the fused kernel. */
function fusedStep(shape: number[], s: State, grad: number[], h: Hyper, t: number): State {
  const inputs = {
    value: tf.tensor(s.value, shape),
    m: tf.tensor(s.m, shape),
    v: tf.tensor(s.v, shape),
    gradient: tf.tensor(grad, shape),
  };
  const before = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  const outs = tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, attrsFor(h, t)) as tf.Tensor[];
  expect(outs.length).toBe(3);
  for (const o of outs) {
    expect(o.shape).toEqual(shape);
    expect(o.dtype).toBe('float32');
  }
  const [value, m, v] = outs.map((o) => Array.from(o.dataSync())) as [number[], number[], number[]];
  tf.dispose(outs);
  expect(tf.memory().numTensors).toBe(before);
  // No wasm buffer left behind by the kernel's intermediates either.
  expect(tf.backend().numDataIds()).toBe(buffers);
  tf.dispose(Object.values(inputs));
  return { value, m, v };
}

// Sizes with and without a scalar tail after native/adam.c's groups of 4 lanes.
const SHAPES = [[7], [33, 5], [1, 1], [2, 3, 4], [100, 90]];
const HYPERS: Hyper[] = [
  { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  { learningRate: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 },
  { learningRate: 0.01, beta1: 0, beta2: 0, epsilon: 1e-8 },
];
const close = (a: State, e: State, label: string): void => {
  for (const k of ['value', 'm', 'v'] as const)
    expectTensorsClose(a[k], e[k], { rtol: 1e-4, atol: 1e-6, label: `${label} ${k}` });
};

describe(`${ADAM_UPDATE_KERNEL} on wasm vs the composite formula on cpu`, () => {
  beforeAll(async () => {
    await loadWasmBackend();
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it('covers sizes with and without a scalar tail', () => {
    const sizes = SHAPES.map((s) => s.reduce((p, d) => p * d, 1));
    expect(sizes.some((n) => n % 4 === 0 && n >= 4)).toBe(true);
    expect(sizes.some((n) => n % 4 !== 0)).toBe(true);
  });

  it('is registered for wasm only', async () => {
    await tf.setBackend('wasm');
    expect(hasKernel(ADAM_UPDATE_KERNEL)).toBe(true);
    await tf.setBackend('cpu');
    expect(hasKernel(ADAM_UPDATE_KERNEL)).toBe(false);
  });

  for (const shape of SHAPES) {
    for (const [hi, h] of HYPERS.entries()) {
      it(`shape [${shape.join(', ')}], hyperparameters #${hi}: 5 chained steps t = 1..5`, async () => {
        const size = shape.reduce((p, d) => p * d, 1);
        const init: State = {
          value: values(size, 1),
          m: new Array<number>(size).fill(0),
          v: new Array<number>(size).fill(0),
        };
        let cpu = init;
        let wasm = init;
        resetWasmKernelStats();
        for (let t = 1; t <= 5; t++) {
          const grad = values(size, 10 + t);
          await tf.setBackend('cpu');
          cpu = compositeStep(shape, cpu, grad, h, t);
          await tf.setBackend('wasm');
          wasm = fusedStep(shape, wasm, grad, h, t);
          close(wasm, cpu, `t=${t}`);
        }
        expect(wasmKernelStats().calls[ADAM_UPDATE_KERNEL]).toBe(5);
      });
    }
  }

  for (const [t, shape] of [1, 2, 10, 1000, 100000].flatMap((t) => [
    [t, [33, 5]] as const,
    [t, [100, 90]] as const,
  ])) {
    it(`a single step at t = ${t} from non-zero moments, shape [${shape.join(', ')}]`, async () => {
      const size = shape[0] * shape[1];
      const state: State = {
        value: values(size, 2),
        m: values(size, 3).map((x) => 0.1 * x),
        v: values(size, 4).map((x) => 0.01 * x * x),
      };
      const grad = values(size, 5);
      const h = HYPERS[0]!;
      await tf.setBackend('cpu');
      const expected = compositeStep([...shape], state, grad, h, t);
      await tf.setBackend('wasm');
      close(fusedStep([...shape], state, grad, h, t), expected, `t=${t}`);
    });
  }

  it('rejects inputs of the wrong size or dtype', async () => {
    await tf.setBackend('wasm');
    const attrs = attrsFor(HYPERS[0]!, 1);
    const x = tf.zeros([3]);
    const short = tf.zeros([2]);
    const flat = tf.zeros([3, 1]);
    const ints = tf.zeros([3], 'int32');
    expect(() =>
      tf.engine().runKernel(ADAM_UPDATE_KERNEL, { value: x, m: x, v: short, gradient: x }, attrs),
    ).toThrow(`${ADAM_UPDATE_KERNEL}: v must have value's shape [3], got [2]`);
    expect(() =>
      tf.engine().runKernel(ADAM_UPDATE_KERNEL, { value: x, m: x, v: x, gradient: ints }, attrs),
    ).toThrow(`${ADAM_UPDATE_KERNEL}: gradient must have dtype float32, got int32`);
    expect(() =>
      tf.engine().runKernel(ADAM_UPDATE_KERNEL, { value: x, m: flat, v: x, gradient: x }, attrs),
    ).toThrow(`${ADAM_UPDATE_KERNEL}: m must have value's shape [3], got [3, 1]`);
    tf.dispose([x, short, flat, ints]);
  });

  it('rejects missing, non-finite or out-of-range attributes before it writes anything', async () => {
    await tf.setBackend('wasm');
    const good = attrsFor(HYPERS[0]!, 1);
    const x = tf.ones([5]);
    const inputs = { value: x, m: x, v: x, gradient: x };
    const buffers = tf.backend().numDataIds();
    // (core's assertNumber writes a value that is not a number as its type, then the value.)
    const cases: [string, unknown, string][] = [
      ['learningRate', undefined, 'attrs.learningRate must be a finite number, got undefined'],
      ['learningRate', NaN, 'attrs.learningRate must be a finite number, got NaN'],
      ['beta1', undefined, 'attrs.beta1 must be a finite number >= 0 and < 1, got undefined'],
      ['beta1', 1, 'attrs.beta1 must be a finite number >= 0 and < 1, got 1'],
      ['beta2', -0.5, 'attrs.beta2 must be a finite number >= 0 and < 1, got -0.5'],
      ['epsilon', Infinity, 'attrs.epsilon must be a finite number >= 0, got Infinity'],
      ['epsilon', '1e-7', 'attrs.epsilon must be a finite number >= 0, got string 1e-7'],
      ['beta1Power', 1, 'attrs.beta1Power must be a finite number >= 0 and < 1, got 1'],
      [
        'beta2Power',
        undefined,
        'attrs.beta2Power must be a finite number >= 0 and < 1, got undefined',
      ],
    ];
    for (const [name, bad, detail] of cases) {
      const attrs = { ...good } as Record<string, unknown>;
      if (bad === undefined) delete attrs[name];
      else attrs[name] = bad;
      let error: unknown;
      try {
        tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, attrs as tf.NamedAttrMap);
      } catch (e) {
        error = e;
      }
      expect(error, `${name} = ${String(bad)}`).toBeInstanceOf(DlkitError);
      expect((error as DlkitError).message).toBe(`${ADAM_UPDATE_KERNEL}: ${detail}`);
      expect((error as DlkitError).argument).toBe(`attrs.${name}`);
    }
    expect(tf.backend().numDataIds()).toBe(buffers);
    x.dispose();
  });
});
