import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, fc, loadFixture } from '@dlkit/test-harness';
import { RandomState } from './random-state.js';

type Stream = Record<string, number[]> & { seed: number };
interface Fixture {
  streams: Stream[];
  mixed: { call: string; args: number[]; values: number[] }[];
  course: { seed1_permutation_8: number[]; then_rand_scalar: number; then_randint_scalar: number };
}

const fx = loadFixture<Fixture>('core_random_state_more');
const P = [0.1, 0.0, 0.3, 0.15, 0.45];

/** What NumPy drew, by key, and how our generator draws it from a fresh seed. */
const draws: Record<string, (rs: RandomState) => ArrayLike<number>> = {
  randint_0_10: (rs) => rs.randintArray(0, 10, 2000),
  randint_m5_1000003: (rs) => rs.randintArray(-5, 1000003, 2000),
  randint_big: (rs) => rs.randintArray(0, 2 ** 40 + 12345, 500),
  randint_2_32: (rs) => rs.randintArray(0, 2 ** 32, 500),
  permutation_1000: (rs) => rs.permutation(1000),
  shuffle_list_50: (rs) => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    rs.shuffle(a);
    return a;
  },
  choice_10_rep: (rs) => rs.choice(10, 1000),
  choice_10_norep: (rs) => rs.choice(10, 7, false),
  choice_p_rep: (rs) => rs.choice(5, 1000, true, P),
  choice_p_norep: (rs) => rs.choice(5, 4, false, P),
  uniform_m2_3: (rs) => rs.uniformArray(-2, 3, 1000),
  binomial_10_03: (rs) => rs.binomialArray(10, 0.3, 2000),
  binomial_100_09: (rs) => rs.binomialArray(100, 0.9, 2000),
  binomial_1000_04: (rs) => rs.binomialArray(1000, 0.4, 2000),
  binomial_5000_07: (rs) => rs.binomialArray(5000, 0.7, 2000),
  binomial_1_05: (rs) => rs.binomialArray(1, 0.5, 2000),
};

describe('RandomState draws equal NumPy legacy RandomState bit for bit', () => {
  for (const s of fx.streams) {
    for (const [key, draw] of Object.entries(draws)) {
      it(`seed ${s.seed}: ${key} (${(s[key] as number[]).length} values)`, () => {
        expect(Array.from(draw(new RandomState(s.seed)))).toEqual(s[key]);
      });
    }
    it(`seed ${s.seed}: normal(1, 2) within 1 ulp of NumPy (glibc log, see exact-log.ts)`, () => {
      const ours = new RandomState(s.seed).normalArray(1, 2, 1001);
      const ref = s['normal_1_2'] as number[];
      let differing = 0;
      ref.forEach((v, i) => {
        const o = ours[i] as number;
        if (o !== v) differing++;
        expect(Math.abs(o - v)).toBeLessThanOrEqual(Math.abs(v) * 4.5e-16 + 4.5e-16);
      });
      expect(differing).toBeLessThanOrEqual(2);
    });
  }

  it('follows a 400-call mixed sequence of every method on one generator', () => {
    const rs = new RandomState(2024);
    for (const step of fx.mixed) {
      const [a = 0, b = 0, c = 0] = step.args;
      let got: ArrayLike<number>;
      switch (step.call) {
        case 'randint':
          got = rs.randintArray(a, b, c);
          break;
        case 'randn':
          got = rs.standardNormalArray(a);
          break;
        case 'permutation':
          got = rs.permutation(a);
          break;
        case 'uniform':
          got = rs.uniformArray(a, b, c);
          break;
        case 'choice_p':
          got = rs.choice(a, b, true, [0.25, 0.25, 0.4, 0.1]);
          break;
        case 'binomial':
          got = rs.binomialArray(a, b, c);
          break;
        case 'normal':
          got = rs.normalArray(a, b, c);
          break;
        case 'choice_norep':
          got = rs.choice(a, b, false);
          break;
        default:
          throw new Error(`unknown call ${step.call}`);
      }
      const values = Array.from(got);
      if (step.call === 'randn' || step.call === 'normal') {
        values.forEach((v, i) => expect(v).toBeCloseTo(step.values[i] as number, 14));
      } else {
        expect(values).toEqual(step.values);
      }
    }
  });

  it('reproduces the course: np.random.seed(1); permutation(8); rand(); randint(5)', () => {
    const rs = new RandomState(1);
    expect(Array.from(rs.permutation(8))).toEqual(fx.course.seed1_permutation_8);
    expect(rs.randomSampleArray(1)[0]).toBe(fx.course.then_rand_scalar);
    expect(rs.randint(5)).toBe(fx.course.then_randint_scalar);
  });
});

