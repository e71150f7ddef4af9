import type { DemoProgress } from '../engine.js';
import type { DemoView } from '../loop/demo-model.js';
import { context, createCanvas, interpolate, label, paintGrid } from '../draw/canvas.js';
import { controlRow, select } from '../draw/controls.js';
import { PALETTE, RED_BLUE } from '../draw/palette.js';
import { PLANAR_EXTENT, type PlanarModel, type PlanarSettings } from './planar-model.js';

const SIZE = 360;
const MARGIN = { left: 34, top: 30, right: 10, bottom: 28 };

/**
 * Draws the planar classifier: the network's probability of blue as a coloured grid (the
 * decision boundary where it crosses 0.5), the flower's points on top, axes, and the controls
 * for the hidden units and the learning rate.
 */
export class PlanarView implements DemoView<PlanarModel> {
  #root: HTMLDivElement | null = null;
  #canvas: HTMLCanvasElement | null = null;
  #settings: PlanarSettings | null = null;

  /** @param configure - Called with new settings when a control changes. */
  constructor(private readonly configure: (settings: PlanarSettings) => void) {}

  mount(container: HTMLElement): void {
    const root = document.createElement('div');
    root.className = 'dlkit-demo dlkit-demo-planar';
    const canvas = createCanvas(
      SIZE + MARGIN.left + MARGIN.right,
      SIZE + MARGIN.top + MARGIN.bottom,
      'Decision boundary of a 2-layer network on the planar flower',
    );
    root.append(canvas);
    this.#root = root;
    this.#canvas = canvas;
    container.append(root);
  }

  draw(model: PlanarModel, progress: DemoProgress | null): void {
    if (this.#canvas === null || this.#root === null) return;
    this.#settings = model.settings;
    if (this.#root.childElementCount === 1) this.#root.append(this.#controls(model.settings));
    const ctx = context(this.#canvas);
    const { width, height } = { width: this.#canvas.width, height: this.#canvas.height };
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.restore();
    const n = model.settings.gridSize;
    const box = { x: MARGIN.left, y: MARGIN.top, width: SIZE, height: SIZE };
    paintGrid(ctx, model.decisionGrid(), n, n, (p) => interpolate(RED_BLUE, p), box, true);
    this.#points(ctx, model);
    this.#axes(ctx);
    const cost = progress === null ? '–' : progress.loss.toFixed(4);
    const accuracy = (100 * model.accuracy()).toFixed(1);
    label(ctx, `step ${model.steps}   cost ${cost}   accuracy ${accuracy}%`, MARGIN.left, 18, {
      size: 13,
      bold: true,
    });
  }

  unmount(): void {
    this.#root?.remove();
    this.#root = null;
    this.#canvas = null;
  }

  #points(ctx: CanvasRenderingContext2D, model: PlanarModel): void {
    const { x1, x2, y } = model.points();
    for (let i = 0; i < y.length; i++) {
      const [px, py] = toPixel(x1[i] as number, x2[i] as number);
      ctx.beginPath();
      ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
      ctx.fillStyle = y[i] === 1 ? PALETTE.blue : PALETTE.red;
      ctx.fill();
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
  }

  #axes(ctx: CanvasRenderingContext2D): void {
    ctx.strokeStyle = PALETTE.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(MARGIN.left, MARGIN.top, SIZE, SIZE);
    for (const v of [-4, -2, 0, 2, 4]) {
      const [px, py] = toPixel(v, v);
      label(ctx, String(v), px, MARGIN.top + SIZE + 14, {
        size: 10,
        colour: PALETTE.muted,
        align: 'center',
      });
      label(ctx, String(v), MARGIN.left - 6, py + 3, {
        size: 10,
        colour: PALETTE.muted,
        align: 'right',
      });
    }
    label(ctx, 'x₁', MARGIN.left + SIZE, MARGIN.top + SIZE + 26, { size: 11, align: 'right' });
    label(ctx, 'x₂', 4, MARGIN.top + 10, { size: 11 });
    legend(ctx, MARGIN.left + SIZE - 92, MARGIN.top + 10);
  }

  #controls(settings: PlanarSettings): HTMLDivElement {
    return controlRow(
      select(
        'hidden units',
        String(settings.hiddenUnits),
        ['1', '2', '3', '4', '5', '20'].map((v) => ({ value: v, label: v })),
        (v) => this.configure({ ...(this.#settings ?? settings), hiddenUnits: Number(v) }),
      ),
      select(
        'learning rate',
        String(settings.learningRate),
        ['0.1', '0.5', '1.2', '2'].map((v) => ({ value: v, label: v })),
        (v) => this.configure({ ...(this.#settings ?? settings), learningRate: Number(v) }),
      ),
    );
  }
}

function toPixel(x1: number, x2: number): [number, number] {
  const { min, max } = PLANAR_EXTENT;
  return [
    MARGIN.left + ((x1 - min) / (max - min)) * SIZE,
    MARGIN.top + ((max - x2) / (max - min)) * SIZE,
  ];
}

function legend(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x, y, 84, 40);
  for (const [i, [text, colour]] of (
    [
      ['y = 0 (red)', PALETTE.red],
      ['y = 1 (blue)', PALETTE.blue],
    ] as const
  ).entries()) {
    ctx.beginPath();
    ctx.arc(x + 10, y + 12 + i * 16, 4, 0, 2 * Math.PI);
    ctx.fillStyle = colour;
    ctx.fill();
    label(ctx, text, x + 20, y + 16 + i * 16, { size: 11 });
  }
}
