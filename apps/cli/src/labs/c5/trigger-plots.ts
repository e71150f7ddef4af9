// The trigger-word lab's figure: a held-out example's spectrogram (log power, binned) above the
// detector's probability per output step and the true labels, on one time axis.
import type { LabPlot } from '../lab.js';

interface Cell {
  t0: number;
  t1: number;
  f0: number;
  f1: number;
  dB: number;
}

/** `[nFreqs][nSteps]` log10 powers averaged over blocks of at most `maxF` × `maxT` cells, in dB. */
function binned(
  logPower: number[][],
  hopMs: number,
  hzPerBin: number,
  maxF: number,
  maxT: number,
): Cell[] {
  const nF = logPower.length;
  const nT = logPower[0]!.length;
  const bf = Math.ceil(nF / maxF);
  const bt = Math.ceil(nT / maxT);
  const out: Cell[] = [];
  for (let f = 0; f < nF; f += bf) {
    for (let t = 0; t < nT; t += bt) {
      let sum = 0;
      let n = 0;
      for (let i = f; i < Math.min(nF, f + bf); i++) {
        for (let j = t; j < Math.min(nT, t + bt); j++, n++) sum += logPower[i]![j]!;
      }
      out.push({
        t0: (t * hopMs) / 1000,
        t1: (Math.min(nT, t + bt) * hopMs) / 1000,
        f0: f * hzPerBin,
        f1: Math.min(nF, f + bf) * hzPerBin,
        dB: Math.round((10 * sum) / n) / 10,
      });
    }
  }
  return out;
}

/** The spectrogram over the probability and truth curves of one example. */
export function detectionPlot(
  logPower: number[][],
  hopMs: number,
  hzPerBin: number,
  probability: readonly number[],
  truth: readonly number[],
  backgroundMs: number,
): LabPlot {
  const Ty = probability.length;
  const curves = probability.flatMap((p, i) => {
    const t = ((i + 0.5) * backgroundMs) / Ty / 1000;
    return [
      { t, value: Math.round(p * 1000) / 1000, series: 'predicted probability' },
      { t, value: truth[i]!, series: 'true label' },
    ];
  });
  const seconds = backgroundMs / 1000;
  return {
    name: 'detection',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'A held-out example: its spectrogram, and the detector against the labels',
      vconcat: [
        {
          width: 640,
          height: 200,
          data: { values: binned(logPower, hopMs, hzPerBin, 34, 100) },
          mark: 'rect',
          encoding: {
            x: {
              field: 't0',
              type: 'quantitative',
              title: 'time (s)',
              scale: { domain: [0, seconds] },
              axis: { grid: false },
            },
            x2: { field: 't1' },
            y: {
              field: 'f0',
              type: 'quantitative',
              title: 'frequency (Hz)',
              axis: { grid: false },
            },
            y2: { field: 'f1' },
            color: {
              field: 'dB',
              type: 'quantitative',
              title: 'power (dB)',
              scale: { scheme: 'viridis' },
            },
          },
        },
        {
          width: 640,
          height: 160,
          data: { values: curves },
          mark: 'line',
          encoding: {
            x: {
              field: 't',
              type: 'quantitative',
              title: 'time (s)',
              scale: { domain: [0, seconds] },
            },
            y: {
              field: 'value',
              type: 'quantitative',
              title: 'probability / label',
              scale: { domain: [0, 1] },
            },
            color: { field: 'series', type: 'nominal' },
          },
        },
      ],
    },
  };
}
