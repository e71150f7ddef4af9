import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { mobileNetV2 } from '../mobilenet/mobilenet-v2.js';
import { computeContentCost } from './content-cost.js';
import { computeStyleCost } from './style-cost.js';
import { styleModel } from './style-model.js';
import { trainStep } from './train-step.js';
import { generateArt, type ArtStep } from './generate-art.js';
import type { StyleLayer } from './style-layers.js';

// A small randomly initialised MobileNetV2 (the costs and the loop do not need trained weights;
// the lab runs them on the pretrained one): 32×32 images (its smallest), two style layers and a content layer.
const backbone = mobileNetV2({ inputShape: [32, 32, 3], includeTop: false, seed: 1 });
const names = ['Conv1_relu', 'block_1_expand_relu', 'block_2_expand_relu'];
const model = styleModel(backbone, names);
const STYLE: StyleLayer[] = [
  ['Conv1_relu', 0.5],
  ['block_1_expand_relu', 0.5],
];
const content = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
const style = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 12) as tf.Tensor4D;
afterAll(() => {
  tf.dispose([content, style]);
  backbone.dispose();
});

describe('styleModel', () => {
  it("returns the chosen layers' activations, equal to the backbone's own layers", () => {
    expect(model.outputs.map((o) => o.shape)).toEqual([
      [null, 16, 16, 32],
      [null, 16, 16, 96],
      [null, 8, 8, 144],
    ]);
    tf.tidy(() => {
      const outputs = model.predict(content) as tf.Tensor[];
      const probe = tf.model({
        inputs: backbone.inputs,
        outputs: backbone.getLayer(names[1]!).output,
      });
      expectTensorsClose(outputs[1]!, probe.predict(content) as tf.Tensor, {
        rtol: 1e-5,
        atol: 1e-6,
      });
    });
  });

  it('makes no tensor (it shares the weights)', async () => {
    expect(await expectNoLeaks(() => void styleModel(backbone, ['Conv1_relu']))).toBe(0);
  });

  it('names the layer at fault', () => {
    expectDlkitError(
      () => styleModel(backbone, ['Conv1_relu', 'block5_conv4']),
      'styleModel: layerNames[1] names no layer of backbone: block5_conv4',
    );
    expectDlkitError(
      () => styleModel(backbone, ['Conv1_relu', 'Conv1_relu']),
      'styleModel: layerNames[1] repeats Conv1_relu: each layer can be returned once',
    );
    expectDlkitError(
      () => styleModel({} as never, ['Conv1_relu']),
      'styleModel: backbone must be a tf.LayersModel, got an object (Object)',
    );
  });
});

/** The step's context: a_S and a_C computed as generateArt does (pixels mapped to [-1, 1]). */
function stepContext() {
  const [aC, aS] = [content, style].map(
    (x) => model.predict(tf.tidy(() => x.mul(2).sub(1))) as tf.Tensor[],
  );
  return { model, aC: aC!, aS: aS!, optimizer: tf.train.adam(0.01), styleLayers: STYLE };
}

describe('trainStep', () => {
  it("returns J = 10 J_content + 40 J_style before the step, updates only the image's pixels, and clips them", () => {
    const context = stepContext();
    const image = tf.variable(
      tf.tidy(() =>
        content.add(tf.randomUniform(content.shape, -0.25, 0.25, 'float32', 3)).clipByValue(0, 1),
      ),
    );
    const weightsBefore = backbone.getLayer('Conv1').getWeights()[0]!.clone();
    tf.tidy(() => {
      const aG = model.predict(image.mul(2).sub(1)) as tf.Tensor[];
      const expected = computeContentCost(context.aC, aG)
        .mul(10)
        .add(computeStyleCost(context.aS, aG, STYLE).mul(40));
      const before = image.clone();
      const J = trainStep(image, context);
      expectTensorsClose(J, expected, { rtol: 1e-4, atol: 1e-6 });
      expect(tf.max(tf.abs(image.sub(before))).dataSync()[0]).toBeGreaterThan(0);
      expect(tf.min(image).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(image).dataSync()[0]).toBeLessThanOrEqual(1);
      expectTensorsClose(backbone.getLayer('Conv1').getWeights()[0]!, weightsBefore, {
        rtol: 0,
        atol: 0,
      });
    });
    tf.dispose([image, weightsBefore, ...context.aC, ...context.aS]);
    context.optimizer.dispose();
  });

  it('returns one tensor and leaks nothing but the optimiser state it made on the first step', async () => {
    const context = stepContext();
    const image = tf.variable(content.clone());
    trainStep(image, context).dispose(); // Adam makes its moments on its first step
    expect(await expectNoLeaks(() => trainStep(image, context))).toBe(1);
    tf.dispose([image, ...context.aC, ...context.aS]);
    context.optimizer.dispose();
  });

  it('names the argument at fault', () => {
    const context = stepContext();
    const image = tf.variable(content.clone());
    expectDlkitError(
      () => trainStep(content as never, context),
      'trainStep: generatedImage must be a tf.Variable (tf.variable(image)), got a float32 tensor of rank 4',
    );
    expectDlkitError(
      () => trainStep(image, { ...context, aS: context.aS.slice(1) }),
      'trainStep: context.aS must hold one activation per output of context.model (3), got 2',
    );
    expectDlkitError(
      () => trainStep(image, { ...context, optimizer: 'adam' as never }),
      'trainStep: context.optimizer must be a tf.Optimizer (e.g. tf.train.adam(0.01)), got string adam',
    );
    const small = tf.variable(tf.zeros([1, 8, 8, 3]));
    expectDlkitError(
      () => trainStep(small, context),
      'trainStep: context.model must take one input [m, 8, 8, 3] (the size of generatedImage), got [null, 32, 32, 3]',
    );
    tf.dispose([image, small, ...context.aC, ...context.aS]);
    context.optimizer.dispose();
  });
});

