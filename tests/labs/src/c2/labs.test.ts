import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabContext, LabProgressEvent, LabResult } from '../lab.js';
import { c2Labs } from './index.js';

function context(events: LabProgressEvent[], lines: string[]): LabContext {
  return {
    quick: true,
    seed: 1,
    outDir: mkdtempSync(join(tmpdir(), 'dlkit-c2-')),
    progress: (e) => events.push(e),
    log: (l) => lines.push(l),
  };
}

async function runLab(
  id: string,
): Promise<{ result: LabResult; events: LabProgressEvent[]; lines: string[] }> {
  const lab = c2Labs.find((l) => l.id === id)!;
  const events: LabProgressEvent[] = [];
  const lines: string[] = [];
  const before = tf.memory().numTensors;
  const result = await lab.run(context(events, lines));
  expect(tf.memory().numTensors, `${id} leaks`).toBe(before);
  for (const p of result.plots) expect(p.spec['$schema']).toMatch(/vega-lite/);
  return { result, events, lines };
}

const num = (r: LabResult, k: string): number => r.figures[k] as number;

describe('course 2 labs (quick)', () => {
  it('lists four labs of course 2 with unique kebab-case ids', () => {
    expect(c2Labs.map((l) => [l.id, l.course, l.week])).toEqual([
      ['initialization-circles', 2, 1],
      ['regularization-football', 2, 1],
      ['optimization-moons', 2, 2],
      ['framework-hand-signs', 2, 3],
    ]);
  });

  it('initialization: zeros stay at ln 2 and predict one class, He fits the circles', async () => {
    const { result, events } = await runLab('initialization-circles');
    expect(num(result, 'zeros: last cost')).toBeCloseTo(Math.LN2, 4);
    expect(num(result, 'zeros: train accuracy')).toBeCloseTo(0.5, 2);
    expect(num(result, 'random: first cost')).toBeGreaterThan(3 * num(result, 'he: first cost'));
    // The notebook prints 'Cost after iteration 0: 0.8830537463419761' for He on its circles.
    expect(num(result, 'he: first cost')).toBeCloseTo(0.88305, 4);
    expect(result.plots.map((p) => p.name)).toEqual([
      'cost-curves',
      'boundary-zeros',
      'boundary-random',
      'boundary-he',
    ]);
    expect(events.filter((e) => e.label === 'he').map((e) => e.step)).toEqual([1]);
  });

  it('regularization: all three train; the reported accuracies are fractions', async () => {
    const { result, lines } = await runLab('regularization-football');
    for (const k of ['none', 'L2 (λ = 0.7)', 'dropout (keep 0.86)']) {
      expect(num(result, `${k}: train accuracy`)).toBeGreaterThan(0.6);
      expect(num(result, `${k}: test accuracy`)).toBeGreaterThan(0.6);
    }
    expect(lines.length).toBe(3);
  });

  it('optimization: Adam goes down further than GD at 0.0007; decay runs', async () => {
    const { result } = await runLab('optimization-moons');
    expect(num(result, 'adam: last cost')).toBeLessThan(num(result, 'gd: last cost'));
    expect(num(result, 'adam + decay: accuracy')).toBeGreaterThan(0.7);
    expect(result.plots.slice(0, 2).map((p) => p.name)).toEqual([
      'cost-curves',
      'cost-curves-decay',
    ]);
  });

  it('framework: trains on small hand signs above chance (1/6)', async () => {
    const { result } = await runLab('framework-hand-signs');
    expect(num(result, 'train accuracy')).toBeGreaterThan(0.3);
    expect(num(result, 'test accuracy')).toBeGreaterThanOrEqual(0);
    expect(result.figures['image size']).toBe('16×16×3');
  });
});
