import { DlkitError, assertNumber, assertOptions } from '@dlkit/core';
import { PROBLEM_NAMES } from '../diagnosis/remedies.js';
import type { LearningCurve } from './learning-curve.js';

/**
 * Options of {@link learningCurveSvg}.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface LearningCurveSvgOptions {
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 420). */
  height?: number;
  /** Title (default `Learning curve`). */
  title?: string;
  /** Log-scale x axis (default true when sizes span more than a factor of 20). */
  logX?: boolean;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function niceTicks(lo: number, hi: number, n: number): number[] {
  const span = hi - lo || 1;
  const step0 = span / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= step0) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/**
 * Plots a learning curve as a standalone SVG document: training and dev error against
 * training-set size, human-level error as a dashed line, and the diagnosis (dominant problem,
 * first remedy, trend) written under the plot. No browser or plotting library needed.
 *
 * @param curve - A curve from {@link learningCurve}.
 * @param options - Size, title, log-scale x axis.
 * @returns The SVG markup.
 *
 * @example
 * ```ts
 * import { learningCurve, learningCurveSvg } from '@dlkit/strategy';
 * const curve = await learningCurve((n) => ({ trainError: 0.05, devError: 0.06 + 10 / n }), {
 *   sizes: [100, 400, 1600],
 *   humanLevel: 0.01,
 * });
 * const svg = learningCurveSvg(curve, { title: 'Cat classifier' });
 * console.log(svg.startsWith('<svg')); // true
 * ```
 *
 * @see The guide `docs/strategy/learning-curves.md`.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export function learningCurveSvg(
  curve: LearningCurve,
  options: LearningCurveSvgOptions = {},
): string {
  const fn = 'learningCurveSvg';
  assertOptions(fn, 'options', options, ['width', 'height', 'title', 'logX']);
  if (
    curve === null ||
    typeof curve !== 'object' ||
    !Array.isArray(curve.points) ||
    curve.points.length === 0
  ) {
    throw new DlkitError('value', fn, 'curve must be a learning curve with at least one point', {
      argument: 'curve',
    });
  }
  const width = assertNumber(fn, 'width', options.width ?? 640, { min: 200 });
  const height = assertNumber(fn, 'height', options.height ?? 420, { min: 200 });
  const pts = curve.points;
  const sizes = pts.map((p) => p.size);
  const minX = Math.min(...sizes);
  const maxX = Math.max(...sizes);
  const logX = options.logX ?? maxX / minX > 20;
  const left = 64;
  const right = 32;
  // About 6.6 px per character at font size 12: wrap the diagnosis to the plot's width.
  const maxChars = Math.max(20, Math.floor((width - left - right) / 6.6));
  const notes = [
    curve.diagnosis.dominant === null
      ? 'Diagnosis: no positive gap'
      : `Diagnosis: ${PROBLEM_NAMES[curve.diagnosis.dominant]} dominates; try: ${curve.diagnosis.remedies[0]}`,
    curve.trend,
  ].flatMap((n) => wrap(n, maxChars));
  const top = 40;
  const bottom = 60 + 18 * notes.length;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  if (plotH < 40)
    throw new DlkitError('value', fn, `height ${height} leaves no room for the plot`, {
      argument: 'height',
    });
  const errors = pts.flatMap((p) => [p.trainError, p.devError]);
  if (curve.humanLevel !== null) errors.push(curve.humanLevel);
  const maxY = Math.max(...errors) * 1.1 || 1;
  const tx = (x: number) => {
    if (maxX === minX) return left + plotW / 2;
    const f = logX
      ? (Math.log10(x) - Math.log10(minX)) / (Math.log10(maxX) - Math.log10(minX))
      : (x - minX) / (maxX - minX);
    return left + f * plotW;
  };
  const ty = (y: number) => top + plotH - (y / maxY) * plotH;
  const f2 = (v: number) => v.toFixed(2);
  const line = (key: 'trainError' | 'devError') =>
    pts.map((p) => `${f2(tx(p.size))},${f2(ty(p[key]))}`).join(' ');
  const unit = curve.unit === 'percent' ? ' (%)' : '';
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<title>${esc(options.title ?? 'Learning curve')}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${esc(options.title ?? 'Learning curve')}</text>`,
  );
  out.push(`<g class="axes" stroke="#333">`);
  out.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}"/>`);
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}"/>`);
  out.push(`</g>`);
  out.push(`<g class="y-ticks" fill="#333">`);
  for (const v of niceTicks(0, maxY, 5)) {
    out.push(`<text x="${left - 6}" y="${f2(ty(v) + 4)}" text-anchor="end">${v}</text>`);
    out.push(
      `<line x1="${left}" y1="${f2(ty(v))}" x2="${left + plotW}" y2="${f2(ty(v))}" stroke="#eee"/>`,
    );
  }
  out.push(`</g>`);
  out.push(`<g class="x-ticks" fill="#333">`);
  for (const s of sizes) {
    out.push(`<text x="${f2(tx(s))}" y="${top + plotH + 16}" text-anchor="middle">${s}</text>`);
  }
  out.push(`</g>`);
  out.push(
    `<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle">training set size${logX ? ' (log scale)' : ''}</text>`,
  );
  out.push(
    `<text x="16" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${top + plotH / 2})">error${unit}</text>`,
  );
  if (curve.humanLevel !== null) {
    const y = f2(ty(curve.humanLevel));
    out.push(
      `<line class="human-level" x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#2a2" stroke-dasharray="6 4"/>`,
    );
  }
  out.push(
    `<polyline class="train-error" fill="none" stroke="#1f77b4" stroke-width="2" points="${line('trainError')}"/>`,
  );
  out.push(
    `<polyline class="dev-error" fill="none" stroke="#ff7f0e" stroke-width="2" points="${line('devError')}"/>`,
  );
  const legend: [string, string, string][] = [
    ['training error', '#1f77b4', ''],
    ['dev error', '#ff7f0e', ''],
  ];
  if (curve.humanLevel !== null)
    legend.push(['human-level error', '#2a2', ' stroke-dasharray="6 4"']);
  out.push(`<g class="legend">`);
  legend.forEach(([label, color, dash], i) => {
    const y = top + 12 + i * 16;
    const x = left + plotW - 150;
    out.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="${color}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${x + 30}" y="${y}">${label}</text>`);
  });
  out.push(`</g>`);
  out.push(`<g class="diagnosis" fill="#333">`);
  notes.forEach((n, i) =>
    out.push(`<text x="${left}" y="${top + plotH + 56 + 18 * i}">${esc(n)}</text>`),
  );
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}
