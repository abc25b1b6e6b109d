/**
 * Debian's Chromium driven by playwright-core, for checking pages as a person sees them.
 * Nothing is downloaded: without /usr/bin/chromium (`apt-get install chromium`) the callers skip.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why browser checks cannot run here, or null when they can. */
export const chromiumMissing: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `no Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium) to run the browser checks`;

/** Flags for a quiet, offline-friendly headless run: no first-run UI, no background traffic. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (its own `--user-data-dir`), removed on close. */
export async function launchChromium(viewport = { width: 900, height: 1000 }): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'paperboy-chromium-'));
  // launchPersistentContext passes the profile as --user-data-dir (Playwright refuses it in `args`).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
