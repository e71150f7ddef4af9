import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { KernelScope, type KernelArgs } from './kernel-util.js';

const noOperands = (): DlkitError =>
  new DlkitError('value', 'Einsum', 'needs at least one operand', { argument: 'tensors' });

/**
 * `Einsum` on wasm: tfjs' own contraction path (`backend_util.getEinsumComputePath`) run with
 * wasm's `Transpose`, `Reshape`, `Multiply` and `Sum` kernels, as the cpu backend does.
 */
export function einsum({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const tensors = (Array.isArray(inputs) ? inputs : Object.values(inputs)) as tf.TensorInfo[];
  const equation = (attrs ?? {})['equation'];
  if (tensors.length === 0) throw noOperands();
  if (typeof equation !== 'string') {
    throw new DlkitError('value', 'Einsum', `equation must be a string, got ${typeof equation}`, {
      argument: 'equation',
    });
  }
  const bu = tf.backend_util;
  const { allDims, summedDims, idDims } = bu.decodeEinsumEquation(equation, tensors.length);
  bu.checkEinsumDimSizes(allDims.length, idDims, tensors as unknown as tf.Tensor[]);
  const { path, steps } = bu.getEinsumComputePath(summedDims, idDims);
  const s = new KernelScope(backend);
  let out: tf.TensorInfo | null = null;
  let remaining = allDims.length;
  for (let i = 0; i < steps.length; i++) {
    for (const term of steps[i] ?? []) {
      const { permutationIndices: perm, expandDims } = bu.getEinsumPermutation(
        remaining,
        idDims[term] as number[],
      );
      let x = tensors[term] as tf.TensorInfo;
      if (!bu.isIdentityPermutation(perm)) x = s.transpose(x, perm);
      const target = x.shape.slice();
      for (const k of expandDims) target.splice(k, 0, 1);
      if (target.join(',') !== x.shape.join(',')) x = s.reshape(x, target);
      out = out === null ? x : s.run('Multiply', { a: x, b: out });
    }
    if (i < steps.length - 1) {
      const p = path[i] as number;
      if (p >= 0 && out !== null) {
        out = s.run('Sum', { x: out }, { axis: p - (allDims.length - remaining), keepDims: false });
      }
      remaining--;
    }
  }
  if (out === null) throw noOperands();
  // The result may be an input itself (e.g. 'ij->ij'): return a fresh reference to it.
  const result = tensors.includes(out) ? s.run('Identity', { x: out }) : out;
  s.dispose(result);
  return result;
}
