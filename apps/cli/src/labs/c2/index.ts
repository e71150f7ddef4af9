// Course 2's labs, in course order, for the labs CLI and the lab tests.
import type { Lab } from '../lab.js';
import { initCirclesLab } from './init-circles.js';
import { regularizationFootballLab } from './regularization-football.js';
import { optimizationMoonsLab } from './optimization-moons.js';
import { frameworkHandSignsLab } from './framework-hand-signs.js';

/** The course-2 labs. */
export const c2Labs: Lab[] = [
  initCirclesLab,
  regularizationFootballLab,
  optimizationMoonsLab,
  frameworkHandSignsLab,
];

export { initCirclesLab, regularizationFootballLab, optimizationMoonsLab, frameworkHandSignsLab };
