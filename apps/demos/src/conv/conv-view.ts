import type { DemoView } from '../loop/demo-model.js';
import { context, createCanvas, interpolate, label, paintGrid } from '../draw/canvas.js';
import { controlRow, select, slider } from '../draw/controls.js';
import { GREY, PALETTE } from '../draw/palette.js';
import type { ConvModel, ConvSettings } from './conv-model.js';
import { DEMO_IMAGE_CREDIT } from './demo-image.js';
import { FILTERS, FILTER_SIZE, type FilterId } from './filters.js';

const SCALE = 3;
const GAP = 28;
const TOP = 44;

/**
 * Draws the convolution visualiser: the (padded) input image with the filter's first window,
 * the target filter's output map and the learned filter's, both on the target's grey scale; the
 * two filters' weights; the output shape by the course's formula. Controls pick the filter
 * (or a custom one), the stride and the padding.
 */
export class ConvView implements DemoView<ConvModel> {
  #root: HTMLDivElement | null = null;
  #canvas: HTMLCanvasElement | null = null;
  #settings: ConvSettings | null = null;
  #size = { width: 0, height: 0 };

  /** @param configure - Called with new settings when a control changes. */
  constructor(private readonly configure: (settings: ConvSettings) => void) {}

  mount(container: HTMLElement): void {
    const root = document.createElement('div');
    root.className = 'dlkit-demo dlkit-demo-conv-visualizer';
    container.append(root);
    this.#root = root;
  }

  draw(model: ConvModel): void {
    if (this.#root === null) return;
    this.#settings = model.settings;
    if (this.#canvas === null) this.#build(model);
    const ctx = context(this.#canvas as HTMLCanvasElement);
    ctx.clearRect(0, 0, this.#size.width, this.#size.height);
    const { height, width } = model.source;
    const pad = model.settings.pad;
    const panel = (width + 2 * 3) * SCALE; // room for the largest padding
    const panelHeight = (height + 2 * 3) * SCALE;
    const x0 = 10;
    // The input, padded: zeros drawn black around it.
    const inputBox = {
      x: x0 + (3 - pad) * SCALE,
      y: TOP + (3 - pad) * SCALE,
      width: (width + 2 * pad) * SCALE,
      height: (height + 2 * pad) * SCALE,
    };
    ctx.fillStyle = '#000000';
    ctx.fillRect(inputBox.x, inputBox.y, inputBox.width, inputBox.height);
    paintGrid(ctx, model.source.pixels, height, width, (v) => interpolate(GREY, v), {
      x: inputBox.x + pad * SCALE,
      y: inputBox.y + pad * SCALE,
      width: width * SCALE,
      height: height * SCALE,
    });
    const window = FILTER_SIZE * SCALE;
    ctx.lineWidth = 2;
    ctx.strokeStyle = PALETTE.orange;
    ctx.strokeRect(inputBox.x + 1, inputBox.y + 1, window, window);
    ctx.strokeStyle = '#f2b880';
    ctx.strokeRect(inputBox.x + 1 + model.settings.stride * SCALE, inputBox.y + 1, window, window);
    label(ctx, `input [${height}, ${width}], padding p = ${pad}`, x0, TOP - 8, {
      size: 12,
      bold: true,
    });
    const [nH, nW] = model.outputShape;
    const target = model.targetMap();
    const [lo, hi] = percentiles(target, 0.02, 0.98);
    const grey = (v: number): readonly [number, number, number] =>
      interpolate(GREY, hi === lo ? 0.5 : (v - lo) / (hi - lo));
    const outBox = (k: number): { x: number; y: number; width: number; height: number } => {
      // One output pixel per input pixel's size, so stride and padding show in the map's size.
      const s = Math.min(SCALE, panel / nW, panelHeight / nH);
      return { x: x0 + k * (panel + GAP), y: TOP, width: nW * s, height: nH * s };
    };
    paintGrid(ctx, target, nH, nW, grey, outBox(1));
    label(ctx, `target output [${nH}, ${nW}]`, outBox(1).x, TOP - 8, { size: 12, bold: true });
    paintGrid(ctx, model.learnedMap(), nH, nW, grey, outBox(2));
    label(ctx, `learned filter's output, step ${model.steps}`, outBox(2).x, TOP - 8, {
      size: 12,
      bold: true,
    });
    const below = TOP + panelHeight + 26;
    const { target: tw, learned: lw } = model.filters();
    this.#weights(ctx, 'target filter', tw, x0 + panel + GAP, below);
    this.#weights(ctx, 'learned filter', lw, x0 + 2 * (panel + GAP), below);
    this.#formula(ctx, model, x0, below);
  }

  unmount(): void {
    this.#root?.remove();
    this.#root = null;
    this.#canvas = null;
  }

  #build(model: ConvModel): void {
    const { height, width } = model.source;
    const panel = (width + 6) * SCALE;
    this.#size = { width: 20 + 3 * panel + 2 * GAP, height: TOP + (height + 6) * SCALE + 150 };
    this.#canvas = createCanvas(
      this.#size.width,
      this.#size.height,
      'A convolution of a photograph, its output map, and a filter learning to reproduce it',
    );
    const caption = document.createElement('p');
    caption.textContent = DEMO_IMAGE_CREDIT;
    caption.style.cssText = 'margin:2px 0;font:11px system-ui,sans-serif;color:#52606d';
    this.#root?.append(
      this.#canvas,
      this.#controls(model.settings),
      this.#custom(model.settings),
      caption,
    );
  }

  #weights(
    ctx: CanvasRenderingContext2D,
    title: string,
    w: Float32Array,
    x: number,
    y: number,
  ): void {
    label(ctx, title, x, y, { size: 12, bold: true });
    const cell = 44;
    for (let r = 0; r < FILTER_SIZE; r++) {
      for (let c = 0; c < FILTER_SIZE; c++) {
        const v = w[r * FILTER_SIZE + c] as number;
        const cx = x + c * cell;
        const cy = y + 8 + r * 26;
        ctx.fillStyle =
          v >= 0
            ? `rgba(45,108,223,${Math.min(Math.abs(v) / 3, 1) * 0.35})`
            : `rgba(209,73,91,${Math.min(Math.abs(v) / 3, 1) * 0.35})`;
        ctx.fillRect(cx, cy, cell - 2, 24);
        label(ctx, v.toFixed(2), cx + cell / 2 - 1, cy + 16, { size: 11, align: 'center' });
      }
    }
  }

