import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { computeContentCost } from './content-cost.js';
import { gramMatrix } from './gram-matrix.js';
import { computeLayerStyleCost } from './layer-style-cost.js';
import { computeStyleCost } from './style-cost.js';
import { totalCost } from './total-cost.js';
import { totalVariationLoss } from './total-variation.js';
import { clip01 } from './clip-0-1.js';
import type { StyleLayer } from './style-layers.js';

interface Fixture {
  content: { a_C: FixtureTensor; a_G: FixtureTensor; J_content: number };
  gram: { A: FixtureTensor; GA: FixtureTensor };
  layer: { a_S: FixtureTensor; a_G: FixtureTensor; J_style_layer: number };
  style: {
    shapes: number[][];
    style_layers: StyleLayer[];
    style_image_output: FixtureTensor[];
    generated_image_output: FixtureTensor[];
    J_style: number;
    J_layers: number[];
  };
  total: { 'J_0.2_0.8': number; u: [number, number]; J_u: number; J_u_1_2: number };
  tv: { images: FixtureTensor; per_image: FixtureTensor; sum: number };
}

const fx = loadFixture<Fixture>('cnn_style');
const value = (t: tf.Tensor): number => t.dataSync()[0] as number;
/** float32 sums of up to a few hundred squares: relative agreement, not decimals. */
const F32 = { rtol: 1e-5, atol: 1e-6 };

describe('computeContentCost', () => {
  it('equals the NumPy formula on np.random.seed(1) normal(1, 4) activations', () => {
    tf.tidy(() => {
      const random = new RandomState(1);
      const aC = random.normal(1, 4, [1, 4, 4, 3]);
      const aG = random.normal(1, 4, [1, 4, 4, 3]);
      expectTensorsClose(aC, fixtureTensor(fx.content.a_C));
      expectTensorsClose(aG, fixtureTensor(fx.content.a_G));
      // Only the last output (the content layer) counts: an earlier one changes nothing.
      const J = computeContentCost([tf.zeros([1, 2, 2, 1]), aC], [tf.ones([1, 2, 2, 1]), aG]);
      expectTensorsClose(J, fx.content.J_content, F32);
    });
  });

  it('is zero for equal activations and grows as the square of the difference', () => {
    tf.tidy(() => {
      const a = new RandomState(2).randn(1, 3, 2, 4);
      expect(value(computeContentCost([a], [a]))).toBe(0);
      const J1 = value(computeContentCost([a], [a.add(0.5)]));
      const J2 = value(computeContentCost([a], [a.add(1)]));
      expect(J1).toBeCloseTo(0.25 / 4, 6);
      expect(J2 / J1).toBeCloseTo(4, 4);
    });
  });

  it('returns one tensor and leaks nothing', async () => {
    const [a, b] = [tf.ones([1, 2, 2, 3]), tf.zeros([1, 2, 2, 3])];
    expect(await expectNoLeaks(() => computeContentCost([a], [b]))).toBe(1);
    tf.dispose([a, b]);
  });

  it('names the output list, the index and the shapes on bad input', () => {
    tf.tidy(() => {
      const a = tf.ones([1, 2, 2, 3]);
      expectDlkitError(
        () => computeContentCost([a], [tf.ones([1, 2, 3, 3])]),
        'computeContentCost: generatedOutput[0] must have shape [1, nH, nW, nC] with nW = 2 (from contentOutput[0]), got [1, 2, 3, 3]',
      );
      expectDlkitError(
        () => computeContentCost([a], []),
        'computeContentCost: generatedOutput must be a non-empty array of activations [1, nH, nW, nC], got []',
      );
      expectDlkitError(
        () => computeContentCost([tf.ones([2, 2, 2, 3])], [a]),
        'computeContentCost: contentOutput[0] must have shape [1, nH, nW, nC], got [2, 2, 2, 3]',
      );
    });
  });
});

describe('gramMatrix', () => {
  it('equals A Aᵀ of NumPy on np.random.seed(1) normal(1, 4, (3, 2))', () => {
    tf.tidy(() => {
      const A = new RandomState(1).normal(1, 4, [3, 2]);
      expectTensorsClose(A, fixtureTensor(fx.gram.A));
      expectTensorsClose(gramMatrix(A), fixtureTensor(fx.gram.GA), F32);
    });
  });

  it('is symmetric with the squared row norms on its diagonal', () => {
    tf.tidy(() => {
      const A = new RandomState(3).randn(4, 6);
      const G = gramMatrix(A);
      expectTensorsClose(G, G.transpose(), { rtol: 0, atol: 1e-5 });
      expectTensorsClose(tf.linalg.bandPart(G, 0, 0).sum(0), A.square().sum(1), F32);
    });
  });

  it('returns one tensor and leaks nothing, and names A on bad input', async () => {
    const A = tf.ones([2, 3]);
    expect(await expectNoLeaks(() => gramMatrix(A))).toBe(1);
    A.dispose();
    tf.tidy(() => {
      expectDlkitError(
        () => gramMatrix(tf.ones([1, 2, 3])),
        'gramMatrix: A must have shape [nC, nHnW], got [1, 2, 3]',
      );
    });
  });
});

