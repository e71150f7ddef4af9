import { DlkitError } from '@dlkit/core';

/** Throws a DlkitError unless `value` is a function. */
export function assertFunction(fn: string, argument: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new DlkitError('value', fn, `${argument} must be a function, got ${describe(value)}`, {
      argument,
    });
  }
}

/** Throws a DlkitError unless this is a browser and `value` is an element of its document. */
export function assertElement(fn: string, argument: string, value: unknown): void {
  if (typeof HTMLElement === 'undefined') {
    throw new DlkitError('state', fn, 'drawing needs a browser (HTMLElement is not defined)', {
      argument,
    });
  }
  if (!(value instanceof HTMLElement)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an HTMLElement, got ${describe(value)}`,
      {
        argument,
      },
    );
  }
}

/** Throws a DlkitError unless `value` is a non-null object (not an array). */
export function assertObject(fn: string, argument: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DlkitError('value', fn, `${argument} must be an object, got ${describe(value)}`, {
      argument,
    });
  }
}

/** A short description of a value for error messages: `null`, `number NaN`, `[1, 2]` … */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * Runs `body`; a DlkitError it throws is thrown again as coming from `fn` (the function the user
 * called), its detail and argument kept: `createConvEngine: settings.stride must be …`.
 */
export function asCalledBy<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (!(e instanceof DlkitError) || e.fn === fn) throw e;
    const detail = e.message.startsWith(`${e.fn}: `) ? e.message.slice(e.fn.length + 2) : e.message;
    throw new DlkitError(e.kind, fn, detail, {
      ...(e.argument === undefined ? {} : { argument: e.argument }),
      cause: e,
    });
  }
}
