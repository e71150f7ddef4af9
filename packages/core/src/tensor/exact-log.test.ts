import { describe, expect, it } from 'vitest';
import { fc } from '@dlkit/test-harness';
import { exactLog } from './exact-log.js';

describe('exactLog', () => {
  it('is exact where the result is known', () => {
    expect(exactLog(1)).toBe(0);
    expect(exactLog(Math.E)).toBe(1);
    expect(exactLog(2)).toBe(Math.LN2);
    expect(exactLog(0.5)).toBe(-Math.LN2);
    expect(exactLog(5e-324)).toBe(-744.4400719213812);
    expect(exactLog(0)).toBe(-Infinity);
    expect(Number.isNaN(exactLog(-1))).toBe(true);
  });

  it('is within one unit in the last place of Math.log everywhere', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        const ours = exactLog(x);
        const v8 = Math.log(x);
        expect(Math.abs(ours - v8)).toBeLessThanOrEqual(Math.abs(v8) * 2.3e-16 + 1e-300);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds correctly where V8 does not (values checked with 60-digit decimals in Python)', () => {
    // math.log(x) in CPython/glibc and Decimal(x).ln() both give these results.
    expect(exactLog(0.9635830251161764)).toBe(-0.037096624506822405);
    expect(exactLog(0.9422233889196844)).toBe(-0.05951288929294323);
  });
});
