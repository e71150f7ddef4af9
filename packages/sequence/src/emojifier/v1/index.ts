/**
 * Course 5, week 2: the Emojifier V1 (average of word vectors, then softmax) under the
 * notebook's names, so `emojifierV1.model` and `emojifierV1.predict`.
 *
 * @category C5 W2 · Emojifier
 */
export {
  model,
  type EmojifierV1Options,
  type EmojifierV1Progress,
  type EmojifierV1Result,
} from './model.js';
export { predict } from './predict.js';
