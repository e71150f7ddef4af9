import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  MAX_ELEMENTS,
  assertOneOf,
  assertOptions,
  assertShapeSize,
  assertSize,
  assertString,
  assertTensor,
} from './arguments.js';
import { asCaller, asCallerAsync } from './caller.js';
import { DlkitError } from './errors.js';
import { assertShape, formatShape, ShapeChecker } from './shapes.js';
import { assertNumber } from './values.js';

function thrown(body: () => unknown): DlkitError {
  try {
    body();
  } catch (e) {
    if (e instanceof DlkitError) return e;
    throw e;
  }
  throw new Error('expected a DlkitError');
}

describe('assertTensor', () => {
  it('returns a live float32 tensor', () => {
    const t = tf.ones([2, 3]);
    expect(assertTensor('f', 'X', t, { rank: 2, finite: true })).toBe(t);
    t.dispose();
  });

  it.each([
    [undefined, 'value', 'f: X must be a tf.Tensor, got undefined'],
    [null, 'value', 'f: X must be a tf.Tensor, got null'],
    [3, 'value', 'f: X must be a tf.Tensor, got number 3'],
    [[1, 2], 'value', 'f: X must be a tf.Tensor, got [1,2]'],
    [[tf, tf], 'value', 'f: X must be a tf.Tensor, got an array of length 2'],
  ])('rejects %s', (value, kind, message) => {
    const e = thrown(() => assertTensor('f', 'X', value));
    expect([e.kind, e.fn, e.argument, e.message]).toEqual([kind, 'f', 'X', message]);
  });

  it('rejects a disposed tensor with kind state', () => {
    const t = tf.ones([2]);
    t.dispose();
    const e = thrown(() => assertTensor('f', 'X', t));
    expect([e.kind, e.message]).toEqual(['state', 'f: X is a disposed tensor']);
    // The shape checks share it: one kind for a disposed tensor everywhere.
    expect(thrown(() => assertShape('f', 'X', t, ['m'])).kind).toBe('state');
  });

  it('rejects int32 and bool tensors unless asked for, a wrong rank and NaN', () => {
    tf.tidy(() => {
      const i = tf.tensor([1, 2], [2], 'int32');
      expect(thrown(() => assertTensor('fit', 'X', i)).message).toBe(
        'fit: X must have dtype float32, got int32',
      );
      expect(assertTensor('fit', 'X', i, { dtypes: ['int32'] })).toBe(i);
      const b = tf.tensor([1, 0], [2], 'bool');
      expect(thrown(() => assertTensor('fit', 'X', b)).kind).toBe('dtype');
      expect(thrown(() => assertTensor('fit', 'X', tf.ones([2]), { rank: 2 })).message).toBe(
        'fit: X must have rank 2, got shape [2]',
      );
      expect(
        thrown(() => assertTensor('fit', 'X', tf.tensor([1, NaN]), { finite: true })).message,
      ).toBe('fit: X must be finite, got NaN at flat index 1 of shape [2]');
    });
  });
});

describe('assertOneOf', () => {
  it('returns an allowed value and names the allowed ones otherwise', () => {
    expect(assertOneOf('f', 'layout', 'rows', ['columns', 'rows'])).toBe('rows');
    expect(thrown(() => assertOneOf('f', 'layout', 'row', ['columns', 'rows'])).message).toBe(
      "f: layout must be one of 'columns', 'rows', got row",
    );
    expect(thrown(() => assertOneOf('f', 'replace', 1, [true, false])).message).toBe(
      'f: replace must be one of true, false, got number 1',
    );
  });
});

describe('assertOptions', () => {
  it('accepts undefined and plain objects with known fields', () => {
    expect(assertOptions<{ seed?: number }>('f', 'options', undefined, ['seed'])).toEqual({});
    expect(assertOptions<{ seed?: number }>('f', 'options', { seed: 1 }, ['seed'])).toEqual({
      seed: 1,
    });
  });

  it('rejects unknown fields, null, arrays, tensors and numbers', () => {
    const e = thrown(() => assertOptions('f', 'options', { sead: 1 } as never, ['seed']));
    expect([e.argument, e.message]).toEqual([
      'options.sead',
      'f: options has an unknown field sead (known: seed)',
    ]);
    for (const bad of [null, [], 3, 'x', () => 1]) {
      expect(thrown(() => assertOptions('f', 'options', bad as never, ['seed'])).argument).toBe(
        'options',
      );
    }
    const t = tf.ones([1]);
    expect(thrown(() => assertOptions('f', 'options', t as never, ['seed'])).message).toBe(
      'f: options must be an object of options, got a float32 tensor of rank 1',
    );
    t.dispose();
  });
});