describe('computeLayerStyleCost', () => {
  it('equals the NumPy formula on np.random.seed(1) normal(1, 4) activations', () => {
    tf.tidy(() => {
      const random = new RandomState(1);
      const aS = random.normal(1, 4, [1, 4, 4, 3]);
      const aG = random.normal(1, 4, [1, 4, 4, 3]);
      expectTensorsClose(aS, fixtureTensor(fx.layer.a_S));
      expectTensorsClose(computeLayerStyleCost(aS, aG), fx.layer.J_style_layer, F32);
    });
  });

  it('ignores where features fire: shuffling positions leaves the cost at zero', () => {
    tf.tidy(() => {
      const a = new RandomState(4).randn(1, 3, 3, 2);
      const flat = a.reshape([9, 2]);
      const shuffled = tf.gather(flat, [8, 3, 5, 0, 1, 7, 2, 6, 4]).reshape([1, 3, 3, 2]);
      expect(value(computeLayerStyleCost(a, shuffled))).toBeCloseTo(0, 5);
      expect(value(computeLayerStyleCost(a, a.mul(2)))).toBeGreaterThan(0);
    });
  });

  it('returns one tensor and leaks nothing, and names aG on bad input', async () => {
    const [a, b] = [tf.ones([1, 2, 2, 3]), tf.zeros([1, 2, 2, 3])];
    expect(await expectNoLeaks(() => computeLayerStyleCost(a, b))).toBe(1);
    tf.dispose([a, b]);
    tf.tidy(() => {
      expectDlkitError(
        () => computeLayerStyleCost(tf.ones([1, 2, 2, 3]), tf.ones([1, 2, 2, 4])),
        'computeLayerStyleCost: aG must have shape [1, nH, nW, nC] with nC = 3 (from aS), got [1, 2, 2, 4]',
      );
    });
  });
});

describe('computeStyleCost', () => {
  const outputs = (list: FixtureTensor[]) => list.map((t) => fixtureTensor(t));

  it('equals the weighted NumPy sum over every output but the last', () => {
    tf.tidy(() => {
      const random = new RandomState(1);
      const shapes = fx.style.shapes;
      const style = shapes.map((s) => random.normal(1, 4, s));
      const generated = shapes.map((s) => random.normal(1, 4, s));
      style.forEach((a, i) =>
        expectTensorsClose(a, fixtureTensor(fx.style.style_image_output[i]!)),
      );
      expectTensorsClose(
        computeStyleCost(style, generated, fx.style.style_layers),
        fx.style.J_style,
        F32,
      );
      // Each layer's term is the NumPy layer cost.
      fx.style.J_layers.forEach((J, i) =>
        expectTensorsClose(computeLayerStyleCost(style[i]!, generated[i]!), J, F32),
      );
    });
  });

  it('does not look at the last output (the content layer)', () => {
    tf.tidy(() => {
      const style = outputs(fx.style.style_image_output);
      const generated = outputs(fx.style.generated_image_output);
      const changed = [...generated.slice(0, -1), generated.at(-1)!.mul(-3)];
      const J = computeStyleCost(style, generated, fx.style.style_layers);
      expectTensorsClose(computeStyleCost(style, changed, fx.style.style_layers), J, {
        rtol: 0,
        atol: 0,
      });
    });
  });

  it('returns one tensor and leaks nothing', async () => {
    const style = outputs(fx.style.style_image_output);
    const generated = outputs(fx.style.generated_image_output);
    expect(
      await expectNoLeaks(() => computeStyleCost(style, generated, fx.style.style_layers)),
    ).toBe(1);
    tf.dispose([...style, ...generated]);
  });

  it('names the layers, the weights and the shapes on bad input', () => {
    tf.tidy(() => {
      const style = outputs(fx.style.style_image_output);
      const generated = outputs(fx.style.generated_image_output);
      expectDlkitError(
        () => computeStyleCost(style, generated, [['s1', 1]]),
        /^computeStyleCost: STYLE_LAYERS must be an array of 3 \[name, weight\] pairs/,
      );
      expectDlkitError(
        () =>
          computeStyleCost(style, generated, [
            ['s1', 1],
            ['s2', -1],
            ['s3', 1],
          ]),
        'computeStyleCost: STYLE_LAYERS[1][1] must be a finite number >= 0, got -1',
      );
      expectDlkitError(
        () => computeStyleCost(style, generated.slice(1), fx.style.style_layers),
        'computeStyleCost: generatedImageOutput must hold as many activations as styleImageOutput (4), got 3',
      );
      expectDlkitError(
        () =>
          computeStyleCost(
            style,
            [...generated.slice(0, 3), tf.ones([1, 2, 2, 7])],
            fx.style.style_layers,
          ),
        'computeStyleCost: generatedImageOutput[3] must have shape [1, nH, nW, nC] with nC = 8 (from styleImageOutput[3]), got [1, 2, 2, 7]',
      );
    });
  });
});