  #formula(ctx: CanvasRenderingContext2D, model: ConvModel, x: number, y: number): void {
    const { stride: s, pad: p } = model.settings;
    const [nH, nW] = model.outputShape;
    const { height, width } = model.source;
    label(ctx, 'output size  ⌊(n + 2p − f) / s⌋ + 1', x, y, { size: 12, bold: true });
    label(ctx, `nH = ⌊(${height} + 2·${p} − ${FILTER_SIZE}) / ${s}⌋ + 1 = ${nH}`, x, y + 22, {
      size: 12,
    });
    label(ctx, `nW = ⌊(${width} + 2·${p} − ${FILTER_SIZE}) / ${s}⌋ + 1 = ${nW}`, x, y + 42, {
      size: 12,
    });
    label(ctx, `f = ${FILTER_SIZE}, stride s = ${s}, padding p = ${p}`, x, y + 62, {
      size: 11,
      colour: PALETTE.muted,
    });
    label(ctx, 'orange: the first two 3 × 3 windows, s pixels apart', x, y + 80, {
      size: 11,
      colour: PALETTE.muted,
    });
  }

  #controls(settings: ConvSettings): HTMLDivElement {
    const current = (): ConvSettings => this.#settings ?? settings;
    const choices = [
      ...Object.entries(FILTERS).map(([value, f]) => ({
        value: value as FilterId,
        label: f.label,
      })),
      { value: 'custom' as FilterId, label: 'custom' },
    ];
    return controlRow(
      select('filter', settings.filter, choices, (filter) => {
        this.configure({ ...current(), filter });
        this.#custom(current());
      }),
      slider('stride', settings.stride, { min: 1, max: 4 }, (stride) =>
        this.configure({ ...current(), stride }),
      ),
      slider('padding', settings.pad, { min: 0, max: 3 }, (pad) =>
        this.configure({ ...current(), pad }),
      ),
    );
  }

  #custom(settings: ConvSettings): HTMLDivElement {
    const existing = this.#root?.querySelector<HTMLDivElement>('.dlkit-demo-custom-filter');
    const box = existing ?? document.createElement('div');
    box.className = 'dlkit-demo-custom-filter';
    box.style.cssText = `display:${settings.filter === 'custom' ? 'grid' : 'none'};grid-template-columns:repeat(3,56px);gap:4px;margin:4px 0;font:12px system-ui,sans-serif`;
    if (existing === null || existing === undefined) {
      settings.custom.forEach((w, i) => {
        const input = document.createElement('input');
        input.type = 'number';
        input.step = '0.5';
        input.value = String(w);
        input.setAttribute(
          'aria-label',
          `custom filter weight ${Math.floor(i / 3) + 1},${(i % 3) + 1}`,
        );
        input.addEventListener('change', () => {
          const custom = [...(this.#settings ?? settings).custom];
          custom[i] = Number.isFinite(Number(input.value)) ? Number(input.value) : 0;
          this.configure({ ...(this.#settings ?? settings), custom });
        });
        box.append(input);
      });
    }
    return box;
  }
}

/** The `a` and `b` quantiles of `values` (a contrast range that ignores a few extreme pixels). */
function percentiles(values: Float32Array, a: number, b: number): [number, number] {
  const sorted = Float32Array.from(values).sort();
  const at = (q: number): number => sorted[Math.round(q * (sorted.length - 1))] as number;
  return [at(a), at(b)];
}
