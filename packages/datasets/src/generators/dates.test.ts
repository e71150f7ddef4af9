import { describe, expect, it } from 'vitest';
import { loadFixture } from '@dlkit/test-harness';
import { DATE_FORMATS, formatDate, makeDatePairs, type DateFormat } from './dates.js';

interface Fixture {
  cases: { iso: string; format: DateFormat; text: string }[];
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** An independent reader of every format: proves each human string determines one ISO date. */
function readHuman(text: string): string {
  const t = text.toLowerCase().replace(/,/g, '');
  const ymd = /^(\d{4})[/.](\d{2})[/.](\d{2})$/.exec(t);
  if (ymd) return `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  const words = t
    .replace(/-/g, ' ')
    .split(' ')
    .filter((w) => !['the', 'of'].includes(w));
  const year = words.find((w) => /^\d{4}$/.test(w));
  const month = words
    .map((w) => MONTHS.indexOf(w.slice(0, 3)))
    .find((i) => i >= 0 && i !== undefined);
  const day = words.find((w) => /^\d{1,2}(st|nd|rd|th)?$/.test(w));
  if (!year || month === undefined || month < 0 || !day) throw new Error(`unreadable: ${text}`);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(parseInt(day, 10)).padStart(2, '0')}`;
}

describe('makeDatePairs', () => {
  it("writes every format as Python's strftime does", () => {
    const fx = loadFixture<Fixture>('datasets_dates');
    expect(new Set(fx.cases.map((c) => c.format))).toEqual(new Set(DATE_FORMATS));
    for (const c of fx.cases)
      expect(formatDate(new Date(`${c.iso}T00:00:00Z`), c.format)).toBe(c.text);
  });

  it('pairs each human date with its ISO form, unambiguously (read back by an independent parser)', () => {
    const { pairs } = makeDatePairs({ m: 2000, seed: 3 });
    expect(pairs).toHaveLength(2000);
    for (const [human, iso] of pairs) {
      expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(readHuman(human)).toBe(iso);
      expect(human).toBe(human.toLowerCase());
      expect(human).not.toContain(',');
    }
  });

  it('draws formats and dates uniformly within the range', () => {
    const { pairs } = makeDatePairs({
      m: 6800,
      seed: 1,
      normalize: false,
      from: '2000-01-01',
      to: '2000-12-31',
    });
    const years = new Set(pairs.map((p) => p[1].slice(0, 4)));
    expect(years).toEqual(new Set(['2000']));
    // Days are uniform over the year: about 567 per month (sd ≈ 23).
    const perMonth = new Array<number>(12).fill(0);
    for (const [, iso] of pairs) perMonth[Number(iso.slice(5, 7)) - 1]! += 1;
    for (const n of perMonth) {
      expect(n).toBeGreaterThan(6800 / 12 - 110);
      expect(n).toBeLessThan(6800 / 12 + 110);
    }
    expect(pairs.some(([h]) => h.includes(','))).toBe(true);
  });

  it("builds the course's vocabularies: sorted human characters + <unk> <pad>, 11 machine characters", () => {
    const { pairs, humanVocab, machineVocab } = makeDatePairs({ m: 500, seed: 0 });
    expect(machineVocab.indexToToken.join('')).toBe('-0123456789');
    expect(humanVocab.indexToToken.slice(-2)).toEqual(['<unk>', '<pad>']);
    expect(humanVocab.indexToToken[0]).toBe(' ');
    const x = humanVocab.encodeBatch(
      pairs.slice(0, 4).map((p) => p[0]),
      30,
      '<pad>',
    );
    expect(x.shape).toEqual([4, 30]);
    x.dispose();
    expect(humanVocab.encode('~')).toEqual([humanVocab.size - 2]);
  });

  it('reproduces with a seed and honours a format subset', () => {
    expect(makeDatePairs({ m: 20, seed: 9 }).pairs).toEqual(
      makeDatePairs({ m: 20, seed: 9 }).pairs,
    );
    const { pairs } = makeDatePairs({ m: 30, seed: 2, formats: ['yyyy/MM/dd'] });
    for (const [h, iso] of pairs) expect(h).toBe(iso.replace(/-/g, '/'));
  });

  it('rejects bad ranges, formats and sizes', () => {
    expect(() => makeDatePairs({ from: '2000-02-30' })).toThrow(
      'makeDatePairs: from must be an ISO date YYYY-MM-DD, got 2000-02-30',
    );
    expect(() => makeDatePairs({ from: '2001-01-01', to: '2000-01-01' })).toThrow(
      'makeDatePairs: to must not be before from, got 2001-01-01 … 2000-01-01',
    );
    expect(() => makeDatePairs({ formats: ['dd/MM/yy' as DateFormat] })).toThrow(
      'makeDatePairs: unknown format "dd/MM/yy"; see DATE_FORMATS',
    );
    expect(() => makeDatePairs({ formats: [] })).toThrow(
      'makeDatePairs: formats must be a non-empty array',
    );
    expect(() => makeDatePairs({ m: 0 })).toThrow(
      'makeDatePairs: m must be an integer >= 1 and <= 10000000, got 0',
    );
  });
});
