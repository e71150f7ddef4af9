// The kernel parity suite: every kernel dlkit registers or replaces on wasm, run through tfjs'
// engine on `wasm` and on the reference `cpu` backend with the same inputs, over a grid of
// shapes, strides, paddings (same, valid, explicit, numeric), dilations and batch sizes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@dlkit/test-harness';
import { loadWasmBackend } from './load-wasm.js';
import { resetWasmKernelStats, wasmKernelStats } from './register-kernels.js';
import {
  setConv2dBackpropFilterPath,
  type FilterGradPath,
} from './kernels/conv2d-backprop-filter.js';

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
interface Input {
  shape: number[];
  dtype?: 'float32' | 'int32';
  values?: number[];
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG; no backend involved). */
function values(size: number, seed: number): number[] {
  let s = seed * 7919 + 17;
  return Array.from({ length: size }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

async function runOn(
  backend: 'cpu' | 'wasm',
  kernel: string,
  inputs: Record<string, Input> | Input[],
  attrs: tf.NamedAttrMap,
): Promise<{ shape: number[]; data: number[] }[]> {
  await tf.setBackend(backend);
  const make = (inp: Input, i: number): tf.Tensor =>
    tf.tensor(
      inp.values ??
        values(
          inp.shape.reduce((p, v) => p * v, 1),
          i + 1,
        ),
      inp.shape,
      inp.dtype ?? 'float32',
    );
  const list = Array.isArray(inputs) ? inputs.map(make) : null;
  const named = Array.isArray(inputs)
    ? null
    : Object.fromEntries(Object.entries(inputs).map(([k, v], i) => [k, make(v, i)]));
  const before = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds(); // also counts a kernel's leaked intermediates
  const out = tf.engine().runKernel(kernel, (list ?? named) as tf.NamedTensorMap, attrs) as
    tf.Tensor | tf.Tensor[];
  const outs = Array.isArray(out) ? out : [out];
  const result = outs.map((t) => ({ shape: t.shape, data: Array.from(t.dataSync()) }));
  tf.dispose(outs);
  expect(tf.memory().numTensors).toBe(before);
  expect(tf.backend().numDataIds(), `${kernel} on ${backend} leaked buffers`).toBe(buffers);
  tf.dispose(list ?? Object.values(named ?? {}));
  return result;
}

async function expectParity(
  kernel: string,
  inputs: Record<string, Input> | Input[],
  attrs: tf.NamedAttrMap,
  label: string,
): Promise<void> {
  const expected = await runOn('cpu', kernel, inputs, attrs);
  const actual = await runOn('wasm', kernel, inputs, attrs);
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as { shape: number[]; data: number[] };
    expect(a.shape, label).toEqual(e.shape);
    expectTensorsClose(a.data, e.data, { rtol: 1e-4, atol: 1e-5, label: `${kernel} ${label}` });
  });
}

const PADS: { name: string; pad: Pad; rounding?: 'floor' | 'ceil' | 'round' }[] = [
  { name: 'same', pad: 'same' },
  { name: 'valid', pad: 'valid' },
  {
    name: 'explicit',
    pad: [
      [0, 0],
      [1, 0],
      [2, 1],
      [0, 0],
    ],
  },
  { name: 'numeric 1 ceil', pad: 1, rounding: 'ceil' },
];

