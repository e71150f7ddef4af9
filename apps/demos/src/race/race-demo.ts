import type { DemoDefinition } from '../engine.js';
import { ModelEngine } from '../loop/model-engine.js';
import { RACE_DEFAULTS, RaceModel, type RaceSettings } from './race-model.js';
import { RaceView } from './race-view.js';

/**
 * The optimiser race's engine: 2 steps of each optimiser per frame, redrawn every frame, stopping
 * by itself after 1,500 steps.
 *
 * @param settings - Surface and β (the elongated bowl and 0.9 by default).
 * @param options - `headless: true` makes an engine without a view (for tests).
 * @returns A fresh engine.
 */
export function createRaceEngine(
  settings: RaceSettings = RACE_DEFAULTS,
  options: { headless?: boolean } = {},
): ModelEngine<RaceModel, RaceSettings> {
  const view = options.headless === true ? null : new RaceView((s) => engine.configure(s));
  const engine = new ModelEngine((s: RaceSettings) => new RaceModel(s), settings, view, {
    stepsPerFrame: 2,
    maxSteps: 1_500,
  });
  return engine;
}

/** C2 W2: the optimiser race. */
export const raceDemo: DemoDefinition = {
  id: 'optimizer-race',
  title: 'Gradient descent, momentum and Adam race to the minimum',
  course: 2,
  week: 2,
  description:
    'Three optimisers start together on one loss surface: plain gradient descent zig-zags across the ravine, momentum builds up speed along it, Adam rescales each direction.',
  create: () => Promise.resolve(createRaceEngine()),
};
