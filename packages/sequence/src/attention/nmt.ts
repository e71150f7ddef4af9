/**
 * Course 5, week 3: the date-translation model of "Neural machine translation with attention"
 * under the notebook's name, as `nmt.modelf` (the trigger-word notebook has a `modelf` too:
 * `triggerWord.modelf`).
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export { modelf, type ModelfOptions } from './modelf.js';
