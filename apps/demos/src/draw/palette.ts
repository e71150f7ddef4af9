import type { Rgb } from './canvas.js';

/** The demos' colours: readable on white, distinguishable with common colour-vision deficiencies. */
export const PALETTE = {
  ink: '#1f2933',
  muted: '#52606d',
  grid: '#d9e2ec',
  red: '#d1495b',
  blue: '#2d6cdf',
  orange: '#e07a1f',
  green: '#1b9e77',
  purple: '#7b3fbf',
} as const;

/** Light red → white → light blue, for a probability of class 1 (the planar boundary). */
export const RED_BLUE: readonly Rgb[] = [
  [242, 170, 170],
  [250, 226, 226],
  [255, 255, 255],
  [222, 233, 252],
  [160, 190, 245],
];

/** A light sequential map (low = pale yellow, high = slate blue), for loss surfaces. */
export const SURFACE: readonly Rgb[] = [
  [255, 251, 230],
  [232, 244, 214],
  [200, 230, 220],
  [175, 205, 228],
  [165, 180, 222],
  [170, 165, 210],
];

/** Black → white, for images and feature maps. */
export const GREY: readonly Rgb[] = [
  [0, 0, 0],
  [255, 255, 255],
];
