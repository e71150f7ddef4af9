import { describe, expect, it } from 'vitest';
import { transposedConvPhases } from './conv2d-backprop-input.js';

/** The `(dy index, filter tap)` pairs that reach `dx[t]`, straight from the forward convolution. */
function bruteForce(t: number, dyLength: number, kernel: number, stride: number, top: number) {
  const pairs: string[] = [];
  for (let o = 0; o < dyLength; o++)
    for (let k = 0; k < kernel; k++) if (o * stride + k - top === t) pairs.push(`${o},${k}`);
  return pairs.sort();
}

describe('transposedConvPhases', () => {
  it('gives each dx position exactly the (dy, tap) pairs of the forward convolution', () => {
    let checked = 0;
    for (const stride of [1, 2, 3, 4])
      for (const kernel of [1, 2, 3, 4, 5, 7])
        for (const length of [1, 4, 7, 8, 9, 16])
          for (const top of [0, 1, 2, 3, 5])
            for (const extra of [0, 1, 2]) {
              // Every output length a padding of `top` before and `extra` after allows.
              const dyLength = Math.floor((length + top + extra - kernel) / stride) + 1;
              if (dyLength <= 0) continue;
              const { phaseLength, phases } = transposedConvPhases({
                length,
                dyLength,
                kernel,
                stride,
                padBefore: top,
              });
              expect(phaseLength).toBe(Math.ceil(length / stride));
              expect(phases).toHaveLength(stride);
              phases.forEach((p, a) => {
                if (p.taps > 0) {
                  expect(p.size + p.padBefore + p.padAfter - p.taps + 1).toBe(phaseLength);
                  expect(p.begin).toBeGreaterThanOrEqual(0);
                  expect(p.begin + p.size).toBeLessThanOrEqual(dyLength);
                  expect(p.first + (p.taps - 1) * stride).toBeLessThan(kernel);
                }
                for (let i = 0; a + stride * i < length; i++) {
                  // Output i of the phase's correlation: window entry i + j times flipped tap j.
                  const pairs: string[] = [];
                  for (let j = 0; j < p.taps; j++) {
                    const o = p.begin + i + j - p.padBefore;
                    if (o >= p.begin && o < p.begin + p.size)
                      pairs.push(`${o},${kernel - 1 - (p.first + stride * j)}`);
                  }
                  const label = JSON.stringify({ stride, kernel, length, top, extra, a, i });
                  expect(pairs.sort(), label).toEqual(
                    bruteForce(a + stride * i, dyLength, kernel, stride, top),
                  );
                  checked++;
                }
              });
            }
    expect(checked).toBeGreaterThan(1000);
  });

  it('has an empty phase where no tap lands (kernel 1, stride 2)', () => {
    const { phases } = transposedConvPhases({
      length: 8,
      dyLength: 4,
      kernel: 1,
      stride: 2,
      padBefore: 0,
    });
    expect(phases.map((p) => p.taps)).toEqual([1, 0]);
  });
});