beforeAll(async () => {
  await loadWasmBackend();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** One convolution of the parity grid, with the shapes and conv info both gradients need. */
interface ConvCase {
  label: string;
  inputShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: number | [number, number];
  p: (typeof PADS)[number];
  outShape: [number, number, number, number];
}

/** The axes of a convolution grid: spatial sizes, kernel sizes and strides. */
interface ConvGrid {
  sizes: readonly (readonly [number, number])[];
  kernels: readonly (readonly [number, number])[];
  strides: readonly (number | [number, number])[];
  pads: readonly (typeof PADS)[number][];
}

const SMALL_GRID: ConvGrid = {
  sizes: [
    [7, 7],
    [8, 5],
  ],
  kernels: [
    [1, 1],
    [3, 3],
    [2, 3],
  ],
  strides: [1, 2, [2, 1]],
  pads: PADS,
};

/**
 * The transposed convolution's grid: every phase geometry of strides 2 and 3 (kernels smaller
 * than, equal to and larger than the stride, sizes that are and are not multiples of it).
 */
const TRANSPOSED_GRID: ConvGrid = {
  sizes: [
    [7, 7],
    [8, 5],
    [9, 10],
  ],
  kernels: [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
    [2, 3],
    [4, 1],
  ],
  strides: [1, 2, [2, 1], [1, 2], 3, [3, 2]],
  pads: [
    ...PADS,
    {
      name: 'explicit wide',
      pad: [
        [0, 0],
        [4, 1],
        [0, 5],
        [0, 0],
      ],
    },
  ],
};

/** The grid of convolutions (batch sizes given, outputs that would be empty left out). */
function convCases(batches: readonly number[], grid: ConvGrid): ConvCase[] {
  const cases: ConvCase[] = [];
  for (const batch of batches)
    for (const [H, W] of grid.sizes)
      for (const [ci, co] of [
        [1, 2],
        [3, 4],
      ] as const)
        for (const [kh, kw] of grid.kernels)
          for (const strides of grid.strides)
            for (const p of grid.pads) {
              const inputShape: [number, number, number, number] = [batch, H, W, ci];
              const filterShape: [number, number, number, number] = [kh, kw, ci, co];
              const info = tf.backend_util.computeConv2DInfo(
                inputShape,
                filterShape,
                strides,
                1,
                p.pad,
                p.rounding,
              );
              if (info.outHeight <= 0 || info.outWidth <= 0) continue;
              const label = JSON.stringify({ batch, H, W, ci, co, kh, kw, strides, p: p.name });
              cases.push({ label, inputShape, filterShape, strides, p, outShape: info.outShape });
            }
  return cases;
}

const convAttrs = (c: ConvCase) => ({
  strides: c.strides,
  pad: c.p.pad,
  dataFormat: 'NHWC',
  dimRoundingMode: c.p.rounding ?? null,
});

/**
 * The two convolution gradients: their inputs and extra attribute for one case, and the paths
 * a kernel with several is forced through (each path runs the whole grid).
 */
const CONV_GRADIENTS: {
  kernel: string;
  batches: number[];
  grid: ConvGrid;
  inputs: (c: ConvCase) => Record<string, Input>;
  extra: (c: ConvCase) => Record<string, unknown>;
  paths: FilterGradPath[];
}[] = [
  {
    kernel: 'Conv2DBackpropFilter',
    batches: [1, 3],
    grid: SMALL_GRID,
    inputs: (c: ConvCase) => ({ x: { shape: c.inputShape }, dy: { shape: c.outShape } }),
    extra: (c: ConvCase) => ({ filterShape: c.filterShape }),
    paths: ['auto', 'gemm', 'xnnpack'],
  },
  {
    kernel: 'Conv2DBackpropInput',
    batches: [1, 2],
    grid: TRANSPOSED_GRID,
    inputs: (c: ConvCase) => ({ dy: { shape: c.outShape }, filter: { shape: c.filterShape } }),
    extra: (c: ConvCase) => ({ inputShape: c.inputShape }),
    paths: ['auto'],
  },
];

for (const g of CONV_GRADIENTS) {
  for (const path of g.paths) {
    describe(`${g.kernel} on wasm matches cpu${path === 'auto' ? '' : ` (${path} path)`}`, () => {
      const cases = convCases(g.batches, g.grid);
      it(`over ${cases.length} cases`, async () => {
        const previous = setConv2dBackpropFilterPath(path);
        try {
          for (const c of cases) {
            await expectParity(
              g.kernel,
              g.inputs(c),
              { ...convAttrs(c), ...g.extra(c) } as unknown as tf.NamedAttrMap,
              c.label,
            );
          }
        } finally {
          setConv2dBackpropFilterPath(previous);
        }
      });
    });
  }
}

describe("Conv2DBackpropFilter's GEMM path matches cpu", () => {
  // Wide filters (kh*kw*ci of 576 and 648): the rows of the batch go in chunks of 256 positions
  // or more, with a short last chunk; co not a multiple of 4; strides and explicit padding.
  const cases: { x: [number, number, number, number]; f: [number, number, number, number] }[] = [
    { x: [2, 15, 17, 64], f: [3, 3, 64, 10] },
    { x: [3, 9, 11, 72], f: [3, 3, 72, 7] },
  ];
  it(`over ${cases.length * PADS.length * 2} cases in several chunks`, async () => {
    const previous = setConv2dBackpropFilterPath('gemm');
    try {
      for (const { x, f } of cases)
        for (const strides of [1, [2, 1]] as (number | [number, number])[])
          for (const p of PADS) {
            const info = tf.backend_util.computeConv2DInfo(x, f, strides, 1, p.pad, p.rounding);
            await expectParity(
              'Conv2DBackpropFilter',
              { x: { shape: x }, dy: { shape: info.outShape } },
              {
                strides,
                pad: p.pad,
                dataFormat: 'NHWC',
                dimRoundingMode: p.rounding ?? null,
                filterShape: f,
              } as unknown as tf.NamedAttrMap,
              JSON.stringify({ x, f, strides, p: p.name }),
            );
          }
    } finally {
      setConv2dBackpropFilterPath(previous);
    }
  });
});

describe('MaxPoolGrad on wasm matches cpu', () => {
  const cases: string[] = [];
  for (const batch of [1, 2])
    for (const [H, W] of [
      [6, 6],
      [7, 5],
    ] as const)
      for (const C of [1, 3])
        for (const filterSize of [2, 3, [2, 3]] as const)
          for (const strides of [1, 2, [2, 1]] as const)
            for (const p of PADS.filter((q) => typeof q.pad !== 'object'))
              cases.push(JSON.stringify({ batch, H, W, C, filterSize, strides, p }));
  it(`over ${cases.length} cases, with ties`, async () => {
    for (const c of cases) {
      const { batch, H, W, C, filterSize, strides, p } = JSON.parse(c) as {
        batch: number;
        H: number;
        W: number;
        C: number;
        filterSize: number | [number, number];
        strides: number | [number, number];
        p: (typeof PADS)[number];
      };
      const inputShape: [number, number, number, number] = [batch, H, W, C];
      const info = tf.backend_util.computePool2DInfo(
        inputShape,
        filterSize,
        strides,
        1,
        p.pad as 'same' | 'valid' | number,
        p.rounding,
      );
      if (info.outHeight <= 0 || info.outWidth <= 0) continue;
      // Values on a coarse grid so that windows hold ties (the first maximum gets the gradient).
      const xv = values(batch * H * W * C, 5).map((v) => Math.round(v * 3));
      const attrs = {
        filterSize,
        strides,
        pad: p.pad,
        dimRoundingMode: p.rounding ?? null,
      } as unknown as tf.NamedAttrMap;
      const [pooled] = await runOn(
        'cpu',
        'MaxPool',
        [{ shape: inputShape, values: xv }].reduce((o, v) => ({ ...o, x: v }), {}),
        attrs,
      );
      await expectParity(
        'MaxPoolGrad',
        {
          dy: { shape: info.outShape },
          input: { shape: inputShape, values: xv },
          output: { shape: info.outShape, values: pooled?.data ?? [] },
        },
        attrs,
        c,
      );
    }
  });
});

const DEPTHWISE: string[] = [];
for (const batch of [1, 2])
  for (const [H, W] of [
    [6, 6],
    [7, 5],
  ] as const)
    for (const [c, M] of [
      [1, 1],
      [3, 1],
      [2, 2],
    ] as const)
      for (const [kh, kw] of [
        [3, 3],
        [2, 3],
      ] as const)
        for (const [strides, dilations] of [
          [1, 1],
          [2, 1],
          [[1, 2], 1],
          [1, 2],
        ] as const)
          for (const p of PADS)
            DEPTHWISE.push(JSON.stringify({ batch, H, W, c, M, kh, kw, strides, dilations, p }));

/** Inserts `d - 1` zeros between the taps of a `[kh, kw, c, M]` filter (values listed flat). */
function dilateFilter(
  vals: number[],
  [kh, kw, c, M]: [number, number, number, number],
  d: number,
): { shape: number[]; values: number[] } {
  const [eh, ew] = [(kh - 1) * d + 1, (kw - 1) * d + 1];
  const out = new Array<number>(eh * ew * c * M).fill(0);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < c * M; k++)
        out[(i * d * ew + j * d) * c * M + k] = vals[(i * kw + j) * c * M + k] as number;
  return { shape: [eh, ew, c, M], values: out };
}

interface DwCase {
  batch: number;
  H: number;
  W: number;
  c: number;
  M: number;
  kh: number;
  kw: number;
  strides: number | [number, number];
  dilations: number;
  p: (typeof PADS)[number];
}

describe('depthwise convolution gradients on wasm match cpu', () => {
  it(`DepthwiseConv2dNativeBackpropFilter over ${DEPTHWISE.length} cases`, async () => {
    for (const s of DEPTHWISE) {
      const { batch, H, W, c, M, kh, kw, strides, dilations, p } = JSON.parse(s) as DwCase;
      if (p.rounding !== undefined && dilations > 1) continue;
      const filterShape: [number, number, number, number] = [kh, kw, c, M];
      const info = tf.backend_util.computeConv2DInfo(
        [batch, H, W, c],
        filterShape,
        strides,
        dilations,
        p.pad,
        p.rounding,
        true,
      );
      if (info.outHeight <= 0 || info.outWidth <= 0) continue;
      const inputs = { x: { shape: [batch, H, W, c] }, dy: { shape: info.outShape } };
      const attrs = {
        strides,
        dilations,
        pad: p.pad,
        dimRoundingMode: p.rounding ?? null,
        filterShape,
      } as unknown as tf.NamedAttrMap;
      if (dilations === 1) {
        await expectParity('DepthwiseConv2dNativeBackpropFilter', inputs, attrs, s);
        continue;
      }
      // tfjs' cpu kernel ignores dilations (its gradients never pass them); the oracle is the
      // undilated gradient for the zero-stuffed filter, read at the real taps.
      const eh = (kh - 1) * dilations + 1;
      const ew = (kw - 1) * dilations + 1;
      const [full] = await runOn('cpu', 'DepthwiseConv2dNativeBackpropFilter', inputs, {
        ...attrs,
        dilations: 1,
        filterShape: [eh, ew, c, M],
      });
      const expected: number[] = [];
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++)
          for (let k = 0; k < c * M; k++)
            expected.push(full?.data[(i * dilations * ew + j * dilations) * c * M + k] as number);
      const [actual] = await runOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', inputs, attrs);
      expectTensorsClose(actual?.data ?? [], expected, { rtol: 1e-4, atol: 1e-5, label: s });
    }
  });
  it(`DepthwiseConv2dNativeBackpropInput over ${DEPTHWISE.length} cases`, async () => {
    for (const s of DEPTHWISE) {
      const { batch, H, W, c, M, kh, kw, strides, dilations, p } = JSON.parse(s) as DwCase;
      if (p.rounding !== undefined && dilations > 1) continue;
      const filterShape: [number, number, number, number] = [kh, kw, c, M];
      const inputShape: [number, number, number, number] = [batch, H, W, c];
      const info = tf.backend_util.computeConv2DInfo(
        inputShape,
        filterShape,
        strides,
        dilations,
        p.pad,
        p.rounding,
        true,
      );
      if (info.outHeight <= 0 || info.outWidth <= 0) continue;
      const filterValues = values(kh * kw * c * M, 2);
      const inputs = {
        dy: { shape: info.outShape },
        filter: { shape: filterShape, values: filterValues },
      };
      const attrs = {
        strides,
        dilations,
        pad: p.pad,
        dimRoundingMode: p.rounding ?? null,
        inputShape,
      } as unknown as tf.NamedAttrMap;
      if (dilations === 1) {
        await expectParity('DepthwiseConv2dNativeBackpropInput', inputs, attrs, s);
        continue;
      }
      // As above: the oracle is the undilated kernel with the zero-stuffed filter.
      const [expected] = await runOn(
        'cpu',
        'DepthwiseConv2dNativeBackpropInput',
        { dy: inputs.dy, filter: dilateFilter(filterValues, filterShape, dilations) },
        { ...attrs, dilations: 1 },
      );
      const [actual] = await runOn('wasm', 'DepthwiseConv2dNativeBackpropInput', inputs, attrs);
      expect(actual?.shape).toEqual(inputShape);
      expectTensorsClose(actual?.data ?? [], expected?.data ?? [], {
        rtol: 1e-4,
        atol: 1e-5,
        label: s,
      });
    }
  });
});

