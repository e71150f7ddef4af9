import type { DemoDefinition } from '../engine.js';
import { ModelEngine } from '../loop/model-engine.js';
import { CONV_DEFAULTS, ConvModel, type ConvImage, type ConvSettings } from './conv-model.js';
import { ConvView } from './conv-view.js';
import { loadDemoImage } from './demo-image.js';

/**
 * The convolution visualiser's engine on `image`: 4 Adam steps of the learned filter per frame;
 * changing the filter, stride or padding starts a new, seeded run.
 *
 * @param image - The grayscale image (the demo's photograph in the browser).
 * @param settings - Filter, stride, padding (the vertical edge detector, s = 1, p = 0 by default).
 * @param options - `headless: true` makes an engine without a view (for tests).
 * @returns A fresh engine.
 */
export function createConvEngine(
  image: ConvImage,
  settings: ConvSettings = CONV_DEFAULTS,
  options: { headless?: boolean } = {},
): ModelEngine<ConvModel, ConvSettings> {
  const view = options.headless === true ? null : new ConvView((s) => engine.configure(s));
  const engine = new ModelEngine((s: ConvSettings) => new ConvModel(image, s), settings, view, {
    stepsPerFrame: 4,
    maxSteps: 3_000,
  });
  return engine;
}

/** C4 W1: the convolution visualiser. */
export const convDemo: DemoDefinition = {
  id: 'conv-visualizer',
  title: 'Filters, stride and padding on a photograph',
  course: 4,
  week: 1,
  description:
    'Pick a filter, a stride and a padding and see the output map and its shape; a second filter starts from random weights and learns, by gradient descent, to produce the same output.',
  create: async () => createConvEngine(await loadDemoImage(88)),
};
