import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { BUNDLED_GLOVE, loadGlove, readGloveText } from './glove.js';
import { loadEmojiSentences } from '../emoji/emoji-sentences.js';

interface Fixture {
  words: string[];
  vectors: FixtureTensor;
  cosine: FixtureTensor;
  firstWords: string[];
}

const fx = loadFixture<Fixture>('datasets_glove');
const bundled = fileURLToPath(new URL(`../../../glove/data/${BUNDLED_GLOVE}`, import.meta.url));

describe('loadGlove (bundled top-20k file)', () => {
  it('holds 20,000 frequent words plus the lab words, 100 dimensions, in GloVe order, under 3 MB', async () => {
    const g = await loadGlove();
    expect(g.vectors.shape).toEqual([20034, 100]);
    expect(g.vectors.dtype).toBe('float32');
    expect(g.words.slice(0, fx.firstWords.length)).toEqual(fx.firstWords);
    expect(g.wordToIndex.get('the')).toBe(0);
    for (const w of ['receptionist', 'lipstick', 'priya', 'yasmin', 'babysit'])
      expect(g.wordToIndex.has(w)).toBe(true);
    expect(g.info).toMatchObject({ dims: 100, quantized: true });
    expect((await stat(bundled)).size).toBeLessThan(3_000_000);
    g.vectors.dispose();
  });

  it('matches the float GloVe vectors within int8 rounding, and their cosine similarities within 3e-3', async () => {
    const g = await loadGlove();
    tf.tidy(() => {
      const rows = tf.gather(
        g.vectors,
        fx.words.map((w) => g.wordToIndex.get(w) as number),
      );
      const ref = fixtureTensor(fx.vectors);
      // Per-word scale max|v| / 127: the rounding error is at most half a step.
      const step = ref.abs().max(1, true).div(127);
      const err = rows
        .sub(ref)
        .abs()
        .sub(step.mul(0.5 + 1e-6))
        .max()
        .dataSync()[0] as number;
      expect(err).toBeLessThanOrEqual(0);
      const unit = rows.div(rows.norm('euclidean', 1, true));
      expectTensorsClose(unit.matMul(unit.transpose()), fixtureTensor(fx.cosine), {
        rtol: 0,
        atol: 3e-3,
      });
    });
    g.vectors.dispose();
  });

  it('solves the course analogy man : woman :: king : queen', async () => {
    const g = await loadGlove();
    const best = tf.tidy(() => {
      const v = (w: string) => tf.gather(g.vectors, g.wordToIndex.get(w) as number);
      const target = v('woman').sub(v('man')).add(v('king'));
      const unit = g.vectors.div(g.vectors.norm('euclidean', 1, true));
      const sims = unit.matMul(target.div(target.norm()).reshape([-1, 1])).reshape([-1]);
      const order = Array.from(tf.topk(sims, 5).indices.dataSync());
      return order
        .map((i) => g.words[i])
        .filter((w) => !['woman', 'man', 'king'].includes(w as string))[0];
    });
    expect(best).toBe('queen');
    g.vectors.dispose();
  });

  it("covers every word of the emoji sentences except 'i' and 'a' (absent from the source package)", async () => {
    const g = await loadGlove();
    const { train, test } = await loadEmojiSentences({ lowercase: true });
    const missing = new Set(
      [...train.x, ...test.x].flatMap((s) => s.split(' ')).filter((w) => !g.wordToIndex.has(w)),
    );
    expect([...missing].sort()).toEqual(['a', 'i']);
    tf.dispose([g.vectors, train.y, test.y]);
  });

  it('keeps the first maxWords words and returns exactly one tensor', async () => {
    expect(await expectNoLeaks(async () => (await loadGlove({ maxWords: 10 })).vectors)).toBe(1);
    const g = await loadGlove({ maxWords: 3 });
    expect(g.words).toEqual(fx.firstWords.slice(0, 3));
    expect(g.vectors.shape).toEqual([3, 100]);
    g.vectors.dispose();
    await expect(loadGlove({ maxWords: 0 })).rejects.toThrow(
      'loadGlove: maxWords must be an integer >= 1, got 0',
    );
  });

  it('names a corrupt file and what is wrong with it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-glove-'));
    const truncated = join(dir, 'cut.bin');
    await writeFile(truncated, (await readFile(bundled)).subarray(0, 5000));
    await expect(loadGlove({ file: truncated })).rejects.toThrow(
      `loadGlove: ${truncated} is not a dlkit word-vector file: its header declares 20034 words × 100 dimensions`,
    );
    const wrong = join(dir, 'wrong.bin');
    await writeFile(wrong, new Uint8Array(40));
    await expect(loadGlove({ file: wrong })).rejects.toThrow(
      `loadGlove: ${wrong} is not a dlkit word-vector file: the magic bytes must be "DLKWV1"`,
    );
    await expect(loadGlove({ file: join(dir, 'nope.bin') })).rejects.toThrow(
      `loadGlove: cannot read ${join(dir, 'nope.bin')}`,
    );
  });
});

describe('readGloveText', () => {
  it("parses GloVe's plain text format", () => {
    const g = readGloveText('the 0.1 -0.2 0.3\nof 1 2 3\n\n');
    expect(g.words).toEqual(['the', 'of']);
    expect(g.wordToIndex.get('of')).toBe(1);
    expect(g.vectors.shape).toEqual([2, 3]);
    expectTensorsClose(
      g.vectors,
      tf.tensor2d([
        [0.1, -0.2, 0.3],
        [1, 2, 3],
      ]),
      { rtol: 0, atol: 0 },
    );
    g.vectors.dispose();
  });

  it('reads a .txt file through loadGlove and names the bad line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-glove-'));
    const file = join(dir, 'vectors.txt');
    await writeFile(file, 'a 1 2\nb 3 4\nc 5\n');
    await expect(loadGlove({ file })).rejects.toThrow(
      `loadGlove: ${file}, line 3 ("c"): expected 2 values, got 1`,
    );
    const g = await loadGlove({ file, maxWords: 2 });
    expect(g.words).toEqual(['a', 'b']);
    expect(g.info).toEqual({ source: file, dims: 2, quantized: false });
    g.vectors.dispose();
    expect(() => readGloveText('x 1 oops')).toThrow(
      'readGloveText: text, line 1 ("x"): value 2 is not a number: "oops"',
    );
    expect(() => readGloveText('\n')).toThrow('readGloveText: text holds no vectors');
  });

  it('returns exactly one tensor', async () => {
    expect(await expectNoLeaks(() => readGloveText('a 1\nb 2').vectors)).toBe(1);
  });
});
