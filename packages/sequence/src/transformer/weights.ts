import * as tf from '@tensorflow/tfjs';

/** A tfjs initializer (tfjs does not export its type by name). */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

/**
 * Creates one weight on the layer being built (a bound `Layer.addWeight`): the Transformer's
 * layers own every weight of their blocks under path-like names (`mha/query/kernel`), so a model
 * saves and loads them by name.
 */
export type AddWeight = (
  name: string,
  shape: number[],
  initializer: Initializer,
) => tf.LayerVariable;

/** The initializer kinds Keras uses for the Transformer's weights. */
export type WeightKind = 'glorotUniform' | 'zeros' | 'ones' | 'embedding';

/**
 * Hands out initializers, each kernel with its own seed (`seed`, `seed + 1`, ...) so that weights
 * of the same shape differ and a seeded layer is repeatable; unseeded, tfjs draws from
 * `Math.random`.
 */
export class WeightMaker {
  private next: number;

  /**
   * @param add - The layer's bound `addWeight`.
   * @param seed - The first seed, or undefined for unseeded initializers.
   */
  constructor(
    private readonly add: AddWeight,
    private readonly seed: number | undefined,
  ) {
    this.next = seed ?? 0;
  }

  /**
   * Creates a weight.
   *
   * @param name - The weight's name, e.g. `mha/query/kernel`.
   * @param shape - Its shape.
   * @param kind - Its initializer (Keras' default for that weight).
   * @returns The new layer variable.
   */
  make(name: string, shape: number[], kind: WeightKind): tf.LayerVariable {
    return this.add(name, shape, this.initializer(kind));
  }

  private initializer(kind: WeightKind): Initializer {
    if (kind === 'zeros') return tf.initializers.zeros();
    if (kind === 'ones') return tf.initializers.ones();
    const seed = this.seed === undefined ? {} : { seed: this.next++ };
    return kind === 'embedding'
      ? tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, ...seed })
      : tf.initializers.glorotUniform(seed);
  }
}
