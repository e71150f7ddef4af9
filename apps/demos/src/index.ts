// @dlkit/demos: the live demos that train in the browser, as engines the docs site mounts.
export type { DemoEngine, DemoDefinition, DemoProgress } from './engine.js';
export {
  setupDemoBackend,
  type DemoBackendName,
  type SetupDemoBackendOptions,
} from './backend/setup-demo-backend.js';
export { demos } from './demos.js';
export { mountDemo, type MountedDemo } from './host/mount-demo.js';
export { ModelEngine, type EnginePacing } from './loop/model-engine.js';
export type { DemoModel, DemoView } from './loop/demo-model.js';
export {
  PlanarModel,
  PLANAR_DEFAULTS,
  PLANAR_EXTENT,
  type PlanarSettings,
} from './planar/planar-model.js';
export { createPlanarEngine, planarDemo } from './planar/planar-demo.js';
export { RaceModel, RACE_DEFAULTS, type RaceSettings, type RunnerId } from './race/race-model.js';
export { SURFACES, type Surface, type SurfaceId } from './race/surfaces.js';
export { createRaceEngine, raceDemo } from './race/race-demo.js';
export { ConvModel, CONV_DEFAULTS, type ConvImage, type ConvSettings } from './conv/conv-model.js';
export {
  FILTERS,
  FILTER_SIZE,
  convOutputSize,
  type Filter,
  type FilterId,
} from './conv/filters.js';
export { loadDemoImage, DEMO_IMAGE_CREDIT } from './conv/demo-image.js';
export { createConvEngine, convDemo } from './conv/conv-demo.js';
export { CharModel, CHAR_DEFAULTS, type CharSettings } from './names/char-model.js';
export { loadDemoNames } from './names/demo-names.js';
export { createNamesEngine, namesDemo } from './names/names-demo.js';
