import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ELEMENTS,
  asCaller,
  assertNumber,
  assertOneOf,
  assertOptions,
} from '@dlkit/core';
import { checkAudioClip, type AudioClip } from './audio-clip.js';
import {
  defaultSpectrumMethod,
  framePower,
  hannValues,
  type SpectrumMethod,
} from './spectral-power.js';

/**
 * Options of {@link graphSpectrogram}: the notebook's `plt.specgram(data, nfft, fs, noverlap)`
 * settings by default.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface SpectrogramOptions {
  /** Samples a window (default 200). */
  nfft?: number;
  /** The rate the density is scaled by (default 8,000, as the notebook passes, whatever the file's rate). */
  fs?: number;
  /** Samples consecutive windows share (default 120: a hop of 80). */
  noverlap?: number;
  /** `'stft'` (`tf.signal.stft`) or `'dft'` (two matrix products); default `'stft'` where the backend has complex kernels (cpu, webgl), else `'dft'` (wasm). */
  method?: SpectrumMethod;
}

interface Settings {
  nfft: number;
  fs: number;
  hop: number;
  method: SpectrumMethod;
}

function checkOptions(fn: string, options: SpectrogramOptions | undefined): Settings {
  const o = assertOptions(fn, 'options', options, ['nfft', 'fs', 'noverlap', 'method']);
  const nfft = assertNumber(fn, 'options.nfft', o.nfft ?? 200, {
    integer: true,
    min: 2,
    max: 65536,
  });
  const fs = assertNumber(fn, 'options.fs', o.fs ?? 8000, { min: 1e-6, max: 1e9 });
  const noverlap = assertNumber(fn, 'options.noverlap', o.noverlap ?? 120, {
    integer: true,
    min: 0,
    max: nfft - 1,
  });
  const method = assertOneOf(fn, 'options.method', o.method ?? defaultSpectrumMethod(), [
    'stft',
    'dft',
  ] as const);
  return { nfft, fs, hop: nfft - noverlap, method };
}

/** matplotlib's one-sided PSD scale of each frequency: 2 but at DC (and Nyquist, for even nfft), over fs·Σw². */
function psdScale(nfft: number, fs: number): tf.Tensor1D {
  const nFreqs = Math.floor(nfft / 2) + 1;
  const windowEnergy = hannValues(nfft).reduce((sum, w) => sum + w * w, 0);
  const scale = new Float32Array(nFreqs).fill(2 / (fs * windowEnergy));
  scale[0] = 1 / (fs * windowEnergy);
  if (nfft % 2 === 0) scale[nFreqs - 1] = 1 / (fs * windowEnergy);
  return tf.tensor1d(scale);
}

/**
 * The notebook's `graph_spectrogram(wav_file)`: the power spectral density of a sound in
 * windows of `nfft` = 200 samples, 80 apart (`noverlap` = 120), as matplotlib's
 * `plt.specgram(data, 200, 8000, noverlap=120)` computes it: each window times a symmetric Hann
 * window, `|FFT|²`, doubled but at DC and Nyquist, divided by `fs · Σ w²`. A 10 s clip at
 * 44.1 kHz gives `[101, 5511]`. It takes the clip `readWav` returned (the notebook reads the file
 * inside); samples are at full scale ±1, so values are the notebook's (int16 samples) / 32768².
 *
 * @param wav - The sound: `rate` and `samples` `[n]` (a clip shorter than `nfft` is zero-padded, as matplotlib does).
 * @param options - `nfft` (200), `fs` (8000), `noverlap` (120), `method`.
 * @returns `pxx`, a new tensor `[nFreqs, nSteps]` with `nFreqs = floor(nfft/2) + 1` and
 *   `nSteps = floor((n - nfft) / (nfft - noverlap)) + 1`; the caller disposes it.
 *
 * @example
 * ```ts
 * import { graphSpectrogram } from '@dlkit/sequence';
 * const samples = Float32Array.from({ length: 8000 }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / 8000));
 * const pxx = graphSpectrogram({ rate: 8000, samples });
 * console.log(pxx.shape); // [101, 98]
 * pxx.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function graphSpectrogram(wav: AudioClip, options: SpectrogramOptions = {}): tf.Tensor2D {
  const fn = 'graphSpectrogram';
  return asCaller(fn, () => {
    const { samples } = checkAudioClip(fn, 'wav', wav);
    const { nfft, fs, hop, method } = checkOptions(fn, options);
    const n = Math.max(samples.length, nfft);
    const nSteps = Math.floor((n - nfft) / hop) + 1;
    if (nSteps * nfft > MAX_ELEMENTS) {
      throw new DlkitError(
        'value',
        fn,
        `wav.samples makes ${nSteps} windows of ${nfft} samples, more than ${MAX_ELEMENTS} values`,
        { argument: 'wav.samples' },
      );
    }
    const padded = samples.length >= nfft ? samples : new Float32Array(nfft);
    if (padded !== samples) padded.set(samples);
    return tf.tidy(() => {
      const power = framePower(tf.tensor1d(padded), nfft, hop, method);
      return tf.transpose(tf.mul(power, psdScale(nfft, fs))) as tf.Tensor2D;
    });
  });
}
