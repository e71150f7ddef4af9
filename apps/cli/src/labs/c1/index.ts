// Course 1's labs, in course order.
import type { Lab } from '../lab.js';
import { hiddenLayerSweepLab } from './hidden-layer-sweep.js';
import { imageClassifierLab } from './image-classifier.js';
import { planarFlowerLab } from './planar-flower.js';

/** Course 1's labs. */
export const c1Labs: Lab[] = [planarFlowerLab, hiddenLayerSweepLab, imageClassifierLab];
