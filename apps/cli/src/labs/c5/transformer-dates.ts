// Course 5, week 4 application: a small Transformer (dlkit's Encoder/Decoder layers) learns to
// translate human-written dates ("tuesday 9 may 1978") into ISO dates ("1978-05-09"), trained
// end to end on `makeDatePairs`; held-out pairs are decoded greedily and with beam search, and
// scored by exact match and corpus BLEU (over characters).
import * as tf from '@tensorflow/tfjs';
import {
  Transformer,
  beamSearch,
  corpusBleu,
  createLookAheadMask,
  createPaddingMask,
  greedySearch,
  type StepFunction,
} from '@dlkit/sequence';
import { makeDatePairs } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { costCurves, round } from '../c2/plots.js';

/** The course's input length (human dates are padded or cut to 30 characters). */
const TX = 30;
/** ISO dates have 10 characters. */
const TY = 10;
/** Target ids: 0 padding (unused), 1 the start token, then the 11 characters of ISO dates. */
const START = 1;

interface DateTask {
  /** Input characters → ids (0 is padding, so `createPaddingMask` finds it). */
  sourceIndex: Map<string, number>;
  sourceVocabSize: number;
  /** Target id → character. */
  targetChars: string[];
  train: [string, string][];
  test: [string, string][];
}

function makeTask(m: number, testSize: number, seed: number): DateTask {
  const { pairs, machineVocab } = makeDatePairs({ m: m + testSize, seed });
  const chars = [...new Set(pairs.flatMap(([human]) => [...human]))].sort();
  return {
    sourceIndex: new Map(chars.map((c, i) => [c, i + 1])),
    sourceVocabSize: chars.length + 1,
    targetChars: ['', '<s>', ...machineVocab.indexToToken],
    train: pairs.slice(0, m),
    test: pairs.slice(m),
  };
}

function encodeSources(task: DateTask, humans: readonly string[]): tf.Tensor2D {
  const ids = new Int32Array(humans.length * TX);
  humans.forEach((h, r) => {
    [...h].slice(0, TX).forEach((c, j) => (ids[r * TX + j] = task.sourceIndex.get(c) ?? 0));
  });
  return tf.tensor2d(ids, [humans.length, TX], 'int32');
}

/** Decoder inputs `[start, y0 … y8]` and labels `[y0 … y9]`. */
function encodeTargets(
  task: DateTask,
  isos: readonly string[],
): { input: tf.Tensor2D; labels: tf.Tensor2D } {
  const labels = isos.map((iso) => [...iso].map((c) => task.targetChars.indexOf(c)));
  const input = labels.map((l) => [START, ...l.slice(0, TY - 1)]);
  return {
    input: tf.tensor2d(input, [isos.length, TY], 'int32'),
    labels: tf.tensor2d(labels, [isos.length, TY], 'int32'),
  };
}

/** Cross-entropy of the Transformer's softmax outputs at every target position. */
function loss(
  model: Transformer,
  source: tf.Tensor2D,
  input: tf.Tensor2D,
  labels: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const padding = createPaddingMask(source);
    const lookAhead = createLookAheadMask(TY);
    const probs = model.apply([source, input], {
      training: true,
      encPaddingMask: padding,
      lookAheadMask: lookAhead,
      decPaddingMask: padding,
    }) as tf.Tensor3D;
    const picked = tf.sum(tf.mul(probs, tf.oneHot(labels, model.targetVocabSize)), -1);
    return tf.neg(tf.mean(tf.log(tf.add(picked, 1e-9)))) as tf.Scalar;
  });
}

/** The decoding step for one source sentence: log-probabilities of the next token of each prefix. */
function stepFor(model: Transformer, source: tf.Tensor2D): StepFunction {
  return (prefixes) =>
    tf.tidy(() => {
      const n = prefixes.length;
      const len = prefixes[0]!.length;
      const src = tf.tile(source, [n, 1]);
      const padding = createPaddingMask(src);
      const target = tf.tensor2d(
        prefixes.map((p) => [...p]),
        [n, len],
        'int32',
      );
      const probs = model.apply([src, target], {
        encPaddingMask: padding,
        lookAheadMask: createLookAheadMask(len),
        decPaddingMask: padding,
      }) as tf.Tensor3D;
      const last = tf.squeeze(tf.slice(probs, [0, len - 1, 0], [n, 1, -1]), [1]);
      // The padding and start tokens never come next.
      const allowed = tf.tensor1d(
        model.targetVocabSize > 2
          ? [0, 0, ...new Array<number>(model.targetVocabSize - 2).fill(1)]
          : [],
      );
      return tf.log(tf.add(tf.mul(last, allowed), 1e-12)) as tf.Tensor2D;
    });
}

interface Scores {
  accuracy: number;
  bleu: number;
  examples: string[];
}

