import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor, describeValue } from '@dlkit/core';

/**
 * A decoder's next-token scores: given the prefixes decoded so far (each starting with the start
 * token when one is set), the log-probability of every vocabulary token following each prefix,
 * one row per prefix (`[prefixes.length, vocabSize]`, as arrays or a tf.Tensor2D, which the
 * search reads and disposes). Rows may hold `-Infinity` (probability 0), never NaN or `+Infinity`.
 * Any scores that add along a sequence work; log-probabilities make the results comparable.
 *
 * @category C5 W3 · Beam search
 */
export type StepFunction = (
  prefixes: readonly (readonly number[])[],
) => readonly ArrayLike<number>[] | tf.Tensor2D;

/**
 * One decoded sequence.
 *
 * @category C5 W3 · Beam search
 */
export interface Hypothesis {
  /** The decoded tokens, without the start token, ending with the end token when it was reached. */
  tokens: number[];
  /** The sum of the tokens' log-probabilities, `log P(y | x)`. */
  logProbability: number;
  /** What the search ranks by: `logProbability / tokens.length^α` (α = `lengthNormalization`; for greedy, α = 0). */
  score: number;
  /** Whether the sequence ends with the end token (false when `maxLength` stopped it). */
  finished: boolean;
}

function rows(fn: string, out: unknown): unknown[] {
  if (out instanceof tf.Tensor) {
    try {
      assertTensor(fn, 'step', out, { rank: 2 });
      return out.arraySync() as number[][];
    } finally {
      out.dispose();
    }
  }
  if (!Array.isArray(out)) {
    throw new DlkitError(
      'value',
      fn,
      `step must return an array of score rows or a tf.Tensor2D, got ${describeValue(out)}`,
      { argument: 'step' },
    );
  }
  return out;
}

function checkRow(fn: string, row: unknown, i: number, vocab: number): ArrayLike<number> {
  const ok =
    row !== null &&
    typeof row === 'object' &&
    typeof (row as ArrayLike<number>).length === 'number' &&
    (row as ArrayLike<number>).length === vocab;
  if (!ok) {
    throw new DlkitError(
      'value',
      fn,
      `step's row ${i} must be an array of ${vocab} scores (one per vocabulary token), got ${describeValue(row)}`,
      { argument: 'step' },
    );
  }
  const r = row as ArrayLike<number>;
  for (let j = 0; j < vocab; j++) {
    const v = r[j];
    if (typeof v !== 'number' || Number.isNaN(v) || v === Infinity) {
      throw new DlkitError(
        'value',
        fn,
        `step's row ${i} must hold log-probabilities (numbers, -Infinity allowed), got ${describeValue(v)} at token ${j}`,
        { argument: 'step' },
      );
    }
  }
  return r;
}

/**
 * Calls the step function and checks what it returns: one row of `vocabSize >= 1` scores per
 * prefix, `vocabSize` above every special token.
 */
export function scoreRows(
  fn: string,
  step: StepFunction,
  prefixes: readonly (readonly number[])[],
  specialTokens: readonly number[],
): ArrayLike<number>[] {
  const out = rows(fn, step(prefixes.map((p) => [...p])));
  if (out.length !== prefixes.length) {
    throw new DlkitError(
      'value',
      fn,
      `step must return one score row per prefix (${prefixes.length}), got ${out.length}`,
      { argument: 'step' },
    );
  }
  const first = out[0] as { length?: unknown } | null | undefined;
  const vocab = typeof first?.length === 'number' ? first.length : 0;
  const needed = Math.max(0, ...specialTokens.map((t) => t + 1));
  if (vocab < Math.max(1, needed)) {
    throw new DlkitError(
      'value',
      fn,
      `step's rows must score at least ${Math.max(1, needed)} tokens (the vocabulary holds the start and end tokens), got ${describeValue(first)}`,
      { argument: 'step' },
    );
  }
  return out.map((row, i) => checkRow(fn, row, i, vocab));
}
