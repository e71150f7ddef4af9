// Course 5, week 1 lab: "Improvise a jazz solo with an LSTM network". The notebook's djmodel
// (shared Reshape, LSTM(64, return_state) and Dense(90, softmax) layers run for Tx = 30 steps,
// 45,530 parameters) trained with Adam (0.01, 0.9, 0.999, Keras' decay 0.01 a batch) on a
// melody corpus that dlkit generates from its jazz grammar; then the inference model, which
// shares those weights and feeds back one_hot(argmax), improvises a solo, written as solo.mid,
// and the lab counts how many of its notes obey the grammar (before and after training).
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AdamOptimizer, inverseTimeDecay, learningRateScheduler } from '@dlkit/optimizers';
import {
  MELODY_VALUES,
  checkMelodyGrammar,
  createJazzLayers,
  djmodel,
  makeMelodyCorpus,
  musicInferenceModel,
  predictAndSample,
  renderMelody,
  writeMidi,
  type JazzLayers,
  type MelodyGrammarReport,
} from '@dlkit/sequence';
import type { Lab, LabContext, LabPlot, LabResult } from '../lab.js';
import { costCurves, round } from '../c2/plots.js';
import { checkLabContext } from '../lab-context.js';

/** The run's sizes: the notebook's, or a small quick version. */
interface Sizes {
  m: number;
  Tx: number;
  nA: number;
  epochs: number;
  Ty: number;
}
const FULL: Sizes = { m: 60, Tx: 30, nA: 64, epochs: 100, Ty: 100 };
const QUICK: Sizes = { m: 32, Tx: 30, nA: 64, epochs: 20, Ty: 50 };

/** A solo of `Ty` values from the inference model, started from zeros, and its grammar report. */
function improvise(
  layers: JazzLayers,
  s: Sizes,
): { indices: number[]; report: MelodyGrammarReport } {
  const inference = musicInferenceModel(layers.lstmCell, layers.densor, s.Ty);
  const zeros = [tf.zeros([1, 1, 90]), tf.zeros([1, s.nA]), tf.zeros([1, s.nA])] as const;
  try {
    const { results, indices } = predictAndSample(inference, ...zeros);
    const list = Array.from(indices.dataSync());
    tf.dispose([results, indices]);
    return { indices: list, report: checkMelodyGrammar(list, MELODY_VALUES) };
  } finally {
    tf.dispose([...zeros]);
    inference.dispose();
  }
}

/** Trains djmodel as the notebook does; returns its parameter count and the loss of every epoch. */
async function train(
  layers: JazzLayers,
  s: Sizes,
  seed: number,
  context: LabContext,
): Promise<{ parameters: number; losses: number[] }> {
  const { X, Y } = makeMelodyCorpus({ sequences: s.m, Tx: s.Tx, seed });
  const model = djmodel(s.Tx, layers.lstmCell, layers.densor, layers.reshaper);
  const optimizer = new AdamOptimizer(0.01, 0.9, 0.999);
  const states = [tf.zeros([s.m, s.nA]), tf.zeros([s.m, s.nA])];
  const ys = tf.unstack(Y);
  try {
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    // Keras' `decay=0.01`: lr / (1 + 0.01 · iterations), stepped every batch.
    const decay = learningRateScheduler(inverseTimeDecay(0.01, 1, 0.01), { per: 'batch' });
    const losses: number[] = [];
    const progress = new tf.CustomCallback({
      onEpochEnd: async (epoch, logs) => {
        losses.push(logs?.['loss'] ?? NaN);
        context.progress({
          label: 'djmodel',
          step: epoch + 1,
          total: s.epochs,
          loss: losses.at(-1)!,
        });
      },
    });
    await model.fit([X, ...states], ys, {
      epochs: s.epochs,
      batchSize: 32,
      verbose: 0,
      callbacks: [decay, progress],
    });
    return { parameters: model.countParams(), losses };
  } finally {
    tf.dispose([X, Y, ...states, ...ys]);
    model.dispose();
    optimizer.dispose();
  }
}

/** The solo as a piano roll: a bar per note from its start to its end, at its pitch. */
function pianoRoll(indices: number[], values: readonly string[]): LabPlot {
  const notes = renderMelody(indices, values).filter((e) => e.midi !== null);
  return {
    name: 'solo',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'The improvised solo (piano roll, C chord tone, S scale, A approach)',
      width: 640,
      height: 240,
      data: {
        values: notes.map((e) => ({
          start: e.time,
          end: e.time + e.duration,
          midi: e.midi,
          type: e.type,
        })),
      },
      mark: 'bar',
      encoding: {
        x: { field: 'start', type: 'quantitative', title: 'beat' },
        x2: { field: 'end' },
        y: { field: 'midi', type: 'quantitative', title: 'MIDI pitch', scale: { zero: false } },
        color: { field: 'type', type: 'nominal' },
      },
    },
  };
}

function describeReport(name: string, r: MelodyGrammarReport): string {
  const v = r.violations;
  return (
    `${name}: ${r.obeying} of ${r.notes} notes obey the grammar (${(r.fraction * 100).toFixed(1)} %; ` +
    `off-beat rule ${v.onBeatChordTone}, unresolved approaches ${v.approachResolves}, over the bar ${v.withinBar})`
  );
}

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('jazz-improvisation.run', context);
  const s = context.quick ? QUICK : FULL;
  const layers = createJazzLayers({ nA: s.nA, nValues: 90, seed: context.seed });
  try {
    const untrained = improvise(layers, s).report;
    const { parameters, losses } = await train(layers, s, context.seed, context);
    const { indices, report } = improvise(layers, s);
    await writeMidi(join(context.outDir, 'solo.mid'), indices, MELODY_VALUES, { bpm: 130 });
    context.log(describeReport('untrained model', untrained));
    context.log(describeReport(`trained solo (${s.Ty} values)`, report));
    return {
      figures: {
        sequences: s.m,
        Tx: s.Tx,
        epochs: s.epochs,
        parameters,
        'first loss': round(losses[0]!),
        'last loss': round(losses.at(-1)!),
        'solo values': s.Ty,
        'solo notes': report.notes,
        'notes obeying the grammar': report.obeying,
        // Argmax sampling (the notebook's) repeats itself: how many different values the solo uses.
        'distinct values in the solo': new Set(indices).size,
        'grammar fraction': round(report.fraction),
        'untrained grammar fraction': round(untrained.fraction),
      },
      plots: [
        costCurves(
          'loss',
          'djmodel loss (sum over the Tx steps of the cross-entropy)',
          [{ name: 'djmodel', costs: losses, every: 1 }],
          'epoch',
        ),
        pianoRoll(indices, MELODY_VALUES),
      ],
      files: ['solo.mid'],
    };
  } finally {
    layers.dispose();
  }
}

/** The C5 W1 jazz lab. */
export const jazzImprovisationLab: Lab = {
  id: 'jazz-improvisation',
  course: 5,
  week: 1,
  title:
    'Improvise a jazz solo with an LSTM: djmodel on a generated melody corpus, the solo as MIDI',
  run,
};
