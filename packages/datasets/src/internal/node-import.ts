/**
 * Imports a Node built-in at run time, out of sight of bundlers: the specifier is not a string
 * literal, so esbuild, Vite and webpack leave the import alone, and a browser bundle of
 * `@dlkit/datasets` builds (its generators run anywhere; only the file loaders need Node).
 *
 * @internal
 */
export async function nodeImport<T>(specifier: `node:${string}`): Promise<T> {
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as T;
}
