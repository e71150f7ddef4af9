import type { DemoDefinition } from './engine.js';

/**
 * Every live demo, in course order. The docs site lists them and mounts one with
 * `await demo.create()` then `engine.mount(element)`.
 *
 * @category Demos
 */
export const demos: DemoDefinition[] = [];
