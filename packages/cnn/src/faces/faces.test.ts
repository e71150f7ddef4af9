import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';
import {
  buildFaceDatabase,
  faceDatabaseFromJson,
  faceDatabaseToJson,
  imgToEncoding,
  verify,
  whoIsIt,
  type FaceDatabase,
  type FaceModel,
} from '../index.js';
import { loadFaceDatabase, saveFaceDatabase } from '../images/index.js';

/**
 * A stub embedder: the image's first pixel picks a raw embedding from the table, so every
 * distance below is worked out by hand from these vectors (normalised: [3, 4] → [0.6, 0.8],
 * [0, 2] → [0, 1], [5, 0] → [1, 0]).
 */
const TABLE = [
  [3, 4],
  [0, 2],
  [5, 0],
];
const stub: FaceModel = (image) =>
  tf.tidy(() => {
    const k = image.slice([0, 0, 0], [1, 1, 1]).dataSync()[0] as number;
    return tf.tensor1d(TABLE[k] as number[]);
  });
const picture = (k: number): tf.Tensor3D => tf.fill([3, 3, 3], k, 'int32');

async function rejection(p: Promise<unknown>): Promise<DlkitError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DlkitError);
  return e as DlkitError;
}

describe('imgToEncoding', () => {
  it('L2-normalises the embedding to [1, d]', async () => {
    const image = picture(0);
    const encoding = await imgToEncoding(image, stub);
    expect(encoding.shape).toEqual([1, 2]);
    expect(Array.from(encoding.dataSync())).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.8, 6),
    ]);
    tf.dispose([image, encoding]);
  });

  it('returns one tensor and disposes what the model returned, async models too', async () => {
    const image = picture(1);
    const asyncStub: FaceModel = async (x) => Promise.resolve(stub(x));
    expect(await expectNoLeaks(() => imgToEncoding(image, stub))).toBe(1);
    expect(await expectNoLeaks(() => imgToEncoding(image, asyncStub))).toBe(1);
    image.dispose();
  });

  it('rejects a bad image, a bad model and a bad embedding, naming imgToEncoding', async () => {
    const image = picture(0);
    const grey = tf.zeros([3, 3]);
    expect((await rejection(imgToEncoding(grey as tf.Tensor3D, stub))).message).toBe(
      'imgToEncoding: image must have shape [h, w, 3], got [3, 3]',
    );
    expect((await rejection(imgToEncoding(image, 'facenet' as unknown as FaceModel))).message).toBe(
      'imgToEncoding: model must be a function from an image [h, w, 3] to its embedding, got string facenet',
    );
    const wide: FaceModel = () => tf.zeros([2, 4]);
    expect((await rejection(imgToEncoding(image, wide))).message).toBe(
      'imgToEncoding: model must return a float32 embedding [d] or [1, d], got float32 [2, 4]',
    );
    const zero: FaceModel = () => tf.zeros([4]);
    expect((await rejection(imgToEncoding(image, zero))).message).toBe(
      'imgToEncoding: model returned an embedding of norm 0, which cannot be normalised',
    );
    const numTensors = tf.memory().numTensors;
    await rejection(imgToEncoding(image, wide));
    expect(tf.memory().numTensors).toBe(numTensors);
    tf.dispose([image, grey]);
  });
});

