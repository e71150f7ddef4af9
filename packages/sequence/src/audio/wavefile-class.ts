import * as wavefileModule from 'wavefile';

// wavefile 11 ships an ES module (its `module` field, which Vite and esbuild read) with `WaveFile`
// as a named export, and a CommonJS build (its `main` field, which Node reads) whose
// `module.exports` holds it; Node's ESM then shows that only as the namespace's `default`. A
// default import breaks bundlers and a named import breaks Node, so the class is taken from
// whichever is there (the computed key keeps bundlers from flagging the missing `default`).
const exported: Record<string, unknown> = wavefileModule;
const commonJs = exported['default'] as typeof wavefileModule | undefined;

/** wavefile's `WaveFile` class, in Node and in bundles alike. */
export const WaveFile: typeof wavefileModule.WaveFile =
  commonJs?.WaveFile ?? wavefileModule.WaveFile;
