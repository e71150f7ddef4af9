// @dlkit/demos: the live demos that train in the browser, as engines the docs site mounts.
export type { DemoEngine, DemoDefinition, DemoProgress } from './engine.js';
export {
  setupDemoBackend,
  type DemoBackendName,
  type SetupDemoBackendOptions,
} from './backend/setup-demo-backend.js';
export { demos } from './demos.js';
