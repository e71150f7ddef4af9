// dlkit's fused LSTM kernels (the contract of @dlkit/core's LSTM_FORWARD_KERNEL and
// LSTM_BACKWARD_KERNEL): a whole sequence of steps, forward or backward, in one call, working in
// place on tfjs' wasm heap. Row-major float32; m examples, T steps, H units; gates in Keras'
// order i, f, c (candidate), o.
#include "gemm.h"
#include "vmath.h"

// Forward. xproj [m, T, 4H], u [H, 4H], h0 and c0 [m, H] in; hc [m, T, 2H] (h then c per step)
// and gates [m, T, 4H] (activated) out. Per step: z = xproj[:, t] + h[t-1] @ u, computed in the
// gates' rows; then the activations, c and h.
__attribute__((export_name("lstm_forward")))
void lstm_forward(const float *xproj, const float *u, const float *h0, const float *c0, float *hc,
                  float *gates, int m, int T, int H) {
  int G = 4 * H;
  for (int t = 0; t < T; t++) {
    for (int b = 0; b < m; b++) {
      const float *x = xproj + (b * T + t) * G;
      float *z = gates + (b * T + t) * G;
      int j = 0;
      for (; j + 4 <= G; j += 4) wasm_v128_store(z + j, wasm_v128_load(x + j));
      for (; j < G; j++) z[j] = x[j];
    }
    const float *hprev = t == 0 ? h0 : hc + (t - 1) * 2 * H;
    int ldh = t == 0 ? H : T * 2 * H;
    gemm(hprev, ldh, u, G, gates + t * G, T * G, m, H, G, 1);
    for (int b = 0; b < m; b++) {
      float *z = gates + (b * T + t) * G;
      const float *cprev = t == 0 ? c0 + b * H : hc + (b * T + t - 1) * 2 * H + H;
      float *h = hc + (b * T + t) * 2 * H;
      float *c = h + H;
      for (int j = 0; j < H; j += 4) {
        int tail = H - j < 4;
        // The last group of an H that is not a multiple of 4 runs one lane at a time.
        for (int l = 0; l < (tail ? H - j : 1); l++) {
          int k = j + l;
          v128_t zi, zf, zg, zo, cp;
          if (tail) {
            zi = wasm_f32x4_splat(z[k]), zf = wasm_f32x4_splat(z[H + k]);
            zg = wasm_f32x4_splat(z[2 * H + k]), zo = wasm_f32x4_splat(z[3 * H + k]);
            cp = wasm_f32x4_splat(cprev[k]);
          } else {
            zi = wasm_v128_load(z + j), zf = wasm_v128_load(z + H + j);
            zg = wasm_v128_load(z + 2 * H + j), zo = wasm_v128_load(z + 3 * H + j);
            cp = wasm_v128_load(cprev + j);
          }
          v128_t i = vsigmoid(zi), f = vsigmoid(zf), g = vtanh(zg), o = vsigmoid(zo);
          v128_t cn = wasm_f32x4_add(wasm_f32x4_mul(f, cp), wasm_f32x4_mul(i, g));
          v128_t hn = wasm_f32x4_mul(o, vtanh(cn));
          if (tail) {
            z[k] = wasm_f32x4_extract_lane(i, 0), z[H + k] = wasm_f32x4_extract_lane(f, 0);
            z[2 * H + k] = wasm_f32x4_extract_lane(g, 0), z[3 * H + k] = wasm_f32x4_extract_lane(o, 0);
            c[k] = wasm_f32x4_extract_lane(cn, 0), h[k] = wasm_f32x4_extract_lane(hn, 0);
          } else {
            wasm_v128_store(z + j, i), wasm_v128_store(z + H + j, f);
            wasm_v128_store(z + 2 * H + j, g), wasm_v128_store(z + 3 * H + j, o);
            wasm_v128_store(c + j, cn), wasm_v128_store(h + j, hn);
          }
        }
      }
    }
  }
}

