import * as tf from '@tensorflow/tfjs';
import { asCallerAsync, assertNumber, assertOptions, DlkitError } from '@dlkit/core';
import { importFaceApi, readWeights, WEIGHT_FILES, type FaceApi } from './face-api-module.js';
import { assertFaceImage } from './img-to-encoding.js';

/**
 * Options of {@link loadFaceRecognizer}.
 *
 * @category C4 W4 · Face recognition
 */
export interface FaceRecognizerOptions {
  /**
   * Find the face first (SSD MobileNetV1), place its 68 landmarks and embed the face box they
   * give; `false` embeds the whole image (a face already centred and cropped). Default `true`.
   */
  detect?: boolean;
  /** The detector's smallest accepted score, in `(0, 1)`. Default 0.5. */
  minConfidence?: number;
}

/**
 * The embedding function {@link loadFaceRecognizer} returns: a {@link FaceModel} for the face
 * functions, plus `dispose()`, which frees its networks' weights.
 *
 * @category C4 W4 · Face recognition
 */
export interface FaceRecognizer {
  /**
   * Embeds one picture `[h, w, 3]` (pixels 0–255, int32 or float32; not disposed) as a `[128]`
   * float32 descriptor the caller disposes; throws a `DlkitError` when detection finds no face.
   */
  (image: tf.Tensor3D): Promise<tf.Tensor1D>;
  /** Whether it detects and aligns the face first. */
  readonly detect: boolean;
  /** Frees the networks' weights (once every recognizer loaded is disposed). */
  dispose(): void;
}

const FN = 'loadFaceRecognizer';
const EMBED = 'faceRecognizer';

/** face-api's networks are one set per process: loaded once, freed when the last user disposes. */
let shared: { loaded: Promise<FaceApi>; users: number } | undefined;

async function loadNets(): Promise<FaceApi> {
  const { api, root } = await importFaceApi(FN);
  for (const [net, file] of Object.entries(WEIGHT_FILES) as [keyof typeof WEIGHT_FILES, string][]) {
    api.nets[net].loadFromWeightMap(await readWeights(FN, root, file));
  }
  return api;
}

function release(api: FaceApi): void {
  if (shared === undefined) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  shared = undefined;
  for (const net of Object.keys(WEIGHT_FILES) as (keyof typeof WEIGHT_FILES)[])
    api.nets[net].dispose();
}

async function embed(
  api: FaceApi,
  image: tf.Tensor3D,
  detect: boolean,
  minConfidence: number,
): Promise<tf.Tensor1D> {
  if (!detect) {
    const descriptor = await api.nets.faceRecognitionNet.computeFaceDescriptor?.(image);
    return tf.tensor1d(descriptor as Float32Array);
  }
  const options = new api.SsdMobilenetv1Options({ minConfidence, maxResults: 1 });
  const face = await api.detectSingleFace(image, options).withFaceLandmarks().withFaceDescriptor();
  if (face === undefined) {
    throw new DlkitError(
      'value',
      EMBED,
      `no face found in image [${image.shape.join(', ')}] with minConfidence ${minConfidence} (for a centred face crop, load with { detect: false })`,
      { argument: 'image' },
    );
  }
  return tf.tensor1d(face.descriptor);
}

/**
 * Loads the face-recognition network that `@vladmandic/face-api` ships (a ResNet-34 like dlib's,
 * 6.4 MB, trained with a metric loss as FaceNet is: 128-d descriptors, the same person within
 * about 0.6 of each other), with its SSD MobileNetV1 face detector and 68-landmark net, offline from
 * the package's own `model/` folder. face-api 1.7.15 is an optional peer dependency (MIT:
 * `npm install @vladmandic/face-api`); it runs on the current tfjs backend (dlkit's wasm backend or
 * tfjs cpu). Its Node wasm build also loads `@tensorflow/tfjs-backend-wasm`, which `@dlkit/backend`
 * brings. Node only.
 *
 * @param options - Whether to detect the face first (default yes) and the detector's threshold.
 * @returns The embedding function, a {@link FaceModel}; call its `dispose()` when done.
 * @throws DlkitError (`dependency`) when `@vladmandic/face-api` is not installed, naming the install command.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { loadFaceRecognizer } from '@dlkit/cnn';
 * const model = await loadFaceRecognizer({ detect: false });
 * const crop = tf.fill([64, 64, 3], 128, 'int32'); // a grey square: not a face, but it embeds
 * const descriptor = await model(crop);
 * console.log(descriptor.shape); // [128]
 * tf.dispose([crop, descriptor]);
 * model.dispose();
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function loadFaceRecognizer(
  options: FaceRecognizerOptions = {},
): Promise<FaceRecognizer> {
  const o = assertOptions(FN, 'options', options, ['detect', 'minConfidence']);
  if (o.detect !== undefined && typeof o.detect !== 'boolean') {
    throw new DlkitError('value', FN, `options.detect must be a boolean, got ${String(o.detect)}`, {
      argument: 'options.detect',
    });
  }
  const detect = o.detect ?? true;
  const minConfidence =
    o.minConfidence === undefined
      ? 0.5
      : assertNumber(FN, 'options.minConfidence', o.minConfidence, {
          min: 0,
          max: 1,
          minExclusive: true,
          maxExclusive: true,
        });
  return asCallerAsync(FN, async () => {
    const current = shared ?? { loaded: loadNets(), users: 0 };
    shared = current;
    current.users += 1;
    let api: FaceApi;
    try {
      api = await current.loaded;
    } catch (e) {
      if (shared === current) shared = undefined;
      throw e;
    }
    let disposed = false;
    const recognizer = async (image: tf.Tensor3D): Promise<tf.Tensor1D> => {
      if (disposed) throw new DlkitError('state', EMBED, 'the recognizer is disposed');
      return embed(api, assertFaceImage(EMBED, image), detect, minConfidence);
    };
    return Object.assign(recognizer, {
      detect,
      dispose: () => {
        if (disposed) return;
        disposed = true;
        release(api);
      },
    });
  });
}
