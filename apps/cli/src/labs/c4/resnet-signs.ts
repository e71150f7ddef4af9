// Course 4, week 2 lab: "Residual networks". The notebook trains its ResNet50 (23.6 M parameters)
// on SIGNS; that is too heavy for a CPU lab here, so this lab trains a narrow ResNet-18 (basic
// blocks, the small-image stem, width 16: 0.7 M parameters) on @dlkit/datasets' hand signs at
// 32×32, and reports ResNet50's size for comparison.
import { modelSummary, resNet18, resNet50 } from '@dlkit/cnn';
import { makeHandSigns } from '@dlkit/datasets';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { disposeSet, fitClassifier, fitFigures, learningCurves } from './fit-classifier.js';

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('resnet-signs.run', context);
  const quick = context.quick;
  const size = quick ? 16 : 32;
  const width = quick ? 8 : 16;
  const epochs = quick ? 2 : 10;
  const data = makeHandSigns({
    trainSize: quick ? 96 : 1080,
    testSize: quick ? 48 : 120,
    size,
    seed: context.seed,
  });
  const big = resNet50([64, 64, 3], 6);
  const resNet50Params = big.countParams();
  big.dispose();
  const model = resNet18([size, size, 3], 6, { width, seed: context.seed });
  try {
    const params = modelSummary(model).totalParams;
    context.log(
      `resNet18 (width ${width}, small stem): ${params} parameters; the notebook's resNet50: ${resNet50Params}`,
    );
    const r = await fitClassifier(
      model,
      data,
      { label: 'resNet18', epochs, batchSize: 32, learningRate: 0.001, kind: 'categorical' },
      context,
    );
    const figures = {
      ...fitFigures(r, epochs, size, params),
      model: `resNet18 width ${width}`,
      'resNet50 parameters': resNet50Params,
    };
    context.log(
      `train ${(figures['train accuracy'] * 100).toFixed(1)} %, test ${(figures['test accuracy'] * 100).toFixed(1)} %`,
    );
    return {
      figures,
      plots: [learningCurves('learning-curves', `ResNet-18 (width ${width}) on the hand signs`, r)],
      files: [],
    };
  } finally {
    model.dispose();
    disposeSet(data);
  }
}

/** The C4 W2 residual-networks lab. */
export const resnetSignsLab: Lab = {
  id: 'resnet-signs',
  course: 4,
  week: 2,
  title: 'Residual networks: a ResNet-18 (narrow; ResNet50 is too heavy here) on the hand signs',
  run,
};