describe('UnsortedSegmentSum on wasm matches cpu', () => {
  const cases: { x: number[]; ids: number[]; idShape: number[]; dtype: 'float32' | 'int32' }[] = [
    { x: [6], ids: [0, 2, 2, 4, 0, 1], idShape: [6], dtype: 'float32' },
    { x: [6, 4], ids: [3, 1, 3, -1, 0, 7], idShape: [6], dtype: 'float32' },
    { x: [1, 5], ids: [4], idShape: [1], dtype: 'float32' },
    { x: [5, 2], ids: [0, 1, 0, 1, 2], idShape: [5], dtype: 'int32' },
  ];
  it.each(cases)('x $x, ids $ids ($dtype)', async ({ x, ids, idShape, dtype }) => {
    const size = x.reduce((p, v) => p * v, 1);
    const xv = dtype === 'int32' ? Array.from({ length: size }, (_, i) => i - 3) : undefined;
    await expectParity(
      'UnsortedSegmentSum',
      {
        x: { shape: x, dtype, ...(xv ? { values: xv } : {}) },
        segmentIds: { shape: idShape, dtype: 'int32', values: ids },
      },
      { numSegments: 5 },
      JSON.stringify(x),
    );
  });
});

describe('UnsortedSegmentSum with 2-D segment ids', () => {
  it('equals the sum over flattened ids (cpu handles only 1-D ids)', async () => {
    const ids = [1, 0, 4, 4, 2, 0];
    const [expected] = await runOn(
      'cpu',
      'UnsortedSegmentSum',
      { x: { shape: [6, 4] }, segmentIds: { shape: [6], dtype: 'int32', values: ids } },
      { numSegments: 5 },
    );
    const [actual] = await runOn(
      'wasm',
      'UnsortedSegmentSum',
      { x: { shape: [2, 3, 4] }, segmentIds: { shape: [2, 3], dtype: 'int32', values: ids } },
      { numSegments: 5 },
    );
    expect(actual?.shape).toEqual([5, 4]);
    expectTensorsClose(actual?.data ?? [], expected?.data ?? [], { rtol: 1e-6 });
  });
});

