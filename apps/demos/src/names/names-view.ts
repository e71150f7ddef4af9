import type { DemoView } from '../loop/demo-model.js';
import { context, createCanvas, label } from '../draw/canvas.js';
import { controlRow, select } from '../draw/controls.js';
import { PALETTE } from '../draw/palette.js';
import type { CharModel, CharSettings } from './char-model.js';

const WIDTH = 640;
const HEIGHT = 300;
const ROWS = 9;

/**
 * Draws the character model: what it is, and the names it sampled at each sampling step, the
 * newest on top, so the gibberish of step 0 turning into name-like words shows as it trains.
 */
export class NamesView implements DemoView<CharModel> {
  #root: HTMLDivElement | null = null;
  #canvas: HTMLCanvasElement | null = null;
  #settings: CharSettings | null = null;
  #history: { step: number; names: readonly string[] }[] = [];
  #model: CharModel | null = null;

  /** @param configure - Called with new settings when a control changes. */
  constructor(private readonly configure: (settings: CharSettings) => void) {}

  mount(container: HTMLElement): void {
    const root = document.createElement('div');
    root.className = 'dlkit-demo dlkit-demo-char-names';
    const canvas = createCanvas(
      WIDTH,
      HEIGHT,
      'Names sampled by a character-level LSTM as it trains',
    );
    root.append(canvas);
    container.append(root);
    this.#root = root;
    this.#canvas = canvas;
  }

  draw(model: CharModel): void {
    if (this.#canvas === null || this.#root === null) return;
    this.#settings = model.settings;
    if (this.#root.childElementCount === 1) this.#root.append(this.#controls(model.settings));
    if (this.#model !== model) {
      this.#model = model;
      this.#history = [];
    }
    const step = model.steps - (model.steps % model.settings.sampleEvery);
    if (this.#history[0]?.step !== step) this.#history.unshift({ step, names: model.samples });
    this.#history.length = Math.min(this.#history.length, ROWS);
    const ctx = context(this.#canvas);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const { units, batchSize, learningRate } = model.settings;
    label(ctx, `embedding 16 → LSTM ${units} → dense ${model.vocabulary.size} (softmax)`, 12, 22, {
      size: 13,
      bold: true,
    });
    label(
      ctx,
      `${model.names.length.toLocaleString('en')} names · batches of ${batchSize} · Adam α = ${learningRate} · step ${model.steps}`,
      12,
      40,
      { size: 12, colour: PALETTE.muted },
    );
    label(ctx, 'step', 12, 66, { size: 11, colour: PALETTE.muted, bold: true });
    label(ctx, 'sampled names (seeded: RandomState(seed + step))', 70, 66, {
      size: 11,
      colour: PALETTE.muted,
      bold: true,
    });
    this.#history.forEach((row, i) => {
      const y = 90 + i * 24;
      if (i === 0) {
        ctx.fillStyle = '#e6eefc';
        ctx.fillRect(6, y - 16, WIDTH - 12, 22);
      }
      label(ctx, String(row.step), 12, y, { size: 12, colour: PALETTE.muted });
      ctx.font = '13px ui-monospace, "DejaVu Sans Mono", Menlo, monospace';
      ctx.fillStyle = i === 0 ? PALETTE.ink : PALETTE.muted;
      ctx.textAlign = 'left';
      ctx.fillText(row.names.map((n) => (n === '' ? '∅' : n)).join('   '), 70, y);
    });
  }

  unmount(): void {
    this.#root?.remove();
    this.#root = null;
    this.#canvas = null;
    this.#model = null;
    this.#history = [];
  }

  #controls(settings: CharSettings): HTMLDivElement {
    const current = (): CharSettings => this.#settings ?? settings;
    return controlRow(
      select(
        'LSTM units',
        String(settings.units),
        ['32', '64', '128'].map((v) => ({ value: v, label: v })),
        (v) => this.configure({ ...current(), units: Number(v) }),
      ),
      select(
        'learning rate',
        String(settings.learningRate),
        ['0.005', '0.01', '0.02', '0.05'].map((v) => ({ value: v, label: v })),
        (v) => this.configure({ ...current(), learningRate: Number(v) }),
      ),
    );
  }
}
