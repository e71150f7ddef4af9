import type { DemoDefinition } from './engine.js';
import { planarDemo } from './planar/planar-demo.js';
import { raceDemo } from './race/race-demo.js';
import { convDemo } from './conv/conv-demo.js';
import { namesDemo } from './names/names-demo.js';

/**
 * Every live demo, in course order. The docs site lists them and mounts one with
 * `await demo.create()` then `engine.mount(element)`.
 *
 * @example
 * ```ts
 * import { demos } from '@dlkit/demos';
 * console.log(demos.map((d) => `C${d.course} W${d.week} ${d.id}`).join(', '));
 * // C1 W3 planar, C2 W2 optimizer-race, C4 W1 conv-visualizer, C5 W1 char-names
 * ```
 *
 * @category Demos
 */
export const demos: DemoDefinition[] = [planarDemo, raceDemo, convDemo, namesDemo];
