/** Schedules `callback` for the next animation frame (a browser), or the next macrotask (Node). */
export function nextFrame(callback: () => void): () => void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number })
    .requestAnimationFrame;
  const caf = (globalThis as { cancelAnimationFrame?: (id: number) => void }).cancelAnimationFrame;
  if (raf !== undefined && caf !== undefined) {
    const id = raf(callback);
    return () => caf(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}
