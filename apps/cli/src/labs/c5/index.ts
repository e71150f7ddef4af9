// Course 5's labs, in course order, for the labs CLI and the lab tests.
import type { Lab } from '../lab.js';
import { wordAnalogiesLab } from './word-analogies.js';
import { emojifierLab } from './emojifier.js';

/** The course-5 labs. */
export const c5Labs: Lab[] = [wordAnalogiesLab, emojifierLab];

export { wordAnalogiesLab, emojifierLab };
