// Issue 11: options with unknown fields or of the wrong type, and arguments of the wrong type,
// get a DlkitError naming the function (they were ignored, or threw TypeErrors).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { auc, formatDiagnosis, precisionScore, rocCurve, splitIndices } from './index.js';

describe('strategy rejects bad arguments', () => {
  it('rejects options that are null or have unknown fields', () => {
    expect(() => precisionScore([0, 1], [0, 1], null as never)).toThrow(
      'precisionScore: options must be an object of options, got null',
    );
    expect(() => rocCurve([0, 1], [0.2, 0.8], { pos_label: 1 } as never)).toThrow(
      'rocCurve: options has an unknown field pos_label (known: posLabel, onWarning, dropIntermediate)',
    );
    expect(() => splitIndices(10, { train: 0.5, test: 0.5 }, { sead: 1 } as never)).toThrow(
      /^splitIndices: options has an unknown field sead/,
    );
  });

  it('auc rejects what is not a list of numbers, and NaN', () => {
    expect(() => auc(undefined as never, [1, 2])).toThrow(
      'auc: x must be an array of numbers, got undefined',
    );
    expect(() => auc([0, 1], [NaN, 1])).toThrow(
      'auc: x and y must be finite, got (0, NaN) at index 0',
    );
  });

  it('a disposed label tensor is kind state, as in core', () => {
    const t = tf.tensor1d([0, 1], 'int32');
    t.dispose();
    expect(() => precisionScore(t, [0, 1])).toThrow('precisionScore: yTrue is a disposed tensor');
    try {
      precisionScore(t, [0, 1]);
    } catch (e) {
      expect((e as { kind: string }).kind).toBe('state');
    }
  });

  it('formatDiagnosis rejects what is not a diagnosis', () => {
    expect(() => formatDiagnosis(undefined as never)).toThrow(
      'formatDiagnosis: d must be a Diagnosis from diagnose, got undefined',
    );
  });
});