// Backward through time. dhc [m, T, 2H] (gradients of the forward's hc), ut [4H, H] (u
// transposed), h0, c0, and the forward's hc and gates in; dz [m, T, 4H], dh0 and dc0 [m, H] out.
// dh0 and dc0 carry the gradients flowing from step t to step t - 1 while the loop runs.
__attribute__((export_name("lstm_backward")))
void lstm_backward(const float *dhc, const float *ut, const float *c0, const float *hc,
                   const float *gates, float *dz, float *dh0, float *dc0, int m, int T, int H) {
  int G = 4 * H;
  for (int k = 0; k < m * H; k++) dh0[k] = 0, dc0[k] = 0;
  v128_t one = wasm_f32x4_splat(1.0f);
  for (int t = T - 1; t >= 0; t--) {
    for (int b = 0; b < m; b++) {
      const float *gt = gates + (b * T + t) * G;
      const float *c = hc + (b * T + t) * 2 * H + H;
      const float *cprev = t == 0 ? c0 + b * H : hc + (b * T + t - 1) * 2 * H + H;
      const float *dh_out = dhc + (b * T + t) * 2 * H;
      const float *dc_out = dh_out + H;
      float *dzt = dz + (b * T + t) * G;
      float *dhn = dh0 + b * H;
      float *dcn = dc0 + b * H;
      for (int j = 0; j < H; j += 4) {
        int tail = H - j < 4;
        for (int l = 0; l < (tail ? H - j : 1); l++) {
          int k = j + l;
          v128_t i, f, g, o, ct, cp, dho, dco, dhr, dcr;
          if (tail) {
            i = wasm_f32x4_splat(gt[k]), f = wasm_f32x4_splat(gt[H + k]);
            g = wasm_f32x4_splat(gt[2 * H + k]), o = wasm_f32x4_splat(gt[3 * H + k]);
            ct = wasm_f32x4_splat(c[k]), cp = wasm_f32x4_splat(cprev[k]);
            dho = wasm_f32x4_splat(dh_out[k]), dco = wasm_f32x4_splat(dc_out[k]);
            dhr = wasm_f32x4_splat(dhn[k]), dcr = wasm_f32x4_splat(dcn[k]);
          } else {
            i = wasm_v128_load(gt + j), f = wasm_v128_load(gt + H + j);
            g = wasm_v128_load(gt + 2 * H + j), o = wasm_v128_load(gt + 3 * H + j);
            ct = wasm_v128_load(c + j), cp = wasm_v128_load(cprev + j);
            dho = wasm_v128_load(dh_out + j), dco = wasm_v128_load(dc_out + j);
            dhr = wasm_v128_load(dhn + j), dcr = wasm_v128_load(dcn + j);
          }
          v128_t tc = vtanh(ct);
          v128_t dh = wasm_f32x4_add(dho, dhr);
          v128_t dc = wasm_f32x4_add(wasm_f32x4_add(dco, dcr),
                                     wasm_f32x4_mul(wasm_f32x4_mul(dh, o), wasm_f32x4_sub(one, wasm_f32x4_mul(tc, tc))));
          v128_t dzi = wasm_f32x4_mul(wasm_f32x4_mul(dc, g), wasm_f32x4_mul(i, wasm_f32x4_sub(one, i)));
          v128_t dzf = wasm_f32x4_mul(wasm_f32x4_mul(dc, cp), wasm_f32x4_mul(f, wasm_f32x4_sub(one, f)));
          v128_t dzg = wasm_f32x4_mul(wasm_f32x4_mul(dc, i), wasm_f32x4_sub(one, wasm_f32x4_mul(g, g)));
          v128_t dzo = wasm_f32x4_mul(wasm_f32x4_mul(dh, tc), wasm_f32x4_mul(o, wasm_f32x4_sub(one, o)));
          v128_t dcp = wasm_f32x4_mul(dc, f);
          if (tail) {
            dzt[k] = wasm_f32x4_extract_lane(dzi, 0), dzt[H + k] = wasm_f32x4_extract_lane(dzf, 0);
            dzt[2 * H + k] = wasm_f32x4_extract_lane(dzg, 0), dzt[3 * H + k] = wasm_f32x4_extract_lane(dzo, 0);
            dcn[k] = wasm_f32x4_extract_lane(dcp, 0);
          } else {
            wasm_v128_store(dzt + j, dzi), wasm_v128_store(dzt + H + j, dzf);
            wasm_v128_store(dzt + 2 * H + j, dzg), wasm_v128_store(dzt + 3 * H + j, dzo);
            wasm_v128_store(dcn + j, dcp);
          }
        }
      }
    }
    // The gradient reaching h[t-1]: dz[:, t] @ u^T.
    gemm(dz + t * G, T * G, ut, H, dh0, H, m, G, H, 0);
  }
}
