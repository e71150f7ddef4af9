// dlkit's fused GRU kernels on wasm (native/gru.c): their memory and their input checks. Their
// values and gradients are checked through @dlkit/sequence's gruSequence (gru-fused.test.ts there),
// against PyTorch's nn.GRU and against the composite path of tfjs ops.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRU_BACKWARD_KERNEL, GRU_FORWARD_KERNEL } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';

const [m, steps, units] = [2, 3, 5];

function inputs(): Record<string, tf.Tensor> {
  return tf.tidy(() => ({
    xProj: tf.randomNormal([m, steps, 3 * units], 0, 1, 'float32', 1),
    recurrentKernel: tf.randomNormal([units, 3 * units], 0, 0.5, 'float32', 2),
    recurrentBias: tf.randomNormal([3 * units], 0, 0.5, 'float32', 3),
    h0: tf.randomNormal([m, units], 0, 0.5, 'float32', 4),
    dh: tf.randomNormal([m, steps, units], 0, 1, 'float32', 5),
  }));
}

const forward = (t: Record<string, tf.Tensor>): tf.Tensor[] =>
  tf.engine().runKernel(GRU_FORWARD_KERNEL, {
    xProj: t['xProj']!,
    recurrentKernel: t['recurrentKernel']!,
    recurrentBias: t['recurrentBias']!,
    h0: t['h0']!,
  }) as tf.Tensor[];

const backward = (t: Record<string, tf.Tensor>, h: tf.Tensor, gates: tf.Tensor): tf.Tensor[] =>
  tf.engine().runKernel(GRU_BACKWARD_KERNEL, {
    dh: t['dh']!,
    recurrentKernel: t['recurrentKernel']!,
    h0: t['h0']!,
    h,
    gates,
  }) as tf.Tensor[];

describe('fused GRU kernels on wasm', () => {
  beforeAll(() => expect(tf.getBackend()).toBe('wasm'));

  it('give outputs of the contract shapes; the first gate block is z in (0, 1)', () => {
    const t = inputs();
    const [h, gates] = forward(t) as [tf.Tensor, tf.Tensor];
    expect([h.shape, gates.shape]).toEqual([
      [m, steps, units],
      [m, steps, 4 * units],
    ]);
    const z = tf.slice(gates, [0, 0, 0], [m, steps, units]);
    expect(tf.min(z).dataSync()[0]!).toBeGreaterThan(0);
    expect(tf.max(z).dataSync()[0]!).toBeLessThan(1);
    const grads = backward(t, h, gates);
    expect(grads.map((g) => g.shape)).toEqual([
      [m, steps, 3 * units],
      [m, steps, 3 * units],
      [m, units],
    ]);
    tf.dispose([h, gates, z, ...grads, ...Object.values(t)]);
  });

  it('leave exactly their outputs (2 forward, 3 backward) and free the transposed kernel', async () => {
    const t = inputs();
    expect(await expectNoLeaks(() => forward(t))).toBe(2);
    const [h, gates] = forward(t) as [tf.Tensor, tf.Tensor];
    const bytes = tf.memory().numBytes;
    expect(await expectNoLeaks(() => backward(t, h, gates))).toBe(3);
    expect(tf.memory().numBytes).toBe(bytes);
    tf.dispose([h, gates, ...Object.values(t)]);
  });

  it('refuse inputs that break the contract, naming the kernel and the input', () => {
    const t = inputs();
    const bad = tf.zeros([m, steps, 7]);
    const wrongBias = tf.zeros([2, 3 * units]);
    const wrongH = tf.zeros([3, units]);
    const forwardWith = (over: Record<string, tf.Tensor>) => () => forward({ ...t, ...over });
    expect(forwardWith({ xProj: bad })).toThrow(
      /DlkitGruForward: xProj must be a float32 \[m, Tx, 3nA\] tensor, got float32 \[2, 3, 7\]/,
    );
    expect(forwardWith({ recurrentBias: wrongBias })).toThrow(
      /DlkitGruForward: recurrentBias must be a float32 \[15\] tensor, got float32 \[2, 15\]/,
    );
    expect(forwardWith({ h0: wrongH })).toThrow(
      /DlkitGruForward: h0 must be a float32 \[2, 5\] tensor, got float32 \[3, 5\]/,
    );
    const [h, gates] = forward(t) as [tf.Tensor, tf.Tensor];
    const shortGates = tf.slice(gates, [0, 0, 0], [m, steps - 1, 4 * units]);
    const before = tf.memory().numTensors;
    expect(() => backward(t, h, shortGates)).toThrow(
      /DlkitGruBackward: gates must be a float32 \[2, 3, 20\] tensor, got float32 \[2, 2, 20\]/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([bad, wrongBias, wrongH, h, gates, shortGates, ...Object.values(t)]);
  });
});
