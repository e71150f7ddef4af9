import * as tf from '@tensorflow/tfjs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';
import { EMOJI_CLASSES, loadEmojiSentences } from './emoji-sentences.js';

const counts = (y: tf.Tensor): number[] => {
  const c = [0, 0, 0, 0, 0];
  for (const v of y.dataSync()) c[v]! += 1;
  return c;
};

describe('loadEmojiSentences', () => {
  it('loads 250 distinct sentences: 200 train / 50 test, balanced over 5 classes', async () => {
    const { train, test, info } = await loadEmojiSentences();
    expect(train.x).toHaveLength(200);
    expect(test.x).toHaveLength(50);
    expect(train.y.shape).toEqual([200]);
    expect(train.y.dtype).toBe('int32');
    expect(counts(train.y)).toEqual([40, 40, 40, 40, 40]);
    expect(counts(test.y)).toEqual([10, 10, 10, 10, 10]);
    expect(new Set([...train.x, ...test.x]).size).toBe(250);
    expect(train.x[0]).toBe('I love you');
    expect(info.classes.map((c) => c.emoji)).toEqual(['❤️', '⚾', '😄', '😞', '🍴']);
    expect(info.maxLength).toBe(
      Math.max(...[...train.x, ...test.x].map((s) => s.split(' ').length)),
    );
    tf.dispose([train.y, test.y]);
  });

  it('shuffles each split with the seed, keeping sentence and label together', async () => {
    const plain = await loadEmojiSentences();
    const a = await loadEmojiSentences({ shuffle: true, seed: 4, lowercase: true });
    const b = await loadEmojiSentences({ shuffle: true, seed: 4, lowercase: true });
    expect(a.train.x).toEqual(b.train.x);
    expect(a.train.x).not.toEqual(plain.train.x.map((s) => s.toLowerCase()));
    const labelOf = new Map(
      plain.train.x.map((s, i) => [s.toLowerCase(), plain.train.y.dataSync()[i]]),
    );
    a.train.x.forEach((s, i) => expect(a.train.y.dataSync()[i]).toBe(labelOf.get(s)));
    tf.dispose([plain, a, b].flatMap((d) => [d.train.y, d.test.y]));
  });

  it('returns exactly its two tensors', async () => {
    expect(await expectNoLeaks(() => loadEmojiSentences())).toBe(2);
    expect(EMOJI_CLASSES[4]?.name).toBe('fork_and_knife');
  });

  it('reads quoted sentences and names the file and line of a bad row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-emoji-'));
    const good = join(dir, 'good.csv');
    await writeFile(good, 'sentence,label,split\n"well, ""yes""",2,train\nno,3,test\n');
    const d = await loadEmojiSentences({ file: good });
    expect(d.train.x).toEqual(['well, "yes"']);
    tf.dispose([d.train.y, d.test.y]);
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'sentence,label,split\nhello,7,train\n');
    await expect(loadEmojiSentences({ file: bad })).rejects.toThrow(
      `loadEmojiSentences: ${bad}, line 2: expected "sentence,label,split" with a label 0…4 and split train or test, got "hello,7,train"`,
    );
    const noHeader = join(dir, 'nh.csv');
    await writeFile(noHeader, 'hello,1,train\n');
    await expect(loadEmojiSentences({ file: noHeader })).rejects.toThrow(
      'the header must be "sentence,label,split"',
    );
  });
});