describe('size limits', () => {
  it('accepts sizes up to MAX_ELEMENTS and rejects bigger ones', () => {
    expect(assertSize('f', 'm', MAX_ELEMENTS)).toBe(MAX_ELEMENTS);
    expect(thrown(() => assertSize('f', 'm', 1e9)).message).toBe(
      'f: m must be an integer >= 0 and <= 67108864, got 1000000000',
    );
    expect(thrown(() => assertSize('f', 'm', 0, 1)).argument).toBe('m');
    expect(thrown(() => assertSize('f', 'm', 3, { min: 1 } as never)).message).toBe(
      'assertSize: min must be an integer >= 0 and <= 67108864, got an object',
    );
    expect(assertShapeSize('f', 'shape', [2, 3])).toEqual([2, 3]);
    expect(thrown(() => assertShapeSize('f', 'shape', [1e5, 1e5])).message).toBe(
      'f: shape [100000, 100000] has 10000000000 elements, more than 67108864',
    );
    expect(thrown(() => assertShapeSize('f', 'shape', 3)).message).toBe(
      'f: shape must be an array of sizes, got number 3',
    );
  });
});

describe('assertString and the helpers’ own arguments', () => {
  it('rejects a missing or non-string name', () => {
    expect(assertString('f', 'name', 'x')).toBe('x');
    expect(thrown(() => assertString('f', 'name', '')).message).toBe(
      'f: name must be a non-empty string, got string ',
    );
    expect(thrown(() => assertShape(undefined as never, 'x', [1], [1])).message).toBe(
      'assertShape: fn must be a non-empty string, got undefined',
    );
    expect(thrown(() => assertNumber({} as never, 'x', 1)).fn).toBe('assertNumber');
    expect(thrown(() => new ShapeChecker(3 as never)).message).toBe(
      'ShapeChecker: fn must be a non-empty string, got number 3',
    );
    expect(thrown(() => formatShape(undefined as never)).message).toBe(
      'formatShape: shape must be an array, got undefined',
    );
    expect(thrown(() => new ShapeChecker('f').check('x', [1], 'm' as never)).argument).toBe(
      'pattern',
    );
    expect(thrown(() => new ShapeChecker('f').check('x', [NaN], ['m'])).message).toBe(
      'f: x must be a tf.Tensor or a shape of sizes, got [number NaN]',
    );
  });

  it('never throws from DlkitError itself, whatever it is given', () => {
    const t = tf.ones([1]);
    t.dispose();
    expect(new DlkitError('value', t as never, 'detail').message).toContain(': detail');
  });
});

describe('asCaller', () => {
  it('re-throws an inner DlkitError as the caller’s, with the inner one as cause', () => {
    const inner = new DlkitError(
      'shape',
      'binaryCrossEntropy',
      'AL must have shape [1, m], got [2, 3]',
      {
        argument: 'AL',
      },
    );
    const e = thrown(() =>
      asCaller('computeCost', () => {
        throw inner;
      }),
    );
    expect([e.kind, e.fn, e.argument, e.message, e.cause]).toEqual([
      'shape',
      'computeCost',
      'AL',
      'computeCost: AL must have shape [1, m], got [2, 3]',
      inner,
    ]);
    expect(asCaller('f', () => 3)).toBe(3);
    expect(() => asCaller('f', () => JSON.parse('{'))).toThrow(SyntaxError);
  });

  it('does the same for asynchronous work', async () => {
    await expect(
      asCallerAsync('loadMnist', () =>
        Promise.reject(new DlkitError('io', 'parseIdx', 'bad bytes')),
      ),
    ).rejects.toThrow('loadMnist: bad bytes');
  });
});

describe('the helpers check the names they are given', () => {
  it.each([
    ['assertTensor', () => assertTensor(undefined as never, 'X', 1)],
    ['assertOneOf', () => assertOneOf('f', 3 as never, 'a', ['a'])],
    ['assertOptions', () => assertOptions('f', 'options', {}, undefined as never)],
    ['assertSize', () => assertSize(undefined as never, 'm', 1)],
    ['assertShapeSize', () => assertShapeSize('f', undefined as never, [1])],
    ['assertString', () => assertString(undefined as never, 'x', 'a')],
    ['asCaller', () => asCaller('f', undefined as never)],
  ])('%s', (helper, call) => {
    expect(thrown(call).fn).toBe(helper);
  });
});
