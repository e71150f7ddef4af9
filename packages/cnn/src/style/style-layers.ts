/**
 * A style layer and its weight, as in the notebook's `STYLE_LAYERS`
 * (`[('block1_conv1', 0.2), …]`).
 *
 * @category C4 W4 · Neural style transfer
 */
export type StyleLayer = readonly [name: string, weight: number];

/**
 * The style layers dlkit uses on the pretrained MobileNetV2 (`loadPretrainedMobileNetV2`), the
 * counterpart of the notebook's five VGG-19 `blockN_conv1` layers: the first ReLU of each
 * resolution, from fine to coarse (strides 2, 2, 4, 8, 16; 32, 96, 144, 192 and 576 channels),
 * equally weighted as in the notebook.
 *
 * @category C4 W4 · Neural style transfer
 */
export const MOBILENET_STYLE_LAYERS: readonly StyleLayer[] = [
  ['Conv1_relu', 0.2],
  ['block_1_expand_relu', 0.2],
  ['block_3_expand_relu', 0.2],
  ['block_6_expand_relu', 0.2],
  ['block_13_expand_relu', 0.2],
];

/**
 * The content layer dlkit uses on the pretrained MobileNetV2: `block_5_expand_relu` (stride 8,
 * 192 channels), deep enough to hold objects and layout rather than pixels, shallow enough to
 * keep their outlines (the notebook uses VGG-19's `block5_conv4`). It is not among the style
 * layers: a layer can be a model's output only once.
 *
 * @category C4 W4 · Neural style transfer
 */
export const MOBILENET_CONTENT_LAYER = 'block_5_expand_relu';
