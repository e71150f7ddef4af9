// Course 5, week 2 lab: "Operations on word vectors". On the shipped GloVe vectors (@dlkit/glove):
// cosine similarities, analogies (man : king :: woman : ?), nearest neighbours, and debiasing:
// the bias axis g = e_woman − e_man, neutralize for words that should be neutral, equalize for
// pairs that should differ only along g, with each word's similarity to g before and after.
import * as tf from '@tensorflow/tfjs';
import { loadGlove } from '@dlkit/datasets';
import {
  completeAnalogy,
  cosineSimilarity,
  equalize,
  nearestNeighbours,
  neutralize,
  type WordVectors,
} from '@dlkit/sequence';
import { barChartSpec } from '../../plots/index.js';
import type { Bar } from '../../plots/index.js';
import { checkLabContext } from '../lab-context.js';
import type { Lab, LabContext, LabResult } from '../lab.js';

/** The notebook's analogies (the first three in a quick run). */
const ANALOGIES: [string, string, string][] = [
  ['man', 'king', 'woman'],
  ['italy', 'italian', 'spain'],
  ['man', 'woman', 'boy'],
  ['india', 'delhi', 'japan'],
  ['small', 'smaller', 'large'],
  ['france', 'paris', 'germany'],
];

/** Words the notebook compares with g: first names, then words that should be neutral. */
const NAMES = [
  'john',
  'marie',
  'sophie',
  'ronaldo',
  'priya',
  'rahim',
  'danielle',
  'reza',
  'katy',
  'yasmin',
];
const NEUTRAL = [
  'lipstick',
  'guns',
  'science',
  'arts',
  'literature',
  'warrior',
  'doctor',
  'tree',
  'receptionist',
  'technology',
  'fashion',
  'teacher',
  'engineer',
  'pilot',
  'computer',
  'singer',
];

function vector(glove: WordVectors, word: string): tf.Tensor1D {
  return tf.tidy(
    () => tf.gather(glove.vectors, glove.wordToIndex.get(word) as number) as tf.Tensor,
  ) as tf.Tensor1D;
}

function similarity(glove: WordVectors, a: string, b: tf.Tensor1D): number {
  const u = vector(glove, a);
  const s = cosineSimilarity(u, b);
  u.dispose();
  return s;
}

const fixed = (x: number): string => x.toFixed(4);

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('word-analogies.run', context);
  const glove = await loadGlove();
  const g = tf.tidy(() => tf.sub(vector(glove, 'woman'), vector(glove, 'man'))) as tf.Tensor1D;
  const figures: LabResult['figures'] = { words: glove.words.length, dims: glove.vectors.shape[1] };
  try {
    const log = context.log;
    for (const [a, b] of [
      ['father', 'mother'],
      ['ball', 'crocodile'],
    ] as const) {
      const bv = vector(glove, b);
      const s = similarity(glove, a, bv);
      bv.dispose();
      figures[`cosine ${a}/${b}`] = s;
      log(`cosine_similarity(${a}, ${b}) = ${fixed(s)}`);
    }
    const analogies = context.quick ? ANALOGIES.slice(0, 3) : ANALOGIES;
    analogies.forEach(([a, b, c], i) => {
      const best = completeAnalogy(a, b, c, glove);
      figures[`${a}:${b}::${c}`] = best;
      log(`${a} -> ${b} :: ${c} -> ${best}`);
      // An analogy is a look-up, not training: the progress has no loss to show (0).
      context.progress({ label: 'analogies', step: i + 1, total: analogies.length, loss: 0 });
    });
    const neighbours = nearestNeighbours('king', glove, { k: 5 });
    log(`nearest to king: ${neighbours.map((n) => `${n.word} ${fixed(n.similarity)}`).join(', ')}`);
    const bars = debiasing(glove, g, figures, log);
    return {
      figures,
      plots: [
        {
          name: 'bias-along-g',
          spec: barChartSpec(bars, {
            x: 'word',
            y: 'cosine similarity with g = woman − man',
            title: 'Similarity with the gender axis, before and after neutralize',
            width: 720,
          }),
        },
      ],
      files: [],
    };
  } finally {
    tf.dispose([glove.vectors, g]);
  }
}

/** Similarities with g before and after neutralize (words) and equalize (man / woman). */
function debiasing(
  glove: WordVectors,
  g: tf.Tensor1D,
  figures: LabResult['figures'],
  log: (line: string) => void,
): Bar[] {
  const bars: Bar[] = [];
  for (const word of [...NAMES, ...NEUTRAL].filter((w) => glove.wordToIndex.has(w))) {
    const before = similarity(glove, word, g);
    const e = neutralize(word, g, glove);
    const after = cosineSimilarity(e, g);
    e.dispose();
    bars.push(
      { category: word, group: 'before', value: before },
      { category: word, group: 'after neutralize', value: after },
    );
  }
  const receptionist = bars.filter((b) => b.category === 'receptionist');
  figures['receptionist: cosine with g before'] = receptionist[0]!.value;
  figures['receptionist: cosine with g after neutralize'] = receptionist[1]!.value;
  log(
    `receptionist · g: ${fixed(receptionist[0]!.value)} before, ${receptionist[1]!.value.toExponential(2)} after neutralize`,
  );
  const { e1, e2 } = equalize(['man', 'woman'], g, glove);
  const pair = [
    ['man', e1],
    ['woman', e2],
  ] as const;
  for (const [word, e] of pair) {
    const before = similarity(glove, word, g);
    const after = cosineSimilarity(e, g);
    figures[`${word}: cosine with g before`] = before;
    figures[`${word}: cosine with g after equalize`] = after;
    log(`${word} · g: ${fixed(before)} before, ${fixed(after)} after equalize`);
  }
  tf.dispose([e1, e2]);
  return bars;
}

/** The C5 W2 word-vectors lab. */
export const wordAnalogiesLab: Lab = {
  id: 'word-analogies',
  course: 5,
  week: 2,
  title: 'Operations on word vectors: similarities, analogies and debiasing on GloVe',
  run,
};
