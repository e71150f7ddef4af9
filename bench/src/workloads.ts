/**
 * The five training workloads of issue 3, built with tf.layers (and plain variables for the
 * Transformer encoder layer, which tf.layers lacks), fed with random data. The PyTorch twins in
 * torch/workloads.py use the same shapes, losses and optimizer (Adam, lr 1e-3). The LSTMs use
 * sigmoid gates like PyTorch's (tf.layers' default `recurrentActivation` is `hardSigmoid`).
 *
 * Each workload is built on one of two stacks doing the same arithmetic: `tfjs` (tf.layers'
 * LSTM, `tf.train.adam`: what plain tfjs offers) or `dlkit` (the LSTM layer of
 * `@dlkit/sequence` and the Adam of `@dlkit/optimizers`, which run dlkit's fused kernels where
 * the backend registers them).
 */
import * as tf from '@tensorflow/tfjs';
import { AdamWOptimizer, MomentumOptimizer, RmspropOptimizer, adam } from '@dlkit/optimizers';
import { EncoderLayer, gru, lstm } from '@dlkit/sequence';
import { resNet18 } from '@dlkit/cnn';
import type { ParallelLoss } from '@dlkit/backend';

/** Which layers and optimizer a workload is built from (see the module comment). */
export type Stack = 'dlkit' | 'tfjs';

/** Adam with learning rate 1e-3 from the stack's library. */
function adamOf(stack: Stack): tf.Optimizer {
  return stack === 'dlkit' ? adam(1e-3) : tf.train.adam(1e-3);
}

/**
 * The optimizers of the `mlp-<optimizer>` rows (issue 13), the same on both stacks where tfjs has
 * the optimizer: momentum 0.9 with lr 0.01 (`tf.train.momentum` is PyTorch's form), RMSprop with
 * lr 1e-3 and decay 0.9 (`tf.train.rmsprop` puts ε inside the root: the same cost), AdamW with lr
 * 1e-3 and weight decay 0.01. tfjs has no AdamW: its row runs `tf.train.adam`, one multiply per
 * variable cheaper.
 */
const MLP_OPTIMIZERS = {
  momentum: (stack: Stack): tf.Optimizer =>
    stack === 'dlkit'
      ? new MomentumOptimizer(0.01, 0.9, { form: 'pytorch' })
      : tf.train.momentum(0.01, 0.9),
  rmsprop: (stack: Stack): tf.Optimizer =>
    stack === 'dlkit' ? new RmspropOptimizer(1e-3, 0.9, 1e-7) : tf.train.rmsprop(1e-3, 0.9),
  adamw: (stack: Stack): tf.Optimizer =>
    stack === 'dlkit' ? new AdamWOptimizer(1e-3, 0.01) : tf.train.adam(1e-3),
};

/** An LSTM layer of 128 units with sigmoid gates from the stack's library. */
function lstmOf(stack: Stack, inputShape?: [number, number]): tf.layers.Layer {
  const args = inputShape === undefined ? { units: 128 } : { units: 128, inputShape };
  return stack === 'dlkit'
    ? lstm(args)
    : tf.layers.lstm({ ...args, recurrentActivation: 'sigmoid' });
}

/** One training workload: a step function on fixed random data, and its batch size. */
export interface Workload {
  name: string;
  batch: number;
  /** One optimizer step; returns the loss (a scalar the caller disposes). */
  step: () => tf.Scalar;
  dispose: () => void;
  /**
   * The same training as a `LayersModel` for `createDataParallelTrainer` (the `dlkit-…-workers`
   * engine), where the workload is one; `dispose` frees it too.
   */
  parallel?: ParallelSpec;
}

/** What a data-parallel trainer needs to train a workload's model. */
export interface ParallelSpec {
  model: tf.LayersModel;
  x: tf.Tensor;
  y: tf.Tensor;
  loss: ParallelLoss;
  optimizer: tf.Optimizer;
  /** The modules that register dlkit's custom layers, for the workers. */
  imports: string[];
}

const LAYER_MODULES = [import.meta.resolve('@dlkit/sequence'), import.meta.resolve('@dlkit/cnn')];

export const WORKLOAD_NAMES = [
  'mlp',
  'lenet5',
  'charlstm',
  'embedlstm',
  'transformer',
  'mlp-momentum',
  'mlp-rmsprop',
  'mlp-adamw',
  'gru',
  'resnet18',
] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

function oneHotLabels(batch: number, classes: number): tf.Tensor2D {
  return tf.tidy(() =>
    tf.oneHot(tf.randomUniformInt([batch], 0, classes, 1), classes).toFloat(),
  ) as tf.Tensor2D;
}

