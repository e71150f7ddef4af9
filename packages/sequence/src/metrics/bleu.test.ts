// BLEU against NLTK 3.8's sentence_bleu and corpus_bleu on the cases tests/fixtures/sequence_bleu.py
// writes (seeded random pairs over a 10-word vocabulary, every smoothing method, edge cases).
import { describe, expect, it } from 'vitest';
import { expectDlkitError, loadFixture } from '@dlkit/test-harness';
import { corpusBleu, sentenceBleu } from './bleu.js';
import type { BleuOptions } from './bleu-options.js';
import type { Sentence } from './tokens.js';

interface Outcome {
  options: BleuOptions;
  bleu?: number;
  error?: true;
}
interface SentenceCase extends Outcome {
  references: Sentence[];
  hypothesis: Sentence;
}
interface CorpusCase extends Outcome {
  listOfReferences: Sentence[][];
  hypotheses: Sentence[];
}
const fx = loadFixture<{ sentences: SentenceCase[]; corpora: CorpusCase[] }>('sequence_bleu');

/** NLTK computes with exact fractions and math.fsum; doubles agree to ~1e-15 relative. */
function expectNltk(actual: number, c: Outcome, label: string): void {
  const expected = c.bleu as number;
  expect(
    Math.abs(actual - expected),
    `${label}: ${actual} vs NLTK ${expected}`,
  ).toBeLessThanOrEqual(1e-12 * Math.abs(expected) + 1e-300);
}

describe('sentenceBleu', () => {
  it('equals NLTK on every fixture case (all smoothing methods 0 to 7)', () => {
    const methods = new Set<number>();
    fx.sentences.forEach((c, i) => {
      methods.add(c.options.smoothing ?? 0);
      if (c.error) {
        expectDlkitError(
          () => sentenceBleu(c.references, c.hypothesis, c.options),
          /^sentenceBleu: smoothing method 6 needs/,
        );
      } else {
        expectNltk(sentenceBleu(c.references, c.hypothesis, c.options), c, `case ${i}`);
      }
    });
    expect([...methods].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(fx.sentences.length).toBeGreaterThan(300);
  });

  it("gives NLTK's doctest values", () => {
    const hypothesis = 'the cat is on a mat'.split(' ');
    const reference = 'the cat is on the mat'.split(' ');
    // Hand-computed: p1 = 5/6, p2 = 3/5, BP = 1, so BLEU-2 = sqrt(5/6 * 3/5) = sqrt(1/2).
    expect(sentenceBleu([reference], hypothesis, { weights: [0.5, 0.5] })).toBeCloseTo(
      Math.SQRT1_2,
      14,
    );
    expect(sentenceBleu([reference], reference)).toBe(1);
  });

  it('scores an empty hypothesis 0, as NLTK does, and treats 7 and "7" as different tokens', () => {
    expect(sentenceBleu([['a', 'b']], [])).toBe(0);
    expect(sentenceBleu([[7, 8]], ['7', '8'], { weights: [1] })).toBe(0);
    expect(sentenceBleu([[7, 8]], [7, 8], { weights: [1] })).toBe(1);
  });

  it('rejects bad input with a DlkitError naming sentenceBleu', () => {
    expectDlkitError(
      () => sentenceBleu([], ['a']),
      'sentenceBleu: references must be a non-empty array of reference sentences, got []',
    );
    expectDlkitError(
      () => sentenceBleu([['a']], ['a', NaN]),
      'sentenceBleu: hypothesis[1] must be a token (a string or a finite number), got number NaN',
    );
    expectDlkitError(
      () => sentenceBleu([['a']], ['a'], { smoothing: 8 as never }),
      'sentenceBleu: options.smoothing must be one of 0, 1, 2, 3, 4, 5, 6, 7, got number 8',
    );
    expectDlkitError(
      () => sentenceBleu([['a']], ['a'], { weights: [] }),
      'sentenceBleu: options.weights must be an array of 1 to 32 weights, got an array of length 0',
    );
    expectDlkitError(
      () => sentenceBleu([['a']], ['a'], { weights: [0.5, 2] }),
      'sentenceBleu: options.weights[1] must be a finite number >= 0 and <= 1, got 2',
    );
  });
});

describe('corpusBleu', () => {
  it('equals NLTK on every fixture corpus', () => {
    fx.corpora.forEach((c, i) => {
      if (c.error) {
        expectDlkitError(
          () => corpusBleu(c.listOfReferences, c.hypotheses, c.options),
          /^corpusBleu: smoothing method 6 needs/,
        );
      } else {
        expectNltk(corpusBleu(c.listOfReferences, c.hypotheses, c.options), c, `corpus ${i}`);
      }
    });
    expect(fx.corpora.length).toBeGreaterThan(60);
  });

  it('is the micro-average, not the mean of sentence scores', () => {
    const refs = [[['a', 'b', 'c']], [['d', 'e']]];
    const hyps = [
      ['a', 'b', 'c'],
      ['d', 'x'],
    ];
    // Hand-computed: unigram matches (3 + 1) / (3 + 2) = 4/5, BP = 1.
    expect(corpusBleu(refs, hyps, { weights: [1] })).toBeCloseTo(0.8, 14);
    const mean =
      (sentenceBleu(refs[0]!, hyps[0]!, { weights: [1] }) +
        sentenceBleu(refs[1]!, hyps[1]!, { weights: [1] })) /
      2;
    expect(mean).toBeCloseTo(0.75, 14);
  });

  it('rejects an empty list of hypotheses and mismatched lengths', () => {
    expectDlkitError(
      () => corpusBleu([], []),
      'corpusBleu: hypotheses must be a non-empty array of sentences, got []',
    );
    expectDlkitError(
      () => corpusBleu([[['a']]], [['a'], ['b']]),
      /^corpusBleu: listOfReferences must be an array of 2 lists of references \(one per hypothesis\), got /,
    );
    expectDlkitError(
      () => corpusBleu([[['a'], 'b']] as never, [['a']]),
      'corpusBleu: listOfReferences[0][1] must be an array of tokens (strings or numbers), got string b',
    );
  });
});
