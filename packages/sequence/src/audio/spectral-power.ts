import * as tf from '@tensorflow/tfjs';

/**
 * How `graphSpectrogram` computes each window's spectrum: `'stft'` calls `tf.signal.stft` (needs
 * the backend's complex kernels), `'dft'` two matrix products by cos and sin tables (any backend).
 *
 * @category C5 W3 · Trigger word detection
 */
export type SpectrumMethod = 'stft' | 'dft';

/** `np.hanning(n)`, the symmetric Hann window matplotlib's specgram uses (tfjs' `hannWindow` is periodic). */
export function hannValues(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++)
    w[i] = n === 1 ? 1 : 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}

/** {@link hannValues} as a tensor (the `windowFn` of `tf.signal.stft`). */
export function symmetricHann(n: number): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(hannValues(n)));
}

/**
 * `tf.signal.stft` needs the complex kernels (RFFT, ComplexAbs), which the cpu and webgl
 * backends have and wasm does not; there the same sums are two matrix products.
 */
export function defaultSpectrumMethod(): SpectrumMethod {
  const backend = tf.getBackend();
  const complex = ['RFFT', 'ComplexAbs', 'Complex'].every(
    (k) => tf.getKernel(k, backend) !== undefined,
  );
  return complex ? 'stft' : 'dft';
}

/** `|stft|²` by `tf.signal.stft` with the symmetric Hann window: `[nSteps, nfft/2 + 1]`. */
function stftPower(x: tf.Tensor1D, nfft: number, hop: number): tf.Tensor2D {
  const spectrum = tf.signal.stft(x, nfft, hop, nfft, symmetricHann);
  return tf.square(tf.abs(spectrum)) as tf.Tensor2D;
}

/** The same as {@link stftPower}, framing by one gather and transforming by cos/sin matrices. */
function dftPower(x: tf.Tensor1D, nfft: number, hop: number): tf.Tensor2D {
  const nSteps = Math.floor((x.size - nfft) / hop) + 1;
  const nFreqs = Math.floor(nfft / 2) + 1;
  const index = new Int32Array(nSteps * nfft);
  for (let t = 0; t < nSteps; t++) for (let j = 0; j < nfft; j++) index[t * nfft + j] = t * hop + j;
  const cos = new Float32Array(nfft * nFreqs);
  const sin = new Float32Array(nfft * nFreqs);
  for (let j = 0; j < nfft; j++) {
    for (let k = 0; k < nFreqs; k++) {
      // (j·k) mod nfft keeps the angle small, so float32 rounding does not grow with j·k.
      const angle = (2 * Math.PI * ((j * k) % nfft)) / nfft;
      cos[j * nFreqs + k] = Math.cos(angle);
      sin[j * nFreqs + k] = Math.sin(angle);
    }
  }
  const frames = tf.mul(
    tf.reshape(tf.gather(x, tf.tensor1d(index, 'int32')), [nSteps, nfft]),
    symmetricHann(nfft),
  );
  const re = tf.matMul(frames as tf.Tensor2D, tf.tensor2d(cos, [nfft, nFreqs]));
  const im = tf.matMul(frames as tf.Tensor2D, tf.tensor2d(sin, [nfft, nFreqs]));
  return tf.add(tf.square(re), tf.square(im));
}

/**
 * `|FFT(w · frame)|²` of every frame of `x` (`nfft` samples, `hop` apart, no padding):
 * `[nSteps, floor(nfft/2) + 1]`. Call inside `tf.tidy`.
 */
export function framePower(
  x: tf.Tensor1D,
  nfft: number,
  hop: number,
  method: SpectrumMethod,
): tf.Tensor2D {
  return method === 'stft' ? stftPower(x, nfft, hop) : dftPower(x, nfft, hop);
}
