// The real face-recognition network of the devDependency @vladmandic/face-api, on dlkit's wasm
// backend (a ResNet-34 and an SSD detector take tens of seconds per image on tfjs cpu).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '@dlkit/backend';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DlkitError } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';
import { readImage } from '../images/index.js';
import {
  buildFaceDatabase,
  imgToEncoding,
  loadFaceRecognizer,
  verify,
  type FaceRecognizer,
} from '../index.js';

/** A deterministic 64×64 test card: smooth colour gradients, made with tfjs ops. */
function testCard(phase: number): tf.Tensor3D {
  return tf.tidy(() => {
    const r = tf.linspace(0, 1, 64);
    const rows = r.reshape([64, 1, 1]);
    const cols = r.reshape([1, 64, 1]);
    const channels = tf.tensor1d([1, 2, 3]).reshape([1, 1, 3]);
    const wave = tf.sin(rows.mul(6).add(cols.mul(channels).mul(4)).add(phase));
    return wave.add(1).mul(127.5).round().toInt() as tf.Tensor3D;
  });
}

describe('loadFaceRecognizer (face-api 1.7.15, offline weights)', () => {
  let model: FaceRecognizer;
  let previous: string;
  beforeAll(async () => {
    previous = tf.getBackend();
    await setupBackend({ backend: 'wasm' });
    model = await loadFaceRecognizer({ detect: false });
  });
  afterAll(async () => {
    model.dispose();
    await tf.setBackend(previous);
  });

  it('embeds an image as 128 numbers, the same every time, int32 or float32 alike', async () => {
    const card = testCard(0);
    const asFloat = card.toFloat() as tf.Tensor3D;
    const a = await model(card);
    const b = await model(card);
    const c = await model(asFloat);
    expect(a.shape).toEqual([128]);
    expect(a.dtype).toBe('float32');
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, c))).dataSync()[0] as number);
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([card, asFloat, a, b, c]);
  });

  it('gives different images different encodings (a metric, not a constant)', async () => {
    const one = testCard(0);
    const other = testCard(2);
    const e1 = await imgToEncoding(one, model);
    const e2 = await imgToEncoding(other, model);
    const dist = tf.tidy(() => tf.norm(tf.sub(e1, e2)).dataSync()[0] as number);
    expect(dist).toBeGreaterThan(0.01);
    expect(dist).toBeLessThanOrEqual(2);
    tf.dispose([one, other, e1, e2]);
  });

  it('leaks nothing: one returned tensor per call', async () => {
    const card = testCard(1);
    expect(await expectNoLeaks(() => model(card))).toBe(1);
    card.dispose();
  });

  it('with detection, reports an image without a face as a DlkitError', async () => {
    const detecting = await loadFaceRecognizer();
    const card = testCard(0);
    const numTensors = tf.memory().numTensors;
    const error = await detecting(card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DlkitError);
    expect((error as DlkitError).message).toBe(
      'faceRecognizer: no face found in image [64, 64, 3] with minConfidence 0.5 (for a centred face crop, load with { detect: false })',
    );
    expect(tf.memory().numTensors).toBe(numTensors);
    detecting.dispose();
    card.dispose();
  });

  // face-api's demo photo is read where the package installed it (not copied into dlkit, whose
  // lab uses no photo without a licence for the people in it): the detect-and-align path on a
  // real face.
  it('with detection, finds the face in a photo, and its mirror image opens the door', async () => {
    const detecting = await loadFaceRecognizer();
    const root = dirname(
      createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'),
    );
    const full = await readImage(join(root, 'demo', 'sample1.jpg'));
    const photo = tf.tidy(() =>
      tf.image.resizeBilinear(full, [320, 480]).round().toInt(),
    ) as tf.Tensor3D;
    const mirror = tf.tidy(() => tf.reverse(photo, 1)) as tf.Tensor3D;
    const database = await buildFaceDatabase({ person: photo }, detecting);
    expect(database['person']).toHaveLength(128);
    const again = await verify(photo, 'person', database, detecting);
    expect(again.dist).toBeLessThan(1e-5);
    const mirrored = await verify(mirror, 'person', database, detecting);
    expect(mirrored.dist).toBeGreaterThan(0);
    expect(mirrored.doorOpen).toBe(true);
    expect(await expectNoLeaks(() => detecting(photo))).toBe(1);
    tf.dispose([full, photo, mirror]);
    detecting.dispose();
  });

  it('shares one set of weights and frees it when the last recognizer is disposed', async () => {
    const before = tf.memory().numTensors;
    const second = await loadFaceRecognizer({ detect: false });
    expect(tf.memory().numTensors).toBe(before);
    second.dispose();
    second.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const card = testCard(0);
    const error = await second(card).catch((e: unknown) => e);
    expect((error as Error).message).toBe('faceRecognizer: the recognizer is disposed');
    card.dispose();
  });

  it('rejects bad options and images', async () => {
    const error = await loadFaceRecognizer({ minConfidence: 1.5 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'loadFaceRecognizer: options.minConfidence must be a finite number > 0 and < 1, got 1.5',
    );
    const grey = tf.zeros([8, 8, 1]);
    const bad = await model(grey as tf.Tensor3D).catch((e: unknown) => e);
    expect((bad as Error).message).toBe(
      'faceRecognizer: image must have shape [h, w, 3], got [8, 8, 1]',
    );
    grey.dispose();
  });
});