describe('totalCost', () => {
  it("gives the notebook's 34 and alpha J_content + beta J_style on np.random.seed(1) draws", () => {
    tf.tidy(() => {
      expectTensorsClose(totalCost(0.2, 0.8), fx.total['J_0.2_0.8'], F32);
      const random = new RandomState(1);
      const [u1, u2] = [random.uniform(0, 1), random.uniform(0, 1)];
      expect([u1, u2]).toEqual(fx.total.u);
      expectTensorsClose(totalCost(u1, u2), fx.total.J_u, F32);
      expectTensorsClose(totalCost(tf.scalar(u1), tf.scalar(u2), 1, 2), fx.total.J_u_1_2, F32);
    });
  });

  it('returns one tensor and leaks nothing, with numbers or tensors', async () => {
    expect(await expectNoLeaks(() => totalCost(1, 2))).toBe(1);
    const [a, b] = [tf.scalar(1), tf.scalar(2)];
    expect(await expectNoLeaks(() => totalCost(a, b))).toBe(1);
    tf.dispose([a, b]);
  });

  it('names the cost or weight at fault', () => {
    tf.tidy(() => {
      expectDlkitError(
        () => totalCost(NaN, 1),
        'totalCost: JContent must be a finite number, got NaN',
      );
      expectDlkitError(
        () => totalCost(1, tf.ones([2])),
        'totalCost: JStyle must have rank 0, got shape [2]',
      );
      expectDlkitError(
        () => totalCost(1, 1, Infinity),
        'totalCost: alpha must be a finite number, got Infinity',
      );
    });
  });
});

describe('totalVariationLoss', () => {
  it("equals tf.image.total_variation's formula in NumPy, summed over the batch", () => {
    tf.tidy(() => {
      const images = new RandomState(1).rand(2, 5, 4, 3);
      expectTensorsClose(images, fixtureTensor(fx.tv.images));
      expectTensorsClose(totalVariationLoss(images), fx.tv.sum, F32);
      const perImage = [0, 1].map((i) => value(totalVariationLoss(images.slice([i], [1]))));
      expectTensorsClose(tf.tensor(perImage), fixtureTensor(fx.tv.per_image), F32);
    });
  });

  it('is zero for a flat image and the same for a shifted one', () => {
    tf.tidy(() => {
      expect(value(totalVariationLoss(tf.fill([1, 3, 3, 2], 0.7)))).toBe(0);
      const x = new RandomState(5).rand(1, 4, 4, 3);
      expectTensorsClose(totalVariationLoss(x.add(0.25)), totalVariationLoss(x), F32);
    });
  });

  it('returns one tensor and leaks nothing, and names images on bad input', async () => {
    const x = tf.ones([1, 2, 2, 1]);
    expect(await expectNoLeaks(() => totalVariationLoss(x))).toBe(1);
    x.dispose();
    tf.tidy(() => {
      expectDlkitError(
        () => totalVariationLoss(tf.ones([2, 2, 1])),
        'totalVariationLoss: images must have shape [m, nH, nW, nC], got [2, 2, 1]',
      );
    });
  });
});

describe('clip01', () => {
  it('clips to [0, 1] and keeps what is inside', () => {
    tf.tidy(() => {
      const x = tf.tensor([-2, -0, 0.3, 1, 1.7]);
      expectTensorsClose(clip01(x), tf.tensor([0, 0, 0.3, 1, 1]), { rtol: 0, atol: 0 });
    });
  });

  it('returns one tensor and leaks nothing, and names image on bad input', async () => {
    const x = tf.ones([2]);
    expect(await expectNoLeaks(() => clip01(x))).toBe(1);
    x.dispose();
    expectDlkitError(() => clip01(null as never), 'clip01: image must be a tf.Tensor, got null');
  });
});
