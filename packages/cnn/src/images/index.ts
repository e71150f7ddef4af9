/**
 * Image files for Node (C4 W1): PNG and JPEG read, written, decoded and encoded with the
 * pure-JavaScript `pngjs` and `jpeg-js` (no native library). A separate entry point,
 * `@dlkit/cnn/images`, because the codecs need Node's `zlib` and `Buffer`: the main entry stays
 * browser-safe.
 *
 * @packageDocumentation
 */
export {
  decodeImage,
  encodePng,
  encodeJpeg,
  type DecodeOptions,
  type JpegOptions,
} from './codecs.js';
export { readImage, writeImage } from './image-files.js';

// C4 W4: face databases as files (issue 16, branch b16-faces).
export { saveFaceDatabase, loadFaceDatabase } from '../faces/face-database-file.js';
