import type * as tf from '@tensorflow/tfjs';
import { describeValue } from './describe-value.js';

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

/** A checkpoint's weights can be this large at most (tfjs' own limit is the heap). */
export const MAX_WEIGHT_BYTES = 2 ** 40;

/**
 * Checks the weight specs of a model (a `weightSpecs` array, or a manifest group's `weights`)
 * and returns how many bytes their data takes, or `null` when a `string` weight makes that
 * unknown without the data. `where` names the list in messages (e.g.
 * `modelArtifacts.weightSpecs`); `fail` throws the caller's error for a message.
 */
export function weightSpecBytes(
  where: string,
  specs: unknown,
  fail: (detail: string) => never,
): number | null {
  if (!Array.isArray(specs)) return fail(`${where} must be an array, got ${describeValue(specs)}`);
  let total: number | null = 0;
  specs.forEach((spec: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof spec !== 'object' || spec === null) {
      fail(`${at} must be a weight spec object, got ${describeValue(spec)}`);
    }
    const { name, shape, dtype, quantization } = spec as Partial<tf.io.WeightsManifestEntry>;
    if (typeof name !== 'string') fail(`${at}.name must be a string, got ${describeValue(name)}`);
    const dims = Array.isArray(shape) ? (shape as unknown[]) : null;
    if (dims === null || !dims.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      fail(`${at}.shape must be an array of non-negative integers, got ${describeValue(shape)}`);
    }
    const size = (dims as number[]).reduce((p, d) => p * d, 1);
    const per =
      quantization === undefined
        ? BYTES_PER[dtype as string]
        : QUANTIZED_BYTES[(quantization as { dtype?: string } | null)?.dtype as string];
    if (dtype === 'string' && quantization === undefined) {
      total = null;
      return;
    }
    if (per === undefined) {
      const what = quantization === undefined ? 'dtype' : 'quantization.dtype';
      fail(`${at}.${what} is not a tfjs weight dtype, got ${describeValue(dtype)}`);
    }
    if (total !== null) total += size * (per as number);
    if (total !== null && total > MAX_WEIGHT_BYTES) {
      fail(`${where} describe more than ${MAX_WEIGHT_BYTES} bytes of weights`);
    }
  });
  return total;
}