describe('Einsum on wasm matches cpu', () => {
  it('returns a copy for the identity equation', async () => {
    const [out] = await runOn('wasm', 'Einsum', [{ shape: [2, 3] }], { equation: 'ij->ij' });
    expectTensorsClose(out?.data ?? [], values(6, 1), { rtol: 1e-7 });
  });

  const cases: { eq: string; shapes: number[][] }[] = [
    {
      eq: 'ij,jk->ik',
      shapes: [
        [3, 4],
        [4, 5],
      ],
    },
    {
      eq: 'bij,bjk->bik',
      shapes: [
        [2, 3, 4],
        [2, 4, 5],
      ],
    },
    {
      eq: 'bij,bjk->bik',
      shapes: [
        [1, 3, 4],
        [1, 4, 2],
      ],
    },
    {
      eq: 'bhqd,bhkd->bhqk',
      shapes: [
        [2, 2, 3, 4],
        [2, 2, 5, 4],
      ],
    },
    { eq: 'ij->ji', shapes: [[3, 4]] },
    { eq: 'ij->', shapes: [[3, 4]] },
    { eq: 'i,i->', shapes: [[5], [5]] },
    { eq: 'i,j->ij', shapes: [[3], [4]] },
    {
      eq: 'ij,ij->ij',
      shapes: [
        [3, 4],
        [3, 4],
      ],
    },
  ];
  it.each(cases)('$eq', async ({ eq, shapes }) => {
    await expectParity(
      'Einsum',
      shapes.map((shape) => ({ shape })),
      { equation: eq },
      eq,
    );
  });
});

