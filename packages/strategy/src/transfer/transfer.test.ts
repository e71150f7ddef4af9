import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@dlkit/test-harness';
import { freezeLayers, replaceHead, unfreezeLayers } from './transfer.js';

function base(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 6, inputShape: [4], activation: 'relu', name: 'features1' }),
      tf.layers.dense({ units: 5, activation: 'relu', name: 'features2' }),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'imagenet_head' }),
    ],
  });
}

function disposeModel(model: tf.LayersModel): void {
  if (model.optimizer) model.optimizer.dispose();
  model.dispose();
}

describe('freezeLayers and unfreezeLayers', () => {
  it('freeze all but the last layer by default, by index or by name, and unfreeze', () => {
    const model = base();
    expect(freezeLayers(model)).toEqual(['features1', 'features2']);
    expect(model.layers.map((l) => l.trainable)).toEqual([false, false, true]);
    expect(unfreezeLayers(model, 'features2')).toEqual(['features2', 'imagenet_head']);
    expect(model.layers.map((l) => l.trainable)).toEqual([false, true, true]);
    expect(freezeLayers(model, 0)).toEqual(['features1']);
    expect(unfreezeLayers(model)).toEqual(['features1', 'features2', 'imagenet_head']);
    expect(model.trainableWeights.length).toBe(6);
    freezeLayers(model, -1);
    expect(model.trainableWeights.length).toBe(0);
    disposeModel(model);
  });

  it('rejects unknown layers and non-models', () => {
    const model = base();
    expect(() => freezeLayers(model, 'nope')).toThrow(
      'freezeLayers: upTo: no layer named "nope" (layers: features1, features2, imagenet_head)',
    );
    expect(() => unfreezeLayers(model, 7)).toThrow(
      'unfreezeLayers: from must be an integer >= -3 and <= 2, got 7',
    );
    expect(() => freezeLayers({} as never)).toThrow(
      'freezeLayers: model must be a tf.LayersModel (tf.sequential or tf.model)',
    );
    disposeModel(model);
  });
});

describe('replaceHead', () => {
  it('course C3 W2 radiology: new sigmoid head, frozen base keeps its pre-trained weights through training', async () => {
    const pre = base();
    const before = pre.layers.slice(0, 2).flatMap((l) => l.getWeights().map((w) => w.clone()));
    const radiology = replaceHead(pre, [
      tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'radiology_head' }),
    ]);
    expect(radiology.outputs[0]?.shape).toEqual([null, 1]);
    expect(radiology.layers.map((l) => l.name)).toEqual([
      'features1_input',
      'features1',
      'features2',
      'radiology_head',
    ]);
    // The kept layers are the same objects: the pre-trained weights are shared, not copied.
    expect(radiology.getLayer('features1')).toBe(pre.getLayer('features1'));
    expect(radiology.trainableWeights.length).toBe(2);
    radiology.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
    const headBefore = radiology
      .getLayer('radiology_head')
      .getWeights()
      .map((w) => w.clone());
    const x = tf.tensor2d([
      [1, 0, 1, 0],
      [0, 1, 0, 1],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
    const y = tf.tensor2d([[1], [0], [1], [0]]);
    await radiology.fit(x, y, { epochs: 5, verbose: 0 });
    const after = pre.layers.slice(0, 2).flatMap((l) => l.getWeights());
    before.forEach((w, i) => expectTensorsClose(after[i] as tf.Tensor, w, { rtol: 0, atol: 0 }));
    const headAfter = radiology.getLayer('radiology_head').getWeights();
    const moved = headAfter.some(
      (w, i) =>
        tf.tidy(
          () =>
            w
              .sub(headBefore[i] as tf.Tensor)
              .abs()
              .max()
              .dataSync()[0] as number,
        ) > 0,
    );
    expect(moved).toBe(true);
    // With more radiology data: unfreeze everything, recompile, and the base trains too.
    unfreezeLayers(radiology);
    radiology.optimizer.dispose();
    radiology.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
    expect(radiology.trainableWeights.length).toBe(6);
    await radiology.fit(x, y, { epochs: 2, verbose: 0 });
    const tuned = pre.getLayer('features1').getWeights()[0] as tf.Tensor;
    expect(
      tf.tidy(
        () =>
          tuned
            .sub(before[0] as tf.Tensor)
            .abs()
            .max()
            .dataSync()[0] as number,
      ),
    ).toBeGreaterThan(0);
    tf.dispose([...before, ...headBefore, x, y]);
    disposeModel(radiology);
    disposeModel(pre);
  });

  it('removes several layers, takes a function head, and works on functional models', () => {
    const pre = base();
    const small = replaceHead(
      pre,
      (f) => tf.layers.dense({ units: 2 }).apply(f) as tf.SymbolicTensor,
      {
        removeLayers: 2,
        freezeBase: false,
      },
    );
    expect(small.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense', 'Dense']);
    expect(pre.getLayer('features1').trainable).toBe(true);
    const input = tf.input({ shape: [3] });
    const hidden = tf.layers.dense({ units: 4, name: 'hidden' }).apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, name: 'out' }).apply(hidden) as tf.SymbolicTensor;
    const functional = tf.model({ inputs: input, outputs: out });
    const replaced = replaceHead(functional, tf.layers.dense({ units: 7 }));
    expect(replaced.outputs[0]?.shape).toEqual([null, 7]);
    expect(functional.getLayer('hidden').trainable).toBe(false);
    const all = replaceHead(functional, tf.layers.dense({ units: 1 }), { removeLayers: 2 });
    expect(all.outputs[0]?.shape).toEqual([null, 1]);
    const x = tf.ones([2, 3]);
    const yhat = replaced.predict(x) as tf.Tensor;
    expect(yhat.shape).toEqual([2, 7]);
    tf.dispose([x, yhat]);
    for (const m of [small, replaced, all, functional, pre]) disposeModel(m);
  });

  it('the original and the new model can be disposed in either order without leaks', () => {
    for (const order of ['new first', 'original first']) {
      const start = tf.memory().numTensors;
      const pre = base();
      const next = replaceHead(pre, tf.layers.dense({ units: 2 }));
      const x = tf.ones([1, 4]);
      const [a, b] = order === 'new first' ? [next, pre] : [pre, next];
      a.dispose();
      const y = b.predict(x) as tf.Tensor;
      expect(y.shape[0]).toBe(1);
      tf.dispose([x, y]);
      b.dispose();
      expect(tf.memory().numTensors).toBe(start);
    }
  });

  it('rejects a bad removeLayers and an empty head', () => {
    const pre = base();
    expect(() => replaceHead(pre, [], {})).toThrow(
      'replaceHead: head must hold at least one layer',
    );
    expect(() => replaceHead(pre, tf.layers.dense({ units: 1 }), { removeLayers: 4 })).toThrow(
      'replaceHead: removeLayers must be an integer >= 1 and <= 3, got 4',
    );
    disposeModel(pre);
  });
});
