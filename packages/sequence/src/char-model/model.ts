import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ITERATIONS,
  RandomState,
  asCaller,
  assertNumber,
  assertOneOf,
  assertOptions,
  assertSize,
  describeValue,
} from '@dlkit/core';
import { getSample } from './get-sample.js';
import { initializeParameters } from './initialize-parameters.js';
import { optimizeStep } from './optimize.js';
import {
  charOfIndex,
  indexOfChar,
  type CharParameters,
  type CharToIx,
  type IxToChar,
} from './parameters.js';
import { sample } from './sample.js';
import { getInitialLoss, smooth } from './smooth.js';

/**
 * The samples {@link model} draws every `sampleEvery` iterations (the notebook prints them).
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharModelSamples {
  /** The iteration `j`, from 0. */
  iteration: number;
  /** The smoothed loss. */
  loss: number;
  /** `dinoNames` sampled names (seeds 0, 1, …), without their `'\n'`. */
  names: string[];
}

/**
 * Options of {@link model} beyond the notebook's arguments.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharModelTrainingOptions {
  /** Sample names every this many iterations (default 2000, the notebook's). */
  sampleEvery?: number;
  /** Receives the samples instead of printing them as the notebook does. */
  onSample?: (samples: CharModelSamples) => void;
  /** Called after every iteration with `(j, smoothedLoss)` (for a progress bar). */
  onIteration?: (iteration: number, loss: number) => void;
}

/**
 * What {@link model} returns: the notebook's `(parameters, last_dino_name)`, and the smoothed
 * loss of every iteration (the curve the notebook's printed losses sample).
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharModelResult {
  /** The trained `{ Wax, Waa, Wya, b, by }` (new tensors the caller disposes). */
  parameters: CharParameters;
  /** The last name sampled, with its `'\n'` (`'abc'` if none was). */
  lastDinoName: string;
  /** The smoothed loss after each iteration. */
  losses: number[];
}