describe('BatchMatMul and _FusedMatMul on wasm match cpu', () => {
  const shapes: [number[], number[]][] = [
    [
      [3, 4],
      [4, 5],
    ],
    [
      [1, 3, 4],
      [1, 4, 5],
    ],
    [
      [2, 3, 4],
      [2, 4, 5],
    ],
    [
      [2, 3, 4],
      [4, 5],
    ],
    [
      [3, 4],
      [2, 4, 5],
    ],
    [
      [2, 2, 3, 4],
      [2, 2, 4, 5],
    ],
    [
      [2, 1, 3, 4],
      [1, 4, 5],
    ],
  ];
  const swap = (s: number[]): number[] => [
    ...s.slice(0, -2),
    s[s.length - 1] as number,
    s[s.length - 2] as number,
  ];
  const cases: { a: number[]; b: number[]; tA: boolean; tB: boolean }[] = [];
  for (const [a, b] of shapes)
    for (const tA of [false, true])
      for (const tB of [false, true])
        cases.push({ a: tA ? swap(a) : a, b: tB ? swap(b) : b, tA, tB });
  it(`BatchMatMul over ${cases.length} cases`, async () => {
    for (const { a, b, tA, tB } of cases) {
      await expectParity(
        'BatchMatMul',
        { a: { shape: a }, b: { shape: b } },
        { transposeA: tA, transposeB: tB },
        JSON.stringify({ a, b, tA, tB }),
      );
    }
  });
  it('_FusedMatMul with bias and activations, batched or not, transposed or not', async () => {
    for (const { a, b, tA, tB } of cases)
      for (const activation of ['linear', 'relu', 'sigmoid', 'leakyrelu']) {
        const n = b[b.length - 1 - (tB ? 1 : 0)] as number;
        await expectParity(
          '_FusedMatMul',
          { a: { shape: a }, b: { shape: b }, bias: { shape: [n] } },
          { transposeA: tA, transposeB: tB, activation, leakyreluAlpha: 0.2 },
          JSON.stringify({ a, b, tA, tB, activation }),
        );
      }
  });
});

describe('BatchMatMul with a right operand used again and again (transpose cache)', () => {
  it('matches cpu on every use and frees the cached transpose once the operand is gone', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const baseline = backend.numDataIds();
    const uVals = values(24 * 16, 7);
    const results: { wasm: number[]; a: number[] }[] = [];
    const u = tf.tensor2d(uVals, [24, 16]);
    for (let i = 0; i < 4; i++) {
      const aVals = values((i + 1) * 16, 20 + i);
      const a = tf.tensor2d(aVals, [i + 1, 16]);
      const out = tf.matMul(a, u, false, true);
      results.push({ wasm: Array.from(out.dataSync()), a: aVals });
      tf.dispose([a, out]);
    }
    u.dispose();
    // The next product evicts the transpose of the disposed operand.
    tf.tidy(() => tf.matMul(tf.ones([1, 2]), tf.ones([2, 1])).dispose());
    expect(backend.numDataIds()).toBe(baseline);
    for (const [i, r] of results.entries()) {
      const [expected] = await runOn(
        'cpu',
        'BatchMatMul',
        { a: { shape: [i + 1, 16], values: r.a }, b: { shape: [24, 16], values: uVals } },
        { transposeA: false, transposeB: true },
      );
      expectTensorsClose(r.wasm, expected?.data ?? [], {
        rtol: 1e-4,
        atol: 1e-5,
        label: `use ${i}`,
      });
      await tf.setBackend('wasm');
    }
  });
});

