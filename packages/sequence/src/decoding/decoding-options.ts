import { DlkitError, assertNumber, assertOptions } from '@dlkit/core';
import type { StepFunction } from './step-function.js';

/**
 * What `greedySearch` needs besides the step function.
 *
 * @category C5 W3 · Beam search
 */
export interface GreedySearchOptions {
  /** The most tokens to decode (1 to 100,000). */
  maxLength: number;
  /** A token every prefix starts with (the decoder's `<s>`), not part of the result. Default none. */
  startToken?: number;
  /** The token that ends a sequence (`</s>`). Default none: every sequence runs to `maxLength`. */
  endToken?: number;
}

/**
 * What `beamSearch` needs besides the step function.
 *
 * @category C5 W3 · Beam search
 */
export interface BeamSearchOptions extends GreedySearchOptions {
  /** The beam width `B`: how many prefixes are kept at each step (1 to 10,000; 1 is greedy search). */
  beamWidth: number;
  /**
   * The course's length normalisation α in `[0, 1]`: hypotheses are ranked by
   * `log P / Ty^α`. Default 0.7, the course's value; 0 ranks by `log P` alone.
   */
  lengthNormalization?: number;
}

/** The most tokens a search decodes: longer is a mistake (no course sequence is over 1,000). */
export const MAX_DECODE_LENGTH = 100_000;

const token = (fn: string, name: string, v: unknown): number | undefined =>
  v === undefined
    ? undefined
    : assertNumber(fn, `options.${name}`, v, { integer: true, min: 0, max: 2 ** 31 - 1 });

/** Checks the step function and the shared options. */
export function resolveGreedyOptions(
  fn: string,
  step: unknown,
  options: GreedySearchOptions | undefined,
  extra: readonly string[] = [],
): Required<Pick<GreedySearchOptions, 'maxLength'>> & GreedySearchOptions {
  if (typeof step !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `step must be a function from prefixes to log-probabilities, got ${typeof step}`,
      { argument: 'step' },
    );
  }
  const known = ['maxLength', 'startToken', 'endToken', ...extra] as (keyof GreedySearchOptions)[];
  if (options === undefined) {
    throw new DlkitError('value', fn, 'options must be given, with maxLength at least', {
      argument: 'options',
    });
  }
  const o = assertOptions(fn, 'options', options, known);
  return {
    maxLength: assertNumber(fn, 'options.maxLength', o.maxLength, {
      integer: true,
      min: 1,
      max: MAX_DECODE_LENGTH,
    }),
    startToken: token(fn, 'startToken', o.startToken),
    endToken: token(fn, 'endToken', o.endToken),
  };
}

/** The step function as the checked type. */
export const asStep = (step: unknown): StepFunction => step as StepFunction;
