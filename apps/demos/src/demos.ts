import type { DemoDefinition } from './engine.js';
import { planarDemo } from './planar/planar-demo.js';
import { raceDemo } from './race/race-demo.js';
import { convDemo } from './conv/conv-demo.js';
import { namesDemo } from './names/names-demo.js';

/**
 * Every live demo, in course order. The docs site lists them and mounts one with
 * `await demo.create()` then `engine.mount(element)`.
 *
 * @category Demos
 */
export const demos: DemoDefinition[] = [planarDemo, raceDemo, convDemo, namesDemo];
