import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import wavefile from 'wavefile';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import {
  decodeWav,
  encodeWav,
  graphSpectrogram,
  matchTargetAmplitude,
  readWav,
  writeWav,
} from '../index.js';
import { symmetricHann } from './spectral-power.js';

interface SpectrogramCase {
  x: FixtureTensor;
  nfft: number;
  fs: number;
  noverlap: number;
  pxx: FixtureTensor;
}
const fx = loadFixture<Record<'notebook' | 'short' | 'odd', SpectrogramCase>>('sequence_audio');
const dir = mkdtempSync(join(tmpdir(), 'dlkit-audio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clipOf = (c: SpectrogramCase) => ({
  rate: 8000,
  samples: Float32Array.from(c.x.data as number[]),
});

describe('graphSpectrogram', () => {
  for (const name of ['notebook', 'short', 'odd'] as const) {
    for (const method of ['stft', 'dft'] as const) {
      it(`equals matplotlib's specgram (${name}, ${method})`, () => {
        const c = fx[name];
        const { nfft, fs, noverlap } = c;
        tf.tidy(() => {
          const pxx = graphSpectrogram(clipOf(c), { nfft, fs, noverlap, method });
          // float32 sums of 200 products: relative error ~1e-6 of the largest power in a frame.
          expectTensorsClose(pxx, fixtureTensor(c.pxx), { rtol: 1e-4, atol: 1e-9 });
        });
      });
    }
  }

  it("is tf.signal.stft's power with the symmetric Hann window", () => {
    const c = fx.notebook;
    tf.tidy(() => {
      const x = tf.tensor1d(c.x.data as number[]);
      const power = tf.square(tf.abs(tf.signal.stft(x, 200, 80, 200, symmetricHann)));
      const pxx = graphSpectrogram(clipOf(c), { method: 'dft' });
      // Undo the PSD scale at a middle frequency (factor 2 / (fs Σw²)) and compare.
      const w = symmetricHann(200).square().sum().dataSync()[0]!;
      const k = 37;
      expectTensorsClose(
        pxx.slice([k, 0], [1, -1]).reshape([-1]),
        power
          .slice([0, k], [-1, 1])
          .reshape([-1])
          .mul(2 / (8000 * w)),
        { rtol: 1e-4, atol: 1e-9 },
      );
    });
  });

  it("gives the notebook's [101, 5511] for 10 s at 44.1 kHz", () => {
    const pxx = graphSpectrogram(
      { rate: 44100, samples: new Float32Array(441000) },
      { method: 'dft' },
    );
    expect(pxx.shape).toEqual([101, 5511]);
    pxx.dispose();
  });

  it('returns one tensor and leaks nothing', async () => {
    const clip = clipOf(fx.notebook);
    for (const method of ['stft', 'dft'] as const) {
      expect(await expectNoLeaks(() => graphSpectrogram(clip, { method }))).toBe(1);
    }
  });

  it('rejects bad input naming graphSpectrogram', () => {
    const ok = { rate: 8000, samples: new Float32Array(400) };
    expectDlkitError(
      () => graphSpectrogram(null as never),
      'graphSpectrogram: wav must be an audio clip { rate, samples }, got null',
    );
    expectDlkitError(
      () => graphSpectrogram({ rate: 8000, samples: [1, 2] } as never),
      /^graphSpectrogram: wav.samples must be a Float32Array/,
    );
    expectDlkitError(
      () => graphSpectrogram({ rate: 8000, samples: new Float32Array([0, NaN]) }),
      'graphSpectrogram: wav.samples must be finite, got NaN at index 1',
    );
    expectDlkitError(
      () => graphSpectrogram(ok, { noverlap: 200 }),
      /^graphSpectrogram: options.noverlap must be/,
    );
    expectDlkitError(
      () => graphSpectrogram(ok, { method: 'fft' as never }),
      /^graphSpectrogram: options.method must be one of 'stft', 'dft', got fft/,
    );
    expectDlkitError(
      () => graphSpectrogram(ok, { nfft: 1 }),
      /^graphSpectrogram: options.nfft must be/,
    );
  });
});

