// Generated people for the face-recognition lab: each identity is a fixed set of facial traits
// (face shape, skin, hair colour and style, eye colour, size and spacing, brows, nose, mouth),
// and each picture of it varies only what a camera would (position, scale, lighting,
// background, expression, sensor noise). Drawn procedurally by dlkit, so no licence applies.
import * as tf from '@tensorflow/tfjs';
import { assertNumber, RandomState } from '@dlkit/core';

type Rgb = [number, number, number];

/** One generated person's fixed traits. */
export interface Identity {
  name: string;
  skin: Rgb;
  hair: Rgb;
  iris: Rgb;
  /** Face half-width and half-height, as fractions of the image side. */
  faceW: number;
  faceH: number;
  /** Hair style: 0 short, 1 long (down the sides), 2 bald with a fringe. */
  hairStyle: number;
  eyeGap: number;
  eyeSize: number;
  eyeY: number;
  browThickness: number;
  noseLength: number;
  mouthWidth: number;
}

/** The people's names: the course notebook's twelve database names, then 28 more. */
const NAMES = [
  'danielle',
  'younes',
  'tian',
  'andrew',
  'kian',
  'dan',
  'sebastiano',
  'bertrand',
  'kevin',
  'felix',
  'benoit',
  'arnaud',
  'amara',
  'bao',
  'chiara',
  'dmitri',
  'elif',
  'farid',
  'grace',
  'hana',
  'ines',
  'jonas',
  'keiko',
  'luis',
  'mei',
  'nadia',
  'oskar',
  'priya',
  'quentin',
  'rosa',
  'samir',
  'tomas',
  'ugo',
  'vera',
  'wen',
  'xavier',
  'yara',
  'zeno',
  'adele',
  'boris',
];

const SKINS: Rgb[] = [
  [250, 214, 184],
  [230, 180, 145],
  [198, 146, 108],
  [150, 102, 72],
  [105, 72, 50],
];
const HAIRS: Rgb[] = [
  [30, 22, 18],
  [95, 60, 30],
  [200, 160, 90],
  [150, 50, 30],
  [160, 160, 165],
];
const IRISES: Rgb[] = [
  [60, 40, 20],
  [40, 90, 160],
  [60, 120, 60],
  [110, 80, 50],
];

function pick<T>(rng: RandomState, list: readonly T[]): T {
  return list[Math.floor(rng.nextDouble() * list.length)] as T;
}

function between(rng: RandomState, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.nextDouble();
}

/** `n` (at most 40) people with traits drawn from `seed` (the first `k` are the same for any `n ≥ k`). */
export function makeIdentities(n: number, seed: number): Identity[] {
  assertNumber('makeIdentities', 'n', n, { min: 1, max: NAMES.length, integer: true });
  const rng = new RandomState(seed);
  return NAMES.slice(0, n).map((name) => ({
    name,
    skin: pick(rng, SKINS),
    hair: pick(rng, HAIRS),
    iris: pick(rng, IRISES),
    faceW: between(rng, 0.27, 0.34),
    faceH: between(rng, 0.34, 0.42),
    hairStyle: Math.floor(rng.nextDouble() * 3),
    eyeGap: between(rng, 0.12, 0.18),
    eyeSize: between(rng, 0.035, 0.055),
    eyeY: between(rng, -0.1, -0.04),
    browThickness: between(rng, 0.008, 0.025),
    noseLength: between(rng, 0.05, 0.11),
    mouthWidth: between(rng, 0.07, 0.14),
  }));
}

/** What one picture of a person varies. */
interface Shot {
  dx: number;
  dy: number;
  scale: number;
  light: number;
  smile: number;
  top: Rgb;
  bottom: Rgb;
}

function drawShot(rng: RandomState): Shot {
  const grey = (): Rgb => {
    const v = between(rng, 60, 220);
    return [v * between(rng, 0.8, 1.1), v * between(rng, 0.8, 1.1), v * between(rng, 0.8, 1.1)];
  };
  return {
    dx: between(rng, -0.03, 0.03),
    dy: between(rng, -0.03, 0.03),
    scale: between(rng, 0.94, 1.06),
    light: between(rng, 0.85, 1.15),
    smile: between(rng, -0.3, 1),
    top: grey(),
    bottom: grey(),
  };
}

/** Whether (u, v) lies in the ellipse centred at (cu, cv) with half-axes (a, b). */
function inEllipse(u: number, v: number, cu: number, cv: number, a: number, b: number): boolean {
  const x = (u - cu) / a;
  const y = (v - cv) / b;
  return x * x + y * y <= 1;
}

/** The colour of the face at (u, v), in face coordinates (centre 0, image side 1), or undefined. */
function faceColour(p: Identity, s: Shot, u: number, v: number): Rgb | undefined {
  const hairTop =
    inEllipse(u, v, 0, -p.faceH * 0.35, p.faceW * 1.08, p.faceH * 0.8) && v < -p.faceH * 0.45;
  const hairSides =
    p.hairStyle === 1 &&
    inEllipse(u, v, 0, 0.02, p.faceW * 1.2, p.faceH * 1.05) &&
    Math.abs(u) > p.faceW * 0.82;
  const onFace = inEllipse(u, v, 0, 0, p.faceW, p.faceH);
  if ((p.hairStyle !== 2 && hairTop) || hairSides) return p.hair;
  if (!onFace) return undefined;
  if (p.hairStyle === 2 && v < -p.faceH * 0.72) return p.hair;
  for (const side of [-1, 1]) {
    const eu = side * p.eyeGap;
    if (inEllipse(u, v, eu, p.eyeY - p.eyeSize * 1.9, p.eyeSize * 1.4, p.browThickness))
      return p.hair;
    if (inEllipse(u, v, eu, p.eyeY, p.eyeSize * 0.55, p.eyeSize * 0.55)) return p.iris;
    if (inEllipse(u, v, eu, p.eyeY, p.eyeSize * 1.25, p.eyeSize * 0.75)) return [245, 245, 240];
  }
  const shade: Rgb = [p.skin[0] * 0.75, p.skin[1] * 0.7, p.skin[2] * 0.7];
  if (inEllipse(u, v, 0, p.eyeY + p.noseLength * 0.6, 0.018, p.noseLength * 0.6)) return shade;
  const mouthV = p.eyeY + p.noseLength + 0.07;
  const t = u / p.mouthWidth;
  if (Math.abs(t) <= 1 && Math.abs(v - (mouthV + s.smile * 0.03 * (1 - t * t))) < 0.012)
    return [150, 50, 60];
  return p.skin;
}

/**
 * One picture `[size, size, 3]` (int32, 0–255) of `person`, its camera variation drawn from `rng`.
 */
export function drawPerson(person: Identity, rng: RandomState, size: number): tf.Tensor3D {
  const s = drawShot(rng);
  const data = new Int32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = ((x + 0.5) / size - 0.5 - s.dx) / s.scale;
      const v = ((y + 0.5) / size - 0.5 - s.dy) / s.scale;
      const f = y / (size - 1);
      const colour =
        faceColour(person, s, u, v) ?? [0, 1, 2].map((c) => s.top[c]! * (1 - f) + s.bottom[c]! * f);
      for (let c = 0; c < 3; c++) {
        const value = (colour[c] as number) * s.light + 6 * rng.nextGaussian();
        data[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return tf.tensor3d(data, [size, size, 3], 'int32');
}
