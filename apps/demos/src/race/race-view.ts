import type { DemoView } from '../loop/demo-model.js';
import { context, createCanvas, label, paintGrid, type Rgb } from '../draw/canvas.js';
import { contourColours } from '../draw/contours.js';
import { controlRow, select, slider } from '../draw/controls.js';
import { PALETTE, SURFACE } from '../draw/palette.js';
import type { RaceModel, RaceSettings, RunnerId } from './race-model.js';
import { SURFACES, type SurfaceId } from './surfaces.js';

const PLOT = { x: 40, y: 34, width: 560, height: 320 };
const RUNNERS: readonly { id: RunnerId; name: string; colour: string }[] = [
  { id: 'gd', name: 'gradient descent', colour: PALETTE.orange },
  { id: 'momentum', name: 'momentum', colour: PALETTE.green },
  { id: 'adam', name: 'Adam', colour: PALETTE.purple },
];

/**
 * Draws the optimiser race: the surface as filled contours, each optimiser's path in its colour
 * with its current value in the legend, the start and the minimum; controls for the surface
 * and momentum's β.
 */
export class RaceView implements DemoView<RaceModel> {
  #root: HTMLDivElement | null = null;
  #canvas: HTMLCanvasElement | null = null;
  #settings: RaceSettings | null = null;
  #background: { key: string; colours: readonly Rgb[] } | null = null;

  /** @param configure - Called with new settings when a control changes. */
  constructor(private readonly configure: (settings: RaceSettings) => void) {}

  mount(container: HTMLElement): void {
    const root = document.createElement('div');
    root.className = 'dlkit-demo dlkit-demo-optimizer-race';
    const canvas = createCanvas(
      PLOT.x + PLOT.width + 200,
      PLOT.y + PLOT.height + 30,
      'Gradient descent, momentum and Adam minimising the same surface',
    );
    root.append(canvas);
    container.append(root);
    this.#root = root;
    this.#canvas = canvas;
  }

  draw(model: RaceModel): void {
    if (this.#canvas === null || this.#root === null) return;
    this.#settings = model.settings;
    if (this.#root.childElementCount === 1) this.#root.append(this.#controls(model.settings));
    const ctx = context(this.#canvas);
    ctx.clearRect(0, 0, PLOT.x + PLOT.width + 200, PLOT.y + PLOT.height + 30);
    const n = model.settings.gridSize;
    const key = `${model.surface.id}:${n}`;
    if (this.#background?.key !== key) {
      this.#background = { key, colours: contourColours(model.surfaceGrid(), n, n, SURFACE) };
    }
    const colours = this.#background.colours;
    paintGrid(ctx, colours, n, n, (rgb) => rgb, PLOT, false);
    ctx.strokeStyle = PALETTE.muted;
    ctx.strokeRect(PLOT.x, PLOT.y, PLOT.width, PLOT.height);
    this.#axes(ctx, model);
    const paths = model.paths();
    for (const runner of RUNNERS) this.#path(ctx, model, paths[runner.id], runner.colour);
    this.#markers(ctx, model);
    this.#legend(ctx, model);
    label(ctx, `${model.surface.label}   step ${model.steps}`, PLOT.x, 20, {
      size: 13,
      bold: true,
    });
  }

  unmount(): void {
    this.#root?.remove();
    this.#root = null;
    this.#canvas = null;
    this.#background = null;
  }

  #toPixel(model: RaceModel, x: number, y: number): [number, number] {
    const { xMin, xMax, yMin, yMax } = model.surface.extent;
    return [
      PLOT.x + ((x - xMin) / (xMax - xMin)) * PLOT.width,
      PLOT.y + ((yMax - y) / (yMax - yMin)) * PLOT.height,
    ];
  }

  #path(
    ctx: CanvasRenderingContext2D,
    model: RaceModel,
    path: readonly number[],
    colour: string,
  ): void {
    ctx.save();
    ctx.beginPath();
    ctx.rect(PLOT.x, PLOT.y, PLOT.width, PLOT.height);
    ctx.clip();
    ctx.beginPath();
    for (let i = 0; i < path.length; i += 2) {
      const [px, py] = this.#toPixel(model, path[i] as number, path[i + 1] as number);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.stroke();
    const [px, py] = this.#toPixel(
      model,
      path[path.length - 2] as number,
      path[path.length - 1] as number,
    );
    ctx.beginPath();
    ctx.arc(px, py, 5, 0, 2 * Math.PI);
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
  }

  #markers(ctx: CanvasRenderingContext2D, model: RaceModel): void {
    const [sx, sy] = this.#toPixel(model, ...model.surface.start);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillRect(sx - 4, sy - 4, 8, 8);
    label(ctx, 'start', sx + 8, sy + 4, { size: 11, bold: true });
    const [mx, my] = this.#toPixel(model, ...model.surface.minimum);
    label(ctx, '★', mx, my + 6, { size: 18, colour: '#c0392b', align: 'center' });
    label(ctx, 'minimum', mx + 10, my + 16, { size: 11, colour: '#8e2b20' });
  }

