#!/usr/bin/env node
// Runs the CLI. `npm install` and `npm start` bundle the sources into dist/paperboy.js (scripts/build.js);
// when that bundle is missing or older than any source file (sources edited since), the TypeScript
// sources run directly through tsx instead, so a stale bundle is never used.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'paperboy.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return ['src', 'commands', 'config'].every((dir) => newestSource(join(root, dir)) <= built);
}

if (process.env.PAPERBOY_SOURCE !== '1' && bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
