// Greedy and beam search on toy decoders whose best sequences are worked out by hand in the
// comments (probabilities multiply along a sequence; the end token is 2 unless said otherwise).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks, fc } from '@dlkit/test-harness';
import { beamSearch } from './beam-search.js';
import { greedySearch } from './greedy-search.js';
import type { StepFunction } from './step-function.js';

const logs = (p: number[]): number[] => p.map(Math.log);

/** P(0) = .5, P(1) = .4, P(end) = .1 first; after 0: [.3, .3, .4]; after 1: [.05, .05, .9]. */
const trap: StepFunction = (prefixes) =>
  prefixes.map((p) =>
    logs(p.length === 0 ? [0.5, 0.4, 0.1] : p[0] === 0 ? [0.3, 0.3, 0.4] : [0.05, 0.05, 0.9]),
  );

describe('greedySearch', () => {
  it('takes the most likely token at each step and stops at the end token', () => {
    // 0 (.5), then end (.4): P = .2.
    const h = greedySearch(trap, { maxLength: 5, endToken: 2 });
    expect(h.tokens).toEqual([0, 2]);
    expect(h.logProbability).toBeCloseTo(Math.log(0.2), 12);
    expect(h.finished).toBe(true);
  });

  it('runs to maxLength without an end token and passes the start token to the step', () => {
    const seen: number[][] = [];
    const step: StepFunction = (prefixes) => {
      seen.push(...prefixes.map((p) => [...p]));
      return prefixes.map(() => logs([0.2, 0.7, 0.1]));
    };
    const h = greedySearch(step, { maxLength: 3, startToken: 2 });
    expect(h.tokens).toEqual([1, 1, 1]);
    expect(h.finished).toBe(false);
    expect(seen).toEqual([[2], [2, 1], [2, 1, 1]]);
  });

  it('reads and disposes a tensor the step returns', async () => {
    const step: StepFunction = (prefixes) =>
      tf.tidy(() => tf.log(tf.tensor2d(prefixes.map(() => [0.1, 0.9]))));
    const n = await expectNoLeaks(() => {
      greedySearch(step, { maxLength: 2 });
    });
    expect(n).toBe(0);
  });

  it('rejects bad input with a DlkitError naming greedySearch', () => {
    expectDlkitError(
      () => greedySearch(1 as never, { maxLength: 2 }),
      'greedySearch: step must be a function from prefixes to log-probabilities, got number',
    );
    expectDlkitError(
      () => greedySearch(trap, { maxLength: 0 }),
      'greedySearch: options.maxLength must be an integer >= 1 and <= 100000, got 0',
    );
    expectDlkitError(
      () => greedySearch(() => [[NaN, 0]], { maxLength: 2 }),
      "greedySearch: step's row 0 must hold log-probabilities (numbers, -Infinity allowed), got number NaN at token 0",
    );
    expectDlkitError(
      () => greedySearch(() => [], { maxLength: 2 }),
      'greedySearch: step must return one score row per prefix (1), got 0',
    );
    expectDlkitError(
      () => greedySearch(trap, { maxLength: 2, endToken: 3 }),
      /^greedySearch: step's rows must score at least 4 tokens/,
    );
  });
});

