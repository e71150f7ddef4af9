// The natural logarithm rounded correctly to the nearest double.
//
// NumPy's normals call the C library's `log`, which is correctly rounded on nearly every input;
// V8's `Math.log` is off by one unit in the last place now and then, which would make
// `RandomState.randn` drift from NumPy. This computes ln(x) in double-double arithmetic
// (about 106 bits) and rounds once, so it agrees with the C library wherever that is exact.

// ln 2 as a double-double.
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const SPLITTER = 134217729; // 2^27 + 1, Dekker's splitting constant
const TERMS = 24;

/** [hi, lo] of 1 / (2n + 1), for the atanh series. */
const INV_ODD: [number, number][] = Array.from({ length: TERMS }, (_, n) => {
  const d = 2 * n + 1;
  const hi = 1 / d;
  const [p, e] = twoProd(hi, d);
  return [hi, (1 - p - e) / d];
});

function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function ddMul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, e] = twoProd(ah, bh);
  return twoSum(p, e + (ah * bl + al * bh));
}

function ddAdd(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [s, e] = twoSum(ah, bh);
  return twoSum(s, e + al + bl);
}

const view = new DataView(new ArrayBuffer(8));

/**
 * ln(x) for positive finite x, correctly rounded. Inputs outside that range follow `Math.log`.
 *
 * @internal
 */
export function exactLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  // x = 2^k * m with m in [sqrt(1/2), sqrt(2)).
  let k = 0;
  let m = x;
  if (m < 2.2250738585072014e-308) {
    m *= 2 ** 54;
    k -= 54;
  }
  view.setFloat64(0, m);
  const exponent = ((view.getUint32(0) >>> 20) & 0x7ff) - 1023;
  k += exponent;
  m = m * 2 ** -exponent;
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  // ln m = 2 atanh(s) with s = (m - 1) / (m + 1); m - 1 is exact (Sterbenz).
  const num = m - 1;
  const [dh, dl] = twoSum(m, 1);
  const sh = num / dh;
  const [ph, pl] = twoProd(sh, dh);
  const sl = (num - ph - pl - sh * dl) / dh;
  const [s2h, s2l] = ddMul(sh, sl, sh, sl);
  // atanh(s) / s = sum over n of s^(2n) / (2n + 1), by Horner's rule.
  let [th, tl] = INV_ODD[TERMS - 1] as [number, number];
  for (let n = TERMS - 2; n >= 0; n--) {
    const [mh, ml] = ddMul(th, tl, s2h, s2l);
    const [ch, cl] = INV_ODD[n] as [number, number];
    [th, tl] = ddAdd(mh, ml, ch, cl);
  }
  const [lh, ll] = ddMul(2 * sh, 2 * sl, th, tl);
  const [kh, kl] = twoProd(k, LN2_HI);
  const [rh, rl] = ddAdd(kh, kl + k * LN2_LO, lh, ll);
  return rh + rl;
}
