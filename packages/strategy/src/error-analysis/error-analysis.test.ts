import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, fc } from '@dlkit/test-harness';
import { errorAnalysis, formatErrorAnalysis, type TaggedError } from './error-analysis.js';
import { misclassified } from './misclassified.js';
import { tagExamples } from './tag-examples.js';

/** The course's cat-classifier spreadsheet: 100 dev errors, dog 8%, great cats 43%, blurry 61%, Instagram 12%. */
function catSpreadsheet(): TaggedError[] {
  return Array.from({ length: 100 }, (_, i) => {
    const tags: string[] = [];
    if (i < 8) tags.push('dog');
    if (i >= 8 && i < 51) tags.push('great cat');
    if (i >= 39) tags.push('blurry');
    if (i >= 88) tags.push('instagram');
    return { id: `img${i + 1}`, tags };
  });
}

describe('errorAnalysis: the course scenarios', () => {
  it('C3 W2: 5 dogs among 100 errors at 10% dev error give a 9.5% ceiling; 50 dogs give 5%', () => {
    const few = Array.from({ length: 100 }, (_, i) => ({
      id: i,
      tags: i < 5 ? ['dog'] : ['other'],
    }));
    const a = errorAnalysis(few, { devError: 10, unit: 'percent' });
    expect(a.categories[0]).toEqual({
      name: 'dog',
      count: 5,
      share: 0.05,
      ceiling: 0.5,
      devErrorIfFixed: 9.5,
    });
    const many = Array.from({ length: 100 }, (_, i) => ({
      id: i,
      tags: i < 50 ? ['dog'] : ['other'],
    }));
    expect(
      errorAnalysis(many, { devError: 10, unit: 'percent' }).categories[0]?.devErrorIfFixed,
    ).toBe(5);
  });

  it('C3 W2: the spreadsheet points at great cats and blurry images', () => {
    const a = errorAnalysis(catSpreadsheet(), {
      devError: 10,
      unit: 'percent',
      categories: ['dog', 'great cat', 'blurry', 'instagram'],
    });
    expect(a.categories.map((c) => [c.name, c.count, c.ceiling])).toEqual([
      ['dog', 8, 0.8],
      ['great cat', 43, 4.3],
      ['blurry', 61, 6.1],
      ['instagram', 12, 1.2],
    ]);
    expect(a.priorities.slice(0, 2)).toEqual(['blurry', 'great cat']);
    expect(a.untagged).toBe(0);
    expect(a.mislabeled).toBeNull();
  });

  it('C3 W2: 0.6% of 10% dev error from wrong labels is not worth fixing, 0.6% of 2% is', () => {
    const tagged = (n: number) =>
      Array.from({ length: 100 }, (_, i) => ({
        id: i,
        tags: i < n ? ['incorrectly labeled'] : ['blurry'],
      }));
    const high = errorAnalysis(tagged(6), { devError: 10, unit: 'percent' });
    expect(high.mislabeled).toMatchObject({
      count: 6,
      errorDueToLabels: 0.6,
      errorDueToOther: 9.4,
      worthFixing: false,
    });
    expect(high.mislabeled?.advice).toBe(
      'incorrect labels cause only 0.6% of the 10% dev error (6% of errors); the other 9.4% matters more: fixing labels is not the priority',
    );
    const low = errorAnalysis(tagged(30), { devError: 2, unit: 'percent' });
    expect(low.mislabeled).toMatchObject({
      count: 30,
      errorDueToLabels: 0.6,
      errorDueToOther: 1.4,
      worthFixing: true,
    });
    expect(low.mislabeled?.advice).toMatch(
      /^incorrect labels cause 0.6% of the 2% dev error \(30% of errors\): fix them, apply the same fixes to dev and test/,
    );
  });
});

