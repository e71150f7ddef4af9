import { describe, expect, it } from 'vitest';
import { addChimes, detections, matchEvents, precisionRecall } from './trigger-events.js';

describe('the trigger-word lab scoring', () => {
  it('finds runs of at least minSteps steps above the threshold', () => {
    const p = [0.1, 0.6, 0.7, 0.2, 0.9, 0.95, 0.9, 0.4, 0.8];
    expect(detections(p, 0.5, 2)).toEqual([
      { first: 1, last: 2 },
      { first: 4, last: 6 },
    ]);
    expect(detections(p, 0.5, 1)).toHaveLength(3);
    expect(detections(p, 0.99, 1)).toEqual([]);
  });

  it('counts each keyword and each detection once', () => {
    // 100 steps over 10 s: a keyword at 2.0–2.5 s spans steps 20–25, its labels 26–30.
    const keywords = [
      { segmentStart: 2000, segmentEnd: 2500 },
      { segmentStart: 7000, segmentEnd: 7400 },
    ];
    const found = [
      { first: 26, last: 29 },
      { first: 30, last: 31 }, // a second detection of the same keyword: a false positive
      { first: 50, last: 52 }, // nothing there
    ];
    const c = matchEvents(found, keywords, 100, 10_000, 5);
    expect(c).toEqual({ keywords: 2, detections: 3, found: 1 });
    expect(precisionRecall(c)).toEqual({ precision: 1 / 3, recall: 1 / 2 });
    expect(precisionRecall({ keywords: 0, detections: 0, found: 0 })).toEqual({
      precision: 1,
      recall: 1,
    });
  });

  it('adds a chime at each time and nowhere else', () => {
    const out = addChimes(new Float32Array(8000), 8000, [500]);
    expect(out.subarray(0, 4000).every((v) => v === 0)).toBe(true);
    expect(Math.max(...out.subarray(4000, 6000))).toBeGreaterThan(0.1);
  });
});
