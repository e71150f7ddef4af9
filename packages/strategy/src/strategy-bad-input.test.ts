// Issue 11: the fuzz's findings in @dlkit/strategy, each with its exact message.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { checkDevTestSources } from './splits/check-sources.js';
import { mismatchedSplit } from './splits/mismatched.js';
import { permutation } from './splits/permutation.js';
import { logLoss } from './metrics/log-loss.js';
import { selectModel } from './selection/select-model.js';
import { formatErrorAnalysis } from './error-analysis/error-analysis.js';

describe('strategy bad input', () => {
  it('permutation names itself for a bad rng and bounds m', () => {
    expect(() => permutation(3, NaN)).toThrow(
      'permutation: rng must be an integer >= 0 and <= 4294967295, got NaN',
    );
    expect(() => permutation(3, null as never)).toThrow(
      'permutation: rng must be an integer >= 0 and <= 4294967295, got null',
    );
    expect(() => permutation(1e9)).toThrow(
      'permutation: m must be an integer >= 0 and <= 67108864, got 1000000000',
    );
  });

  it('checkDevTestSources takes arrays of names only, not tensors or objects', () => {
    const t = tf.tensor1d([1, 0]);
    t.dispose();
    expect(() => checkDevTestSources(['a'], t as never)).toThrow(
      'checkDevTestSources: testSources must be an array of source names, got a float32 tensor of rank 1',
    );
    expect(() => checkDevTestSources({ length: 1 } as never, ['a'])).toThrow(
      /^checkDevTestSources: devSources must be an array of source names/,
    );
  });

  it('mismatchedSplit needs its options and bounds the sizes', () => {
    expect(() => mismatchedSplit(undefined as never)).toThrow(
      'mismatchedSplit: options must give targetSize, otherSize, dev and test',
    );
    expect(() => mismatchedSplit({ targetSize: 1e9, otherSize: 0, dev: 1, test: 1 })).toThrow(
      'mismatchedSplit: targetSize must be an integer >= 1 and <= 67108864, got 1000000000',
    );
  });

  it('logLoss, selectModel and formatErrorAnalysis reject what they cannot read', () => {
    expect(() => logLoss([0, 1], undefined as never)).toThrow(/^logLoss: yPred /);
    expect(() => selectModel([{ name: 'a', accuracy: 1 }] as never, undefined as never)).toThrow(
      'selectModel: criteria must be { optimizing, satisficing? } with an optimizing metric, got undefined',
    );
    const t = tf.scalar(1);
    t.dispose();
    expect(() => formatErrorAnalysis({} as never, t as never)).toThrow(
      "formatErrorAnalysis: format must be 'text', 'csv' or 'json', got a float32 tensor of rank 0",
    );
  });
});
