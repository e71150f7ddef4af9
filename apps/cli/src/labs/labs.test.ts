import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { shallow } from '@dlkit/core';
import { decodeImage } from '@dlkit/cnn/images';
import { planarFlower } from '@dlkit/datasets';
import { decodeWav } from '@dlkit/sequence';
import { expectNoLeaks, expectWellFormedSvg, loadFixture, svgMarks } from '@dlkit/test-harness';
import { runLab, type LabRun } from '../run/run-lab.js';
import { findLab, labs } from './index.js';
import type { LabProgressEvent } from './lab.js';

const fx = loadFixture<{ planar_sweep: Record<string, { accuracy: number; costs: number[] }> }>(
  'labs_c1',
);
const wordvec = loadFixture<{
  glove: {
    analogies: { best: string }[];
    receptionist: { before: number };
    equalize: { man: { after: number }; woman: { after: number } };
  };
}>('sequence_wordvec');
const root = mkdtempSync(join(tmpdir(), 'dlkit-labs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface QuickRun {
  run: LabRun;
  events: LabProgressEvent[];
  lines: string[];
  read: (file: string) => string;
}

/** Runs a lab's quick version into a fresh folder, checking that it leaks no tensor. */
async function quick(id: string, seed = 1): Promise<QuickRun> {
  const events: LabProgressEvent[] = [];
  const lines: string[] = [];
  const outDir = join(root, `${id}-${seed}`);
  let run: LabRun | undefined;
  const returned = await expectNoLeaks(async () => {
    run = await runLab(findLab(id), {
      quick: true,
      seed,
      outDir,
      progress: (e) => events.push(e),
      log: (l) => lines.push(l),
    });
  });
  expect(returned).toBe(0);
  return { run: run!, events, lines, read: (f) => readFileSync(join(outDir, f), 'utf8') };
}

/** Every artefact exists; plots are well-formed SVG and their Vega-Lite JSON is the spec. */
function expectArtefacts({ run, read }: QuickRun): void {
  for (const f of run.artefacts) expect(existsSync(join(run.outDir, f)), f).toBe(true);
  for (const plot of run.plots) {
    expect(run.artefacts).toContain(`${plot.name}.svg`);
    expectWellFormedSvg(read(`${plot.name}.svg`));
    expect(JSON.parse(read(`${plot.name}.vl.json`))).toEqual(plot.spec);
  }
  const summary = JSON.parse(read('figures.json'));
  expect(summary).toMatchObject({ lab: run.lab, quick: true, figures: run.figures });
}

/** Each label's progress steps rise to its total. */
function expectProgress(events: LabProgressEvent[], labels: string[]): void {
  expect([...new Set(events.map((e) => e.label))]).toEqual(labels);
  for (const label of labels) {
    const steps = events.filter((e) => e.label === label);
    steps.slice(1).forEach((e, i) => expect(e.step).toBeGreaterThanOrEqual(steps[i]!.step));
    expect(steps.at(-1)!.step).toBe(steps.at(-1)!.total);
    for (const e of steps) expect(Number.isFinite(e.loss)).toBe(true);
  }
}

describe('the lab registry', () => {
  it('has unique kebab-case ids, each found by findLab, in course order', () => {
    const ids = labs.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const lab of labs) {
      expect(lab.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(findLab(lab.id)).toBe(lab);
    }
    const order = labs.map((l) => l.course * 10 + l.week);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('names the known labs when an id is unknown', () => {
    expect(labs.slice(0, 2).map((l) => l.id)).toEqual(['planar-flower', 'hidden-layer-sweep']);
    expect(() => findLab('planar-flowers')).toThrow(
      `findLab: id must be one of ${labs.map((l) => l.id).join(', ')}; got 'planar-flowers'`,
    );
    expect(() => findLab(42 as never)).toThrow('findLab: id must be one of');
  });
});

/**
 * What each lab's quick run must show beyond valid artefacts and progress: its figures against
 * the course (NumPy fixtures where there are some) and its plots' marks. Every registered lab
 * needs an entry.
 */
const quickChecks: Record<string, (q: QuickRun) => void> = {
  // C5 W3: modelf's layers at the quick widths (16 filters, 8 GRU units) on 2 s examples: 198
  // spectrogram steps, Ty = 46, the notebook's 364 ms label window as 8 steps; event counts that
  // add up, the plot of a held-out example and its WAV with chimes.
  'trigger-word': (q) => {
    const f = q.run.figures as Record<string, number>;
    const [nF, k, filters, units] = [101, 15, 16, 8];
    const gruParams = (nX: number): number => 3 * (nX * units + units * units + 2 * units);
    expect(f['parameters']).toBe(
      nF * k * filters +
        filters +
        4 * filters +
        gruParams(filters) +
        4 * units +
        gruParams(units) +
        4 * units +
        units +
        1,
    );
    expect([f['spectrogram steps'], f['Ty'], f['label steps']]).toEqual([198, 46, 8]);
    expect(f['held-out examples']).toBe(6);
    expect(f['held-out keywords found']).toBeLessThanOrEqual(
      Math.min(f['held-out keywords']!, f['held-out detections']!),
    );
    for (const key of [
      'held-out precision',
      'held-out recall',
      'training precision',
      'training recall',
    ]) {
      expect(f[key]).toBeGreaterThanOrEqual(0);
      expect(f[key]).toBeLessThanOrEqual(1);
    }
    expect(f['held-out keywords']).toBeGreaterThan(0);
    expectProgress(q.events, ['modelf']);
    expect(q.lines[0]).toMatch(
      /^held-out examples: \d+ keywords, \d+ detections, \d+ found: precision [\d.]+, recall [\d.]+$/,
    );
    expect(q.run.artefacts).toContain('chime.wav');
    const wav = decodeWav(new Uint8Array(readFileSync(join(q.run.outDir, 'chime.wav'))));
    expect([wav.rate, wav.samples.length]).toEqual([8000, 16_000]);
    // The spectrogram: 101 frequencies in blocks of 3 and 198 steps in blocks of 2.
    expect(svgMarks(q.read('detection.svg'), 'rect')).toBeGreaterThanOrEqual(34 * 99);
  },
  // C1 W3: 4 hidden units reach the NumPy accuracy (89.25%) where logistic regression stays near 47%.
  'planar-flower': (q) => {
    const { figures } = q.run;
    // NumPy float64 reference, same seeds and 1000 iterations; float32 may flip a border point.
    const ref = fx.planar_sweep['4_1000']!;
    expect(Math.abs((figures['accuracy'] as number) - ref.accuracy)).toBeLessThanOrEqual(0.0051);
    expect(figures['logisticAccuracy']).toBeLessThan(0.6);
    expect(figures['accuracy']).toBeGreaterThan((figures['logisticAccuracy'] as number) + 0.3);
    expect(figures['cost']).toBeGreaterThan(0);
    expect(figures['cost']).toBeLessThan(ref.costs[0]!);

    expectProgress(q.events, ['4 hidden units']);
    expect(q.lines[1]).toMatch(
      /^one hidden layer \(4 tanh units, 1000 iterations\): training accuracy 89\.\d\d %/,
    );
    // The cost curve: one point every 20 iterations, starting at NumPy's first cost.
    const cost = q.read('cost.svg');
    expect(svgMarks(cost, 'symbol')).toBe(50);
    const costSpec = q.run.plots.find((p) => p.name === 'cost')!.spec as {
      data: { values: { y: number }[] };
    };
    expect(costSpec.data.values[0]!.y).toBeCloseTo(ref.costs[0]!, 5);
    // The decision boundaries: a point per flower point over the grid's cells.
    for (const name of ['decision-boundary', 'logistic-boundary']) {
      const svg = q.read(`${name}.svg`);
      expect(svgMarks(svg, 'symbol'), name).toBe(400);
      expect(svgMarks(svg, 'rect'), name).toBeGreaterThanOrEqual(60);
    }
    // The saved parameters predict what the lab measured.
    const saved = JSON.parse(q.read('parameters.json')) as Record<
      string,
      { shape: number[]; data: number[][] }
    >;
    const { X, Y } = planarFlower({ m: 400, seed: 1, layout: 'columns' });
    const parameters = Object.fromEntries(
      Object.entries(saved).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]),
    );
    const accuracy = tf.tidy(() => shallow.predict(parameters, X).equal(Y).mean().dataSync()[0]);
    expect(accuracy).toBeCloseTo(figures['accuracy'] as number, 6);
    tf.dispose([X, Y, ...Object.values(parameters)]);
  },
  // C1 W3: the NumPy accuracies for 1, 3 and 5 units: 1 unit underfits, 3 and 5 fit.
  'hidden-layer-sweep': (q) => {
    for (const nH of [1, 3, 5]) {
      const accuracy = q.run.figures[`accuracy_nH_${nH}`] as number;
      expect(
        Math.abs(accuracy - fx.planar_sweep[`${nH}_1000`]!.accuracy),
        `nH ${nH}`,
      ).toBeLessThanOrEqual(0.0101);
    }
    expect(q.run.figures['accuracy_nH_1']).toBeLessThan(0.75);
    expect(q.run.figures['accuracy_nH_3']).toBeGreaterThan(0.88);

    expectProgress(q.events, ['1 hidden unit', '3 hidden units', '5 hidden units']);
    expect(svgMarks(q.read('accuracy.svg'), 'rect')).toBe(3);
    expect(svgMarks(q.read('decision-boundaries.svg'), 'symbol')).toBe(3 * 400);
  },
  // C1 W4: the 4-layer net fits the training cats better than logistic regression.
  'image-classifier': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['pixels']).toBe(16 * 16 * 3);
    for (const model of ['logistic', 'twoLayer', 'deep']) {
      for (const split of ['Train', 'Test']) {
        const a = f[`${model}${split}Accuracy`]!;
        expect(a, `${model} ${split}`).toBeGreaterThanOrEqual(0.5);
        expect(a, `${model} ${split}`).toBeLessThanOrEqual(1);
      }
    }
    expect(f['deepTrainAccuracy']).toBeGreaterThan(0.95);
    expect(f['deepTrainAccuracy']).toBeGreaterThan(f['logisticTrainAccuracy']!);

    expectProgress(q.events, ['logistic regression', '2-layer net', '4-layer net']);
    const costs = q.read('costs.svg');
    expect(svgMarks(costs, 'line')).toBe(3);
    expect(svgMarks(costs, 'symbol')).toBe(3 * 4);
    expect(svgMarks(q.read('accuracy.svg'), 'rect')).toBe(6);
  },
  // C1 W4 on stripes: the deep nets beat logistic regression on held-out images.
  'image-classifier-stripes': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['pixels']).toBe(10 * 10);
    // Measured (seed 1, wasm): logistic 49% test, 2-layer 95%, 4-layer 90%.
    expect(f['logisticTestAccuracy']).toBeLessThan(0.7);
    expect(f['deepTestAccuracy']).toBeGreaterThanOrEqual(0.85);
    expect(f['twoLayerTestAccuracy']).toBeGreaterThanOrEqual(0.85);
    expect(f['deepTestAccuracy']).toBeGreaterThan(f['logisticTestAccuracy']! + 0.2);
    expectProgress(q.events, ['logistic regression', '2-layer net', '4-layer net']);
    expect(svgMarks(q.read('accuracy.svg'), 'rect')).toBe(6);
  },
  // C2 W1: zeros stay at ln 2 and predict one class; large random starts far higher; He fits.
  'initialization-circles': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['zeros: last cost']).toBeCloseTo(Math.LN2, 4);
    expect(f['zeros: train accuracy']).toBeCloseTo(0.5, 2);
    expect(f['random: first cost']).toBeGreaterThan(3 * f['he: first cost']!);
    // The notebook prints 'Cost after iteration 0: 0.8830537463419761' for He on its circles.
    expect(f['he: first cost']).toBeCloseTo(0.88305, 4);
    expect(q.run.plots.map((p) => p.name)).toEqual([
      'cost-curves',
      'boundary-zeros',
      'boundary-random',
      'boundary-he',
    ]);
  },
  // C2 W1: no regularisation, L2 and dropout all train on the football data.
  'regularization-football': (q) => {
    const f = q.run.figures as Record<string, number>;
    for (const k of ['none', 'L2 (λ = 0.7)', 'dropout (keep 0.86)']) {
      expect(f[`${k}: train accuracy`]).toBeGreaterThan(0.6);
      expect(f[`${k}: test accuracy`]).toBeGreaterThan(0.6);
    }
    expect(q.lines.length).toBe(3);
  },
  // C2 W2: Adam goes down further than GD at the notebook's 0.0007; decay runs.
  'optimization-moons': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['adam: last cost']).toBeLessThan(f['gd: last cost']!);
    expect(f['adam + decay: accuracy']).toBeGreaterThan(0.7);
    expect(q.run.plots.slice(0, 2).map((p) => p.name)).toEqual([
      'cost-curves',
      'cost-curves-decay',
    ]);
  },
  // C2 W3: the framework model trains on small hand signs above chance (1/6).
  'framework-hand-signs': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['train accuracy']).toBeGreaterThan(0.3);
    expect(f['image size']).toBe('16×16×3');
  },
  // C5 W2: the notebook's analogy and debiasing on the shipped GloVe, as NumPy computes them.
  'word-analogies': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    const ref = wordvec.glove;
    expect(f['man:king::woman']).toBe('queen');
    expect(f['italy:italian::spain']).toBe(ref.analogies[1]!.best);
    expect(f['receptionist: cosine with g before']).toBeCloseTo(ref.receptionist.before, 5);
    expect(Math.abs(f['receptionist: cosine with g after neutralize'] as number)).toBeLessThan(
      1e-6,
    );
    expect(f['man: cosine with g after equalize']).toBeCloseTo(ref.equalize.man.after, 5);
    expect(f['woman: cosine with g after equalize']).toBeCloseTo(ref.equalize.woman.after, 5);
    expect(q.lines).toContain('man -> king :: woman -> queen');
    expectProgress(q.events, ['analogies']);
    const plot = q.run.plots.find((p) => p.name === 'bias-along-g')!;
    const bars = (plot.spec['data'] as { values: unknown[] }).values.length;
    expect(bars).toBe(2 * 26);
    expect(svgMarks(q.read('bias-along-g.svg'), 'rect')).toBeGreaterThanOrEqual(bars);
  },
  // C5 W2: V1 and V2 train on the emoji sentences; each test confusion matrix counts the 50 sentences.
  emojifier: (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['test sentences']).toBe(50);
    const words = 20034;
    const lstm = (nX: number): number => 4 * (128 * (nX + 128) + 128);
    expect(f['V2 parameters']).toBe((words + 1) * 100 + lstm(100) + lstm(128) + 128 * 5 + 5);
    // 100 epochs of V1 separate the training sentences well above chance (1/5).
    expect(f['V1 train accuracy']).toBeGreaterThan(0.6);
    expect(f['V1 test accuracy']).toBeGreaterThan(0.4);
    for (const k of ['V2 train accuracy', 'V2 test accuracy']) {
      expect(f[k]).toBeGreaterThanOrEqual(0);
      expect(f[k]).toBeLessThanOrEqual(1);
    }
    expectProgress(q.events, ['V1: average + softmax', 'V2: LSTM']);
    for (const name of ['confusion-v1', 'confusion-v2']) {
      const spec = q.run.plots.find((p) => p.name === name)!.spec as {
        data: { values: { true: string; predicted: string; count: number }[] };
      };
      expect(spec.data.values).toHaveLength(25);
      expect(spec.data.values.reduce((s, v) => s + v.count, 0)).toBe(50);
      const correct = spec.data.values.filter((v) => v.true === v.predicted);
      const acc = f[`${name === 'confusion-v1' ? 'V1' : 'V2'} test accuracy`]!;
      expect(correct.reduce((s, v) => s + v.count, 0)).toBe(Math.round(acc * 50));
      expect(svgMarks(q.read(`${name}.svg`), 'rect')).toBeGreaterThanOrEqual(25);
    }
    expect(q.lines.filter((l) => l.startsWith('Emojifier V'))).toHaveLength(2);
  },
  // C5 W3: modelf has the notebook's layer structure (52,960 parameters with 37 input characters,
  // plus 2 · 4 · nA = 256 per extra one), its loss falls, and the attention map is a Ty × Tx heat map.
  'date-translation': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['parameters']).toBe(52_960 + 256 * (f['human characters']! - 37));
    expect(f['machine characters']).toBe(11);
    expect(f['last loss']).toBeLessThan(f['first loss']!);
    expect(f['exact-match accuracy']).toBeGreaterThanOrEqual(0);
    expect(f['exact-match accuracy']).toBeLessThanOrEqual(1);
    expectProgress(q.events, ['modelf']);
    expect(q.run.plots.map((p) => p.name)).toEqual(['loss', 'attention-map']);
    expect(svgMarks(q.read('attention-map.svg'), 'rect')).toBeGreaterThanOrEqual(300);
    expect(q.lines[0]).toMatch(/^exact match on 100 held-out dates: \d+\.\d %$/);
  },
  // C5 W1: djmodel has the notebook's 45,530 parameters, its loss falls, and the trained solo
  // obeys the corpus grammar more often than the untrained model's does.
  'jazz-improvisation': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['parameters']).toBe(45_530);
    expect(f['last loss']).toBeLessThan(f['first loss']! - 10);
    expect(f['solo values']).toBe(50);
    expect(f['notes obeying the grammar']).toBeLessThanOrEqual(f['solo notes']!);
    expect(f['grammar fraction']).toBeGreaterThan(f['untrained grammar fraction']!);
    expectProgress(q.events, ['djmodel']);
    expect(q.run.artefacts).toContain('solo.mid');
    expect(svgMarks(q.read('solo.svg'), 'rect')).toBe(f['solo notes']);
    expect(q.lines[1]).toMatch(/^trained solo \(50 values\): \d+ of \d+ notes obey the grammar/);
  },
  // C5 W1: the scratch RNN's smoothed loss falls from −log(1/V)·7 and it samples 7 names a report.
  'dinosaur-names': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['final loss']).toBeLessThan(f['initial loss'] as number);
    expect(q.lines).toHaveLength(2); // iterations 0 and 200 of 400
    expect((f['final samples'] as string).split(', ')).toHaveLength(10);
    expectProgress(q.events, ['character RNN']);
    expect(q.run.plots.map((p) => p.name)).toEqual(['loss-curve']);
    expect(svgMarks(q.read('loss-curve.svg'), 'line')).toBeGreaterThanOrEqual(1);
  },
  // C5 W1: the LSTM's loss per character falls below uniform guessing's ln V and it writes on
  // from the seed phrase in the sonnets' characters.
  shakespeare: (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['final loss']).toBeLessThan(Math.log(f['vocabulary size'] as number));
    expect(f['final loss']).toBeLessThan(f['first epoch loss'] as number);
    const written = f['temperature 1'] as string;
    expect(written.startsWith('forsooth this maketh no sense ')).toBe(true);
    expect(written).toHaveLength(30 + 80);
    expectProgress(q.events, ['LSTM']);
  },
  // C5 W4: the quick Transformer (1 layer, d = 16) trains 2 epochs on 256 date pairs: its loss
  // falls below uniform guessing over the 13 target ids; greedy and beam decode all 8 held-out
  // pairs into scores in [0, 1] (too little training for them to be right: the full run's are).
  'transformer-dates': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['final loss']).toBeLessThan(Math.log(13));
    expect(f['final loss']).toBeLessThan(f['first epoch loss'] as number);
    for (const key of ['greedy exact match', 'greedy BLEU', 'beam exact match', 'beam BLEU']) {
      expect(f[key]).toBeGreaterThanOrEqual(0);
      expect(f[key]).toBeLessThanOrEqual(1);
    }
    expect(f['held-out pairs']).toBe(8);
    expect(f['example 1']).toMatch(/ → [-0-9]{10}$/);
    expectProgress(q.events, ['Transformer']);
  },
  // C4 W2: the three runs train on the same small images: the pretrained backbone frozen (only
  // the head trains), then its layers from fineTuneAt on too, and the same network from scratch.
  'transfer-mobilenet': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['image size']).toBe('32×32×3');
    expect(f['frozen trainable params']).toBe(1281);
    expect(f['fine-tuned trainable params']).toBeGreaterThan(1281);
    expect(f['fine-tuned trainable params']).toBeLessThan(f['scratch trainable params'] as number);
    expect(f['scratch trainable params']).toBeGreaterThan(2_000_000);
    expect(f['scratch epochs']).toBe(
      (f['frozen epochs'] as number) + (f['fine-tune epochs'] as number),
    );
    for (const key of [
      'scratch test accuracy',
      'frozen test accuracy',
      'fine-tuned test accuracy',
    ]) {
      expect(f[key]).toBeGreaterThanOrEqual(0);
      expect(f[key]).toBeLessThanOrEqual(1);
    }
    expectProgress(q.events, ['frozen + head', 'fine-tuned', 'from scratch']);
    expect(svgMarks(q.read('loss-curves.svg'), 'line')).toBe(3); // one curve per run
    expect(q.lines.at(-1)).toMatch(
      /^test accuracy: from scratch \d+\.\d %, frozen \+ head \d+\.\d %, fine-tuned \d+\.\d %$/,
    );
  },
  // C4 W4: the face database, verify and whoIsIt on face-api's network, the threshold chosen on
  // calibration people and measured on held-out ones: the pair counts, the accuracies as
  // fractions, the held-out database file and the labelled PNG (one tile per picture shown).
  'face-recognition': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['calibration pairs']).toBe(12);
    expect(f['held-out pairs']).toBe(12);
    for (const key of [
      'verification accuracy @calibrated (calibration, optimistic)',
      'verification accuracy @0.7 (held-out)',
      'verification accuracy @calibrated (held-out)',
      'own claims accepted @calibrated (held-out)',
      'impostor claims rejected @calibrated (held-out)',
      'whoIsIt accuracy @0.7 (held-out)',
      'whoIsIt accuracy @calibrated (held-out)',
    ]) {
      expect(f[key]).toBeGreaterThanOrEqual(0);
      expect(f[key]).toBeLessThanOrEqual(1);
    }
    // The calibrated threshold is the best on the calibration pairs, so at least as good there as 0.7
    // (every distance of this network on these faces is below 0.7: half the claims are right).
    expect(f['calibrated threshold']).toBeGreaterThan(0);
    expect(f['verification accuracy @calibrated (calibration, optimistic)']).toBeGreaterThanOrEqual(
      0.5,
    );
    expect(f['verification accuracy @0.7 (held-out)']).toBe(0.5);
    expect(f['verification accuracy @calibrated (held-out)']).toBeCloseTo(
      ((f['own claims accepted @calibrated (held-out)'] as number) +
        (f['impostor claims rejected @calibrated (held-out)'] as number)) /
        2,
      3,
    );
    expect(f['whoIsIt accuracy @calibrated (held-out)']).toBeLessThanOrEqual(
      f['whoIsIt accuracy @0.7 (held-out)'] as number,
    );
    expect(f['triplet loss (alpha 0.2, held-out)']).toBeGreaterThanOrEqual(0);
    expectProgress(q.events, ['database', 'calibration pictures', 'held-out pictures']);
    const database = JSON.parse(q.read('face-database.json'));
    expect(Object.keys(database.entries)).toEqual(['andrew', 'kian', 'dan']); // the held-out people
    expect(database.dim).toBe(128);
    const png = readFileSync(join(q.run.outDir, 'faces.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(3 * 104); // 3 people, 96-pixel tiles framed by 4 pixels
    expect(png.readUInt32BE(20)).toBe(3 * 130); // the references and 2 held-out rows, labelled
    // One point per claim of both groups, and the two thresholds with their labels.
    expect(svgMarks(q.read('verification-distances.svg'), 'symbol')).toBe(24);
    expect(svgMarks(q.read('verification-distances.svg'), 'rule')).toBe(2);
    expect(q.lines.at(-1)).toMatch(
      /^held-out verification accuracy 50\.0 % at threshold 0\.7, \d+\.\d % at the calibrated 0\.\d+ over 12 pairs; whoIsIt \d+\.\d % and \d+\.\d % of 6 pictures$/,
    );
  },
  // C4 W1: the notebook's happy model (37,633 parameters) trains 2 quick epochs (6 Adam steps:
  // too few for its loss to fall reliably; in the full suite's seeded order it rose 2.97 -> 3.23).
  'happy-house': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['parameters']).toBe(37633);
    expect(f['epochs']).toBe(2);
    const losses = q.events.map((e) => e.loss!);
    expect(losses.length).toBeGreaterThanOrEqual(2);
    for (const loss of losses) expect(loss).toBeGreaterThan(0);
    expectProgress(q.events, ['happyModel']);
    expect(q.lines[0]).toBe('happyModel: 37633 parameters (37569 trainable)');
    expect(svgMarks(q.read('learning-curves.svg'), 'line')).toBeGreaterThanOrEqual(3);
  },
  // C4 W1: the functional sign model (1,310 parameters) trains: its loss falls in 4 quick epochs.
  'signs-convolutional': (q) => {
    const f = q.run.figures as Record<string, number>;
    expect(f['parameters']).toBe(1310);
    const losses = q.events.map((e) => e.loss!);
    expect(losses.at(-1)).toBeLessThan(losses[0]!);
    expectProgress(q.events, ['convolutionalModel']);
  },
  // C4 W2: a narrow ResNet-18 trains (its loss falls) and ResNet50's size is the course's.
  'resnet-signs': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['resNet50 parameters']).toBe(23600006);
    expect(f['model']).toBe('resNet18 width 8');
    expect(f['image size']).toBe('16×16×3');
    const losses = q.events.map((e) => e.loss!);
    expect(losses.at(-1)).toBeLessThan(losses[0]!);
    expectProgress(q.events, ['resNet18']);
  },
  // C4 W3: a small YOLO trains 2 quick epochs on generated shapes; mAP@0.5 is measured on held-out
  // images (near 0 after 2 epochs: the full run's figure is in the guide), the saved detector
  // reloads and finds the same boxes, and the PNG of detections is a real image.
  'shape-detection': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    for (const key of ['mAP@0.5', 'AP@0.5 circle', 'AP@0.5 square', 'AP@0.5 triangle']) {
      expect(f[key]).toBeGreaterThanOrEqual(0);
      expect(f[key]).toBeLessThanOrEqual(1);
    }
    expect(f['grid']).toBe('8×8×2');
    expect(f['anchor mean IoU']).toBeGreaterThan(0.5);
    expect(f['same detections after reload']).toBe('yes');
    expectProgress(q.events, ['yoloDetector']);
    expect(q.run.artefacts).toContain('model/model.json');
    const png = readFileSync(join(q.run.outDir, 'detections.png'));
    expect([...png.subarray(1, 4)]).toEqual([80, 78, 71]); // "PNG"
    expect(q.lines.at(-1)).toMatch(/^mAP@0\.5 on 16 held-out images: \d+\.\d %$/);
  },
  // C4 W3: a tiny U-Net (the course builder, n_filters 2, 32×32) trains 2 epochs; the course
  // model's size is the notebook's; the PNG grid is image | true mask | predicted mask, 2× scaled.
  'shape-segmentation': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['course unetModel parameters']).toBe(8640471);
    expect(f['model']).toBe('unetModel n_filters 2');
    expect(f['image size']).toBe('32×32×3');
    for (const key of ['test mean IoU', 'train mean IoU', 'test pixel accuracy']) {
      expect(f[key]).toBeGreaterThanOrEqual(0);
      expect(f[key]).toBeLessThanOrEqual(1);
    }
    expect(q.run.artefacts).toContain('segmentation.png');
    const png = readFileSync(join(q.run.outDir, 'segmentation.png'));
    // 2 rows of 32 px with a 2 px gap, 3 columns of 32 px with 2 px gaps, all doubled
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([
      2 * (3 * 32 + 4),
      2 * (2 * 32 + 2),
    ]);
    expectProgress(q.events, ['unetModel']);
    expect(q.lines.at(-1)).toMatch(
      /^held-out mean IoU \d\.\d{3} \(4 images\), pixel accuracy \d+\.\d %$/,
    );
    expect(svgMarks(q.read('learning-curves.svg'), 'line')).toBe(2);
  },
  // C4 W4: style transfer on the pretrained MobileNetV2: 3 quick Adam steps at 32×32 lower the
  // cost, and the PNG holds content | style | generated side by side (2-pixel gaps).
  'style-transfer': (q) => {
    const f = q.run.figures as Record<string, number | string>;
    expect(f['image size']).toBe('32×32×3');
    expect(f['steps']).toBe(3);
    expect(f['last J']).toBeLessThan(f['first J'] as number);
    expectProgress(q.events, ['generateArt']);
    expect(q.lines[0]).toMatch(/^step 1: J = \d/);
    expect(svgMarks(q.read('costs.svg'), 'line')).toBe(3); // J and its two terms
    const png = decodeImage(new Uint8Array(readFileSync(join(q.run.outDir, 'style-transfer.png'))));
    expect(png.shape).toEqual([32, 3 * 32 + 2 * 2, 3]);
    tf.tidy(() => {
      const content = png.slice([0, 0, 0], [32, 32, 3]).toFloat();
      const generated = png.slice([0, 68, 0], [32, 32, 3]).toFloat();
      expect(tf.mean(tf.abs(tf.sub(content, generated))).dataSync()[0]).toBeGreaterThan(1);
    });
    png.dispose();
  },
};

