import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError, RandomState } from '@dlkit/core';
import {
  expectBackwardMatchesAutodiff,
  expectFixtureDictClose,
  expectNoLeaks,
  expectTensorsClose,
  fixtureDict,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { backwardPropagationWithRegularization, computeCostWithRegularization } from './l2.js';
import {
  backwardPropagationWithDropout,
  forwardPropagationWithDropout,
  type DropoutCache,
} from './dropout.js';
import { initializeParameters } from './initialize-parameters.js';
import { model } from './model.js';
import type { ThreeLayerCache } from '../three-layer/three-layer.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  cost_case: { A3: FixtureTensor; Y: FixtureTensor; parameters: Dict; lambd: number; cost: number };
  X: FixtureTensor;
  Y: FixtureTensor;
  parameters: Dict;
  cache: Dict;
  grads_l2: Dict;
  lambd: number;
  dropout_07: { keep_prob: number; A3: FixtureTensor; cache: Dict };
  dropout_08: { keep_prob: number; A3: FixtureTensor; cache: Dict; grads: Dict };
  train: {
    X: FixtureTensor;
    Y: FixtureTensor;
    iterations: number;
    learning_rate: number;
    models: Record<string, { lambd: number; keep_prob: number; costs: number[]; parameters: Dict }>;
  };
}
const fx = loadFixture<Fixture>('optimizers_regularization');
const TOL = { rtol: 1e-5, atol: 1e-6 };

describe('computeCostWithRegularization', () => {
  it("equals the notebook's test case (1.78648594516)", () => {
    tf.tidy(() => {
      const c = fx.cost_case;
      const cost = computeCostWithRegularization(
        fixtureTensor(c.A3),
        fixtureTensor(c.Y),
        fixtureDict(c.parameters),
        c.lambd,
      );
      expect(Math.abs(cost - c.cost)).toBeLessThan(1e-5);
    });
  });

  it('leaks nothing and rejects a negative or NaN lambd and a missing W', async () => {
    const c = fx.cost_case;
    const [A3, Y, p] = [fixtureTensor(c.A3), fixtureTensor(c.Y), fixtureDict(c.parameters)];
    expect(await expectNoLeaks(() => computeCostWithRegularization(A3, Y, p, 0.1))).toBe(0);
    expect(() => computeCostWithRegularization(A3, Y, p, -1)).toThrow(
      'computeCostWithRegularization: lambd must be a finite number >= 0, got -1',
    );
    expect(() => computeCostWithRegularization(A3, Y, p, NaN)).toThrow(DlkitError);
    expect(() => computeCostWithRegularization(A3, Y, { W1: p['W1']! }, 0.1)).toThrow(
      'computeCostWithRegularization: parameters.W2 must be a tf.Tensor',
    );
    tf.dispose([A3, Y, p]);
  });
});

describe('backwardPropagationWithRegularization', () => {
  it("equals the NumPy notebook function on the notebook's seed-1 inputs (lambd = 0.7)", () => {
    tf.tidy(() => {
      const grads = backwardPropagationWithRegularization(
        fixtureTensor(fx.X),
        fixtureTensor(fx.Y),
        fixtureDict(fx.cache) as ThreeLayerCache,
        fx.lambd,
      );
      expectFixtureDictClose(grads, fx.grads_l2, TOL);
    });
  });

  it('its dW are tf.grad of the regularised cost (the autodiff oracle)', () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    const p = fixtureDict(fx.parameters);
    const lambd = 0.7;
    const forward = (q: Record<string, tf.Tensor>): tf.Tensor => {
      const A1 = tf.relu(tf.add(tf.matMul(q['W1']!, X), q['b1']!));
      const A2 = tf.relu(tf.add(tf.matMul(q['W2']!, A1), q['b2']!));
      const A3 = tf.sigmoid(tf.add(tf.matMul(q['W3']!, A2), q['b3']!));
      const ce = tf.neg(
        tf.mean(tf.add(tf.mul(Y, tf.log(A3)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, A3))))),
      );
      const l2 = tf.mul(
        tf.addN(['W1', 'W2', 'W3'].map((k) => tf.sum(tf.square(q[k]!)))),
        lambd / (2 * 5),
      );
      return tf.add(ce, l2);
    };
    expectBackwardMatchesAutodiff({
      inputs: p,
      forward,
      dY: tf.scalar(1),
      backward: (q) => {
        const cache = fixtureDict(fx.cache) as ThreeLayerCache;
        const g = backwardPropagationWithRegularization(X, Y, cache, lambd);
        tf.dispose(Object.values(cache));
        return Object.fromEntries(Object.keys(q).map((k) => [k, g[`d${k}`]!]));
      },
    });
    tf.dispose([X, Y, p]);
  });
});