describe('_FusedMatMul with a bias that is not a row', () => {
  it('adds a [M, N] bias to a batched product', async () => {
    await expectParity(
      '_FusedMatMul',
      { a: { shape: [2, 3, 4] }, b: { shape: [4, 5] }, bias: { shape: [3, 5] } },
      { transposeA: false, transposeB: false, activation: 'relu' },
      'bias [3, 5]',
    );
  });
});

describe('Sum on wasm matches cpu', () => {
  const cases: { shape: number[]; axis: number | number[]; keepDims: boolean }[] = [];
  for (const keepDims of [false, true]) {
    cases.push(
      { shape: [5, 3], axis: 0, keepDims },
      { shape: [1, 3], axis: 0, keepDims },
      { shape: [5, 3], axis: 1, keepDims },
      { shape: [5, 3], axis: [0, 1], keepDims },
      { shape: [4, 3, 2], axis: [1, 0], keepDims },
      { shape: [4, 3, 2], axis: 1, keepDims },
      { shape: [4, 3, 2], axis: -1, keepDims },
      { shape: [2, 3, 2, 2], axis: [0, 1, 2], keepDims },
      { shape: [300, 7], axis: 0, keepDims },
      { shape: [37, 21], axis: 0, keepDims },
      { shape: [3, 5, 40], axis: [0, 1], keepDims },
    );
  }
  it(`over ${cases.length} cases`, async () => {
    for (const c of cases)
      await expectParity(
        'Sum',
        { x: { shape: c.shape } },
        { axis: c.axis, keepDims: c.keepDims },
        JSON.stringify(c),
      );
    await expectParity(
      'Sum',
      { x: { shape: [4, 3], dtype: 'int32', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } },
      { axis: 0, keepDims: false },
      'int32',
    );
  });
});

describe('Slice, SplitV and Unpack on wasm match cpu', () => {
  const slices: { shape: number[]; begin: number[]; size: number[]; dtype?: 'int32' }[] = [
    { shape: [7], begin: [2], size: [3] },
    { shape: [4, 5], begin: [1, 0], size: [2, 5] },
    { shape: [4, 5], begin: [1, 2], size: [2, -1] },
    { shape: [3, 6, 4], begin: [0, 2, 0], size: [3, 1, 4] },
    { shape: [3, 6, 4], begin: [1, 1, 1], size: [2, 3, 2], dtype: 'int32' },
    { shape: [2, 3, 4, 5], begin: [1, 0, 2, 1], size: [1, 3, 2, 3] },
    { shape: [2, 3, 2, 2, 3], begin: [0, 1, 0, 1, 1], size: [2, 2, 2, 1, 2] },
    { shape: [4, 5], begin: [1, 1], size: [0, 2] },
  ];
  it(`Slice over ${slices.length} cases`, async () => {
    for (const c of slices) {
      const size = c.shape.reduce((p, v) => p * v, 1);
      const x =
        c.dtype === 'int32'
          ? { shape: c.shape, dtype: c.dtype, values: Array.from({ length: size }, (_, i) => i) }
          : { shape: c.shape };
      await expectParity('Slice', { x }, { begin: c.begin, size: c.size }, JSON.stringify(c));
    }
  });
  it('SplitV by count and by sizes, on every axis', async () => {
    for (const [shape, split, axis] of [
      [[6, 4], 3, 0],
      [[6, 4], [1, 3], 1],
      [[2, 8, 3], [2, -1, 1], 1],
      [[2, 3, 8], 4, -1],
    ] as const)
      await expectParity(
        'SplitV',
        { x: { shape: [...shape] } },
        { numOrSizeSplits: split, axis } as unknown as tf.NamedAttrMap,
        JSON.stringify({ shape, split, axis }),
      );
  });
  it('Unpack on every axis', async () => {
    for (const [shape, axis] of [
      [[3, 4], 0],
      [[3, 4], 1],
      [[2, 5, 3], 1],
      [[2, 5, 3], -1],
    ] as const)
      await expectParity(
        'Unpack',
        { value: { shape: [...shape] } },
        { axis },
        JSON.stringify({ shape, axis }),
      );
  });
});

