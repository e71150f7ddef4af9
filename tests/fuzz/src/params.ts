/** One declared parameter of a function, read from its source text. */
export interface Param {
  /** Its name (`options` for a destructured object, `args` for a destructured array). */
  name: string;
  /** Whether it has a default value (so `undefined` there is accepted by design). */
  hasDefault: boolean;
  /** Whether it is a rest parameter. */
  rest: boolean;
  /** The fields of a destructured object parameter (`{ stride, pad }`), if it is one. */
  fields: string[];
}

/** Splits `text` at top-level occurrences of `sep` (outside brackets, braces, parentheses, strings). */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The text between the parenthesis at `open` and its matching one. */
function parenthesised(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return '';
}

function parseParam(text: string, index: number): Param {
  const trimmed = text.trim();
  const [binding = '', ...defaults] = splitTopLevel(trimmed, '=');
  const rest = binding.startsWith('...');
  const bare = binding.replace(/^\.\.\./, '').trim();
  const fields = bare.startsWith('{')
    ? splitTopLevel(bare.slice(1, -1), ',')
        .map((f) => f.trim().split(/[:=\s]/)[0] ?? '')
        .filter((f) => /^[A-Za-z_$][\w$]*$/.test(f))
    : [];
  const name = /^[A-Za-z_$][\w$]*$/.test(bare)
    ? bare
    : bare.startsWith('{')
      ? 'options'
      : `arg${index}`;
  return { name, hasDefault: defaults.length > 0, rest, fields };
}

/**
 * The declared parameters of a function, method or class constructor, read from its source (the
 * TypeScript sources run through tsx/esbuild, which keeps names and defaults).
 *
 * @param fn - A function or class.
 * @returns Its parameters in order (empty for a class without a constructor).
 */
export function paramsOf(fn: (...args: never[]) => unknown): Param[] {
  const source = Function.prototype.toString.call(fn);
  let open: number;
  if (source.startsWith('class')) {
    const at = source.search(/\bconstructor\s*\(/);
    if (at < 0) return [];
    open = source.indexOf('(', at);
  } else {
    open = source.indexOf('(');
    const arrow = source.indexOf('=>');
    if (arrow >= 0 && (open < 0 || arrow < open)) {
      // `x => …`: one bare parameter.
      return [parseParam(source.slice(0, arrow), 0)];
    }
  }
  if (open < 0) return [];
  const list = parenthesised(source, open).trim();
  if (list === '') return [];
  return splitTopLevel(list, ',')
    .filter((p) => p.trim() !== '')
    .map(parseParam);
}
