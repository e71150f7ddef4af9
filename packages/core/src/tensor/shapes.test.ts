import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fc, arbShape } from '@dlkit/test-harness';
import { DlkitError } from './errors.js';
import { ShapeChecker, assertDtype, assertFinite, assertShape, formatShape } from './shapes.js';

function thrown(fn: () => unknown): DlkitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DlkitError) return e;
    throw e;
  }
  throw new Error('expected a DlkitError, nothing was thrown');
}

describe('assertShape', () => {
  it('reads "fn: arg must have shape [pattern], got [actual]"', () => {
    const e = thrown(() => assertShape('convForward', 'aPrev', [3, 4], ['m', 'nH', 'nW', 'nC']));
    expect(e.message).toBe('convForward: aPrev must have shape [m, nH, nW, nC], got [3, 4]');
    expect(e.kind).toBe('shape');
    expect(e.fn).toBe('convForward');
    expect(e.argument).toBe('aPrev');
  });

  it('accepts any size for a name, the exact size for a number, anything for null', () => {
    expect(assertShape('f', 'x', [2, 3, 4], ['m', 3, null])).toEqual([2, 3, 4]);
    expect(() => assertShape('f', 'x', [2, 5, 4], ['m', 3, null])).toThrow(
      'f: x must have shape [m, 3, *], got [2, 5, 4]',
    );
  });

  it('demands equal sizes for a name repeated in one pattern', () => {
    expect(() => assertShape('f', 'W', [3, 4], ['f', 'f'])).toThrow(
      'f: W must have shape [f, f] (both f dimensions equal), got [3, 4]',
    );
  });

  it('rejects what is not a tensor and disposed tensors', () => {
    const e = thrown(() => assertShape('f', 'x', 'abc' as never, ['m']));
    expect(e.kind).toBe('value');
    expect(e.message).toBe('f: x must be a tf.Tensor, got string abc');
    const t = tf.zeros([2]);
    t.dispose();
    expect(thrown(() => assertShape('f', 'x', t, ['m'])).kind).toBe('state');
  });

  it('holds for every shape against its own pattern and fails for any other rank', () => {
    fc.assert(
      fc.property(arbShape({ minRank: 0, maxRank: 5 }), (shape) => {
        expect(assertShape('f', 'x', shape, shape)).toEqual(shape);
        const names = shape.map((_, i) => `d${i}`);
        expect(() => assertShape('f', 'x', shape, [...names, 'extra'])).toThrow(
          `f: x must have shape ${formatShape([...names, 'extra'])}, got ${formatShape(shape)}`,
        );
      }),
    );
  });
});

describe('ShapeChecker', () => {
  it('binds names across arguments and names the argument that bound them', () => {
    const shapes = new ShapeChecker('linearForward');
    shapes.check('A', [3, 5], ['nPrev', 'm']);
    expect(shapes.dim('m')).toBe(5);
    expect(() => shapes.check('W', [4, 2], ['n', 'nPrev'])).toThrow(
      'linearForward: W must have shape [n, nPrev] with nPrev = 3 (from A), got [4, 2]',
    );
    expect(() => shapes.dim('q')).toThrow(
      'linearForward: no checked argument has a dimension named q',
    );
  });

  it('checks consistency of a name for all generated pairs of shapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (a, b) => {
        const check = () => new ShapeChecker('f').check('x', [a], ['n']).check('y', [b], ['n']);
        if (a === b) expect(check).not.toThrow();
        else expect(check).toThrow(`f: y must have shape [n] with n = ${a} (from x), got [${b}]`);
      }),
    );
  });
});

describe('assertDtype and assertFinite', () => {
  it('names the dtypes accepted and the one given', () => {
    const t = tf.tensor([1], [1], 'int32');
    expect(() => assertDtype('f', 'labels', t, ['bool'])).toThrow(
      'f: labels must have dtype bool, got int32',
    );
    expect(() => assertDtype('f', 'labels', t, ['int32'])).not.toThrow();
    t.dispose();
  });

  it('finds NaN and infinities and says where', () => {
    const t = tf.tensor([
      [1, 2],
      [Infinity, 4],
    ]);
    expect(() => assertFinite('fit', 'X', t)).toThrow(
      'fit: X must be finite, got Infinity at flat index 2 of shape [2, 2]',
    );
    t.dispose();
    const ok = tf.tensor([1, 2]);
    expect(() => assertFinite('fit', 'X', ok)).not.toThrow();
    ok.dispose();
  });
});