describe('WAV files', () => {
  const samples = Float32Array.from({ length: 800 }, (_, i) => 0.9 * Math.sin(i / 7));

  it('round-trips 16-bit PCM within half a step and 32-bit float exactly', () => {
    const back16 = decodeWav(encodeWav({ rate: 16000, samples }));
    expect(back16.rate).toBe(16000);
    expect(back16.samples.length).toBe(800);
    back16.samples.forEach((v, i) =>
      expect(Math.abs(v - samples[i]!)).toBeLessThanOrEqual(0.5 / 32768 + 1e-9),
    );
    const back32 = decodeWav(encodeWav({ rate: 8000, samples }, { bitDepth: '32f' }));
    expect(Array.from(back32.samples)).toEqual(Array.from(samples));
  });

  it('clips samples beyond full scale', () => {
    const loud = decodeWav(encodeWav({ rate: 8000, samples: new Float32Array([2, -2, 0.5]) }));
    expect(Array.from(loud.samples)).toEqual([32767 / 32768, -1, 0.5]);
  });

  it('reads a channel of a stereo file and an 8-bit file as wavefile writes them', () => {
    const stereo = new wavefile.WaveFile();
    stereo.fromScratch(2, 22050, '16', [
      [16384, -16384],
      [-8192, 8192],
    ]);
    const bytes = stereo.toBuffer();
    expect(Array.from(decodeWav(bytes).samples)).toEqual([0.5, -0.5]);
    expect(Array.from(decodeWav(bytes, { channel: 1 }).samples)).toEqual([-0.25, 0.25]);
    expectDlkitError(
      () => decodeWav(bytes, { channel: 2 }),
      "decodeWav: options.channel must be below the file's 2 channel(s), got 2",
    );
    const eight = new wavefile.WaveFile();
    eight.fromScratch(1, 8000, '8', [128, 192, 0]);
    expect(Array.from(decodeWav(eight.toBuffer()).samples)).toEqual([0, 0.5, -1]);
  });

  it('writes atomically and reads the file back', async () => {
    const path = join(dir, 'clip.wav');
    expect(await writeWav(path, { rate: 8000, samples })).toBe(44 + 2 * 800);
    const clip = await readWav(path);
    expect(clip.rate).toBe(8000);
    expect(clip.samples.length).toBe(800);
    expect(readdirSync(dir)).toEqual(['clip.wav']);
  });

  it('leaves no temporary file when a write fails', async () => {
    const missing = join(dir, 'no-such-folder', 'x.wav');
    await expect(writeWav(missing, { rate: 8000, samples })).rejects.toThrow(
      /^writeWav: cannot write/,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects bad files and arguments with a DlkitError naming the function', async () => {
    expectDlkitError(
      () => decodeWav(new Uint8Array([1, 2, 3])),
      /^decodeWav: bytes are not a WAV file/,
    );
    expectDlkitError(
      () => decodeWav('x' as never),
      'decodeWav: bytes must be a Uint8Array, got string x',
    );
    expectDlkitError(() => encodeWav({ rate: 0, samples }), /^encodeWav: clip.rate must be/);
    expectDlkitError(
      () => encodeWav({ rate: 8000, samples }, { bitDepth: '24' as never }),
      "encodeWav: options.bitDepth must be one of '16', '32f', got 24",
    );
    const junk = join(dir, 'junk.wav');
    writeFileSync(junk, 'not a wav');
    await expect(readWav(junk)).rejects.toThrow(/^readWav: bytes are not a WAV file/);
    await expect(readWav(join(dir, 'absent.wav'))).rejects.toThrow(/^readWav: cannot read/);
    rmSync(junk);
  });
});

describe('matchTargetAmplitude', () => {
  it('sets 20·log10(rms) to the target', () => {
    const sound = {
      rate: 8000,
      samples: Float32Array.from({ length: 100 }, (_, i) => Math.sin(i)),
    };
    const out = matchTargetAmplitude(sound, -20);
    const rms = Math.sqrt(out.samples.reduce((s, v) => s + v * v, 0) / 100);
    expect(20 * Math.log10(rms)).toBeCloseTo(-20, 4);
    expect(out.samples[3]! / out.samples[1]!).toBeCloseTo(Math.sin(3) / Math.sin(1), 5);
  });

  it('leaves silence unchanged and rejects a bad target', () => {
    const silence = { rate: 8000, samples: new Float32Array(10) };
    expect(Array.from(matchTargetAmplitude(silence, -20).samples)).toEqual(new Array(10).fill(0));
    expectDlkitError(
      () => matchTargetAmplitude(silence, NaN),
      /^matchTargetAmplitude: targetDBFS must be/,
    );
  });
});
