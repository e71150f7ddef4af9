import { DlkitError, describeValue } from '@dlkit/core';
import { brevityPenalty, closestRefLength } from './brevity-penalty.js';
import {
  DEFAULT_WEIGHTS,
  resolveBleuOptions,
  type BleuOptions,
  type ResolvedBleuOptions,
} from './bleu-options.js';
import { modifiedPrecision, type Precision } from './ngrams.js';
import { smooth } from './smoothing.js';
import { assertReferences, assertSentence, type Sentence } from './tokens.js';

/** The corpus' summed statistics, as NLTK's `corpus_bleu` gathers them. */
interface CorpusStatistics {
  precisions: Precision[];
  hypLengths: number;
  refLengths: number;
}

function gather(
  corpus: readonly (readonly Sentence[])[],
  hypotheses: readonly Sentence[],
  orders: number,
): CorpusStatistics {
  const precisions = Array.from({ length: orders }, () => ({ numerator: 0, denominator: 0 }));
  let hypLengths = 0;
  let refLengths = 0;
  hypotheses.forEach((hypothesis, j) => {
    const references = corpus[j] as readonly Sentence[];
    precisions.forEach((p, i) => {
      const q = modifiedPrecision(references, hypothesis, i + 1);
      p.numerator += q.numerator;
      p.denominator += q.denominator;
    });
    hypLengths += hypothesis.length;
    refLengths += closestRefLength(references, hypothesis.length);
  });
  return { precisions, hypLengths, refLengths };
}

/** The score from the statistics: `BP · exp(Σ wₙ log pₙ)` over the positive smoothed `pₙ`. */
function score(
  fn: string,
  stats: CorpusStatistics,
  last: { references: readonly Sentence[]; hypothesis: Sentence },
  o: ResolvedBleuOptions,
): number {
  if (stats.precisions[0]?.numerator === 0) return 0;
  const p = smooth(o.smoothing, stats.precisions, { fn, ...last, hypLen: stats.hypLengths }, o);
  let weights = o.weights;
  const isDefault =
    weights.length === DEFAULT_WEIGHTS.length && weights.every((w, i) => w === DEFAULT_WEIGHTS[i]);
  if (o.autoReweigh && stats.hypLengths < 4 && isDefault) {
    weights = Array.from({ length: stats.hypLengths }, () => 1 / stats.hypLengths);
  }
  let sum = 0;
  weights.forEach((w, i) => {
    const pi = p[i];
    if (pi !== undefined && pi > 0) sum += w * Math.log(pi);
  });
  return brevityPenalty(stats.refLengths, stats.hypLengths) * Math.exp(sum);
}

/**
 * The corpus-level BLEU score (Papineni et al. 2002) of hypotheses against their references, as
 * NLTK's `corpus_bleu`: clipped n-gram matches and counts are summed over the corpus before
 * dividing (a micro-average, not the mean of sentence scores), and the brevity penalty uses the
 * summed hypothesis and closest-reference lengths. A corpus without a single matching unigram
 * scores 0. As NLTK does, smoothing methods 4 to 7 read the corpus' last sentence pair.
 *
 * @param listOfReferences - For each hypothesis, its reference sentences (each an array of tokens).
 * @param hypotheses - The candidate translations, each an array of tokens (one may be empty).
 * @param options - Weights per n-gram order, the smoothing method and its constants, `autoReweigh`.
 * @returns The BLEU score in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { corpusBleu } from '@dlkit/sequence';
 * const refs = [[['the', 'cat', 'is', 'on', 'the', 'mat']], [['there', 'is', 'a', 'cat', 'here']]];
 * const hyps = [['the', 'cat', 'is', 'on', 'a', 'mat'], ['there', 'is', 'a', 'cat']];
 * console.log(corpusBleu(refs, hyps, { weights: [0.5, 0.5] }).toFixed(4)); // 0.7434
 * ```
 *
 * @see The guide `docs/sequence/decoding.md`.
 *
 * @category C5 W3 · Bleu score
 */
export function corpusBleu(
  listOfReferences: readonly (readonly Sentence[])[],
  hypotheses: readonly Sentence[],
  options: BleuOptions = {},
): number {
  return bleu('corpusBleu', listOfReferences, hypotheses, options);
}

/**
 * The BLEU score of one hypothesis against its references, as NLTK's `sentence_bleu` (a corpus
 * of one pair). Without smoothing, a hypothesis with no matching n-gram of some order scores
 * almost 0 (NLTK's `sys.float_info.min` stands in for the zero precision); the smoothing methods
 * 1 to 7 of Chen and Cherry (2014) soften that.
 *
 * @param references - The reference translations, each an array of tokens.
 * @param hypothesis - The candidate translation, an array of tokens (empty scores 0).
 * @param options - Weights per n-gram order, the smoothing method and its constants, `autoReweigh`.
 * @returns The BLEU score in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { sentenceBleu } from '@dlkit/sequence';
 * const reference = 'the cat is on the mat'.split(' ');
 * const hypothesis = 'the cat is on a mat'.split(' ');
 * console.log(sentenceBleu([reference], hypothesis, { weights: [0.5, 0.5] }).toFixed(4)); // 0.7071
 * console.log(sentenceBleu([reference], hypothesis, { smoothing: 1 }).toFixed(4)); // 0.5373
 * ```
 *
 * @see The guide `docs/sequence/decoding.md`.
 *
 * @category C5 W3 · Bleu score
 */
export function sentenceBleu(
  references: readonly Sentence[],
  hypothesis: Sentence,
  options: BleuOptions = {},
): number {
  const refs = assertReferences('sentenceBleu', 'references', references);
  const hyp = assertSentence('sentenceBleu', 'hypothesis', hypothesis);
  return bleu('sentenceBleu', [refs], [hyp], options);
}

function bleu(
  fn: string,
  listOfReferences: unknown,
  hypotheses: unknown,
  options: BleuOptions | undefined,
): number {
  const { corpus, hyps } = checkCorpus(fn, listOfReferences, hypotheses);
  const o = resolveBleuOptions(fn, options);
  const stats = gather(corpus, hyps, o.weights.length);
  const last = {
    references: corpus[corpus.length - 1] as Sentence[],
    hypothesis: hyps[hyps.length - 1] as Sentence,
  };
  return score(fn, stats, last, o);
}

function checkCorpus(
  fn: string,
  listOfReferences: unknown,
  hypotheses: unknown,
): { corpus: Sentence[][]; hyps: Sentence[] } {
  if (!Array.isArray(hypotheses) || hypotheses.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `hypotheses must be a non-empty array of sentences, got ${describeValue(hypotheses)}`,
      { argument: 'hypotheses' },
    );
  }
  if (!Array.isArray(listOfReferences) || listOfReferences.length !== hypotheses.length) {
    throw new DlkitError(
      'value',
      fn,
      `listOfReferences must be an array of ${hypotheses.length} lists of references (one per hypothesis), got ${describeValue(listOfReferences)}`,
      { argument: 'listOfReferences' },
    );
  }
  return {
    corpus: listOfReferences.map((r: unknown, i) =>
      assertReferences(fn, `listOfReferences[${i}]`, r),
    ),
    hyps: hypotheses.map((h: unknown, i) => assertSentence(fn, `hypotheses[${i}]`, h)),
  };
}
