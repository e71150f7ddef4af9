import { DlkitError } from '@dlkit/core';
import { modifiedPrecision, ngramTotal, type Precision } from './ngrams.js';
import type { Sentence } from './tokens.js';

/**
 * The smoothing methods of Chen and Cherry (2014), numbered as NLTK's `SmoothingFunction`
 * `method0` … `method7`.
 *
 * @category C5 W3 · Bleu score
 */
export type SmoothingMethod = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The constants of NLTK's `SmoothingFunction(epsilon=0.1, alpha=5, k=5)`. */
export interface SmoothingConstants {
  epsilon: number;
  alpha: number;
  k: number;
}

/** What a method may read besides the precisions (NLTK passes the corpus' last pair). */
export interface SmoothingContext {
  fn: string;
  references: readonly Sentence[];
  hypothesis: Sentence;
  hypLen: number;
}

/** `sys.float_info.min`, the smallest normal double: NLTK's stand-in for a zero precision. */
const FLOAT_MIN = 2.2250738585072014e-308;

type Method = (p: readonly Precision[], c: SmoothingContext, k: SmoothingConstants) => number[];

const value = (p: Precision): number => p.numerator / p.denominator;

const method0: Method = (p) => p.map((q) => (q.numerator !== 0 ? value(q) : FLOAT_MIN));

const method1: Method = (p, _c, { epsilon }) =>
  p.map((q) => (q.numerator === 0 ? (q.numerator + epsilon) / q.denominator : value(q)));

const method2: Method = (p) =>
  p.map((q, i) => (i === 0 ? value(q) : (q.numerator + 1) / (q.denominator + 1)));

const method3: Method = (p) => {
  let k = 1;
  return p.map((q) => (q.numerator === 0 ? 1 / (2 ** k++ * q.denominator) : value(q)));
};

const method4: Method = (p, c, { k }) => {
  let inc = 1;
  const len = c.hypLen || c.hypothesis.length;
  return p.map((q) => {
    if (q.numerator !== 0 || len <= 1) return value(q);
    const numerator = 1 / ((2 ** inc++ * k) / Math.log(len));
    return numerator / q.denominator;
  });
};

/** Method 5 on precisions already turned into numbers (method 7 runs it after method 4). */
function average(values: number[], c: SmoothingContext): number[] {
  const plus = [...values, value(modifiedPrecision(c.references, c.hypothesis, 5))];
  const out = [...values];
  let previous = (values[0] as number) + 1;
  for (let i = 0; i < out.length; i++) {
    out[i] = (previous + (values[i] as number) + (plus[i + 1] as number)) / 3;
    previous = out[i] as number;
  }
  return out;
}

const method5: Method = (p, c) => average(p.map(value), c);

const method6: Method = (p, c, { alpha }) => {
  const third = p[2];
  if (third === undefined || third.numerator === 0) {
    throw new DlkitError(
      'value',
      c.fn,
      'smoothing method 6 needs weights for at least 3 n-gram orders and a non-zero trigram precision (as NLTK asserts)',
      { argument: 'options' },
    );
  }
  const out = p.map(value);
  for (let i = 2; i < p.length; i++) {
    const before = out[i - 2] as number;
    const pi0 = before === 0 ? 0 : (out[i - 1] as number) ** 2 / before;
    const l = ngramTotal(c.hypothesis, i + 1);
    out[i] = ((p[i] as Precision).numerator + alpha * pi0) / (l + alpha);
  }
  return out;
};

const method7: Method = (p, c, k) => average(method4(p, c, k), c);

const METHODS: readonly Method[] = [
  method0,
  method1,
  method2,
  method3,
  method4,
  method5,
  method6,
  method7,
];

/** Applies NLTK's `SmoothingFunction().method<n>` to the modified precisions. */
export function smooth(
  method: SmoothingMethod,
  precisions: readonly Precision[],
  context: SmoothingContext,
  constants: SmoothingConstants,
): number[] {
  return (METHODS[method] as Method)(precisions, context, constants);
}
