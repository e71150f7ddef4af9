// What a test needs to read a rendered plot: is the SVG well formed, how many marks of each kind
// did Vega draw, what text does it show.
import { expect } from 'vitest';

/** Asserts that every tag opened in `svg` is closed in order and that it is one `<svg>` root. */
export function expectWellFormedSvg(svg: string): void {
  expect(svg.trimStart().startsWith('<svg'), 'an <svg> root').toBe(true);
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose === '/') continue;
    if (close === '/') expect(stack.pop(), `</${name}> closes the open tag`).toBe(name);
    else stack.push(name as string);
  }
  expect(stack, 'tags left open').toEqual([]);
}

/**
 * How many marks Vega drew in the mark groups of `type` and `role` (`svgMarks(svg, 'rect')`
 * counts bars or heat-map cells, `'symbol'` points, `'line'` lines, `'rule'` rules; role
 * `'mark'` is the data's marks, `'axis-title'` the axis titles).
 */
export function svgMarks(svg: string, type: string, role = 'mark'): number {
  let n = 0;
  const open = new RegExp(`<g class="mark-${type} role-${role}(?=[\\s"])[^"]*"[^>]*>`, 'g');
  for (const m of svg.matchAll(open)) {
    const body = svg.slice((m.index ?? 0) + m[0].length, svg.indexOf('</g>', m.index));
    n += [...body.matchAll(/<(path|line|text|rect)\b/g)].length;
  }
  return n;
}

/** The texts Vega drew with `role` (`'axis-title'`, `'title-text'`, `'legend-label'`, `'mark'`). */
export function svgTexts(svg: string, role: string): string[] {
  const out: string[] = [];
  const open = new RegExp(`<g class="mark-text role-${role}(?=[\\s"])[^"]*"[^>]*>`, 'g');
  for (const m of svg.matchAll(open)) {
    const body = svg.slice((m.index ?? 0) + m[0].length, svg.indexOf('</g>', m.index));
    for (const t of body.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)) {
      out.push(
        (t[1] ?? '')
          .replace(/<tspan[^>]*>/g, ' ')
          .replace(/<\/tspan>/g, '')
          .trim(),
      );
    }
  }
  return out;
}
