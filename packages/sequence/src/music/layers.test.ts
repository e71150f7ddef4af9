import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks } from '@dlkit/test-harness';
import { OneHotArgmax } from './one-hot-argmax.js';
import { SliceTimestep } from './slice-timestep.js';

describe('OneHotArgmax', () => {
  it('gives the one-hot vector of each row argmax, the first on a tie, as tf.oneHot(tf.argMax)', () => {
    const p = tf.tensor2d([
      [0.2, 0.5, 0.3],
      [0.4, 0.4, 0.2],
      [-3, -1, -2],
    ]);
    const x = new OneHotArgmax().apply(p) as tf.Tensor;
    expect(x.dtype).toBe('float32');
    expect(x.arraySync()).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    tf.dispose([p, x]);
  });

  it('works symbolically (shape [m, n]) and round-trips its config', () => {
    const input = tf.input({ shape: [4] });
    const layer = new OneHotArgmax({ name: 'pick' });
    const out = layer.apply(input) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 4]);
    const copy = OneHotArgmax.fromConfig(OneHotArgmax, layer.getConfig()) as OneHotArgmax;
    expect(copy.name).toBe('pick');
    expect(
      tf.serialization.SerializationMap.getMap().classNameMap['DlkitOneHotArgmax'],
    ).toBeDefined();
  });

  it('returns one tensor and leaks nothing', async () => {
    const p = tf.tensor2d([[1, 2]]);
    const layer = new OneHotArgmax();
    expect(await expectNoLeaks(() => layer.apply(p) as tf.Tensor)).toBe(1);
    p.dispose();
  });

  it('rejects inputs that are not [m, n]', () => {
    const x = tf.zeros([2, 3, 4]);
    expectDlkitError(
      () => new OneHotArgmax().apply(x),
      'OneHotArgmax.call: inputs must have rank 2, got shape [2, 3, 4]',
    );
    expectDlkitError(
      () => new OneHotArgmax().computeOutputShape([3]),
      'OneHotArgmax.computeOutputShape: inputShape must be [m, n], got [3]',
    );
    expectDlkitError(
      () => new OneHotArgmax(5 as never),
      'OneHotArgmax: args must be an object, got number 5',
    );
    x.dispose();
  });
});

describe('SliceTimestep', () => {
  it('takes X[:, t, :], symbolically and eagerly, and round-trips { t }', () => {
    const X = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ]);
    const layer = new SliceTimestep({ t: 2 });
    const x = layer.apply(X) as tf.Tensor;
    expect(x.arraySync()).toEqual([
      [5, 6],
      [11, 12],
    ]);
    expect((layer.apply(tf.input({ shape: [3, 2] })) as tf.SymbolicTensor).shape).toEqual([
      null,
      2,
    ]);
    const copy = SliceTimestep.fromConfig(SliceTimestep, layer.getConfig()) as SliceTimestep;
    expect(copy.t).toBe(2);
    tf.dispose([X, x]);
  });

  it('returns one tensor and leaks nothing', async () => {
    const X = tf.zeros([1, 2, 3]);
    const layer = new SliceTimestep({ t: 0 });
    expect(await expectNoLeaks(() => layer.apply(X) as tf.Tensor)).toBe(1);
    X.dispose();
  });

  it('rejects a bad t and inputs too short for it', () => {
    expectDlkitError(
      () => new SliceTimestep({ t: -1 }),
      'SliceTimestep: args.t must be an integer >= 0 and <= 1000000, got -1',
    );
    expectDlkitError(
      () => new SliceTimestep(undefined as never),
      /^SliceTimestep: args must be an object \{ t \}/,
    );
    const X = tf.zeros([1, 2, 3]);
    expectDlkitError(
      () => new SliceTimestep({ t: 2 }).apply(X),
      'SliceTimestep.call: inputs must be [m, Tx, n] with Tx > 2, got [1, 2, 3]',
    );
    expectDlkitError(
      () => new SliceTimestep({ t: 2 }).computeOutputShape([null, 2, 3]),
      'SliceTimestep.computeOutputShape: inputShape must be [m, Tx, n] with Tx > 2, got [*, 2, 3]',
    );
    X.dispose();
  });
});
