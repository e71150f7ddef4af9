import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { loadFixture } from '@dlkit/test-harness';
import { permutation, shuffleInPlace } from './shuffle.js';

interface Fixture {
  shuffles: { seed: number; n: number; perm: number[] }[];
}

describe('shuffleInPlace / permutation (internal)', () => {
  it("matches NumPy's legacy RandomState(seed).shuffle(arange(n))", () => {
    const fx = loadFixture<Fixture>('datasets_generators');
    for (const { seed, n, perm } of fx.shuffles) {
      expect(Array.from(permutation(new RandomState(seed), n))).toEqual(perm);
    }
  });

  it('shuffles plain arrays the same way as typed arrays', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    shuffleInPlace(new RandomState(5), a);
    const p = permutation(new RandomState(5), 7);
    expect(a).toEqual(Array.from(p, (i) => 'abcdefg'[i]));
  });
});