describe.each(labs.map((lab) => [lab.id]))('%s --quick', (id) => {
  it('writes valid artefacts, reports progress, leaks nothing, and measures what the course does', async () => {
    const q = await quick(id);
    expectArtefacts(q);
    expect(quickChecks[id], `a check of ${id}'s figures in quickChecks`).toBeDefined();
    quickChecks[id]!(q);
  });
});

describe('planar-flower --quick --seed 7', () => {
  it('draws another flower', async () => {
    const q = await quick('planar-flower', 7);
    const costSpec = q.run.plots.find((p) => p.name === 'cost')!.spec as {
      data: { values: { y: number }[] };
    };
    expect(costSpec.data.values.at(-1)!.y).not.toBeCloseTo(
      fx.planar_sweep['4_1000']!.costs.at(-1)!,
      3,
    );
    expect(q.run.figures['accuracy']).toBeGreaterThan(0.8);
  });
});

describe('C1 W3 planar flower, the course size', () => {
  it('10000 iterations reach the course accuracy, 90.75% in NumPy, the costs within 2e-3 of NumPy', async () => {
    const ref = loadFixture<{ nn_model_10000: { accuracy: number; costs: number[] } }>(
      'core_shallow',
    ).nn_model_10000;
    const run = await runLab(findLab('planar-flower'), { outDir: join(root, 'planar-full') });
    const spec = run.plots.find((p) => p.name === 'cost')!.spec as {
      data: { values: { x: number; y: number }[] };
    };
    // Every 1000th iteration of the curve (recorded every 100), float32 against float64: NumPy's
    // curve has a bump at 7000 (0.2191 → 0.2207) where float32 drifts most (6e-4 measured).
    const every1000 = spec.data.values.filter((v) => v.x % 1000 === 0).map((v) => v.y);
    expect(every1000).toHaveLength(10);
    every1000.forEach((c, i) =>
      expect(Math.abs(c - ref.costs[i]!), `iteration ${i * 1000}`).toBeLessThanOrEqual(2e-3),
    );
    expect(Math.abs((run.figures['accuracy'] as number) - ref.accuracy)).toBeLessThanOrEqual(
      0.0051,
    );
    expect(run.figures['accuracy']).toBeGreaterThanOrEqual(0.9);
  });
});