/** A case's input: float32 pseudo-random values, or distinct int32 values for an int32 case. */
function caseInput(c: { shape: number[]; dtype?: 'int32' }): Input {
  if (c.dtype !== 'int32') return { shape: c.shape };
  const size = c.shape.reduce((p, v) => p * v, 1);
  return {
    shape: c.shape,
    dtype: c.dtype,
    values: Array.from({ length: size }, (_, i) => i * 3 - 7),
  };
}

describe('Transpose on wasm matches cpu', () => {
  const cases: { shape: number[]; perm: number[]; dtype?: 'int32' }[] = [
    { shape: [5], perm: [0] },
    { shape: [3, 4], perm: [1, 0] },
    { shape: [17, 9], perm: [1, 0] },
    { shape: [3, 4], perm: [0, 1] },
    { shape: [2, 3, 5], perm: [0, 2, 1] },
    { shape: [2, 3, 5], perm: [2, 0, 1] },
    { shape: [2, 3, 5], perm: [1, 0, 2] },
    { shape: [4, 3, 2, 6], perm: [0, 2, 1, 3] },
    { shape: [4, 3, 2, 6], perm: [3, 2, 1, 0] },
    { shape: [2, 1, 3, 1, 2], perm: [4, 0, 3, 2, 1] },
    { shape: [2, 2, 2, 2, 2, 3], perm: [5, 4, 3, 2, 1, 0] },
    { shape: [6, 7], perm: [1, 0], dtype: 'int32' },
  ];
  it(`over ${cases.length} cases`, async () => {
    for (const c of cases) {
      const x = caseInput(c);
      await expectParity('Transpose', { x }, { perm: c.perm }, JSON.stringify(c));
    }
  });
});

describe('Tile on wasm matches cpu', () => {
  const cases: { shape: number[]; reps: number[]; dtype?: 'int32' }[] = [
    { shape: [], reps: [] },
    { shape: [5], reps: [1] },
    { shape: [5], reps: [7] },
    { shape: [1], reps: [13] },
    { shape: [3, 4], reps: [2, 3] },
    { shape: [3, 1], reps: [1, 6] },
    { shape: [1, 1, 1, 6], reps: [4, 5, 3, 1] },
    { shape: [1, 1, 1, 6], reps: [2, 3, 1, 1] },
    { shape: [2, 3, 5], reps: [3, 1, 2] },
    { shape: [2, 1, 3, 1, 2], reps: [1, 4, 1, 3, 2] },
    { shape: [2, 2, 2, 2, 2, 3], reps: [2, 1, 2, 1, 2, 1] },
    { shape: [4, 3], reps: [0, 2] },
    { shape: [6, 7], reps: [2, 2], dtype: 'int32' },
  ];
  it(`over ${cases.length} cases`, async () => {
    for (const c of cases) {
      const x = caseInput(c);
      await expectParity('Tile', { x }, { reps: c.reps }, JSON.stringify(c));
    }
  });

  it('tiles bool tensors and is the kernel the engine runs', async () => {
    await tf.setBackend('wasm');
    resetWasmKernelStats();
    const x = tf.tensor([true, false, true], [3, 1], 'bool');
    const y = tf.tile(x, [2, 2]);
    expect(y.dtype).toBe('bool');
    expect(Array.from(await y.data())).toEqual([1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1]);
    expect(wasmKernelStats().calls['Tile']).toBe(1);
    tf.dispose([x, y]);
  });
});

describe('Reverse on wasm matches cpu', () => {
  const cases: { shape: number[]; dims: number[]; dtype?: 'int32' }[] = [
    { shape: [], dims: [] },
    { shape: [7], dims: [0] },
    { shape: [7], dims: [] },
    { shape: [3, 4], dims: [0] },
    { shape: [3, 4], dims: [1] },
    { shape: [3, 4], dims: [0, 1] },
    { shape: [3, 3, 5, 4], dims: [0, 1] },
    { shape: [3, 3, 5, 4], dims: [-1] },
    { shape: [2, 3, 4, 5], dims: [1, 3] },
    { shape: [2, 1, 3, 1, 2], dims: [0, 2, 4] },
    { shape: [2, 2, 2, 2, 2, 3], dims: [5, 0, 2] },
    { shape: [4, 0, 3], dims: [0] },
    { shape: [6, 7], dims: [0], dtype: 'int32' },
    { shape: [6, 7], dims: [1], dtype: 'int32' },
  ];
  it(`over ${cases.length} cases`, async () => {
    for (const c of cases) {
      await expectParity('Reverse', { x: caseInput(c) }, { dims: c.dims }, JSON.stringify(c));
    }
  });

  it('reverses bool tensors and is the kernel the engine runs', async () => {
    await tf.setBackend('wasm');
    resetWasmKernelStats();
    const x = tf.tensor([true, false, false, true, true, false], [2, 3], 'bool');
    const y = tf.reverse(x, [1]);
    expect(y.dtype).toBe('bool');
    expect(Array.from(await y.data())).toEqual([0, 0, 1, 0, 1, 1]);
    expect(wasmKernelStats().calls['Reverse']).toBe(1);
    tf.dispose([x, y]);
  });
});

