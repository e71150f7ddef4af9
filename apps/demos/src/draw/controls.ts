/** A labelled `<input type="range">` that calls `onChange` with its value. */
export function slider(
  text: string,
  value: number,
  bounds: { min: number; max: number; step?: number },
  onChange: (value: number) => void,
): HTMLLabelElement {
  const input = document.createElement('input');
  input.type = 'range';
  input.min = String(bounds.min);
  input.max = String(bounds.max);
  input.step = String(bounds.step ?? 1);
  input.value = String(value);
  const shown = document.createElement('output');
  shown.textContent = String(value);
  input.addEventListener('input', () => {
    shown.textContent = input.value;
    onChange(Number(input.value));
  });
  return wrap(text, input, shown);
}

/** A labelled `<select>` of `choices` that calls `onChange` with the chosen value. */
export function select<T extends string>(
  text: string,
  value: T,
  choices: readonly { value: T; label: string }[],
  onChange: (value: T) => void,
): HTMLLabelElement {
  const input = document.createElement('select');
  for (const choice of choices) {
    const option = document.createElement('option');
    option.value = choice.value;
    option.textContent = choice.label;
    option.selected = choice.value === value;
    input.append(option);
  }
  input.addEventListener('change', () => onChange(input.value as T));
  return wrap(text, input);
}

/** A row of controls under a demo's canvases. */
export function controlRow(...controls: HTMLElement[]): HTMLDivElement {
  const row = document.createElement('div');
  row.className = 'dlkit-demo-controls';
  row.style.cssText =
    'display:flex;flex-wrap:wrap;gap:12px 20px;align-items:center;margin:8px 0;font:13px system-ui,sans-serif;color:#1f2933';
  row.append(...controls);
  return row;
}

function wrap(text: string, ...children: HTMLElement[]): HTMLLabelElement {
  const label = document.createElement('label');
  label.style.cssText = 'display:inline-flex;gap:6px;align-items:center';
  label.append(text, ...children);
  return label;
}
