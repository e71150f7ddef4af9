import {
  DlkitError,
  asCaller,
  assertNumber,
  assertOneOf,
  assertOptions,
  describeValue,
} from '@dlkit/core';
import { WaveFile } from './wavefile-class.js';
import { checkAudioClip, type AudioClip } from './audio-clip.js';

/**
 * Options of {@link decodeWav} and `readWav`.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface DecodeWavOptions {
  /** Which channel to keep, 0-based (default 0: the notebook's `data[:, 0]` for stereo files). */
  channel?: number;
}

/**
 * The sample formats {@link encodeWav} writes: 16-bit integer PCM (the notebook's `train.wav`)
 * or 32-bit float.
 *
 * @category C5 W3 · Trigger word detection
 */
export type WavBitDepth = '16' | '32f';

/**
 * Options of {@link encodeWav} and `writeWav`.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface EncodeWavOptions {
  /** The sample format (default `'16'`; samples beyond ±1 are clipped to full scale). */
  bitDepth?: WavBitDepth;
}

type Wave = InstanceType<typeof WaveFile>;

/** What one integer PCM sample is divided by to be full scale ±1, and its offset (8-bit is unsigned). */
const PCM_SCALE: Record<string, { offset: number; scale: number }> = {
  '8': { offset: 128, scale: 128 },
  '16': { offset: 0, scale: 2 ** 15 },
  '24': { offset: 0, scale: 2 ** 23 },
  '32': { offset: 0, scale: 2 ** 31 },
  '32f': { offset: 0, scale: 1 },
  '64': { offset: 0, scale: 1 },
};

function parseWave(fn: string, bytes: unknown): Wave {
  if (!(bytes instanceof Uint8Array)) {
    throw new DlkitError('value', fn, `bytes must be a Uint8Array, got ${describeValue(bytes)}`, {
      argument: 'bytes',
    });
  }
  try {
    return new WaveFile(bytes);
  } catch (cause) {
    throw new DlkitError('io', fn, `bytes are not a WAV file: ${(cause as Error).message}`, {
      argument: 'bytes',
      cause,
    });
  }
}

/** Channel `channel` of a parsed file as full-scale floats. */
function channelSamples(fn: string, wave: Wave, channel: number): Float32Array {
  const format = PCM_SCALE[wave.bitDepth];
  if (format === undefined) {
    throw new DlkitError(
      'io',
      fn,
      `bytes hold ${wave.bitDepth}-bit samples; dlkit reads PCM 8, 16, 24, 32 and float 32, 64`,
      { argument: 'bytes' },
    );
  }
  const channels = (wave.fmt as { numChannels: number }).numChannels;
  if (channel >= channels) {
    throw new DlkitError(
      'value',
      fn,
      `options.channel must be below the file's ${channels} channel(s), got ${channel}`,
      { argument: 'options.channel' },
    );
  }
  const raw = wave.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const data = channels === 1 ? (raw as Float64Array) : (raw as Float64Array[])[channel]!;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i]! - format.offset) / format.scale;
  return out;
}

/** {@link decodeWav}'s work, for `readWav` too. */
export function decodeWavAs(
  fn: string,
  bytes: unknown,
  options: DecodeWavOptions | undefined,
): AudioClip {
  const { channel = 0 } = assertOptions(fn, 'options', options, ['channel']);
  assertNumber(fn, 'options.channel', channel, { integer: true, min: 0, max: 65535 });
  const wave = parseWave(fn, bytes);
  const rate = (wave.fmt as { sampleRate: number }).sampleRate;
  return { rate, samples: channelSamples(fn, wave, channel) };
}

/** {@link encodeWav}'s work, for `writeWav` too. */
export function encodeWavAs(
  fn: string,
  clip: unknown,
  options: EncodeWavOptions | undefined,
): Uint8Array {
  const { rate, samples } = checkAudioClip(fn, 'clip', clip);
  const { bitDepth = '16' } = assertOptions(fn, 'options', options, ['bitDepth']);
  assertOneOf(fn, 'options.bitDepth', bitDepth, ['16', '32f'] as const);
  const wave = new WaveFile();
  if (bitDepth === '16') {
    const ints = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      ints[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
    }
    wave.fromScratch(1, rate, '16', ints);
  } else {
    const floats = samples.map((v) => Math.max(-1, Math.min(1, v)));
    wave.fromScratch(1, rate, '32f', floats);
  }
  return wave.toBuffer();
}

/**
 * Decodes a WAV file's bytes (PCM 8/16/24/32-bit or float 32/64, any rate, one channel of it)
 * into an {@link AudioClip}, with `wavefile`. Runs anywhere (no file system).
 *
 * @param bytes - The file's bytes.
 * @param options - `channel` (default 0).
 * @returns The clip: its rate and channel `channel`'s samples, `[n]`, full scale ±1.
 *
 * @example
 * ```ts
 * import { decodeWav, encodeWav } from '@dlkit/sequence';
 * const bytes = encodeWav({ rate: 8000, samples: new Float32Array([0, 0.5, -0.5]) });
 * const clip = decodeWav(bytes);
 * console.log(clip.rate, Array.from(clip.samples)); // 8000 [0, 0.5, -0.5]
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function decodeWav(bytes: Uint8Array, options: DecodeWavOptions = {}): AudioClip {
  return asCaller('decodeWav', () => decodeWavAs('decodeWav', bytes, options));
}

/**
 * Encodes a mono {@link AudioClip} as a WAV file's bytes (16-bit PCM by default, as the
 * notebook's pydub `export(..., format="wav")` writes), with `wavefile`. Runs anywhere.
 *
 * @param clip - The clip: `rate` and `samples` `[n]` (full scale ±1; louder samples are clipped).
 * @param options - `bitDepth`: `'16'` (default) or `'32f'`.
 * @returns The file's bytes.
 *
 * @example
 * ```ts
 * import { encodeWav } from '@dlkit/sequence';
 * const bytes = encodeWav({ rate: 8000, samples: new Float32Array(800) });
 * console.log(String.fromCharCode(...bytes.slice(0, 4)), bytes.length); // RIFF 1644
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function encodeWav(clip: AudioClip, options: EncodeWavOptions = {}): Uint8Array {
  return asCaller('encodeWav', () => encodeWavAs('encodeWav', clip, options));
}