  #axes(ctx: CanvasRenderingContext2D, model: RaceModel): void {
    const { xMin, xMax, yMin, yMax } = model.surface.extent;
    for (let k = 0; k <= 4; k++) {
      const x = xMin + (k / 4) * (xMax - xMin);
      const y = yMin + (k / 4) * (yMax - yMin);
      const [px] = this.#toPixel(model, x, yMin);
      const [, py] = this.#toPixel(model, xMin, y);
      label(ctx, formatTick(x), px, PLOT.y + PLOT.height + 14, {
        size: 10,
        colour: PALETTE.muted,
        align: 'center',
      });
      label(ctx, formatTick(y), PLOT.x - 6, py + 3, {
        size: 10,
        colour: PALETTE.muted,
        align: 'right',
      });
    }
    label(ctx, 'x', PLOT.x + PLOT.width, PLOT.y + PLOT.height + 26, { size: 11, align: 'right' });
    label(ctx, 'y', 8, PLOT.y + 10, { size: 11 });
  }

  #legend(ctx: CanvasRenderingContext2D, model: RaceModel): void {
    const x = PLOT.x + PLOT.width + 16;
    const values = model.extra();
    const rates = model.surface.learningRates;
    label(ctx, 'f after this step', x, PLOT.y + 12, { size: 12, bold: true });
    RUNNERS.forEach((runner, i) => {
      const y = PLOT.y + 36 + i * 46;
      ctx.fillStyle = runner.colour;
      ctx.fillRect(x, y - 9, 18, 4);
      label(ctx, runner.name, x + 24, y - 3, { size: 12, bold: true });
      const extra = runner.id === 'momentum' ? `, β = ${model.settings.beta}` : '';
      label(ctx, `α = ${rates[runner.id]}${extra}`, x + 24, y + 12, {
        size: 11,
        colour: PALETTE.muted,
      });
      label(ctx, `f = ${formatValue(values[runner.id] as number)}`, x + 24, y + 27, { size: 11 });
    });
  }

  #controls(settings: RaceSettings): HTMLDivElement {
    const current = (): RaceSettings => this.#settings ?? settings;
    return controlRow(
      select(
        'surface',
        settings.surface,
        Object.values(SURFACES).map((s) => ({
          value: s.id,
          label: s.label.split('  ')[0] as string,
        })),
        (surface: SurfaceId) => this.configure({ ...current(), surface }),
      ),
      slider('momentum β', settings.beta, { min: 0, max: 0.99, step: 0.01 }, (beta) =>
        this.configure({ ...current(), beta }),
      ),
    );
  }
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return v === 0
    ? '0'
    : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4
      ? v.toExponential(2)
      : v.toPrecision(4);
}