describe('RandomState scalar, tensor and array forms', () => {
  it('scalar forms draw what one element of the array form draws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const a = new RandomState(seed);
        const b = new RandomState(seed);
        expect(a.randint(3, 40)).toBe(b.randintArray(3, 40, 1)[0]);
        expect(a.uniform(-1, 2)).toBe(b.uniformArray(-1, 2, 1)[0]);
        expect(a.binomial(20, 0.4)).toBe(b.binomialArray(20, 0.4, 1)[0]);
        expect(a.normal(2, 3)).toBe(b.normalArray(2, 3, 1)[0]);
        expect(a.choice(7)).toBe(b.choice(7, 1)[0]);
      }),
      { numRuns: 50 },
    );
  });

  it('tensor forms have the shape and dtype asked and the array form values', () => {
    const t = new RandomState(5).randint(0, 10, [2, 3]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual(Array.from(new RandomState(5).randintArray(0, 10, 6)));
    const u = new RandomState(5).uniform(0, 2, 4);
    expect(u.shape).toEqual([4]);
    expect(u.dtype).toBe('float32');
    const bn = new RandomState(5).binomial(9, 0.5, [3, 1]);
    expect(bn.dtype).toBe('int32');
    expect(bn.shape).toEqual([3, 1]);
    const nrm = new RandomState(5).normal(0, 1, [2, 2]);
    expect(nrm.shape).toEqual([2, 2]);
    tf.dispose([t, u, bn, nrm]);
  });

  it('randint(high) alone samples [0, high)', () => {
    expect(new RandomState(3).randint(10)).toBe(new RandomState(3).randint(0, 10));
  });

  it('permutation of a tensor permutes rows as permutation(n) says, and leaves x alone', () => {
    const x = tf.tensor2d([
      [0, 0],
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    const p = new RandomState(9).permutation(x);
    const idx = new RandomState(9).permutation(4);
    expect(p.arraySync()).toEqual(Array.from(idx, (i) => [i, 10 * i]));
    expect(x.arraySync()[1]).toEqual([1, 10]);
    tf.dispose([x, p]);
  });

  it('permutation of an array returns a shuffled copy with the same elements', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 30 }), fc.nat(), (a, seed) => {
        const p = new RandomState(seed).permutation(a);
        expect(p).not.toBe(a);
        expect([...p].sort()).toEqual([...a].sort());
      }),
    );
  });

  it('choice without replacement never repeats; with p never picks a zero-probability entry', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 20 }), (seed, n) => {
        const rs = new RandomState(seed);
        const k = Math.ceil(n / 2);
        const picked = Array.from(rs.choice(n, k, false));
        expect(new Set(picked).size).toBe(k);
        expect(Array.from(rs.choice(5, 50, true, P))).not.toContain(1);
      }),
    );
    expect(new RandomState(0).choice(['a', 'b', 'c'], 2, false).length).toBe(2);
    expect(['a', 'b', 'c']).toContain(new RandomState(0).choice(['a', 'b', 'c']));
  });

  it('binomial has mean n p and variance n p (1 - p) in both algorithms', () => {
    for (const [n, p] of [
      [10, 0.3],
      [1000, 0.4],
      [300, 0.8],
    ] as const) {
      const x = new RandomState(11).binomialArray(n, p, 20000);
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / x.length));
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
    }
    expect(new RandomState(1).binomial(0, 0.5)).toBe(0);
    expect(new RandomState(1).binomial(7, 1)).toBe(7);
  });

  it('returns only the tensors it documents', async () => {
    const rs = new RandomState(0);
    expect(await expectNoLeaks(() => rs.randint(0, 5, [2, 2]))).toBe(1);
    expect(await expectNoLeaks(() => rs.uniform(0, 1, 3))).toBe(1);
    expect(await expectNoLeaks(() => rs.normal(0, 1, 3))).toBe(1);
    expect(await expectNoLeaks(() => rs.binomial(3, 0.5, 3))).toBe(1);
    const x = tf.ones([3, 2]);
    expect(await expectNoLeaks(() => rs.permutation(x))).toBe(1);
    x.dispose();
  });

  it('rejects bad arguments with messages naming them', () => {
    const rs = new RandomState(0);
    expect(() => rs.randint(5, 5)).toThrow(
      'RandomState.randint: low must be < high, got low 5 and high 5',
    );
    expect(() => rs.randint(0, 2 ** 40, 3)).toThrow(
      'RandomState.randint: high must be an integer <= 2147483648, got 1099511627776',
    );
    expect(() => rs.choice(3, 4, false)).toThrow(
      'RandomState.choice: cannot take a larger sample (4) than the population (3) when replace is false',
    );
    expect(() => rs.choice(3, 2, true, [0.5, 0.6, 0])).toThrow(
      'RandomState.choice: probabilities must sum to 1, got 1.1',
    );
    expect(() => rs.choice(2, 1, true, [1.5, -0.5])).toThrow(
      'RandomState.choice: probabilities must be finite and >= 0, got -0.5',
    );
    expect(() => rs.choice(3, 1, true, [1, 0])).toThrow(
      'RandomState.choice: p must have length 3 (as a), got 2',
    );
    expect(() => rs.choice(3, 3, false, [1, 0, 0])).toThrow(
      'RandomState.choice: fewer non-zero entries in p than size',
    );
    expect(() => rs.binomial(-1, 0.5)).toThrow(
      'RandomState.binomial: n must be an integer >= 0 and <= 9007199254740991, got -1',
    );
    expect(() => rs.binomial(3, 1.5)).toThrow(
      'RandomState.binomial: p must be a finite number >= 0 and <= 1, got 1.5',
    );
    expect(() => rs.normal(0, -1)).toThrow(
      'RandomState.normal: scale must be a finite number >= 0, got -1',
    );
    expect(() => rs.uniform(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(
      'RandomState.uniform: high - low exceeds the range of a double',
    );
    expect(() => rs.permutation(tf.scalar(1))).toThrow(
      'RandomState.permutation: x must have at least one dimension, got a scalar',
    );
    expect(() => rs.shuffle(tf.ones([2]) as never)).toThrow(
      'RandomState.shuffle: x must be an array or a typed array (tensors are immutable: use permutation)',
    );
  });
});