function layersWorkload(
  name: string,
  batch: number,
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  stack: Stack,
  optimizerOf: (stack: Stack) => tf.Optimizer = adamOf,
): Workload {
  model.compile({ optimizer: optimizerOf(stack), loss: 'categoricalCrossentropy' });
  const opt = model.optimizer;
  const step = (): tf.Scalar =>
    opt.minimize(() => {
      const out = model.apply(x, { training: true }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar;
    }, true) as tf.Scalar;
  return {
    name,
    batch,
    step,
    dispose: () => {
      model.dispose();
      opt.dispose();
      tf.dispose([x, y]);
    },
    parallel: {
      model,
      x,
      y,
      loss: 'softmaxCrossEntropy',
      optimizer: opt,
      imports: LAYER_MODULES,
    },
  };
}

export function mlp(stack: Stack, optimizer?: keyof typeof MLP_OPTIMIZERS): Workload {
  const batch = 128;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu' }),
      tf.layers.dense({ units: 256, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  return layersWorkload(
    optimizer === undefined ? 'mlp' : `mlp-${optimizer}`,
    batch,
    model,
    tf.randomNormal([batch, 784]),
    oneHotLabels(batch, 10),
    stack,
    optimizer === undefined ? adamOf : MLP_OPTIMIZERS[optimizer],
  );
}

/** LeNet-5 as in the course (C4 W2): conv5-6 same, pool, conv5-16, pool, 120, 84, 10; ReLU, max pooling. */
export function lenet5Model(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 6,
        kernelSize: 5,
        padding: 'same',
        activation: 'relu',
      }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: 'relu' }),
      tf.layers.dense({ units: 84, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
}

export function lenet5(stack: Stack): Workload {
  const batch = 64;
  return layersWorkload(
    'lenet5',
    batch,
    lenet5Model(),
    tf.randomNormal([batch, 28, 28, 1]),
    oneHotLabels(batch, 10),
    stack,
  );
}

export function charLstm(stack: Stack): Workload {
  const batch = 32;
  const model = tf.sequential({
    layers: [lstmOf(stack, [40, 64]), tf.layers.dense({ units: 64 })],
  });
  const x = tf.tidy(() => tf.oneHot(tf.randomUniformInt([batch, 40], 0, 64, 2), 64).toFloat());
  return layersWorkload('charlstm', batch, model, x, oneHotLabels(batch, 64), stack);
}

export function embedLstm(stack: Stack): Workload {
  const batch = 32;
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 64, outputDim: 32, inputLength: 40 }),
      lstmOf(stack),
      tf.layers.dense({ units: 64 }),
    ],
  });
  const x = tf.randomUniformInt([batch, 40], 0, 64, 3).toFloat();
  return layersWorkload('embedlstm', batch, model, x, oneHotLabels(batch, 64), stack);
}

/**
 * The `embedlstm` row with a GRU (issue 15): Embedding(64, 32), GRU 128, seq 40, batch 32,
 * 64-way softmax. dlkit's GRU has Keras' defaults (reset gate after the recurrent product,
 * PyTorch's `nn.GRU` form); tf.layers.gru has only the reset-before form, given sigmoid gates
 * here. The two forms cost the same: three `[32, 128] · [128, 128]` products a step.
 */
export function embedGru(stack: Stack): Workload {
  const batch = 32;
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 64, outputDim: 32, inputLength: 40 }),
      stack === 'dlkit'
        ? gru({ units: 128 })
        : tf.layers.gru({ units: 128, recurrentActivation: 'sigmoid' }),
      tf.layers.dense({ units: 64 }),
    ],
  });
  const x = tf.randomUniformInt([batch, 40], 0, 64, 3).toFloat();
  return layersWorkload('gru', batch, model, x, oneHotLabels(batch, 64), stack);
}

/**
 * One post-LN Transformer encoder layer (d_model 64, 4 heads, ffn 128, ReLU), on plain
 * variables: `x + MHA(x)` → LayerNorm → `+ FFN` → LayerNorm, then a mean over positions and a
 * 10-way softmax classifier.
 */
