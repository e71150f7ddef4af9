import type { Lab } from '../lab.js';
import { jazzImprovisationLab } from './jazz.js';
import { wordAnalogiesLab } from './word-analogies.js';
import { emojifierLab } from './emojifier.js';

/** The course-5 labs. */
export const c5Labs: Lab[] = [jazzImprovisationLab, wordAnalogiesLab, emojifierLab];

export { jazzImprovisationLab, wordAnalogiesLab, emojifierLab };
