#!/usr/bin/env node
// The `dlkit` binary.
import { readFileSync } from 'node:fs';
import { setupBackend } from '@dlkit/backend';
import { main } from './cli/main.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
process.exitCode = await main(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, setupBackend: () => setupBackend() },
  manifest.version,
);
