// Runs one course-2 lab until the labs CLI (`@dlkit/cli`) registers them:
//   node --conditions=@dlkit/source --import tsx src/c2/run.ts <id> [--quick] [--seed=N] [--out=DIR]
// Prints the lab's figures and writes each plot as DIR/<name>.vl.json (Vega-Lite; the CLI renders SVG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupBackend } from '@dlkit/backend';
import { c2Labs } from './index.js';

async function main(argv: string[]): Promise<number> {
  const [id, ...rest] = argv;
  const lab = c2Labs.find((l) => l.id === id);
  if (lab === undefined) {
    console.log('usage: run.ts <id> [--quick] [--seed=N] [--out=DIR]\n');
    for (const l of c2Labs) console.log(`  ${l.id.padEnd(26)} C${l.course} W${l.week}: ${l.title}`);
    return id === undefined ? 0 : 1;
  }
  const option = (name: string): string | undefined =>
    rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const outDir = option('out') ?? join('lab-output', lab.id);
  mkdirSync(outDir, { recursive: true });
  console.log(`backend: ${await setupBackend()}`);
  const started = Date.now();
  let last = '';
  const result = await lab.run({
    quick: rest.includes('--quick'),
    seed: Number(option('seed') ?? 1),
    outDir,
    progress: (e) => {
      const line = `${e.label}: ${e.step}/${e.total}${e.loss === undefined ? '' : ` cost ${e.loss.toFixed(6)}`}`;
      if (line !== last) process.stderr.write(`\r${line}   `);
      last = line;
    },
    log: (l) => console.log(`\n${l}`),
  });
  console.log(`\n${lab.id} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k}: ${v}`);
  for (const p of result.plots) {
    const file = join(outDir, `${p.name}.vl.json`);
    writeFileSync(file, `${JSON.stringify(p.spec)}\n`);
    console.log(`  wrote ${file}`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