describe('forwardPropagationWithDropout', () => {
  it("draws the notebook's masks and gives its A3 (keep 0.7: [0.3697, 0.0031, 0.0457, 0.4968, 0.3697])", () => {
    tf.tidy(() => {
      const { A3, cache } = forwardPropagationWithDropout(
        fixtureTensor(fx.X),
        fixtureDict(fx.parameters),
        0.7,
      );
      expectTensorsClose(A3, fixtureTensor(fx.dropout_07.A3), TOL);
      expectFixtureDictClose(cache, fx.dropout_07.cache, TOL);
    });
  });

  it('the same seed repeats the masks; a RandomState continues the stream', () => {
    tf.tidy(() => {
      const X = fixtureTensor(fx.X);
      const p = fixtureDict(fx.parameters);
      const a = forwardPropagationWithDropout(X, p, 0.5, { seed: 7 }).cache;
      const b = forwardPropagationWithDropout(X, p, 0.5, { seed: 7 }).cache;
      expect(a.D1.arraySync()).toEqual(b.D1.arraySync());
      expect(a.D2.arraySync()).toEqual(b.D2.arraySync());
      const rng = new RandomState(7);
      const first = forwardPropagationWithDropout(X, p, 0.5, { seed: rng }).cache;
      const second = forwardPropagationWithDropout(X, p, 0.5, { seed: rng }).cache;
      expect(first.D1.arraySync()).toEqual(a.D1.arraySync());
      expect(second.D1.arraySync()).not.toEqual(first.D1.arraySync());
      // keep 1 keeps everything: the plain forward pass.
      const all = forwardPropagationWithDropout(X, p, 1).cache;
      expect(all.D1.min().arraySync()).toBe(1);
    });
  });

  it('returns A3 and a 14-tensor cache and leaks nothing', async () => {
    const X = fixtureTensor(fx.X);
    const p = fixtureDict(fx.parameters);
    expect(await expectNoLeaks(() => forwardPropagationWithDropout(X, p, 0.8))).toBe(15);
    tf.dispose([X, p]);
  });

  it('rejects keep probabilities outside (0, 1] and bad seeds', () => {
    tf.tidy(() => {
      const X = fixtureTensor(fx.X);
      const p = fixtureDict(fx.parameters);
      for (const k of [0, -0.1, 1.5, NaN]) {
        expect(() => forwardPropagationWithDropout(X, p, k)).toThrow(
          `forwardPropagationWithDropout: keepProb must be a finite number > 0 and <= 1, got ${k}`,
        );
      }
      expect(() => forwardPropagationWithDropout(X, p, 0.5, { seed: -1 })).toThrow(
        'forwardPropagationWithDropout: options.seed must be an integer',
      );
      expect(() => forwardPropagationWithDropout(X, p, 0.5, 3 as never)).toThrow(
        'forwardPropagationWithDropout: options must be an object, got number',
      );
    });
  });
});

