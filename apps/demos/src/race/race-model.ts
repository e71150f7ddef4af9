import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber } from '@dlkit/core';
import { MomentumOptimizer, adam } from '@dlkit/optimizers';
import type { DemoModel } from '../loop/demo-model.js';
import { SURFACES, type Surface, type SurfaceId } from './surfaces.js';

/** The three optimisers of the race. */
export type RunnerId = 'gd' | 'momentum' | 'adam';

/** Settings of the optimiser race. */
export interface RaceSettings {
  /** The loss surface. */
  surface: SurfaceId;
  /** Momentum's β (tfjs' `momentum` argument; the course's β = 0.9). */
  beta: number;
  /** Cells per side of the surface grid drawn behind the paths. */
  gridSize: number;
}

/** The race's defaults: the elongated bowl, β = 0.9. */
export const RACE_DEFAULTS: RaceSettings = { surface: 'bowl', beta: 0.9, gridSize: 240 };

/** One optimiser in the race: its position, optimiser and path so far. */
interface Runner {
  id: RunnerId;
  position: tf.Variable<tf.Rank.R1>;
  optimizer: tf.Optimizer;
  path: number[];
  value: number;
}

/**
 * Gradient descent, momentum and Adam minimising the same 2-D surface from the same start, one
 * step each per training step. GD is tfjs' `tf.train.sgd`; momentum is `@dlkit/optimizers`'
 * `MomentumOptimizer` in its `'pytorch'` form (`v = β v + g`, as `torch.optim.SGD` and
 * `tf.train.momentum`); Adam is `@dlkit/optimizers`' `adam()`. The loss is the sum of the three surface values; each one is in `extra()`.
 *
 * @example
 * ```ts
 * import { RaceModel, RACE_DEFAULTS } from '@dlkit/demos';
 * const race = new RaceModel({ ...RACE_DEFAULTS, gridSize: 8 });
 * for (let i = 0; i < 20; i++) race.trainStep();
 * console.log(race.extra()); // { gd: …, momentum: …, adam: … }
 * race.dispose();
 * ```
 *
 * @category C2 W2 · Optimization
 */
export class RaceModel implements DemoModel {
  /** The surface raced on. */
  readonly surface: Surface;
  readonly #runners: Runner[];
  #steps = 0;

  /** @param settings - Surface, β, grid size. */
  constructor(readonly settings: RaceSettings) {
    const fn = 'RaceModel';
    if (typeof settings.surface !== 'string' || !Object.hasOwn(SURFACES, settings.surface)) {
      throw new DlkitError(
        'value',
        fn,
        `settings.surface must be one of ${Object.keys(SURFACES).join(', ')}, got ${String(settings.surface)}`,
        { argument: 'settings.surface' },
      );
    }
    assertNumber(fn, 'settings.beta', settings.beta, { min: 0, max: 1, maxExclusive: true });
    assertNumber(fn, 'settings.gridSize', settings.gridSize, { integer: true, min: 2, max: 400 });
    this.surface = SURFACES[settings.surface];
    const { gd, momentum, adam: adamRate } = this.surface.learningRates;
    this.#runners = [
      this.#runner('gd', tf.train.sgd(gd)),
      this.#runner('momentum', new MomentumOptimizer(momentum, settings.beta, { form: 'pytorch' })),
      this.#runner('adam', adam(adamRate)),
    ];
  }

  get steps(): number {
    return this.#steps;
  }

  trainStep(): number {
    let total = 0;
    for (const runner of this.#runners) {
      const loss = runner.optimizer.minimize(() => this.#value(runner.position), true, [
        runner.position,
      ]) as tf.Scalar;
      loss.dispose();
      const [x, y] = runner.position.dataSync();
      runner.path.push(x as number, y as number);
      runner.value = tf.tidy(() => this.#value(runner.position).dataSync()[0] as number);
      total += runner.value;
    }
    this.#steps += 1;
    return total;
  }

  extra(): Record<string, number> {
    return Object.fromEntries(this.#runners.map((r) => [r.id, r.value]));
  }

  /** Each optimiser's path so far, flat `[x0, y0, x1, y1, …]`, from the start. */
  paths(): Record<RunnerId, readonly number[]> {
    return Object.fromEntries(this.#runners.map((r) => [r.id, r.path])) as unknown as Record<
      RunnerId,
      readonly number[]
    >;
  }

  /** The surface on a `gridSize × gridSize` grid over its extent, row-major, top row = yMax. */
  surfaceGrid(): Float32Array {
    const n = this.settings.gridSize;
    const { xMin, xMax, yMin, yMax } = this.surface.extent;
    return tf.tidy(() => {
      const xs = tf.linspace(xMin, xMax, n).reshape([1, n]).tile([n, 1]);
      const ys = tf.linspace(yMax, yMin, n).reshape([n, 1]).tile([1, n]);
      return this.surface.f(xs, ys).dataSync() as Float32Array;
    });
  }

  dispose(): void {
    for (const runner of this.#runners) {
      runner.position.dispose();
      runner.optimizer.dispose();
    }
  }

  #runner(id: RunnerId, optimizer: tf.Optimizer): Runner {
    const [x, y] = this.surface.start;
    const initial = tf.tensor1d([x, y]);
    const position = tf.variable(initial) as tf.Variable<tf.Rank.R1>;
    initial.dispose();
    const value = tf.tidy(() => this.#value(position).dataSync()[0] as number);
    return { id, position, optimizer, path: [x, y], value };
  }

  #value(position: tf.Tensor): tf.Scalar {
    return this.surface.f(position.slice([0], [1]), position.slice([1], [1])).sum();
  }
}
