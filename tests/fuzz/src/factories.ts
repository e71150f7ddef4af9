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
};

/** Makes a fresh instance of `cls` for one method call. */
export const makeInstance: InstanceFactory = (cls) => {
  const c = cls as unknown as AnyClass;
  const args = CONSTRUCTOR_ARGUMENTS[c.name]?.() ?? [];
  return new c(...args);
};