describe('beamSearch', () => {
  it('finds the sequence greedy search misses', () => {
    // Width 2 keeps 0 (.5) and 1 (.4); then 1,end = .36 beats 0,end = .2 (greedy's answer).
    const [best, second, ...rest] = beamSearch(trap, { beamWidth: 2, maxLength: 5, endToken: 2 });
    expect(best?.tokens).toEqual([1, 2]);
    expect(best?.logProbability).toBeCloseTo(Math.log(0.36), 12);
    expect(second?.tokens).toEqual([0, 2]);
    expect(rest).toEqual([]);
  });

  it('ranks by the length-normalised objective log P / Ty^α', () => {
    // First: [0 .5, 1 .2, end .3]: the beam of 2 keeps 0 and end (finished, log .3 = -1.20).
    // After 0: [.2, .3, .5]: 0,end has P = .25, log -1.39, over 2 tokens -0.69 with α = 1.
    const step: StepFunction = (prefixes) =>
      prefixes.map((p) => logs(p.length === 0 ? [0.5, 0.2, 0.3] : [0.2, 0.3, 0.5]));
    const plain = beamSearch(step, {
      beamWidth: 2,
      maxLength: 4,
      endToken: 2,
      lengthNormalization: 0,
    });
    expect(plain.map((h) => h.tokens)).toEqual([[2], [0, 2]]);
    const normal = beamSearch(step, {
      beamWidth: 2,
      maxLength: 4,
      endToken: 2,
      lengthNormalization: 1,
    });
    expect(normal.map((h) => h.tokens)).toEqual([[0, 2], [2]]);
    expect(normal[0]?.score).toBeCloseTo(Math.log(0.25) / 2, 12);
  });

  it('with width 1 is greedy search, on random decoders', () => {
    fc.assert(
      fc.property(
        // Distinct scores in a row (percentages), so no tie decides between the two searches.
        fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }), {
          minLength: 7,
          maxLength: 7,
        }),
        fc.integer({ min: 1, max: 6 }),
        (table, maxLength) => {
          // The row depends on the prefix' length and last token, so choices matter.
          const step: StepFunction = (prefixes) =>
            prefixes.map((p) =>
              logs(table[(p.length + 3 * (p[p.length - 1] ?? 0)) % 7]!.map((v) => v / 100)),
            );
          const g = greedySearch(step, { maxLength, endToken: 3 });
          const [b] = beamSearch(step, { beamWidth: 1, maxLength, endToken: 3 });
          expect(b?.tokens).toEqual(g.tokens);
          expect(b?.logProbability).toBeCloseTo(g.logProbability, 12);
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });

  it('finds the most likely sequence when the beam holds every prefix', () => {
    // Exhaustive check over all 3^3 sequences of a fixed-length decoder (no end token).
    const table = [logs([0.5, 0.3, 0.2]), logs([0.1, 0.1, 0.8]), logs([0.6, 0.3, 0.1])];
    const step: StepFunction = (prefixes) =>
      prefixes.map((p) => table[((p[p.length - 1] ?? 0) + p.length) % 3]!);
    let best = { tokens: [] as number[], lp: -Infinity };
    for (let s = 0; s < 27; s++) {
      const tokens = [Math.floor(s / 9), Math.floor(s / 3) % 3, s % 3];
      let lp = 0;
      tokens.forEach((t, i) => {
        lp += table[((tokens[i - 1] ?? 0) + i) % 3]![t]!;
      });
      if (lp > best.lp) best = { tokens, lp };
    }
    const [h] = beamSearch(step, { beamWidth: 9, maxLength: 3, lengthNormalization: 0 });
    expect(h?.tokens).toEqual(best.tokens);
    expect(h?.logProbability).toBeCloseTo(best.lp, 12);
    expect(h?.finished).toBe(false);
  });

  it('leaks nothing when the step returns tensors', async () => {
    const step: StepFunction = (prefixes) =>
      tf.tidy(() => tf.log(tf.tensor2d(prefixes.map(() => [0.2, 0.3, 0.5]))));
    const n = await expectNoLeaks(() => {
      beamSearch(step, { beamWidth: 2, maxLength: 3, endToken: 2 });
    });
    expect(n).toBe(0);
  });

  it('rejects a beam width of 0 and other bad input with a DlkitError naming beamSearch', () => {
    expectDlkitError(
      () => beamSearch(trap, { beamWidth: 0, maxLength: 3 }),
      'beamSearch: options.beamWidth must be an integer >= 1 and <= 10000, got 0',
    );
    expectDlkitError(
      () => beamSearch(trap, { beamWidth: 2, maxLength: 3, lengthNormalization: 2 }),
      'beamSearch: options.lengthNormalization must be a finite number >= 0 and <= 1, got 2',
    );
    expectDlkitError(
      () => beamSearch(trap, { beamWidth: 2, maxLength: 3, beam: 2 } as never),
      /^beamSearch: options has an unknown field beam/,
    );
    expectDlkitError(
      () => beamSearch(trap, undefined as never),
      'beamSearch: options must be given, with maxLength at least',
    );
    expectDlkitError(
      () => beamSearch(() => [[0, 0], [0]], { beamWidth: 2, maxLength: 3 }),
      'beamSearch: step must return one score row per prefix (1), got 2',
    );
  });
});
