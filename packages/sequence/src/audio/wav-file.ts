import type * as NodeFs from 'node:fs/promises';
import {
  DlkitError,
  asCallerAsync,
  assertString,
  nodeImport,
  writeFileAtomically,
} from '@dlkit/core';
import type { AudioClip } from './audio-clip.js';
import { decodeWavAs, encodeWavAs, type DecodeWavOptions, type EncodeWavOptions } from './wav.js';

/**
 * Reads a WAV file into an {@link AudioClip} (`decodeWav` of its bytes): the notebook's
 * `get_wav_info(wav_file)`, which returns `(rate, data)`, with the samples as floats at full
 * scale ±1 instead of the file's integers. Node.js only.
 *
 * @param path - The file, e.g. `raw_data/activates/1.wav`.
 * @param options - `channel` (default 0).
 * @returns The clip: `rate` and `samples` `[n]`.
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readWav, writeWav } from '@dlkit/sequence';
 * const dir = mkdtempSync(join(tmpdir(), 'wav-'));
 * await writeWav(join(dir, 'beep.wav'), { rate: 8000, samples: new Float32Array(80).fill(0.25) });
 * const clip = await readWav(join(dir, 'beep.wav'));
 * console.log(clip.rate, clip.samples.length, clip.samples[0]); // 8000 80 0.25
 * rmSync(dir, { recursive: true });
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export async function readWav(path: string, options: DecodeWavOptions = {}): Promise<AudioClip> {
  const fn = 'readWav';
  return asCallerAsync(fn, async () => {
    assertString(fn, 'path', path);
    const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await fs.readFile(path));
    } catch (cause) {
      throw new DlkitError('io', fn, `cannot read ${path}: ${(cause as Error).message}`, {
        argument: 'path',
        cause,
      });
    }
    return decodeWavAs(fn, bytes, options);
  });
}

/**
 * Writes an {@link AudioClip} as a WAV file (`encodeWav`'s bytes, 16-bit PCM by default),
 * atomically: the bytes go to a temporary file that is then renamed over `path`, so a crash
 * leaves the old file or the new one. Node.js only.
 *
 * @param path - The file to write, e.g. `out/train.wav`; its folder must exist.
 * @param clip - The clip: `rate` and `samples` `[n]` (full scale ±1).
 * @param options - `bitDepth`: `'16'` (default) or `'32f'`.
 * @returns How many bytes it wrote.
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeWav } from '@dlkit/sequence';
 * const dir = mkdtempSync(join(tmpdir(), 'wav-'));
 * const size = await writeWav(join(dir, 'silence.wav'), { rate: 8000, samples: new Float32Array(8000) });
 * console.log(size); // 16044
 * rmSync(dir, { recursive: true });
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export async function writeWav(
  path: string,
  clip: AudioClip,
  options: EncodeWavOptions = {},
): Promise<number> {
  const fn = 'writeWav';
  return asCallerAsync(fn, async () => {
    assertString(fn, 'path', path);
    const bytes = encodeWavAs(fn, clip, options);
    await writeFileAtomically(path, bytes);
    return bytes.length;
  });
}
