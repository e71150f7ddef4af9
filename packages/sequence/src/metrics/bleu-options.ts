import { DlkitError, assertNumber, assertOneOf, assertOptions } from '@dlkit/core';
import type { SmoothingConstants, SmoothingMethod } from './smoothing.js';

/**
 * What `sentenceBleu` and `corpusBleu` accept besides the sentences (NLTK's keyword arguments).
 *
 * @category C5 W3 · Bleu score
 */
export interface BleuOptions {
  /** A weight per n-gram order, each in `[0, 1]`, 1 to 32 of them. Default `[0.25, 0.25, 0.25, 0.25]` (BLEU-4). */
  weights?: readonly number[];
  /** NLTK's `SmoothingFunction().method<n>`, 0 to 7. Default 0 (no smoothing). */
  smoothing?: SmoothingMethod;
  /** Method 1's added count. Default 0.1. */
  epsilon?: number;
  /** Method 6's prior weight. Default 5. */
  alpha?: number;
  /** Method 4's constant. Default 5. */
  k?: number;
  /** NLTK's `auto_reweigh`: uniform weights over the hypothesis' length when it is under 4 tokens and the weights are the default. Default false. */
  autoReweigh?: boolean;
}

/** The options with every default filled in. */
export interface ResolvedBleuOptions extends SmoothingConstants {
  weights: readonly number[];
  smoothing: SmoothingMethod;
  autoReweigh: boolean;
}

export const DEFAULT_WEIGHTS: readonly number[] = [0.25, 0.25, 0.25, 0.25];

const MAX_ORDER = 32;

function checkWeights(fn: string, value: unknown): readonly number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ORDER) {
    throw new DlkitError(
      'value',
      fn,
      `options.weights must be an array of 1 to ${MAX_ORDER} weights, got ${Array.isArray(value) ? `an array of length ${value.length}` : String(value)}`,
      { argument: 'options.weights' },
    );
  }
  value.forEach((w, i) => assertNumber(fn, `options.weights[${i}]`, w, { min: 0, max: 1 }));
  return value as number[];
}

/** Checks BLEU's options and fills in NLTK's defaults. */
export function resolveBleuOptions(
  fn: string,
  options: BleuOptions | undefined,
): ResolvedBleuOptions {
  const o = assertOptions(fn, 'options', options, [
    'weights',
    'smoothing',
    'epsilon',
    'alpha',
    'k',
    'autoReweigh',
  ]);
  const positive = (name: string, v: unknown, d: number): number =>
    v === undefined ? d : assertNumber(fn, `options.${name}`, v, { min: 0, max: 1e6 });
  return {
    weights: o.weights === undefined ? DEFAULT_WEIGHTS : checkWeights(fn, o.weights),
    smoothing:
      o.smoothing === undefined
        ? 0
        : assertOneOf(fn, 'options.smoothing', o.smoothing, [0, 1, 2, 3, 4, 5, 6, 7] as const),
    epsilon: positive('epsilon', o.epsilon, 0.1),
    alpha: positive('alpha', o.alpha, 5),
    k: positive('k', o.k, 5),
    autoReweigh:
      o.autoReweigh === undefined
        ? false
        : assertOneOf(fn, 'options.autoReweigh', o.autoReweigh, [true, false] as const),
  };
}