describe('backwardPropagationWithDropout', () => {
  it('equals the NumPy notebook function (keep 0.8, the notebook masks)', () => {
    tf.tidy(() => {
      const { cache } = forwardPropagationWithDropout(
        fixtureTensor(fx.X),
        fixtureDict(fx.parameters),
        0.8,
      );
      const grads = backwardPropagationWithDropout(
        fixtureTensor(fx.X),
        fixtureTensor(fx.Y),
        cache,
        0.8,
      );
      expectFixtureDictClose(grads, fx.dropout_08.grads, TOL);
    });
  });

  it('is tf.grad of the dropout forward pass with the masks held fixed', () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    const p = fixtureDict(fx.parameters);
    const keep = 0.8;
    const { A3, cache } = forwardPropagationWithDropout(X, p, keep);
    const forward = (q: Record<string, tf.Tensor>): tf.Tensor => {
      const A1 = tf.div(tf.mul(tf.relu(tf.add(tf.matMul(q['W1']!, X), q['b1']!)), cache.D1), keep);
      const A2 = tf.div(tf.mul(tf.relu(tf.add(tf.matMul(q['W2']!, A1), q['b2']!)), cache.D2), keep);
      const Z3 = tf.add(tf.matMul(q['W3']!, A2), q['b3']!);
      return tf.mean(tf.losses.sigmoidCrossEntropy(Y, Z3, undefined, 0, tf.Reduction.NONE));
    };
    expectBackwardMatchesAutodiff({
      inputs: p,
      forward,
      dY: tf.scalar(1),
      backward: (q) => {
        const g = backwardPropagationWithDropout(X, Y, cache, keep);
        return Object.fromEntries(Object.keys(q).map((k) => [k, g[`d${k}`]!]));
      },
    });
    tf.dispose([X, Y, p, A3, cache]);
  });

  it('leaks nothing and rejects a cache without masks', async () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    const p = fixtureDict(fx.parameters);
    const { A3, cache } = forwardPropagationWithDropout(X, p, 0.8);
    expect(await expectNoLeaks(() => backwardPropagationWithDropout(X, Y, cache, 0.8))).toBe(11);
    const plain = fixtureDict(fx.cache) as DropoutCache;
    expect(() => backwardPropagationWithDropout(X, Y, plain, 0.8)).toThrow(
      'backwardPropagationWithDropout: cache has no D1',
    );
    expect(() => backwardPropagationWithDropout(X, Y, cache, 2)).toThrow(DlkitError);
    tf.dispose([X, Y, p, A3, cache, plain]);
  });
});

describe('regularization.model', () => {
  it('trains as the NumPy notebook model without regularisation, with L2 and with dropout', () => {
    const t = fx.train;
    const X = fixtureTensor(t.X);
    const Y = fixtureTensor(t.Y);
    for (const [name, ref] of Object.entries(t.models)) {
      const before = tf.memory().numTensors;
      const r = model(X, Y, t.learning_rate, t.iterations, false, ref.lambd, ref.keep_prob);
      expect(tf.memory().numTensors).toBe(before + 6);
      r.costs.forEach((c, i) =>
        expect(Math.abs(c - ref.costs[i]!) / ref.costs[i]!, `${name} ${i}`).toBeLessThan(1e-3),
      );
      expectFixtureDictClose(r.parameters, ref.parameters, { rtol: 2e-3, atol: 2e-4, label: name });
      tf.dispose(r.parameters);
    }
    tf.dispose([X, Y]);
    // Real training in float32 on the cpu backend: allow for a loaded machine.
  }, 600_000);

  it('refuses L2 and dropout together, as the notebook asserts', () => {
    tf.tidy(() => {
      const X = fixtureTensor(fx.train.X);
      const Y = fixtureTensor(fx.train.Y);
      expect(() => model(X, Y, 0.3, 1, false, 0.7, 0.86)).toThrow(
        'model: use L2 (lambd > 0) or dropout (keepProb < 1), not both',
      );
      expect(() => model(X, Y, 0.3, 1, false, 0, 0)).toThrow('model: keepProb must be');
    });
  });

  it('initializeParameters is the notebook (randn / √n[l-1], seed 3)', () => {
    tf.tidy(() => {
      const p = initializeParameters([3, 2, 1]);
      const rs = new RandomState(3);
      expectTensorsClose(p['W1']!, tf.div(rs.randn(2, 3), Math.sqrt(3)));
      expect(() => initializeParameters([3])).toThrow('initializeParameters: layerDims must list');
    });
  });
});