describe('Identity on wasm shares the buffer safely', () => {
  it('matches cpu, survives disposing the source, and frees the buffer with the last reference', async () => {
    await expectParity('Identity', { x: { shape: [3, 4] } }, {}, 'float32');
    await expectParity(
      'Identity',
      { x: { shape: [5], dtype: 'int32', values: [1, 2, 3, 4, 5] } },
      {},
      'int32',
    );
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const baseline = backend.numDataIds();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    const z = tf.clone(y);
    x.dispose();
    expectTensorsClose(y, [1, 2, 3]);
    y.dispose();
    expectTensorsClose(z, [1, 2, 3]);
    expect(backend.numDataIds()).toBe(baseline + 1);
    z.dispose();
    expect(backend.numDataIds()).toBe(baseline);
    const s = tf.tensor1d(['a', 'b'], 'string');
    const t = tf.clone(s);
    s.dispose();
    expect(t.dataSync()).toEqual(['a', 'b']);
    t.dispose();
  });
});

describe('cpu fallback for rare kernels', () => {
  it('runs a kernel wasm lacks on cpu, returns it to wasm, and counts it', async () => {
    resetWasmKernelStats();
    await expectParity(
      'RaggedRange',
      {
        starts: { shape: [3], dtype: 'int32', values: [0, 5, 8] },
        limits: { shape: [3], dtype: 'int32', values: [3, 5, 12] },
        deltas: { shape: [3], dtype: 'int32', values: [1, 1, 2] },
      },
      {},
      'ragged',
    );
    expect(wasmKernelStats().cpuFallbacks).toEqual({ RaggedRange: 1 });
  });
});

describe("dlkit's own wasm module (native/*.c)", () => {
  it("is the module its build recorded: bytes match the sha256, it imports only tfjs' memory, its exports", async () => {
    const { NATIVE_WASM_BASE64, NATIVE_WASM_SHA256 } = await import('./kernels/native-wasm.js');
    const { createHash } = await import('node:crypto');
    const bytes = Buffer.from(NATIVE_WASM_BASE64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(NATIVE_WASM_SHA256);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: 'env', name: 'memory', kind: 'memory' },
    ]);
    expect(
      WebAssembly.Module.exports(module)
        .map((e) => e.name)
        .sort(),
    ).toEqual([
      '__stack_pointer',
      'adam_update',
      'batched_matmul',
      'column_sum',
      'conv2d_filter_grad',
      'gru_backward',
      'gru_forward',
      'lstm_backward',
      'lstm_forward',
      'transpose32',
    ]);
  });
});

describe('Cast on wasm matches cpu', () => {
  const cases: { shape: number[]; from: 'float32' | 'int32'; to: tf.DataType }[] = [];
  for (const shape of [[], [7], [3, 5], [2, 3, 4]])
    for (const from of ['float32', 'int32'] as const)
      for (const to of ['float32', 'int32', 'bool'] as const) cases.push({ shape, from, to });
  it(`over ${cases.length} cases (to bool: x != 0, fractions included)`, async () => {
    for (const c of cases) {
      const input =
        c.from === 'int32' ? caseInput({ shape: c.shape, dtype: 'int32' }) : { shape: c.shape };
      await expectParity('Cast', { x: input }, { dtype: c.to }, JSON.stringify(c));
    }
  });

  it('casts bool, shares the buffer of a same-dtype cast, and is the kernel the engine runs', async () => {
    await tf.setBackend('wasm');
    resetWasmKernelStats();
    const b = tf.tensor([true, false, true], [3], 'bool');
    const f = tf.cast(b, 'float32');
    expect(Array.from(await f.data())).toEqual([1, 0, 1]);
    const wide = tf.tensor([0.5, 0, -256, 256]);
    const truth = tf.cast(wide, 'bool');
    expect(Array.from(await truth.data())).toEqual([1, 0, 1, 1]);
    const buffers = tf.backend().numDataIds();
    const same = tf.cast(f, 'float32');
    expect(tf.backend().numDataIds()).toBe(buffers);
    f.dispose();
    expect(Array.from(await same.data())).toEqual([1, 0, 1]);
    expect(wasmKernelStats().calls['Cast']).toBe(3);
    tf.dispose([b, wide, truth, same]);
  });
});
