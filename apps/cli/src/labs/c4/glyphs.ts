// A 3×5 bitmap font for the labels the face lab writes into its PNG (digits, '.', '-' and the
// lowercase letters of its names), so the image needs no canvas.
const FONT: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001010010010',
  '8': '111101111101111',
  '9': '111101111001111',
  '.': '000000000000010',
  '-': '000000111000000',
  ' ': '000000000000000',
  a: '010101111101101',
  b: '110101110101110',
  c: '011100100100011',
  d: '110101101101110',
  e: '111100110100111',
  f: '111100110100100',
  g: '011100101101011',
  h: '101101111101101',
  i: '111010010010111',
  j: '001001001101010',
  k: '101101110101101',
  l: '100100100100111',
  m: '101111111101101',
  n: '110101101101101',
  o: '010101101101010',
  p: '110101110100100',
  q: '010101101110011',
  r: '110101110101101',
  s: '011100010001110',
  t: '111010010010010',
  u: '101101101101111',
  v: '101101101101010',
  w: '101101111111101',
  x: '101101010101101',
  y: '101101010010010',
  z: '111001010100111',
  '?': '111001010000010',
};

/** Writes `text` into an RGB pixel buffer of width `width` at (x, y), each font pixel `scale`² pixels. */
export function drawText(
  pixels: Int32Array,
  width: number,
  text: string,
  x: number,
  y: number,
  colour: readonly [number, number, number],
  scale = 2,
): void {
  [...text.toLowerCase()].forEach((ch, k) => {
    const bits = FONT[ch] ?? (FONT['?'] as string);
    for (let i = 0; i < 15; i++) {
      if (bits[i] !== '1') continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const px = x + (k * 4 + (i % 3)) * scale + dx;
          const py = y + Math.floor(i / 3) * scale + dy;
          const at = (py * width + px) * 3;
          if (px < 0 || px >= width || at < 0 || at + 2 >= pixels.length) continue;
          pixels.set(colour, at);
        }
      }
    }
  });
}
