import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import type { DemoEngine, DemoProgress } from '../engine.js';
import { createPlanarEngine } from '../planar/planar-demo.js';
import { PLANAR_DEFAULTS } from '../planar/planar-model.js';
import { createRaceEngine } from '../race/race-demo.js';
import { createConvEngine } from '../conv/conv-demo.js';
import { createNamesEngine } from '../names/names-demo.js';
import { CHAR_DEFAULTS } from '../names/char-model.js';

/** Resolves once `engine` has reported `steps` steps (in Node the loop runs on setTimeout). */
function trainFor(engine: DemoEngine, steps: number): Promise<DemoProgress[]> {
  const seen: DemoProgress[] = [];
  return new Promise((resolve) => {
    const off = engine.onProgress((p) => {
      seen.push(p);
      if (p.step >= steps) {
        engine.stop();
        off();
        resolve(seen);
      }
    });
    engine.start();
  });
}

const image = {
  height: 10,
  width: 12,
  pixels: Float32Array.from({ length: 120 }, (_, i) => ((i * 7) % 11) / 10),
};

const engines: [string, () => DemoEngine, number][] = [
  [
    'planar',
    () => createPlanarEngine({ ...PLANAR_DEFAULTS, gridSize: 4 }, { headless: true }),
    200,
  ],
  ['optimizer-race', () => createRaceEngine(undefined, { headless: true }), 30],
  ['conv-visualizer', () => createConvEngine(image, undefined, { headless: true }), 60],
  [
    'char-names',
    () =>
      createNamesEngine(
        ['anna', 'bella', 'clara', 'dora', 'emma', 'flora'],
        {
          ...CHAR_DEFAULTS,
          units: 8,
          batchSize: 8,
          learningRate: 0.05,
          sampleEvery: 1000,
        },
        { headless: true },
      ),
    12,
  ],
];

describe('the demo engines, headless', () => {
  for (const [id, make, steps] of engines) {
    it(`${id}: trains cooperatively, its loss falls, stop/reset/restart leak nothing`, async () => {
      const before = tf.memory().numTensors;
      const engine = make();
      const fresh = tf.memory().numTensors;
      const first = await trainFor(engine, steps);
      expect(engine.running).toBe(false);
      expect(first.map((p) => p.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
      expect(first[steps - 1]!.loss).toBeLessThan(first[0]!.loss);
      // stop() leaves the state: no step happens after it.
      await new Promise((r) => setTimeout(r, 20));
      let late = 0;
      const off = engine.onProgress(() => late++);
      await new Promise((r) => setTimeout(r, 20));
      expect(late).toBe(0);
      off();
      engine.reset();
      expect(tf.memory().numTensors).toBe(fresh);
      const second = await trainFor(engine, 2);
      expect(second[0]!.loss).toBeCloseTo(first[0]!.loss, 5); // seeded: the same first step
      engine.reset();
      expect(tf.memory().numTensors).toBe(fresh);
      engine.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => engine.start()).toThrow(DlkitError);
      expect(() => engine.reset()).toThrow('DemoEngine.reset: the engine was disposed');
    });
  }

  it('configure() replaces the model with one made from the new settings, keeping it running', async () => {
    const engine = createPlanarEngine({ ...PLANAR_DEFAULTS, gridSize: 4 }, { headless: true });
    const fresh = tf.memory().numTensors;
    engine.start();
    engine.configure({ ...engine.settings, hiddenUnits: 2 });
    expect(engine.running).toBe(true);
    expect(engine.model.settings.hiddenUnits).toBe(2);
    const run = await trainFor(engine, 3);
    expect(run[run.length - 1]!.extra).toEqual({ hiddenUnits: 2 });
    expect(tf.memory().numTensors).toBe(fresh); // the old model's tensors were disposed
    engine.dispose();
  });
});