describe('generateArt', () => {
  it('lowers the cost, keeps pixels in [0, 1], reports every step, and is seeded', async () => {
    const reported: ArtStep[] = [];
    const options = {
      styleLayers: STYLE,
      steps: 4,
      learningRate: 0.05,
      onStep: (c: ArtStep) => reported.push(c),
    };
    const first = await generateArt(content, style, model, options);
    const again = await generateArt(content, style, model, { ...options, onStep: undefined });
    try {
      expect(first.costs.map((c) => c.step)).toEqual([1, 2, 3, 4]);
      expect(reported).toEqual(first.costs);
      for (const c of first.costs) {
        expect(c.J).toBeCloseTo(10 * c.JContent + 40 * c.JStyle, 3);
        expect(c.JTv).toBe(0);
      }
      expect(first.costs.at(-1)!.J).toBeLessThan(first.costs[0]!.J);
      expect(again.costs).toEqual(first.costs);
      tf.tidy(() => {
        expect(tf.min(first.generatedImage).dataSync()[0]).toBeGreaterThanOrEqual(0);
        expect(tf.max(first.generatedImage).dataSync()[0]).toBeLessThanOrEqual(1);
        expectTensorsClose(first.generatedImage, again.generatedImage, { rtol: 0, atol: 0 });
      });
    } finally {
      tf.dispose([first.generatedImage, again.generatedImage]);
    }
  });

  it('adds tvWeight times the total variation, which smooths the image', async () => {
    const run = (tvWeight: number) =>
      generateArt(content, style, model, {
        styleLayers: STYLE,
        steps: 3,
        learningRate: 0.05,
        tvWeight,
        noise: 0.5,
      });
    const [plain, smooth] = [await run(0), await run(1)];
    try {
      const last = smooth.costs.at(-1)!;
      expect(last.JTv).toBeGreaterThan(0);
      expect(last.J).toBeCloseTo(10 * last.JContent + 40 * last.JStyle + last.JTv, 2);
      const tv = (x: tf.Tensor) =>
        tf.tidy(
          () =>
            tf
              .sum(tf.abs(tf.sub(x.slice([0, 1], [1, 31]), x.slice([0, 0], [1, 31]))))
              .dataSync()[0]!,
        );
      expect(tv(smooth.generatedImage)).toBeLessThan(tv(plain.generatedImage));
    } finally {
      tf.dispose([plain.generatedImage, smooth.generatedImage]);
    }
  });

  it('returns one tensor and leaks nothing (every step disposed)', async () => {
    expect(
      await expectNoLeaks(
        async () =>
          (await generateArt(content, style, model, { styleLayers: STYLE, steps: 2 }))
            .generatedImage,
      ),
    ).toBe(1);
  });

  it('names the argument at fault', async () => {
    const call = (promise: () => Promise<unknown>) =>
      promise().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    const wrongSize = tf.zeros([1, 8, 8, 3]) as tf.Tensor4D;
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => generateArt(content, wrongSize, model),
        'generateArt: styleImage must have shape [1, nH, nW, 3] with nH = 32 (from contentImage), got [1, 8, 8, 3]',
      ],
      [
        () => generateArt(content, style, model, { styleLayers: STYLE, steps: 0 }),
        'generateArt: options.steps must be an integer >= 1 and <= 1000000, got 0',
      ],
      [
        () => generateArt(content, style, model, { styleLayers: [['Conv1_relu', 1]] }),
        'generateArt: options.styleLayers must be an array of 2 [name, weight] pairs (one per output but the last, the content layer), got an array of length 1',
      ],
      [
        () => generateArt(content, style, model, { styleLayers: STYLE, inputRange: [1, -1] }),
        'generateArt: options.inputRange[1] must be a finite number > 1, got -1',
      ],
      [
        () => generateArt(wrongSize, wrongSize, model, { styleLayers: STYLE }),
        'generateArt: model must take one input [m, 8, 8, 3] (the size of contentImage), got [null, 32, 32, 3]',
      ],
    ];
    try {
      for (const [promise, message] of cases) {
        const error = await call(promise);
        expect(error?.name).toBe('DlkitError');
        expect(error?.message).toBe(message);
      }
    } finally {
      wrongSize.dispose();
    }
  });
});
