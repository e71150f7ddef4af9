/**
 * Course 5, week 3: the detector of "Trigger word detection" under the notebook's name, as
 * `triggerWord.modelf` (the machine-translation notebook has a `modelf` too: `nmt.modelf`).
 *
 * @category C5 W3 · Trigger word detection
 */
export { modelf, type ModelfOptions } from './modelf.js';