/**
 * The notebook's `model`: trains the character-level RNN on a list of names, one name per
 * iteration (shuffled once with `np.random.seed(0)`, taken in turn), each name's input starting
 * with `null` and its target ending with `'\n'`; the hidden state is carried from name to name.
 * Parameters start from `initializeParameters` (`np.random.seed(1)`, `randn · 0.01`); the loss is
 * smoothed (`0.999 · L + 0.001 · loss`, from `−log(1/vocabSize) · dinoNames`). Every 2000
 * iterations it samples `dinoNames` names with seeds 0, 1, … and prints them (or hands them to
 * `options.onSample`).
 *
 * @param dataX - The names, one a string (surrounding whitespace and `'\n'` are stripped).
 * @param ixToChar - The notebook's `ix_to_char` (array or object).
 * @param charToIx - The notebook's `char_to_ix` (object or `Map`); must map `'\n'` and every
 *   character of the names.
 * @param numIterations - Training steps (default 35000, the notebook's).
 * @param nA - Hidden units (default 50).
 * @param dinoNames - Names sampled at each report, and the initial loss's length (default 7).
 * @param vocabSize - The vocabulary's size (default 27).
 * @param verbose - Print the notebook's debugging lines about the first iterations (default false).
 * @param options - `sampleEvery`, `onSample`, `onIteration`.
 * @returns `{ parameters, lastDinoName, losses }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const chars = ['\n', ...'abcdefghijklmnopqrstuvwxyz'];
 * const charToIx = Object.fromEntries(chars.map((c, i) => [c, i]));
 * const names = ['turiasaurus', 'pandemonium', 'aachenosaurus', 'rex', 'zby'];
 * const { parameters, losses } = characterModel.model(names, chars, charToIx, 30, 12, 3, 27, false, {
 *   sampleEvery: 10,
 *   onSample: ({ iteration, names }) => console.log(iteration, names),
 * });
 * console.log(losses.length); // 30
 * tf.dispose(Object.values(parameters));
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function model(
  dataX: readonly string[],
  ixToChar: IxToChar,
  charToIx: CharToIx,
  numIterations = 35000,
  nA = 50,
  dinoNames = 7,
  vocabSize = 27,
  verbose = false,
  options: CharModelTrainingOptions = {},
): CharModelResult {
  const fn = 'model';
  const {
    sampleEvery = 2000,
    onSample,
    onIteration,
  } = assertOptions(fn, 'options', options, ['sampleEvery', 'onSample', 'onIteration']);
  assertNumber(fn, 'vocabSize', vocabSize, { integer: true, min: 2, max: 65536 });
  const examples = checkNames(fn, dataX, charToIx, vocabSize);
  for (let i = 0; i < vocabSize; i++) charOfIndex(fn, 'ixToChar', ixToChar, i);
  const newline = indexOfChar(fn, 'charToIx', charToIx, '\n', vocabSize);
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 0, max: MAX_ITERATIONS });
  assertSize(fn, 'nA', nA, 1);
  assertNumber(fn, 'dinoNames', dinoNames, { integer: true, min: 0, max: 1000 });
  assertOneOf(fn, 'verbose', verbose, [true, false]);
  assertNumber(fn, 'options.sampleEvery', sampleEvery, { integer: true, min: 1 });
  for (const [name, f] of [
    ['onSample', onSample],
    ['onIteration', onIteration],
  ] as const) {
    if (f !== undefined && typeof f !== 'function') {
      throw new DlkitError(
        'value',
        fn,
        `options.${name} must be a function, got ${describeValue(f)}`,
        {
          argument: `options.${name}`,
        },
      );
    }
  }
  return asCaller(fn, () => {
    let parameters = initializeParameters(nA, vocabSize, vocabSize);
    let loss = getInitialLoss(vocabSize, dinoNames);
    new RandomState(0).shuffle(examples);
    let aPrev = tf.zeros([nA, 1]);
    let lastDinoName = 'abc';
    const losses: number[] = [];
    try {
      for (let j = 0; j < numIterations; j++) {
        const idx = j % examples.length;
        const X = [null, ...(examples[idx] as number[])];
        const Y = [...X.slice(1), newline] as number[];
        const result = optimizeStep(X, Y, aPrev, parameters, vocabSize, 0.01);
        tf.dispose([aPrev, ...Object.values(parameters), ...Object.values(result.gradients)]);
        ({ parameters, aLast: aPrev } = result);
        if (verbose && [0, examples.length - 1, examples.length].includes(j)) {
          console.log('j = ', j, 'idx = ', idx);
        }
        loss = smooth(loss, result.loss);
        losses.push(loss);
        onIteration?.(j, loss);
        if (j % sampleEvery === 0) {
          const names: string[] = [];
          for (let seed = 0; seed < dinoNames; seed++) {
            lastDinoName = getSample(sample(parameters, charToIx, seed), ixToChar);
            names.push(lastDinoName.replace(/\n/g, ''));
          }
          report(onSample, { iteration: j, loss, names });
        }
      }
    } catch (e) {
      tf.dispose(Object.values(parameters));
      throw e;
    } finally {
      aPrev.dispose();
    }
    return { parameters, lastDinoName, losses };
  });
}

/** Each name's indices, checked: a non-empty array of strings whose characters are known. */
function checkNames(fn: string, dataX: unknown, charToIx: CharToIx, vocabSize: number): number[][] {
  if (!Array.isArray(dataX) || dataX.length === 0 || dataX.length > 10_000_000) {
    throw new DlkitError(
      'value',
      fn,
      `dataX must be a non-empty array of names, got ${describeValue(dataX)}`,
      { argument: 'dataX' },
    );
  }
  return dataX.map((name: unknown, i) => {
    if (typeof name !== 'string' || name.length > 10_000) {
      throw new DlkitError(
        'value',
        fn,
        `dataX[${i}] must be a string, got ${describeValue(name)}`,
        {
          argument: 'dataX',
        },
      );
    }
    return [...name.trim()].map((ch) => indexOfChar(fn, 'charToIx', charToIx, ch, vocabSize));
  });
}

/** Hands the samples to `onSample`, or prints them as the notebook does. */
function report(onSample: ((s: CharModelSamples) => void) | undefined, s: CharModelSamples): void {
  if (onSample !== undefined) {
    onSample(s);
    return;
  }
  console.log(`Iteration: ${s.iteration}, Loss: ${s.loss.toFixed(6)}\n`);
  for (const name of s.names) console.log(name);
  console.log('\n');
}
