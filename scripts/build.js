#!/usr/bin/env node
// Bundles the TypeScript sources into one ES module, dist/paperboy.js, so that the bot starts without
// compiling TypeScript at run time (no tsx loader thread: faster start-up, about 35 MB less memory).
// Dependencies stay external. Runs on `npm install` (prepare) and before `npm start`; takes well under a second.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/paperboy.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
