import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { expectDlkitError, expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { decodeImage, encodeJpeg, encodePng } from './codecs.js';
import { readImage, writeImage } from './image-files.js';

const tmp = mkdtempSync(join(tmpdir(), 'dlkit-cnn-images-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A seeded int32 RGB image [h, w, 3] with smooth gradients (JPEG-friendly) and a sharp square. */
function testImage(h: number, w: number): tf.Tensor3D {
  const v = new Int32Array(h * w * 3);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const p = (r * w + c) * 3;
      v[p] = Math.round((255 * r) / (h - 1));
      v[p + 1] = Math.round((255 * c) / (w - 1));
      v[p + 2] = r > h / 4 && r < h / 2 && c > w / 4 && c < w / 2 ? 255 : 40;
    }
  }
  return tf.tensor3d(v, [h, w, 3], 'int32');
}

async function expectRejects(p: Promise<unknown>, message: string | RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err as Error,
  );
  expect(e?.name, e?.message).toBe('DlkitError');
  if (typeof message === 'string') expect(e!.message).toBe(message);
  else expect(e!.message).toMatch(message);
}

describe('encodePng and decodeImage', () => {
  it('round-trip an image exactly, and decode what pngjs itself wrote', async () => {
    const image = testImage(9, 13);
    const bytes = encodePng(image);
    const back = decodeImage(bytes);
    expect(back.dtype).toBe('int32');
    expectTensorsClose(back, image, { rtol: 0, atol: 0 });
    // An independent encoder: pngjs writing the pixels directly (with a transparent alpha, dropped).
    const png = new PNG({ width: 13, height: 9 });
    const rgb = image.dataSync();
    for (let p = 0; p < 9 * 13; p++) {
      for (let k = 0; k < 3; k++) png.data[p * 4 + k] = rgb[p * 3 + k] as number;
      png.data[p * 4 + 3] = 7;
    }
    const fromPngjs = decodeImage(new Uint8Array(PNG.sync.write(png)), { normalize: true });
    expect(fromPngjs.dtype).toBe('float32');
    tf.tidy(() => expectTensorsClose(fromPngjs, tf.div(image, 255), { atol: 1e-6 }));
    expect(await expectNoLeaks(() => decodeImage(bytes))).toBe(1);
    expect(await expectNoLeaks(() => (encodePng(image), undefined))).toBe(0);
    tf.dispose([image, back, fromPngjs]);
  });

  it('scales float images by 255, rounds and clamps, and turns grey into three channels', () => {
    const grey = tf.tensor3d([0, 0.5, 1.2, -0.3], [2, 2, 1]);
    const back = decodeImage(encodePng(grey));
    expect(back.shape).toEqual([2, 2, 3]);
    expect(Array.from(back.dataSync())).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255, 0, 0, 0]);
    tf.dispose([grey, back]);
  });

  it('rejects bad bytes, bad images and bad options with a DlkitError', () => {
    expectDlkitError(
      () => decodeImage(new Uint8Array([1, 2, 3, 4])),
      'decodeImage: bytes are neither a PNG nor a JPEG file (unknown signature)',
    );
    const image = testImage(4, 4);
    const truncated = encodePng(image).slice(0, 40);
    expectDlkitError(() => decodeImage(truncated), /^decodeImage: bytes are a damaged PNG file \(/);
    const jpg = encodeJpeg(image).slice(0, 30);
    expectDlkitError(() => decodeImage(jpg), /^decodeImage: bytes are a damaged JPEG file \(/);
    expectDlkitError(
      () => decodeImage('x.png' as never),
      /^decodeImage: bytes must be a Uint8Array, got /,
    );
    expectDlkitError(
      () => decodeImage(encodePng(image), { normalize: 1 } as never),
      'decodeImage: options.normalize must be a boolean, got number 1',
    );
    const rgba = tf.zeros([2, 2, 4]);
    expectDlkitError(
      () => encodePng(rgba as tf.Tensor3D),
      'encodePng: image must have shape [h, w, 3] (RGB) or [h, w, 1] (grey), got [2, 2, 4]',
    );
    const nan = tf.tensor3d([Number.NaN, 0, 0], [1, 1, 3]);
    expectDlkitError(() => encodePng(nan), /^encodePng: image must be finite, got NaN/);
    expectDlkitError(
      () => encodeJpeg(image, { quality: 0 }),
      'encodeJpeg: options.quality must be an integer >= 1 and <= 100, got 0',
    );
    tf.dispose([image, rgba, nan]);
  });
});

