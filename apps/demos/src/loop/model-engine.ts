import { DlkitError } from '@dlkit/core';
import type { DemoEngine, DemoProgress } from '../engine.js';
import type { DemoModel, DemoView } from './demo-model.js';
import { nextFrame } from './scheduler.js';

/** How a {@link ModelEngine} paces its training loop. */
export interface EnginePacing {
  /** Training steps per animation frame (so the page stays responsive). Default 5. */
  stepsPerFrame?: number;
  /** Redraw every this many frames. Default 1. */
  drawEveryFrames?: number;
  /** Stop by itself after this many steps (the demo has converged). Default no limit. */
  maxSteps?: number;
}

/**
 * A {@link DemoEngine} made of a pure {@link DemoModel} (created from settings by a seeded factory)
 * and an optional {@link DemoView}: trains a few steps per animation frame, reports every step,
 * redraws every few frames, and on `reset()` disposes the model and makes a fresh one.
 *
 * @typeParam M - The model.
 * @typeParam S - The settings the model is made from (stride, hidden units …).
 */
export class ModelEngine<M extends DemoModel, S> implements DemoEngine {
  #model: M;
  #settings: S;
  #running = false;
  #cancel: (() => void) | null = null;
  #frames = 0;
  #last: DemoProgress | null = null;
  #mounted = false;
  #disposed = false;
  readonly #listeners = new Set<(p: DemoProgress) => void>();

  /**
   * @param create - Makes a fresh, seeded model from settings.
   * @param settings - The initial settings.
   * @param view - The drawing part, or `null` for a headless engine (tests).
   * @param pacing - Steps per frame and redraw rate.
   */
  constructor(
    private readonly create: (settings: S) => M,
    settings: S,
    private readonly view: DemoView<M> | null,
    private readonly pacing: EnginePacing = {},
  ) {
    this.#settings = settings;
    this.#model = create(settings);
  }

  /** The current model (for views and tests); replaced by `reset()` and `configure()`. */
  get model(): M {
    return this.#model;
  }

  /** The current settings. */
  get settings(): S {
    return this.#settings;
  }

  get running(): boolean {
    return this.#running;
  }

  mount(container: HTMLElement): void {
    this.#alive('mount');
    this.view?.mount(container);
    this.#mounted = this.view !== null;
    this.#draw();
  }

  start(): void {
    this.#alive('start');
    if (this.#running) return;
    this.#running = true;
    this.#cancel = nextFrame(() => this.#frame());
  }

  stop(): void {
    this.#running = false;
    this.#cancel?.();
    this.#cancel = null;
  }

  reset(): void {
    this.#alive('reset');
    this.#rebuild(this.#settings, false);
  }

  /**
   * Changes settings: stops, disposes the model and makes a fresh one from `settings` (a view
   * calls this when a control changes).
   */
  configure(settings: S): void {
    this.#alive('configure');
    this.#rebuild(settings, this.#running);
  }

  onProgress(listener: (p: DemoProgress) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.stop();
    if (this.#mounted) this.view?.unmount();
    this.#mounted = false;
    this.#model.dispose();
    this.#listeners.clear();
    this.#disposed = true;
  }

  #rebuild(settings: S, resume: boolean): void {
    this.stop();
    const next = this.create(settings);
    this.#model.dispose();
    this.#model = next;
    this.#settings = settings;
    this.#last = null;
    this.#frames = 0;
    this.#draw();
    if (resume) this.start();
  }

  #frame(): void {
    this.#cancel = null;
    if (!this.#running) return;
    const { stepsPerFrame = 5, drawEveryFrames = 1, maxSteps = Infinity } = this.pacing;
    for (let i = 0; i < stepsPerFrame && this.#running; i++) {
      const loss = this.#model.trainStep();
      this.#last = { step: this.#model.steps, loss, extra: this.#model.extra() };
      for (const listener of this.#listeners) listener(this.#last);
      if (this.#model.steps >= maxSteps) this.stop();
    }
    this.#frames += 1;
    if (this.#frames % drawEveryFrames === 0 || !this.#running) this.#draw();
    if (this.#running) this.#cancel = nextFrame(() => this.#frame());
  }

  #draw(): void {
    if (this.#mounted) this.view?.draw(this.#model, this.#last);
  }

  #alive(method: string): void {
    if (this.#disposed) {
      throw new DlkitError('state', `DemoEngine.${method}`, 'the engine was disposed', {
        argument: 'this',
      });
    }
  }
}