describe('the face database', () => {
  it('is built from one picture per person, as unit-length numbers', async () => {
    const images = { kian: picture(0), younes: picture(1) };
    const database = await buildFaceDatabase(images, stub);
    expect(Object.keys(database)).toEqual(['kian', 'younes']);
    expect(database['kian']).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(database['younes']).toEqual([0, 1]);
    expect(await expectNoLeaks(() => buildFaceDatabase(images, stub))).toBe(0);
    tf.dispose(Object.values(images));
  });

  it('round-trips through JSON text and through a file', async () => {
    const database: FaceDatabase = { kian: [0.6, 0.8], 'bertrand russell': [0, 1] };
    expect(faceDatabaseFromJson(faceDatabaseToJson(database))).toEqual(database);
    const path = join(mkdtempSync(join(tmpdir(), 'dlkit-faces-')), 'database.json');
    await saveFaceDatabase(path, database);
    expect(await loadFaceDatabase(path)).toEqual(database);
    await saveFaceDatabase(path, { kian: [1, 0] });
    expect(await loadFaceDatabase(path)).toEqual({ kian: [1, 0] });
    expect(readdirSync(join(path, '..'))).toEqual(['database.json']);
  });

  it('rejects malformed databases and files with the function and the fault', async () => {
    expect(() => faceDatabaseToJson({ a: [1, 2], b: [1] })).toThrow(
      'faceDatabaseToJson: database.b must be an encoding of 2 finite numbers, got 1 numbers',
    );
    expect(() => faceDatabaseToJson({})).toThrow(
      'faceDatabaseToJson: database must be a non-empty object of name → encoding (an array of numbers), got an empty object',
    );
    expect(() => faceDatabaseFromJson('{"format":"other"}')).toThrow(
      'faceDatabaseFromJson: text is not a dlkit face database: no format "dlkit-face-database", version 1',
    );
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-faces-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      '{"format":"dlkit-face-database","version":1,"dim":3,"entries":{"a":[1,2]}}',
    );
    const e = await rejection(loadFaceDatabase(bad));
    expect(e.kind).toBe('io');
    expect(e.message).toBe(
      'loadFaceDatabase: path is not a dlkit face database: dim is 3 but the encodings have 2 numbers',
    );
    expect((await rejection(loadFaceDatabase(join(dir, 'none.json')))).message).toBe(
      `loadFaceDatabase: cannot read ${join(dir, 'none.json')} (ENOENT)`,
    );
    expect((await rejection(saveFaceDatabase(join(dir, 'x.json'), { a: [NaN] }))).message).toBe(
      'saveFaceDatabase: database.a must be an encoding of d finite numbers, got NaN at index 0',
    );
  });
});

describe('verify and whoIsIt', () => {
  const database: FaceDatabase = { kian: [0.6, 0.8], younes: [1, 0] };

  it("verify: the distance to the claimed identity's encoding, the door open below 0.7", async () => {
    const image = picture(1); // encodes to [0, 1]
    const toKian = await verify(image, 'kian', database, stub);
    expect(toKian.dist).toBeCloseTo(Math.sqrt(0.36 + 0.04), 6); // 0.632
    expect(toKian.doorOpen).toBe(true);
    const toYounes = await verify(image, 'younes', database, stub);
    expect(toYounes.dist).toBeCloseTo(Math.SQRT2, 6);
    expect(toYounes.doorOpen).toBe(false);
    expect((await verify(image, 'kian', database, stub, { threshold: 0.6 })).doorOpen).toBe(false);
    expect(await expectNoLeaks(() => verify(image, 'kian', database, stub))).toBe(0);
    image.dispose();
  });

  it('whoIsIt: the closest identity, in the database only within the threshold', async () => {
    const image = picture(1);
    const found = await whoIsIt(image, database, stub);
    expect(found.identity).toBe('kian');
    expect(found.minDist).toBeCloseTo(Math.sqrt(0.4), 6);
    expect(found.inDatabase).toBe(true);
    const far = await whoIsIt(image, database, stub, { threshold: 0.5 });
    expect(far).toEqual({ identity: 'kian', minDist: found.minDist, inDatabase: false });
    const exact = picture(2); // encodes to [1, 0]
    expect(await whoIsIt(exact, database, stub)).toEqual({
      identity: 'younes',
      minDist: 0,
      inDatabase: true,
    });
    expect(await expectNoLeaks(() => whoIsIt(image, database, stub))).toBe(0);
    tf.dispose([image, exact]);
  });

  it('names the argument at fault', async () => {
    const image = picture(0);
    expect((await rejection(verify(image, 'andrew', database, stub))).message).toBe(
      'verify: identity andrew is not in the database (kian, younes)',
    );
    expect(
      (await rejection(verify(image, 'kian', database, stub, { threshold: -1 }))).message,
    ).toBe('verify: options.threshold must be a finite number >= 0, got -1');
    expect((await rejection(whoIsIt(image, { kian: [1, 0, 0] }, stub))).message).toBe(
      "whoIsIt: model's encoding has 2 numbers, the database's have 3",
    );
    expect(
      (await rejection(whoIsIt(image, database, stub, { treshold: 1 } as object))).message,
    ).toBe('whoIsIt: options has an unknown field treshold (known: threshold)');
    image.dispose();
  });
});
