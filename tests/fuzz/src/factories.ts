import { SlotOptimizer, type SlotUpdate } from '@dlkit/optimizers';
import type { InstanceFactory } from './targets.js';

type AnyClass = new (...args: unknown[]) => unknown;

/**
 * Constructor arguments for the exported classes whose methods the fuzz calls and that
 * `new C()` cannot make. A new class that needs arguments gets an entry here (the fuzz reports
 * each class it could not make).
 */
export const CONSTRUCTOR_ARGUMENTS: Record<string, () => unknown[]> = {
  DeepNeuralNetwork: () => [{ layerSizes: [4, 3, 1], seed: 1 }],
  ShapeChecker: () => ['fuzz'],
  RandomState: () => [1],
  Vocabulary: () => [['a', 'b', 'c'], 'a'],
  LSTM: () => [{ units: 2 }],
  GRU: () => [{ units: 2 }],
  SliceTimestep: () => [{ t: 0 }],
  LearningRateScheduler: () => [() => 0.1],
  RandomRotation: () => [{ factor: 0.1, seed: 1 }],
  RandomZoom: () => [{ heightFactor: 0.1, seed: 1 }],
  RandomTranslation: () => [{ heightFactor: 0.1, widthFactor: 0.1, seed: 1 }],
  RandomContrast: () => [{ factor: 0.1, seed: 1 }],
  MultiHeadAttention: () => [{ numHeads: 2, keyDim: 2, seed: 1 }],
  EncoderLayer: () => [4, 2, 8],
  Encoder: () => [1, 4, 2, 8, 6, 5],
  DecoderLayer: () => [4, 2, 8],
  Decoder: () => [1, 4, 2, 8, 6, 5],
  Transformer: () => [1, 4, 2, 8, 6, 6, 5, 5],
};

/** The smallest concrete slot optimiser, so the fuzz calls SlotOptimizer's own methods (its
 * errors name `SlotOptimizer`, as a subclass's name the subclass). */
class FuzzSlotOptimizer extends SlotOptimizer {
  static get className(): string {
    return 'FuzzSlotOptimizer';
  }
  constructor() {
    super({ name: 'SlotOptimizer', slotNames: ['s'], learningRate: 0.1 });
  }
  override getConfig(): Record<string, number> {
    return { learningRate: this.learningRate };
  }
  protected update({ value, gradient }: SlotUpdate): void {
    value.assign(value.sub(gradient.mul(this.learningRate)));
  }
}

/** Abstract classes' methods are called on a minimal concrete subclass. */
const CONCRETE: Record<string, () => unknown> = {
  SlotOptimizer: () => new FuzzSlotOptimizer(),
};

/** Makes a fresh instance of `cls` for one method call. */
export const makeInstance: InstanceFactory = (cls) => {
  const c = cls as unknown as AnyClass;
  const concrete = CONCRETE[c.name];
  if (concrete !== undefined) return concrete();
  const args = CONSTRUCTOR_ARGUMENTS[c.name]?.() ?? [];
  return new c(...args);
};
