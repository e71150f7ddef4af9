import type { DemoDefinition } from '../engine.js';
import { ModelEngine } from '../loop/model-engine.js';
import { CHAR_DEFAULTS, CharModel, type CharSettings } from './char-model.js';
import { loadDemoNames } from './demo-names.js';
import { NamesView } from './names-view.js';

/**
 * The character model's engine on `names`: one batch per frame (an LSTM step is the heaviest of
 * the demos), new samples every 25 steps.
 *
 * @param names - The names to learn.
 * @param settings - Size, batch, learning rate, sampling, seed.
 * @param options - `headless: true` makes an engine without a view (for tests).
 * @returns A fresh engine.
 */
export function createNamesEngine(
  names: readonly string[],
  settings: CharSettings = CHAR_DEFAULTS,
  options: { headless?: boolean } = {},
): ModelEngine<CharModel, CharSettings> {
  const view = options.headless === true ? null : new NamesView((s) => engine.configure(s));
  const engine = new ModelEngine((s: CharSettings) => new CharModel(names, s), settings, view, {
    stepsPerFrame: 1,
    maxSteps: 5_000,
  });
  return engine;
}

/** C5 W1: the character-level name model. */
export const namesDemo: DemoDefinition = {
  id: 'char-names',
  title: 'A character-level LSTM invents names',
  course: 5,
  week: 1,
  description:
    'An LSTM reads first names one character at a time and learns to predict the next one; every 25 steps it samples new names, which turn from gibberish into plausible names.',
  create: async () => createNamesEngine(await loadDemoNames()),
};
