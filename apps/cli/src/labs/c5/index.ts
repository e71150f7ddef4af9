// Course 5's labs, in course order, for the labs CLI and the lab tests.
import type { Lab } from '../lab.js';
import { dinosaurNamesLab } from './dinosaur-names.js';
import { shakespeareLab } from './shakespeare.js';
import { jazzImprovisationLab } from './jazz.js';
import { wordAnalogiesLab } from './word-analogies.js';
import { emojifierLab } from './emojifier.js';
import { dateTranslationLab } from './date-translation.js';
import { triggerWordLab } from './trigger-word.js';
import { transformerDatesLab } from './transformer-dates.js';

/** The course-5 labs. */
export const c5Labs: Lab[] = [
  dinosaurNamesLab,
  shakespeareLab,
  jazzImprovisationLab,
  wordAnalogiesLab,
  emojifierLab,
  dateTranslationLab,
  triggerWordLab,
  transformerDatesLab,
];

export {
  dinosaurNamesLab,
  shakespeareLab,
  jazzImprovisationLab,
  wordAnalogiesLab,
  emojifierLab,
  dateTranslationLab,
  triggerWordLab,
  transformerDatesLab,
};
