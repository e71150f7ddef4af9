/**
 * A value as error messages show it: `null`, `number NaN`, `an array of length 2`,
 * `an object (Tensor)`, `string "x"`.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return `an object (${name ?? 'Object'})`;
  }
  if (typeof value === 'string') return `string ${JSON.stringify(value.slice(0, 60))}`;
  return `${typeof value} ${String(value)}`;
}
