// A 3×5 pixel font for box labels: capitals, digits and a little punctuation, each glyph five
// rows of three bits read left to right. Lower-case letters are drawn as capitals; a character
// the font lacks is drawn as '?'. Internal.

const GLYPHS: Record<string, string> = {
  A: '010101111101101',
  B: '110101110101110',
  C: '011100100100011',
  D: '110101101101110',
  E: '111100110100111',
  F: '111100110100100',
  G: '011100101101011',
  H: '101101111101101',
  I: '111010010010111',
  J: '001001001101010',
  K: '101101110101101',
  L: '100100100100111',
  M: '101111111101101',
  N: '110101101101101',
  O: '010101101101010',
  P: '110101110100100',
  Q: '010101101110011',
  R: '110101110101101',
  S: '011100010001110',
  T: '111010010010010',
  U: '101101101101111',
  V: '101101101101010',
  W: '101101111111101',
  X: '101101010101101',
  Y: '101101010010010',
  Z: '111001010100111',
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '110001010100111',
  '3': '110001010001110',
  '4': '101101111001001',
  '5': '111100110001110',
  '6': '011100111101111',
  '7': '111001010010010',
  '8': '111101111101111',
  '9': '111101111001110',
  '.': '000000000000010',
  '%': '101001010100101',
  '-': '000000111000000',
  ':': '000010000010000',
  ' ': '000000000000000',
  '?': '110001010000010',
};

/** Glyph width and height in font pixels, and the gap after each glyph. */
export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;
export const GLYPH_GAP = 1;

/** The width in font pixels of `text` drawn in this font. */
export function textWidth(text: string): number {
  return text.length === 0 ? 0 : text.length * (GLYPH_WIDTH + GLYPH_GAP) - GLYPH_GAP;
}

/**
 * Calls `set(x, y)` for every lit font pixel of `text`, with the text's top-left corner at (0, 0)
 * and each font pixel `scale × scale` image pixels.
 */
export function rasterText(text: string, scale: number, set: (x: number, y: number) => void): void {
  [...text.toUpperCase()].forEach((ch, k) => {
    const bits = GLYPHS[ch] ?? GLYPHS['?']!;
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if (bits[r * GLYPH_WIDTH + c] !== '1') continue;
        const x0 = (k * (GLYPH_WIDTH + GLYPH_GAP) + c) * scale;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) set(x0 + dx, r * scale + dy);
      }
    }
  });
}
