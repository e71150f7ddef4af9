import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose, loadFixture } from '@dlkit/test-harness';
import { RACE_DEFAULTS, RaceModel, type RunnerId } from './race-model.js';
import type { SurfaceId } from './surfaces.js';

// demos_race.py: PyTorch's SGD, SGD with momentum and Adam, 60 steps on each surface.
interface Run {
  path: number[];
  values: number[];
}
const fx = loadFixture<{ steps: number; surfaces: Record<SurfaceId, Record<RunnerId, Run>> }>(
  'demos_race',
);

describe('RaceModel', () => {
  for (const surface of ['bowl', 'rosenbrock', 'beale'] as const) {
    it(`follows PyTorch's GD, momentum and Adam on the ${surface} surface`, () => {
      const model = new RaceModel({ ...RACE_DEFAULTS, surface, gridSize: 4 });
      const totals: number[] = [];
      for (let i = 0; i < fx.steps; i++) totals.push(model.trainStep());
      const paths = model.paths();
      for (const id of ['gd', 'momentum', 'adam'] as const) {
        const expected = fx.surfaces[surface][id];
        // paths() starts with the start point; PyTorch records after each step.
        expectTensorsClose(paths[id].slice(2), expected.path, { rtol: 2e-3, atol: 2e-4 });
        expect(model.extra()[id]).toBeCloseTo(expected.values[fx.steps - 1] as number, 2);
      }
      expect(totals[fx.steps - 1]).toBeLessThan(totals[0] as number);
      model.dispose();
    });
  }

  it('draws its surface on a grid whose smallest value is near the minimum', () => {
    const model = new RaceModel({ ...RACE_DEFAULTS, gridSize: 21 });
    const grid = model.surfaceGrid();
    expect(grid.length).toBe(21 * 21);
    // The bowl's grid runs x from -10 to 10 and y from 4 down to -4: (0, 0) is the centre cell.
    const argmin = grid.indexOf(Math.min(...grid));
    expect(argmin).toBe(10 * 21 + 10);
    expect(grid[0]).toBeCloseTo(100 / 50 + 16, 4); // top-left (-10, 4)
    model.dispose();
  });

  it('holds its positions and the optimisers’ slots, leaks nothing, and disposes all', async () => {
    const before = tf.memory().numTensors;
    const model = new RaceModel(RACE_DEFAULTS);
    expect(tf.memory().numTensors - before).toBeGreaterThanOrEqual(3); // + optimiser constants
    model.trainStep(); // momentum's and Adam's slots are made on their first step
    expect(
      await expectNoLeaks(() => {
        model.trainStep();
        model.surfaceGrid();
        model.paths();
      }),
    ).toBe(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an unknown surface or a bad β with a DlkitError', () => {
    expect(() => new RaceModel({ ...RACE_DEFAULTS, surface: 'saddle' as SurfaceId })).toThrow(
      'RaceModel: settings.surface must be one of bowl, rosenbrock, beale, got saddle',
    );
    expect(() => new RaceModel({ ...RACE_DEFAULTS, beta: 1 })).toThrow(
      'RaceModel: settings.beta must be a finite number >= 0 and < 1, got 1',
    );
  });
});
