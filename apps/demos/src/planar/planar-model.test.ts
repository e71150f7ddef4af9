import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { loadFixture } from '@dlkit/test-harness';
import { PLANAR_DEFAULTS, PlanarModel } from './planar-model.js';

// core_shallow.py runs the course's NumPy nn_model on load_planar_dataset's flower (seed 3,
// 4 hidden units, learning rate 1.2): its cost at iteration 0 and after 300 iterations.
const fx = loadFixture<{ nn_model_300: { costs: number[]; final_cost: number } }>('core_shallow');

describe('PlanarModel', () => {
  it("follows the course's nn_model step by step (NumPy reference)", () => {
    const model = new PlanarModel(PLANAR_DEFAULTS);
    const costs: number[] = [];
    for (let i = 0; i < 301; i++) costs.push(model.trainStep());
    model.dispose();
    // Step k reports the cost of the parameters after k - 1 updates, as nn_model's loop prints.
    expect(costs[0]).toBeCloseTo(fx.nn_model_300.costs[0] as number, 5);
    expect(costs[300]).toBeCloseTo(fx.nn_model_300.final_cost, 4);
    expect(costs[300]).toBeLessThan((costs[0] as number) - 0.2);
  });

  it('draws a decision grid of probabilities and reaches high accuracy', () => {
    const model = new PlanarModel({ ...PLANAR_DEFAULTS, gridSize: 8 });
    for (let i = 0; i < 1500; i++) model.trainStep();
    const grid = model.decisionGrid();
    expect(grid.length).toBe(64);
    expect(grid.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(Math.min(...grid)).toBeLessThan(0.2); // both classes appear on the plane
    expect(Math.max(...grid)).toBeGreaterThan(0.8);
    expect(model.accuracy()).toBeGreaterThan(0.85); // the notebook reaches 90% after 10000
    model.dispose();
  });

  it('leaks no tensors across steps, grids and dispose', async () => {
    const before = tf.memory().numTensors;
    const model = new PlanarModel({ ...PLANAR_DEFAULTS, gridSize: 4 });
    const held = tf.memory().numTensors - before; // X, Y, the grid and 4 parameters
    expect(held).toBe(7);
    // A step replaces the model's own parameters (it disposes the old ones), so the count the
    // model holds is what must stay flat; expectNoLeaks would see its state change hands.
    for (let i = 0; i < 3; i++) {
      model.trainStep();
      model.decisionGrid();
      model.accuracy();
      model.points();
      expect(tf.memory().numTensors - before, `after step ${i + 1}`).toBe(held);
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad settings with a DlkitError naming the argument', () => {
    expect(() => new PlanarModel({ ...PLANAR_DEFAULTS, hiddenUnits: 0 })).toThrow(
      'PlanarModel: settings.hiddenUnits must be an integer >= 1 and <= 64, got 0',
    );
    expect(() => new PlanarModel({ ...PLANAR_DEFAULTS, learningRate: NaN })).toThrow(DlkitError);
  });
});
