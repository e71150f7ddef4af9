// The trigger-word lab's event-level scoring. The detector outputs a probability per output step;
// a detection is a run of at least `minSteps` consecutive steps above `threshold` (the notebook's
// chime_on_activate fires after 20 of its 1375 steps above 0.5). A keyword said at
// [segmentStart, segmentEnd] ms is found when a detection overlaps the stretch from its start to
// the end of its label window (the `steps` output steps after its end); each keyword and each
// detection counts once (matched greedily in time order). Precision = found detections /
// detections, recall = found keywords / keywords (0/0 counts as 1).
import type { SegmentTime } from '@dlkit/sequence';

/** A run of steps above the threshold, `[first, last]` output steps. */
export interface Detection {
  first: number;
  last: number;
}

/** The detections in one example's probabilities. */
export function detections(p: ArrayLike<number>, threshold: number, minSteps: number): Detection[] {
  const out: Detection[] = [];
  let start = -1;
  for (let t = 0; t <= p.length; t++) {
    const on = t < p.length && (p[t] as number) > threshold;
    if (on && start < 0) start = t;
    if (!on && start >= 0) {
      if (t - start >= minSteps) out.push({ first: start, last: t - 1 });
      start = -1;
    }
  }
  return out;
}

/** Counts of one or more examples. */
export interface EventCounts {
  keywords: number;
  detections: number;
  found: number;
}

/** Matches one example's detections to its keywords (times in ms, `Ty` steps over `backgroundMs`). */
export function matchEvents(
  found: readonly Detection[],
  keywords: readonly SegmentTime[],
  Ty: number,
  backgroundMs: number,
  steps: number,
): EventCounts {
  const toStep = (ms: number): number => Math.floor((ms * Ty) / backgroundMs);
  const windows = [...keywords]
    .sort((a, b) => a.segmentStart - b.segmentStart)
    .map((k) => ({ first: toStep(k.segmentStart), last: toStep(k.segmentEnd) + steps }));
  const used = new Set<number>();
  let hits = 0;
  for (const d of found) {
    const i = windows.findIndex((w, j) => !used.has(j) && d.first <= w.last && d.last >= w.first);
    if (i >= 0) {
      used.add(i);
      hits++;
    }
  }
  return { keywords: keywords.length, detections: found.length, found: hits };
}

/** Precision and recall of summed counts (0/0 is 1). */
export function precisionRecall(c: EventCounts): { precision: number; recall: number } {
  return {
    precision: c.detections === 0 ? 1 : c.found / c.detections,
    recall: c.keywords === 0 ? 1 : c.found / c.keywords,
  };
}

/** A two-partial bell (880 and 1,320 Hz) of 250 ms decaying exponentially, added at each `atMs`. */
export function addChimes(
  samples: Float32Array,
  rate: number,
  atMs: readonly number[],
): Float32Array {
  const out = samples.slice();
  const n = Math.round(0.25 * rate);
  for (const ms of atMs) {
    const start = Math.round((ms * rate) / 1000);
    for (let i = 0; i < n && start + i < out.length; i++) {
      const t = i / rate;
      const bell = Math.sin(2 * Math.PI * 880 * t) + 0.5 * Math.sin(2 * Math.PI * 1320 * t);
      out[start + i]! += 0.3 * Math.exp(-t / 0.06) * bell;
    }
  }
  return out;
}