describe('encodeJpeg', () => {
  it('round-trips within a few levels at quality 95, and loses more at quality 10', () => {
    const image = testImage(32, 32);
    const err = (quality: number): number => {
      const back = decodeImage(encodeJpeg(image, { quality }));
      const e = tf.tidy(() => tf.abs(tf.sub(back, image)).mean().dataSync()[0] as number);
      back.dispose();
      return e;
    };
    const [good, poor] = [err(95), err(10)];
    expect(good).toBeLessThan(3);
    expect(poor).toBeGreaterThan(good);
    expect(encodeJpeg(image, { quality: 10 }).length).toBeLessThan(encodeJpeg(image).length);
    image.dispose();
  });
});

describe('readImage and writeImage', () => {
  it('write PNG and JPEG by extension and read them back (format from the signature)', async () => {
    const image = testImage(8, 8);
    await writeImage(join(tmp, 'a.png'), image);
    await writeImage(join(tmp, 'b.JPG'), image, { quality: 95 });
    expect(readFileSync(join(tmp, 'a.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(tmp, 'b.JPG'))[0]).toBe(0xff);
    const png = await readImage(join(tmp, 'a.png'));
    expectTensorsClose(png, image, { rtol: 0, atol: 0 });
    const jpg = await readImage(join(tmp, 'b.JPG'), { normalize: true });
    expect(jpg.shape).toEqual([8, 8, 3]);
    expect(jpg.dtype).toBe('float32');
    expect(await expectNoLeaks(() => readImage(join(tmp, 'a.png')))).toBe(1);
    expect(await expectNoLeaks(() => writeImage(join(tmp, 'c.png'), image))).toBe(0);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    tf.dispose([image, png, jpg]);
  });

  it('replace a file atomically and leave the old one when the write fails', async () => {
    const path = join(tmp, 'keep.png');
    const [first, second] = [testImage(4, 4), tf.zeros([4, 4, 3], 'int32') as tf.Tensor3D];
    await writeImage(path, first);
    await writeImage(path, second);
    const now = await readImage(path);
    expectTensorsClose(now, second, { rtol: 0, atol: 0 });
    await expectRejects(
      writeImage(join(tmp, 'missing-dir', 'x.png'), first),
      /^writeImage: cannot write .*x\.png: ENOENT/,
    );
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    tf.dispose([first, second, now]);
  });

  it('reject a missing file, a non-image file and a bad extension with a DlkitError', async () => {
    await expectRejects(
      readImage(join(tmp, 'nope.png')),
      /^readImage: cannot read .*nope\.png \(ENOENT\)$/,
    );
    writeFileSync(join(tmp, 'text.png'), 'not an image');
    await expectRejects(
      readImage(join(tmp, 'text.png')),
      'readImage: bytes are neither a PNG nor a JPEG file (unknown signature)',
    );
    const image = testImage(2, 2);
    await expectRejects(
      writeImage(join(tmp, 'x.gif'), image),
      /^writeImage: path must end in \.png, \.jpg or \.jpeg, got .*x\.gif$/,
    );
    await expectRejects(
      writeImage(join(tmp, 'x.png'), image, { quality: 50 }),
      'writeImage: options has an unknown field quality (known: none)',
    );
    image.dispose();
  });
});
