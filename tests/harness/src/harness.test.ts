import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  arbShape,
  arbTensor,
  expectBackwardMatchesAutodiff,
  expectNoLeaks,
  expectTensorsClose,
  extractDocExamples,
  fc,
  fixtureTensor,
  loadFixture,
  seedFromEnv,
  seededMathRandom,
} from './index.ts';

describe('expectTensorsClose', () => {
  it('passes within tolerance and compares tensors with nested arrays', () => {
    tf.tidy(() => {
      expectTensorsClose(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        [
          [1, 2],
          [3, 4 + 1e-7],
        ],
      );
      expectTensorsClose(tf.scalar(2), 2);
      expectTensorsClose([1, 100], [1.05, 101], { rtol: 0.02, atol: 0.1 });
    });
  });

  it('fails on a shape mismatch, naming both shapes', () => {
    tf.tidy(() => {
      expect(() => expectTensorsClose(tf.ones([2, 3]), tf.ones([3, 2]))).toThrow(
        'tensors: shape mismatch: actual [2, 3], expected [3, 2]',
      );
    });
  });

  it('lists the worst elements with their indices', () => {
    tf.tidy(() => {
      const actual = tf.tensor2d([
        [1, 2],
        [3, 9],
      ]);
      expect(() =>
        expectTensorsClose(
          actual,
          [
            [1, 2.5],
            [3, 4],
          ],
          { label: 'Z' },
        ),
      ).toThrow(
        /Z: 2 of 4 elements differ \(shape \[2, 2\].*\n {2}at \[1, 1\]: actual 9, expected 4, \|diff\| 5\n {2}at \[0, 1\]: actual 2, expected 2.5/,
      );
    });
  });

  it('treats NaN as equal only to NaN and infinities only to themselves', () => {
    expectTensorsClose([NaN, Infinity], [NaN, Infinity]);
    expect(() => expectTensorsClose([NaN], [1])).toThrow('1 of 1 elements differ');
    expect(() => expectTensorsClose([1], [NaN])).toThrow('1 of 1 elements differ');
    expect(() => expectTensorsClose([Infinity], [-Infinity])).toThrow('1 of 1 elements differ');
  });
});

describe('expectNoLeaks', () => {
  it('fails when the function leaves an intermediate tensor behind', async () => {
    let leaked: tf.Tensor | undefined;
    await expect(
      expectNoLeaks(() => {
        leaked = tf.ones([2]).add(1); // the tf.ones is never disposed
        return leaked;
      }),
    ).rejects.toThrow(/expectNoLeaks: 1 tensor\(s\) leaked/);
    tf.disposeVariables();
  });

  it('passes for tidy code and disposes the returned tensors, counting them', async () => {
    const before = tf.memory().numTensors;
    const n = await expectNoLeaks(() =>
      tf.tidy(() => ({ a: tf.ones([2]).add(1), b: [tf.zeros([1])] })),
    );
    expect(n).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("fails when the function disposes a caller's tensor and leaks one of its own", async () => {
    const callers = tf.ones([2]);
    let leaked: tf.Tensor | undefined;
    await expect(
      expectNoLeaks(() => {
        callers.dispose(); // the count drops by one here ...
        leaked = tf.zeros([3]); // ... and grows by one here: numTensors alone sees no change
      }),
    ).rejects.toThrow(
      /1 tensor\(s\) leaked \(\[3\] float32\); disposed 1 tensor\(s\) it did not make/,
    );
    leaked?.dispose();
  });

  it('allows a documented number of disposed inputs, and still catches a leak next to them', async () => {
    const a = tf.ones([2]);
    const b = tf.ones([2]);
    expect(
      await expectNoLeaks(
        () =>
          tf.tidy(() => {
            const out = a.add(1);
            a.dispose();
            return out;
          }),
        { disposesInputs: 1 },
      ),
    ).toBe(1);
    let leaked: tf.Tensor | undefined;
    await expect(
      expectNoLeaks(
        () => {
          b.dispose();
          leaked = tf.zeros([1]);
        },
        { disposesInputs: 1 },
      ),
    ).rejects.toThrow(/1 tensor\(s\) leaked/);
    leaked?.dispose();
  });

  it('awaits asynchronous functions', async () => {
    await expect(
      expectNoLeaks(async () => {
        await new Promise((r) => setTimeout(r, 1));
        tf.ones([3]).square();
      }),
    ).rejects.toThrow(/2 tensor\(s\) leaked/);
  });
});

describe('expectBackwardMatchesAutodiff', () => {
  const inputs = () => ({ x: tf.tensor1d([1, -2, 3]), w: tf.tensor1d([0.5, 0.25, -1]) });

  it('accepts a correct hand-written backward pass', () => {
    tf.tidy(() =>
      expectBackwardMatchesAutodiff({
        inputs: inputs(),
        forward: ({ x, w }) => x.mul(w).tanh(),
        backward: ({ x, w }, dY) => {
          const dZ = dY.mul(tf.scalar(1).sub(x.mul(w).tanh().square()));
          return { x: dZ.mul(w), w: dZ.mul(x) };
        },
      }),
    );
  });

  it('rejects a wrong one, naming the input', () => {
    tf.tidy(() => {
      expect(() =>
        expectBackwardMatchesAutodiff({
          inputs: inputs(),
          forward: ({ x, w }) => x.mul(w).tanh(),
          backward: ({ x, w }, dY) => ({ x: dY.mul(w), w: dY.mul(x) }), // forgot tanh'
        }),
      ).toThrow(/gradient of x: \d of 3 elements differ/);
      expect(() =>
        expectBackwardMatchesAutodiff({
          inputs: inputs(),
          forward: ({ x }) => x,
          backward: () => ({}),
        }),
      ).toThrow('expectBackwardMatchesAutodiff: the backward pass returned no gradients');
    });
  });
});

describe('fixtures', () => {
  it('loads JSON fixtures and decodes tensors, NaN included', () => {
    const fx = loadFixture<{ generator: string; versions: { numpy: string } }>('core_random_state');
    expect(fx.generator).toBe('core_random_state.py');
    expect(fx.versions.numpy).toMatch(/^\d+\.\d+/);
    const t = fixtureTensor({ shape: [2, 2], data: [1, 2, 'NaN' as unknown as number, 4] });
    expect(t.shape).toEqual([2, 2]);
    expect(Number.isNaN(t.dataSync()[2])).toBe(true);
    t.dispose();
  });

  it('says how to make a missing fixture', () => {
    expect(() => loadFixture('no_such_fixture')).toThrow(
      /no fixture .*no_such_fixture\.json; run the generator/,
    );
  });
});

describe('seeds', () => {
  it('reads an integer seed from the environment, or the default', () => {
    process.env['DLKIT_TEST_SEED_PROBE'] = '42';
    expect(seedFromEnv('DLKIT_TEST_SEED_PROBE')).toBe(42);
    process.env['DLKIT_TEST_SEED_PROBE'] = 'forty-two';
    expect(() => seedFromEnv('DLKIT_TEST_SEED_PROBE')).toThrow(
      /must be an integer, got 'forty-two'/,
    );
    delete process.env['DLKIT_TEST_SEED_PROBE'];
    expect(seedFromEnv('DLKIT_TEST_SEED_PROBE', 9)).toBe(9);
  });

  it('seededMathRandom repeats for a seed, differs across seeds and stays in [0, 1)', () => {
    const draw = (seed: number) => {
      const r = seededMathRandom(seed);
      return Array.from({ length: 1000 }, () => r());
    };
    const a = draw(5);
    expect(draw(5)).toEqual(a);
    expect(draw(6)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05); // σ of the mean is 0.009
  });

  it('the setup file seeds fast-check and Math.random for every test file', () => {
    expect(fc.readConfigureGlobal().seed).toBe(seedFromEnv('DLKIT_FC_SEED'));
    const r = seededMathRandom(seedFromEnv('DLKIT_RANDOM_SEED'));
    // This file's draws so far are unknown, but an unseeded tfjs draw now repeats when replayed.
    const saved = Math.random;
    Math.random = r;
    const x = tf.tidy(() => tf.randomNormal([4]).arraySync());
    Math.random = seededMathRandom(seedFromEnv('DLKIT_RANDOM_SEED'));
    const y = tf.tidy(() => tf.randomNormal([4]).arraySync());
    Math.random = saved;
    expect(y).toEqual(x);
  });
});

describe('property testing', () => {
  it('generates shapes within bounds and tensors of those shapes', () => {
    fc.assert(
      fc.property(
        arbShape({ minRank: 2, maxRank: 3, maxDim: 4 }),
        (s) => s.length >= 2 && s.length <= 3 && s.every((d) => d >= 1 && d <= 4),
      ),
    );
    fc.assert(
      fc.property(arbTensor(arbShape({ maxRank: 2 }), { min: -1, max: 1 }), (t) => {
        const ok = t.abs().max().arraySync() as number;
        t.dispose();
        return ok <= 1;
      }),
      { numRuns: 20 },
    );
  });
});

describe('extractDocExamples', () => {
  it('finds the fenced code after each @example tag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-examples-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'a.ts'),
      [
        '/**',
        ' * Doc.',
        ' * @example',
        ' * ```ts',
        ' * const x = 1;',
        ' *   console.log(x);',
        ' * ```',
        ' */',
        'export const a = 1;',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'src', 'a.test.ts'),
      '/**\n * @example\n * ```ts\n * ignored\n * ```\n */\n',
    );
    expect(extractDocExamples(dir)).toEqual([
      {
        file: join('src', 'a.ts'),
        line: 3,
        code: 'const x = 1;\n  console.log(x);',
        noexec: false,
      },
    ]);
  });
});