describe('errorAnalysis: tables and rules', () => {
  const small = errorAnalysis(
    [
      { id: 1, tags: ['dog'], comment: 'pitbull' },
      { id: 2, tags: ['blurry'] },
      { id: 3, tags: ['great cat', 'blurry'], comment: 'rainy day at zoo, "lion"' },
      { id: 4, tags: [] },
    ],
    { devError: 0.08 },
  );

  it('prints the spreadsheet as text, CSV and JSON', () => {
    expect(formatErrorAnalysis(small, 'text')).toBe(
      [
        'example    | dog | blurry | great cat | comments',
        '-----------+-----+--------+-----------+-------------------------',
        '1          | ✓   |        |           | pitbull',
        '2          |     | ✓      |           |',
        '3          |     | ✓      | ✓         | rainy day at zoo, "lion"',
        '4          |     |        |           |',
        '-----------+-----+--------+-----------+-------------------------',
        '% of total | 25% | 50%    | 25%       |',
        '',
      ].join('\n'),
    );
    expect(formatErrorAnalysis(small, 'csv')).toBe(
      [
        'example,dog,blurry,great cat,comments',
        '1,1,,,pitbull',
        '2,,1,,',
        '3,,1,1,"rainy day at zoo, ""lion"""',
        '4,,,,',
        '% of total,25%,50%,25%,',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(formatErrorAnalysis(small, 'json'));
    expect(json.rows[2]).toEqual({
      id: 3,
      dog: false,
      blurry: true,
      'great cat': true,
      comment: 'rainy day at zoo, "lion"',
    });
    expect(json.percentOfTotal).toEqual({ dog: 0.25, blurry: 0.5, 'great cat': 0.25 });
  });

  it('prints the summary with ceilings', () => {
    expect(formatErrorAnalysis(small, 'csv', 'summary')).toBe(
      [
        'category,count,% of errors,ceiling,dev error if fixed',
        'dog,1,25%,0.02,0.06',
        'blurry,2,50%,0.04,0.04',
        'great cat,1,25%,0.02,0.06',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(formatErrorAnalysis(small, 'json', 'summary'))).toEqual(small.categories);
    expect(small.untagged).toBe(1);
  });

  it('counts each tag at most once per example; shares are counts over examined errors', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(['a', 'b', 'c', 'd']), { minLength: 1, maxLength: 50 }),
        (tagLists) => {
          const a = errorAnalysis(
            tagLists.map((tags, i) => ({ id: i, tags: [...tags, ...tags] })),
            { devError: 0.2 },
          );
          // Expected values from the tag lists alone, not from the analysis' own fields.
          const used = new Set(tagLists.flat());
          expect(new Set(a.categories.map((c) => c.name))).toEqual(used);
          for (const c of a.categories) {
            const count = tagLists.filter((t) => t.includes(c.name)).length;
            expect(c.count).toBe(count);
            expect(c.share).toBeCloseTo(count / tagLists.length, 9);
            expect(c.ceiling).toBeCloseTo((0.2 * count) / tagLists.length, 9);
          }
        },
      ),
    );
  });

  it('rejects bad input', () => {
    expect(() => errorAnalysis([], { devError: 0.1 })).toThrow(
      'errorAnalysis: examples is empty: tag at least one misclassified example',
    );
    expect(() => errorAnalysis([{ id: 1, tags: ['x'] }], { devError: 10 })).toThrow(
      'errorAnalysis: devError must be a finite number >= 0 and <= 1, got 10',
    );
    expect(() =>
      errorAnalysis(
        [
          { id: 1, tags: ['x'] },
          { id: 1, tags: [] },
        ],
        { devError: 0.1 },
      ),
    ).toThrow('errorAnalysis: example ids must be unique, got 1 twice');
    expect(() =>
      errorAnalysis([{ id: 1, tags: ['cat'] }], { devError: 0.1, categories: ['dog'] }),
    ).toThrow('errorAnalysis: examples[0] has tag "cat", which is not in categories [dog]');
    expect(() => formatErrorAnalysis(small, 'xml' as never)).toThrow(
      "formatErrorAnalysis: format must be 'text', 'csv' or 'json', got string xml",
    );
  });
});

describe('misclassified', () => {
  it('lists the wrong predictions, from arrays or tensors, leaking nothing', async () => {
    expect(misclassified([1, 0, 1, 1], [1, 1, 0, 1])).toEqual([1, 2]);
    const t = tf.tensor1d([0, 1, 2], 'int32');
    const p = tf.tensor1d([0, 2, 2], 'int32');
    expect(await expectNoLeaks(() => misclassified(t, p))).toBe(0);
    expect(misclassified(t, p)).toEqual([1]);
    tf.dispose([t, p]);
    expect(() => misclassified([1], [1, 0])).toThrow(
      'misclassified: yTrue and yPred must have the same number of labels, got [1] and [2]',
    );
  });
});

describe('tagExamples', () => {
  it('tags by rules, in rule order, and feeds errorAnalysis', () => {
    const meta = {
      a: { blurry: true, dog: false },
      b: { blurry: true, dog: true },
      c: { blurry: false, dog: false },
    };
    const tagged = tagExamples(['a', 'b', 'c'] as const, {
      dog: (id) => meta[id].dog,
      blurry: (id) => meta[id].blurry,
    });
    expect(tagged).toEqual([
      { id: 'a', tags: ['blurry'] },
      { id: 'b', tags: ['dog', 'blurry'] },
      { id: 'c', tags: [] },
    ]);
    const a = errorAnalysis(tagged, { devError: 0.3 });
    expect(a.categories.map((c) => [c.name, c.count])).toEqual([
      ['blurry', 2],
      ['dog', 1],
    ]);
    expect(a.untagged).toBe(1);
    expect(() => tagExamples([1], {})).toThrow(
      'tagExamples: rules must name at least one category',
    );
    expect(() => tagExamples([1], { x: 3 as never })).toThrow(
      'tagExamples: rules.x must be a function (id) => boolean',
    );
  });
});
