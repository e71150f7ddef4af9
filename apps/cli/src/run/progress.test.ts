import { describe, expect, it } from 'vitest';
import { formatNumber, progressReporter } from './progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    out: { isTTY, columns: 120, write: (t: string) => chunks.push(t) },
    text: () => chunks.join(''),
  };
}

describe('progressReporter', () => {
  it('prints plain lines at the start, each quarter and the end, with loss, metrics and an ETA', () => {
    const { out, text } = sink(false);
    let t = 0;
    const p = progressReporter(out, () => t);
    for (let step = 1; step <= 8; step++) {
      t = step * 1000; // one second per step after the first
      p.update({ label: 'nH=4', step, total: 8, loss: 1 / step, metrics: { accuracy: step / 8 } });
    }
    p.stop();
    expect(text().trim().split('\n')).toEqual([
      'nH=4: step 1/8 (13%), loss 1, accuracy 0.125, ETA ?',
      'nH=4: step 2/8 (25%), loss 0.5, accuracy 0.25, ETA 3s',
      'nH=4: step 4/8 (50%), loss 0.25, accuracy 0.5, ETA 3s',
      'nH=4: step 6/8 (75%), loss 0.1667, accuracy 0.75, ETA 2s',
      'nH=4: step 8/8 (100%), loss 0.125, accuracy 1, 7s',
    ]);
  });

  it('starts a new line series for each label', () => {
    const { out, text } = sink(false);
    const p = progressReporter(out, () => 0);
    p.update({ label: 'a', step: 1, total: 1 });
    p.update({ label: 'b', step: 1, total: 1 });
    expect(text()).toBe('a: step 1/1 (100%), 0s\nb: step 1/1 (100%), 0s\n');
  });

  it('draws a cli-progress bar on a terminal: label, steps, loss, ETA', () => {
    const { out, text } = sink(true);
    const p = progressReporter(out);
    p.update({ label: '4 hidden units', step: 1, total: 1000, loss: 0.6931 });
    p.update({ label: '4 hidden units', step: 1000, total: 1000, loss: 0.2586 });
    p.stop();
    const last = text().split('\r').at(-1) ?? '';
    expect(text()).toContain('4 hidden units');
    expect(text()).toMatch(/1000\/1000 \| loss 0\.2586 \| ETA \d+s/);
    expect(last).not.toContain('loss 0.6931');
  });
});

describe('formatNumber', () => {
  it('keeps integers, rounds the rest to 4 significant digits', () => {
    expect([1000, 0.892500001, 1 / 3, 123456.7].map(formatNumber)).toEqual([
      '1000',
      '0.8925',
      '0.3333',
      '123500',
    ]);
  });
});
