import { describe, expect, it } from 'vitest';
import { assertNumber } from './values.js';

describe('assertNumber', () => {
  it('returns valid numbers', () => {
    expect(assertNumber('f', 'lr', 0.5, { min: 0, minExclusive: true, max: 1 })).toBe(0.5);
    expect(assertNumber('f', 'n', 3, { integer: true })).toBe(3);
  });

  it.each([
    [-1, { min: 0, minExclusive: true }, 'f: x must be a finite number > 0, got -1'],
    [0, { min: 0, minExclusive: true }, 'f: x must be a finite number > 0, got 0'],
    [2, { min: 0, max: 1 }, 'f: x must be a finite number >= 0 and <= 1, got 2'],
    [1.5, { integer: true, min: 1 }, 'f: x must be an integer >= 1, got 1.5'],
    [NaN, {}, 'f: x must be a finite number, got NaN'],
    ['3', {}, 'f: x must be a finite number, got string 3'],
  ])('rejects %s with %o', (value, bounds, message) => {
    expect(() => assertNumber('f', 'x', value, bounds)).toThrow(message);
  });

  it.each([
    [null, 'assertNumber: bounds must be an object, got null'],
    [[0, 1], 'assertNumber: bounds must be an object, got an array of length 2'],
    [{ min: NaN }, 'assertNumber: bounds.min must be a number, got NaN'],
    [{ max: '1' }, 'assertNumber: bounds.max must be a number, got string 1'],
  ])('rejects the bounds %o with an error naming itself', (bounds, message) => {
    expect(() => assertNumber('f', 'x', 1, bounds as never)).toThrow(message);
  });
});
