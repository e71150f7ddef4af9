/**
 * adam() (one fused DlkitAdamUpdate kernel per variable) against tf.train.adam (a dozen
 * element-wise kernels per variable) on `@dlkit/backend`'s wasm backend:
 *
 * - `optimizer only`: applyGradients with fixed gradients on the variables of the bench's MLP
 *   (784-512-256-10) and Transformer encoder layer (18 variables);
 * - `full step`: one training step (forward, backward, update) of the same two workloads,
 *   batch 128 and 32, as in bench/src/workloads.ts.
 *
 * Run from packages/optimizers: `pnpm run bench:adam` (`--seconds N` per measurement, default 3).
 */
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@dlkit/backend';
import { adam } from '../src/index.js';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 3;

type Maker = () => tf.Optimizer;
const OPTIMIZERS: [string, Maker][] = [
  ['tf.train.adam', () => tf.train.adam(1e-3)],
  ['dlkit adam()', () => adam(1e-3)],
];

/**
 * Milliseconds per step of `a` and of `b`, timed in alternating rounds (so both see the same
 * machine load; the cores here are shared) after warm-up: the best round of each.
 */
function timePair(a: () => void, b: () => void): [number, number] {
  for (let i = 0; i < 5; i++) {
    a();
    b();
  }
  const best = [Infinity, Infinity];
  const rounds = 8;
  for (let r = 0; r < rounds; r++) {
    [a, b].forEach((run, k) => {
      const start = performance.now();
      let steps = 0;
      while (performance.now() - start < (SECONDS * 1000) / (2 * rounds) || steps < 3) {
        run();
        steps++;
      }
      best[k] = Math.min(best[k]!, (performance.now() - start) / steps);
    });
  }
  return [best[0]!, best[1]!];
}

async function kernelsPerStep(run: () => void): Promise<number> {
  const info = await tf.profile(run);
  return info.kernels.length;
}

const mlpShapes = (): number[][] => [[784, 512], [512], [512, 256], [256], [256, 10], [10]];
const transformerShapes = (): number[][] => {
  const d = 64;
  const ffn = 128;
  return [
    ...[0, 1, 2, 3].flatMap(() => [[d, d], [d]]),
    [d],
    [d],
    [d, ffn],
    [ffn],
    [ffn, d],
    [d],
    [d],
    [d],
    [d, 10],
    [10],
  ];
};

function mlpModel(): { loss: () => tf.Scalar; vars: tf.Variable[]; dispose: () => void } {
  const batch = 128;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu' }),
      tf.layers.dense({ units: 256, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  const x = tf.randomNormal([batch, 784]);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniformInt([batch], 0, 10, 1), 10).toFloat());
  return {
    loss: () =>
      tf.losses.softmaxCrossEntropy(
        y,
        model.apply(x, { training: true }) as tf.Tensor,
      ) as tf.Scalar,
    vars: model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val),
    dispose: () => {
      model.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** bench/src/workloads.ts' Transformer encoder layer (d_model 64, 4 heads, ffn 128, seq 32, batch 32). */
function transformerModel(): { loss: () => tf.Scalar; vars: tf.Variable[]; dispose: () => void } {
  const [batch, seq, d, heads, ffn] = [32, 32, 64, 4, 128];
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
  const y = tf.tidy(() => tf.oneHot(tf.randomUniformInt([batch], 0, 10, 1), 10).toFloat());
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
    const ctx = tf.matMul(att, v);
    const merged = tf
      .transpose(tf.reshape(ctx, [batch, heads, seq, dk]), [0, 2, 1, 3])
      .reshape([batch * seq, d]) as tf.Tensor2D;
    const h1 = layerNorm(tf.add(x2, dense2(merged, p.wo, p.bo)), p.g1, p.b1);
    const f = dense2(tf.relu(dense2(h1, p.w1, p.c1)), p.w2, p.c2);
    const h2 = layerNorm(tf.add(h1, f), p.g2, p.b2);
    const pooled = tf.mean(tf.reshape(h2, [batch, seq, d]), 1) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(y, dense2(pooled, p.wc, p.bc)) as tf.Scalar;
  };
  return { loss, vars: Object.values(p), dispose: () => tf.dispose([x, y, ...Object.values(p)]) };
}

interface Row {
  workload: string;
  measure: string;
  optimizer: string;
  msPerStep: number;
  kernels: number;
}

interface Case {
  run: () => void;
  dispose: () => void;
}

async function measure(
  rows: Row[],
  workload: string,
  label: string,
  make: (opt: tf.Optimizer) => Case,
): Promise<void> {
  const cases = OPTIMIZERS.map(([, maker]) => make(maker()));
  const [a, b] = cases as [Case, Case];
  a.run(); // the first step creates the optimizer's moments
  b.run();
  const before = tf.memory().numTensors;
  const ms = timePair(a.run, b.run);
  const kernels = [await kernelsPerStep(a.run), await kernelsPerStep(b.run)];
  if (tf.memory().numTensors !== before)
    throw new Error(`${workload} ${label}: tensor count not flat`);
  for (const [i, c] of cases.entries()) {
    rows.push({
      workload,
      measure: label,
      optimizer: OPTIMIZERS[i]![0],
      msPerStep: ms[i]!,
      kernels: kernels[i]!,
    });
    c.dispose();
  }
}

async function main(): Promise<void> {
  const backend = await setupBackend({ backend: 'wasm' });
  const rows: Row[] = [];
  for (const [workload, shapes] of [
    ['mlp', mlpShapes()],
    ['transformer', transformerShapes()],
  ] as const) {
    await measure(rows, workload, `optimizer only (${shapes.length} variables)`, (opt) => {
      const vars = shapes.map((s) => tf.variable(tf.randomNormal(s)));
      const grads = Object.fromEntries(
        vars.map((v) => [v.name, tf.tidy(() => tf.randomNormal(v.shape).mul(0.01))]),
      );
      const run = (): void => opt.applyGradients(grads);
      return {
        run,
        dispose: () => {
          opt.dispose();
          tf.dispose([...vars, ...Object.values(grads)]);
        },
      };
    });
  }
  for (const [workload, build] of [
    ['mlp', mlpModel],
    ['transformer', transformerModel],
  ] as const) {
    await measure(rows, workload, 'full training step', (opt) => {
      const m = build();
      const run = (): void => {
        opt.minimize(m.loss, true, m.vars)?.dispose();
      };
      return {
        run,
        dispose: () => {
          opt.dispose();
          m.dispose();
        },
      };
    });
  }
  console.log(
    `backend: ${backend}; ${SECONDS} s per measurement, best of 8 alternating rounds; node ${process.version}\n`,
  );
  console.log('| workload | measure | optimizer | ms/step | kernels/step | speed-up |');
  console.log('|---|---|---|---:|---:|---:|');
  for (let i = 0; i < rows.length; i += 2) {
    const [a, b] = [rows[i]!, rows[i + 1]!];
    for (const r of [a, b])
      console.log(
        `| ${r.workload} | ${r.measure} | ${r.optimizer} | ${r.msPerStep.toFixed(3)} | ${r.kernels} | ${r === b ? `${(a.msPerStep / b.msPerStep).toFixed(2)}x` : ''} |`,
      );
  }
  for (const r of rows) console.log(JSON.stringify(r));
}

await main();
