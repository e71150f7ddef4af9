import * as tf from '@tensorflow/tfjs';
import { asCallerAsync, assertOptions, DlkitError } from '@dlkit/core';
import { buildMobileNetV2, checkMobileNetV2Options } from './mobilenet-v2.js';

/**
 * Options of {@link loadPretrainedMobileNetV2}.
 *
 * @category C4 W2 · Transfer learning
 */
export interface PretrainedMobileNetV2Options {
  /** The image shape `[nH, nW, 3]` to rebuild the backbone at (the weights fit any size). Default `[224, 224, 3]`. */
  inputShape?: [number, number, number];
}

/** What `nsfwjs/models/mobilenet_v2` exports: the model JSON and its base64 weight bundle. */
interface NsfwjsModelDefinition {
  modelJson: () => Promise<{ default: NsfwjsModelJson }>;
  weightBundles: (() => Promise<{ default: string }>)[];
}

interface NsfwjsModelJson {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

const FN = 'loadPretrainedMobileNetV2';
const PACKAGE = 'nsfwjs';

async function importDefinition(): Promise<NsfwjsModelDefinition> {
  try {
    const module = (await import('nsfwjs/models/mobilenet_v2')) as unknown as {
      MobileNetV2Model: NsfwjsModelDefinition;
    };
    return module.MobileNetV2Model;
  } catch (cause) {
    throw new DlkitError(
      'dependency',
      FN,
      `the pretrained MobileNetV2 comes from the optional package ${PACKAGE} (4.x, MIT), which is not installed: run \`npm install ${PACKAGE}@^4.4.0\``,
      { argument: 'nsfwjs', cause },
    );
  }
}

function base64ToArrayBuffer(base64: string): ArrayBuffer {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return bytes.buffer;
}

/** The 224×224 Keras model nsfwjs ships (MobileNetV2 with nsfwjs's 5-class head), loaded from memory. */
async function loadSourceModel(): Promise<tf.LayersModel> {
  const definition = await importDefinition();
  const json = (await definition.modelJson()).default;
  const manifest = json.weightsManifest[0];
  const bundle = definition.weightBundles[0];
  if (manifest === undefined || bundle === undefined || json.weightsManifest.length !== 1) {
    throw new DlkitError(
      'io',
      FN,
      `${PACKAGE}'s mobilenet_v2 model is not the single-bundle model of ${PACKAGE} 4.x`,
    );
  }
  const weightData = base64ToArrayBuffer((await bundle()).default);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: manifest.weights,
      weightData,
    }),
  );
}

/** Copies every weighted layer of `target` from the layer of the same name in `source`. */
function copyWeightsByName(source: tf.LayersModel, target: tf.LayersModel): void {
  for (const layer of target.layers) {
    if (layer.weights.length === 0) continue;
    const from = source.layers.find((l) => l.name === layer.name);
    if (from === undefined) {
      throw new DlkitError(
        'io',
        FN,
        `${PACKAGE}'s model has no layer ${layer.name}: not Keras's MobileNetV2`,
      );
    }
    layer.setWeights(from.getWeights());
  }
}

/**
 * MobileNetV2 without its top, with pretrained weights, loaded offline from the npm package
 * `nsfwjs` (4.4.0, MIT; an optional peer dependency: `npm install nsfwjs`). What those weights
 * are: nsfwjs's Keras MobileNetV2 (`α = 1`, trained at 224×224, weights quantised to uint8 and
 * dequantised on load) is an ImageNet MobileNetV2 that its authors fine-tuned to sort images into
 * five content classes (drawing, hentai, neutral, porn, sexy). Its layers up to `out_relu` are
 * exactly Keras's MobileNetV2 backbone (2,257,984 parameters); its own pooling and 256-128-5 head
 * are dropped. The features are general (edges, textures, shapes), not pure ImageNet ones.
 *
 * The weights are copied by layer name onto {@link mobileNetV2} built at `inputShape`, so the
 * backbone works at any image size (160×160 for the course's alpaca model). Loading takes about a
 * second.
 *
 * @param options - The image shape to build the backbone at.
 * @returns A `tf.LayersModel` `[m, nH, nW, 3]` → `[m, ⌈nH/32⌉, ⌈nW/32⌉, 1280]` ending at `out_relu`,
 * expecting pixels scaled to `[-1, 1]` (`x / 127.5 - 1`). The caller disposes it.
 * @throws DlkitError (`dependency`) when `nsfwjs` is not installed, naming the install command.
 *
 * @example
 * ```ts
 * import { loadPretrainedMobileNetV2 } from '@dlkit/cnn';
 * const base = await loadPretrainedMobileNetV2({ inputShape: [160, 160, 3] });
 * console.log(base.outputs[0]!.shape, base.countParams()); // [null, 5, 5, 1280] 2257984
 * base.dispose();
 * ```
 *
 * @category C4 W2 · Transfer learning
 */
export async function loadPretrainedMobileNetV2(
  options: PretrainedMobileNetV2Options = {},
): Promise<tf.LayersModel> {
  const o = assertOptions(FN, 'options', options, ['inputShape']);
  const checked = checkMobileNetV2Options(FN, {
    inputShape: o.inputShape ?? [224, 224, 3],
    includeTop: false,
  });
  if (checked.inputShape[2] !== 3) {
    throw new DlkitError(
      'value',
      FN,
      `options.inputShape must have 3 channels (RGB), got ${checked.inputShape[2]}`,
      {
        argument: 'options.inputShape',
      },
    );
  }
  return asCallerAsync(FN, async () => {
    const source = await loadSourceModel();
    const target = buildMobileNetV2(checked);
    try {
      copyWeightsByName(source, target);
      return target;
    } catch (e) {
      target.dispose();
      throw e;
    } finally {
      source.dispose();
    }
  });
}
