import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { positionalEncoding } from './positional-encoding.js';

interface Fixture {
  cases: { positions: number; d: number; encoding: FixtureTensor }[];
}

describe('positionalEncoding', () => {
  it("equals the course's NumPy positional_encoding", () => {
    for (const c of loadFixture<Fixture>('sequence_positional_encoding').cases) {
      const pe = positionalEncoding(c.positions, c.d);
      const expected = fixtureTensor(c.encoding);
      expectTensorsClose(pe, expected, { rtol: 1e-6, atol: 1e-6 });
      pe.dispose();
      expected.dispose();
    }
  });

  it('returns one tensor and leaks nothing', async () => {
    expect(await expectNoLeaks(() => positionalEncoding(8, 4))).toBe(1);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => positionalEncoding(0, 4)).toThrow(
      'positionalEncoding: positions must be an integer >= 1, got 0',
    );
    expect(() => positionalEncoding(4, 2.5)).toThrow(
      'positionalEncoding: d must be an integer >= 1, got 2.5',
    );
  });
});