export function transformer(stack: Stack): Workload {
  const [batch, seq, d, heads, ffn] = [32, 32, 64, 4, 128];
  if (stack === 'dlkit') return dlkitTransformer(batch, seq, d, heads, ffn);
  const dk = d / heads;
  const glorot = (shape: [number, number]): tf.Variable =>
    tf.variable(
      tf.randomUniform(
        shape,
        -Math.sqrt(6 / (shape[0] + shape[1])),
        Math.sqrt(6 / (shape[0] + shape[1])),
      ),
    );
  const zeros = (n: number): tf.Variable => tf.variable(tf.zeros([n]));
  const ones = (n: number): tf.Variable => tf.variable(tf.ones([n]));
  const p = {
    wq: glorot([d, d]),
    bq: zeros(d),
    wk: glorot([d, d]),
    bk: zeros(d),
    wv: glorot([d, d]),
    bv: zeros(d),
    wo: glorot([d, d]),
    bo: zeros(d),
    g1: ones(d),
    b1: zeros(d),
    w1: glorot([d, ffn]),
    c1: zeros(ffn),
    w2: glorot([ffn, d]),
    c2: zeros(d),
    g2: ones(d),
    b2: zeros(d),
    wc: glorot([d, 10]),
    bc: zeros(10),
  };
  const x = tf.randomNormal([batch, seq, d]);
  const y = oneHotLabels(batch, 10);
  const opt = adamOf(stack);
  const dense2 = (t: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D =>
    tf.add(tf.matMul(t, w), b);
  const layerNorm = (t: tf.Tensor2D, g: tf.Variable, b: tf.Variable): tf.Tensor2D => {
    const { mean, variance } = tf.moments(t, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  const split = (t: tf.Tensor2D): tf.Tensor3D =>
    tf
      .transpose(tf.reshape(t, [batch, seq, heads, dk]), [0, 2, 1, 3])
      .reshape([batch * heads, seq, dk]);
  const loss = (): tf.Scalar => {
    const x2 = tf.reshape(x, [batch * seq, d]) as tf.Tensor2D;
    const q = split(dense2(x2, p.wq, p.bq));
    const k = split(dense2(x2, p.wk, p.bk));
    const v = split(dense2(x2, p.wv, p.bv));
    const att = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dk)));
    const ctx = tf.matMul(att, v); // [b*h, seq, dk]
    const merged = tf
      .transpose(tf.reshape(ctx, [batch, heads, seq, dk]), [0, 2, 1, 3])
      .reshape([batch * seq, d]) as tf.Tensor2D;
    const h1 = layerNorm(tf.add(x2, dense2(merged, p.wo, p.bo)), p.g1, p.b1);
    const f = dense2(tf.relu(dense2(h1, p.w1, p.c1)), p.w2, p.c2);
    const h2 = layerNorm(tf.add(h1, f), p.g2, p.b2);
    const pooled = tf.mean(tf.reshape(h2, [batch, seq, d]), 1) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(y, dense2(pooled, p.wc, p.bc)) as tf.Scalar;
  };
  return {
    name: 'transformer',
    batch,
    step: () => opt.minimize(loss, true) as tf.Scalar,
    dispose: () => {
      tf.dispose([x, y, ...Object.values(p)]);
      opt.dispose();
    },
  };
}

/**
 * The `transformer` row on dlkit's stack (issue 17): the same function built from
 * `@dlkit/sequence`'s `EncoderLayer` (post-LN, each head d / heads wide, dropout 0, eps 1e-5 as
 * PyTorch's default) in a `tf.model`, mean-pooled into a 10-way dense layer, Adam from
 * `@dlkit/optimizers`.
 */
function dlkitTransformer(
  batch: number,
  seq: number,
  d: number,
  heads: number,
  ffn: number,
): Workload {
  const input = tf.input({ shape: [seq, d] });
  const encoded = new EncoderLayer(d, heads, ffn, 0, 1e-5, { seed: 1 }).apply(
    input,
  ) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling1d().apply(encoded) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 10 }).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: logits });
  return layersWorkload(
    'transformer',
    batch,
    model,
    tf.randomNormal([batch, seq, d]),
    oneHotLabels(batch, 10),
    'dlkit',
  );
}

/**
 * ResNet-18 for 32×32×3 images and 10 classes (issue 14): `@dlkit/cnn`'s `resNet18` with its
 * small-image stem (3×3, no max-pool), 11,173,962 trainable parameters as in PyTorch's twin,
 * batch 8, batch norm in training mode, cross-entropy on its softmax output, Adam 1e-3. Batch 8,
 * not 32: at 32 one tfjs `cpu` step took more than 6 minutes on the loaded machine, so the three
 * implementations could not be timed in one run (the twin uses the same batch).
 */
export function resnet18(stack: Stack): Workload {
  const batch = 8;
  const model = resNet18([32, 32, 3], 10, { seed: 1 });
  const x = tf.randomNormal([batch, 32, 32, 3], 0, 1, 'float32', 4);
  const y = oneHotLabels(batch, 10);
  const opt = adamOf(stack);
  const loss = (): tf.Scalar => {
    const p = model.apply(x, { training: true }) as tf.Tensor;
    return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(p, 1e-7))), -1))) as tf.Scalar;
  };
  return {
    name: 'resnet18',
    batch,
    step: () => opt.minimize(loss, true) as tf.Scalar,
    dispose: () => {
      model.dispose();
      opt.dispose();
      tf.dispose([x, y]);
    },
    // Categorical cross-entropy clips p to [1e-7, 1 - 1e-7] where the step adds 1e-7: the same
    // cost. Batch norm computes its statistics per shard (4 + 4 examples with one worker).
    parallel: {
      model,
      x,
      y,
      loss: 'categoricalCrossentropy',
      optimizer: opt,
      imports: LAYER_MODULES,
    },
  };
}

export const WORKLOADS: Record<WorkloadName, (stack: Stack) => Workload> = {
  mlp: (stack) => mlp(stack),
  'mlp-momentum': (stack) => mlp(stack, 'momentum'),
  'mlp-rmsprop': (stack) => mlp(stack, 'rmsprop'),
  'mlp-adamw': (stack) => mlp(stack, 'adamw'),
  lenet5,
  charlstm: charLstm,
  embedlstm: embedLstm,
  transformer,
  gru: embedGru,
  resnet18,
};
