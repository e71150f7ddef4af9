import type { DemoDefinition, DemoEngine, DemoProgress } from '../engine.js';
import { context, createCanvas, label } from '../draw/canvas.js';
import { PALETTE } from '../draw/palette.js';

/** What {@link mountDemo} mounted: the engine and the function that takes it all down. */
export interface MountedDemo {
  /** The running demo's engine. */
  engine: DemoEngine;
  /** Every progress report since the last reset, in order. */
  history: DemoProgress[];
  /** Disposes the engine and removes the demo from the page. */
  dispose(): void;
}

/**
 * Mounts a demo in a plain page (no framework): its title, start / stop / reset buttons, a line
 * of progress, a loss curve, and the engine's own canvases and controls. The docs site has its
 * own Vue component for the same; this one serves plain pages and the browser test.
 *
 * @param definition - The demo.
 * @param container - Where to put it.
 * @returns The engine, its progress history, and `dispose()`.
 *
 * @example
 * ```ts
 * import { demos, mountDemo } from '@dlkit/demos';
 * const mounted = await mountDemo(demos[0]!, document.body); // in a browser
 * mounted.engine.start();
 * ```
 *
 * @category Demos
 */
export async function mountDemo(
  definition: DemoDefinition,
  container: HTMLElement,
): Promise<MountedDemo> {
  const engine = await definition.create();
  const history: DemoProgress[] = [];
  const section = document.createElement('section');
  section.className = 'dlkit-demo-host';
  section.dataset['demo'] = definition.id;
  section.style.cssText =
    'font:14px system-ui,sans-serif;color:#1f2933;border:1px solid #d9e2ec;border-radius:8px;padding:12px 16px;margin:12px 0;max-width:980px;background:#fff';
  const title = document.createElement('h2');
  title.textContent = `C${definition.course} W${definition.week} · ${definition.title}`;
  title.style.cssText = 'font-size:17px;margin:0 0 4px';
  const about = document.createElement('p');
  about.textContent = definition.description ?? '';
  about.style.cssText = 'margin:0 0 8px;color:#52606d';
  const status = document.createElement('span');
  status.className = 'dlkit-demo-status';
  const curve = createCanvas(240, 56, 'Loss curve');
  const bar = document.createElement('div');
  bar.style.cssText = 'display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:8px';
  const body = document.createElement('div');
  const refresh = (): void => {
    const last = history[history.length - 1];
    status.textContent =
      (engine.running ? 'training · ' : 'stopped · ') +
      (last === undefined ? 'step 0' : `step ${last.step} · loss ${last.loss.toPrecision(4)}`);
    drawCurve(curve, history);
  };
  bar.append(
    button('start', 'Start', () => engine.start()),
    button('stop', 'Stop', () => engine.stop()),
    button('reset', 'Reset', () => {
      engine.reset();
      history.length = 0;
    }),
    curve,
    status,
  );
  section.append(title, about, bar, body);
  container.append(section);
  engine.mount(body);
  const unsubscribe = engine.onProgress((p) => history.push(p));
  let frame = 0;
  const tick = (): void => {
    refresh();
    frame = requestAnimationFrame(tick);
  };
  tick();
  return {
    engine,
    history,
    dispose: () => {
      cancelAnimationFrame(frame);
      unsubscribe();
      engine.dispose();
      section.remove();
    },
  };
}

function button(name: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset['action'] = name;
  b.style.cssText =
    'font:13px system-ui,sans-serif;padding:4px 14px;border:1px solid #9fb3c8;border-radius:6px;background:#f0f4f8;cursor:pointer';
  b.addEventListener('click', onClick);
  return b;
}

function drawCurve(canvas: HTMLCanvasElement, history: readonly DemoProgress[]): void {
  const ctx = context(canvas);
  const width = 240;
  const height = 56;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, width, height);
  const losses = history.map((p) => p.loss).filter(Number.isFinite);
  if (losses.length < 2) {
    label(ctx, 'loss curve', 8, 32, { size: 11, colour: PALETTE.muted });
    return;
  }
  const lo = Math.min(...losses);
  const hi = Math.max(...losses);
  ctx.beginPath();
  losses.forEach((loss, i) => {
    const x = 4 + (i / (losses.length - 1)) * (width - 8);
    const y = 16 + (hi === lo ? 0.5 : (hi - loss) / (hi - lo)) * (height - 22);
    ctx.lineTo(x, y);
  });
  ctx.strokeStyle = PALETTE.blue;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  label(ctx, `loss ${hi.toPrecision(3)} → ${losses[losses.length - 1]!.toPrecision(3)}`, 6, 12, {
    size: 10,
    colour: PALETTE.muted,
  });
}
