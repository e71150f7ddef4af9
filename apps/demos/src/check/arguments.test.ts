import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  CONV_DEFAULTS,
  ModelEngine,
  PLANAR_DEFAULTS,
  RACE_DEFAULTS,
  convOutputSize,
  createConvEngine,
  createNamesEngine,
  createPlanarEngine,
  createRaceEngine,
  demos,
  loadDemoImage,
  mountDemo,
} from '../index.js';

describe('bad arguments get a DlkitError naming the function called', () => {
  it('engine factories name themselves, not the model they build', () => {
    expect(() => createPlanarEngine({ ...PLANAR_DEFAULTS, hiddenUnits: NaN })).toThrow(
      'createPlanarEngine: settings.hiddenUnits must be an integer >= 1 and <= 64, got NaN',
    );
    expect(() => createRaceEngine({ ...RACE_DEFAULTS, beta: Infinity })).toThrow(
      'createRaceEngine: settings.beta must be a finite number >= 0 and < 1, got Infinity',
    );
    expect(() => createConvEngine(null as never)).toThrow(
      'createConvEngine: source must be a grayscale image, got null',
    );
    expect(() => createNamesEngine('anna' as never)).toThrow(
      'createNamesEngine: names must be an array of strings',
    );
    expect(() => createPlanarEngine(PLANAR_DEFAULTS, null as never)).toThrow(
      'createPlanarEngine: options must be an object, got null',
    );
    const image = { height: 4, width: 4, pixels: new Float32Array(16) };
    expect(() => createConvEngine(image, { ...CONV_DEFAULTS, pad: 9 })).toThrow(
      'createConvEngine: settings.pad must be an integer >= 0 and <= 3, got 9',
    );
  });

  it('the engine checks its listener and container, and ModelEngine its factory', () => {
    const engine = createPlanarEngine({ ...PLANAR_DEFAULTS, gridSize: 2 }, { headless: true });
    expect(() => engine.onProgress('x' as never)).toThrow(
      'DemoEngine.onProgress: listener must be a function, got string x',
    );
    expect(() => engine.mount({} as never)).toThrow(
      'DemoEngine.mount: drawing needs a browser (HTMLElement is not defined)',
    );
    expect(() => engine.mount({} as never)).toThrow(DlkitError);
    engine.dispose();
    expect(() => new ModelEngine(42 as never, {}, null)).toThrow(
      'ModelEngine: create must be a function, got number 42',
    );
    expect(() => new ModelEngine(() => ({}) as never, {}, null, { stepsPerFrame: 0 })).toThrow(
      'ModelEngine: pacing.stepsPerFrame must be an integer >= 1 and <= 1000000, got 0',
    );
  });

  it('the helpers check theirs', async () => {
    expect(() => convOutputSize(5, 3, -1, 1)).toThrow(
      'convOutputSize: pad must be an integer >= 0 and <= 1000000000, got -1',
    );
    await expect(mountDemo(demos[0]!, {} as never)).rejects.toThrow(
      'mountDemo: drawing needs a browser (HTMLElement is not defined)',
    );
    await expect(mountDemo(null as never, {} as never)).rejects.toThrow(
      'mountDemo: definition must be an object, got null',
    );
    await expect(loadDemoImage(2)).rejects.toThrow(
      'loadDemoImage: width must be an integer >= 8 and <= 1024, got 2',
    );
    await expect(loadDemoImage()).rejects.toThrow(
      'loadDemoImage: decoding the photograph needs a browser (document, Image)',
    );
  });
});
