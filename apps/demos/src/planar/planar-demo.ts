import type { DemoDefinition } from '../engine.js';
import { ModelEngine } from '../loop/model-engine.js';
import { PLANAR_DEFAULTS, PlanarModel, type PlanarSettings } from './planar-model.js';
import { PlanarView } from './planar-view.js';

/**
 * The planar classifier's engine: the C1 W3 network learning the flower, 10 gradient-descent
 * steps per frame, the decision boundary redrawn every other frame.
 *
 * @param settings - The model's settings (the course's by default).
 * @param options - `headless: true` makes an engine without a view (for tests).
 * @returns A fresh engine (it owns 7 tensors until disposed).
 */
export function createPlanarEngine(
  settings: PlanarSettings = PLANAR_DEFAULTS,
  options: { headless?: boolean } = {},
): ModelEngine<PlanarModel, PlanarSettings> {
  const view = options.headless === true ? null : new PlanarView((s) => engine.configure(s));
  const engine = new ModelEngine((s: PlanarSettings) => new PlanarModel(s), settings, view, {
    stepsPerFrame: 10,
    drawEveryFrames: 2,
    maxSteps: 20_000,
  });
  return engine;
}

/** C1 W3: the planar classifier. */
export const planarDemo: DemoDefinition = {
  id: 'planar',
  title: 'A hidden layer learns the planar flower',
  course: 1,
  week: 3,
  description:
    'A 2-4-1 tanh network (the course’s nn_model) learns to separate the red and blue petals; the background is its probability of blue.',
  create: () => Promise.resolve(createPlanarEngine()),
};