function evaluate(model: Transformer, task: DateTask, beamWidth: number): Scores {
  const hypotheses: string[][] = [];
  const references: string[][][] = [];
  let exact = 0;
  for (const [human, iso] of task.test) {
    const source = encodeSources(task, [human]);
    try {
      const step = stepFor(model, source);
      const options = { maxLength: TY, startToken: START };
      const tokens =
        beamWidth === 1
          ? greedySearch(step, options).tokens
          : (beamSearch(step, { ...options, beamWidth, lengthNormalization: 0 })[0]?.tokens ?? []);
      const decoded = tokens.map((t) => task.targetChars[t] ?? '?').join('');
      if (decoded === iso) exact += 1;
      hypotheses.push([...decoded]);
      references.push([[...iso]]);
    } finally {
      source.dispose();
    }
  }
  const examples = task.test.slice(0, 3).map(([h], i) => `${h} → ${hypotheses[i]!.join('')}`);
  return { accuracy: exact / task.test.length, bleu: corpusBleu(references, hypotheses), examples };
}

async function train(
  model: Transformer,
  task: DateTask,
  context: LabContext,
  epochs: number,
  batchSize: number,
): Promise<number[]> {
  const optimizer = tf.train.adam(2e-3, 0.9, 0.98, 1e-9);
  const started = performance.now();
  const batches = Math.ceil(task.train.length / batchSize);
  const losses: number[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      let total = 0;
      for (let b = 0; b < batches; b++) {
        const slice = task.train.slice(b * batchSize, (b + 1) * batchSize);
        const source = encodeSources(
          task,
          slice.map(([h]) => h),
        );
        const { input, labels } = encodeTargets(
          task,
          slice.map(([, iso]) => iso),
        );
        const cost = optimizer.minimize(
          () => loss(model, source, input, labels),
          true,
        ) as tf.Scalar;
        const value = (await cost.data())[0] as number;
        tf.dispose([cost, source, input, labels]);
        total += value;
        context.progress({
          label: 'Transformer',
          step: (epoch - 1) * batches + b + 1,
          total: epochs * batches,
          loss: value,
        });
      }
      losses.push(total / batches);
      const elapsed = ((performance.now() - started) / 1000).toFixed(0);
      context.log(`epoch ${epoch}: mean loss ${(total / batches).toFixed(4)} (${elapsed} s)`);
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('transformer-dates.run', context);
  const quick = context.quick;
  // Full run sized to ~10 minutes on the shared 2-core machine (wasm backend, load ~35).
  const task = makeTask(quick ? 256 : 3000, quick ? 8 : 200, context.seed);
  const [layers, d, heads, fc] = quick ? [1, 16, 2, 32] : [2, 32, 4, 64];
  const epochs = quick ? 2 : 8;
  const model = new Transformer(
    layers,
    d,
    heads,
    fc,
    task.sourceVocabSize,
    task.targetChars.length,
    TX,
    TY,
    0.1,
    1e-6,
    {
      seed: context.seed,
    },
  );
  try {
    // Build the weights once before training (the first call creates them).
    tf.tidy(() => {
      const source = encodeSources(task, [task.train[0]![0]]);
      model.apply([source, tf.ones([1, TY], 'int32')]);
    });
    const losses = await train(model, task, context, epochs, 64);
    const greedy = evaluate(model, task, 1);
    const beam = evaluate(model, task, 3);
    context.log(
      `held-out exact match: greedy ${(100 * greedy.accuracy).toFixed(1)} %, beam (B = 3) ${(100 * beam.accuracy).toFixed(1)} %`,
    );
    context.log(
      `held-out corpus BLEU: greedy ${greedy.bleu.toFixed(4)}, beam ${beam.bleu.toFixed(4)}`,
    );
    for (const line of greedy.examples) context.log(line);
    return {
      figures: {
        'training pairs': task.train.length,
        'held-out pairs': task.test.length,
        layers,
        'model size d': d,
        heads,
        parameters: model.countParams(),
        epochs,
        'first epoch loss': round(losses[0]!),
        'final loss': round(losses.at(-1)!),
        'greedy exact match': round(greedy.accuracy),
        'greedy BLEU': round(greedy.bleu),
        'beam exact match': round(beam.accuracy),
        'beam BLEU': round(beam.bleu),
        'example 1': greedy.examples[0] ?? '',
      },
      plots: [
        costCurves(
          'loss-curve',
          'Cross-entropy per target character of the Transformer on dates',
          [{ name: 'training loss', costs: losses, every: 1 }],
          'epoch',
        ),
      ],
      files: [],
    };
  } finally {
    model.dispose();
  }
}

/** The C5 W4 Transformer application lab. */
export const transformerDatesLab: Lab = {
  id: 'transformer-dates',
  course: 5,
  week: 4,
  title:
    'A Transformer translates human-written dates into ISO dates: greedy vs beam search, accuracy and BLEU',
  run,
};
