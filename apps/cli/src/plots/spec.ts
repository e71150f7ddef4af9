import { DlkitError } from '@dlkit/core';

/**
 * A Vega-Lite top-level specification as plain JSON (data inline), the one plot format of dlkit:
 * the CLI renders it to SVG with {@link renderSvg}, a web page renders the same object live
 * (`vega-embed`).
 *
 * @category Plots
 */
export type VegaLiteSpec = Record<string, unknown>;

/** The Vega-Lite schema every dlkit spec declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The look every dlkit plot shares (fonts, sizes, a white background). */
export const PLOT_CONFIG = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  padding: 12,
  title: { fontSize: 15, fontWeight: 'normal', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e8e8e8' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  view: { stroke: '#bbb' },
} as const;

/** Throws unless `value` is a plain (non-array) object. */
export function assertRecord(fn: string, argument: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new DlkitError('value', fn, `${argument} must be an object, got ${got}`, { argument });
  }
}

/** Throws unless `value` is a non-empty string (at most 200 characters). */
export function assertText(fn: string, argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    const got = typeof value === 'string' ? `'${value.slice(0, 40)}'` : typeof value;
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a string of 1 to 200 characters, got ${got}`,
      { argument },
    );
  }
  return value;
}

/** Throws unless `value` is an array of 1 to `max` entries. */
export function assertList(fn: string, argument: string, value: unknown, max: number): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    const got = Array.isArray(value) ? `${value.length} entries` : typeof value;
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of 1 to ${max} entries, got ${got}`,
      {
        argument,
      },
    );
  }
  return value;
}

/** A top-level spec: schema, shared config, optional title, then the given view. */
export function topLevel(title: string | undefined, view: VegaLiteSpec): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title === undefined ? {} : { title }),
    config: PLOT_CONFIG,
    ...view,
  };
}
