/**
 * Start-up: process spawn → READY for the real bot as `npm start` runs it (the bundle dist/paperboy.js) against
 * the fake Discord, with the largest generated archive, side by side with an empty database and with the
 * TypeScript sources run through tsx (with and without its transform cache).
 * READY is the bot's "connected to Discord" log line: the gateway session is READY, the guilds are in and the
 * bot answers commands from then on.
 */
import { archiveFile } from './archive.js';
import {
  baselineProcess,
  buildBundle,
  emptyDatabase,
  spawnBot,
  startFakes,
  workingCopy,
  type Fakes,
  type SpawnOptions,
} from './bot-process.js';
import { median, ms, ratio, thousands } from './stats.js';
import type { Bench, BenchRow } from './types.js';

const TARGET_MS = 2000;

async function startOnce(fakes: Fakes, options: SpawnOptions): Promise<number> {
  const bot = spawnBot(fakes, options);
  let elapsed: number;
  try {
    elapsed = await bot.ready;
  } catch (error) {
    await bot.stop();
    throw error;
  }
  const code = await bot.stop();
  if (code !== 0) throw new Error(`the bot did not stop cleanly (exit ${code}):\n${bot.stderr().slice(-2000)}`);
  return elapsed;
}

export const bench: Bench = async (ctx) => {
  const size = Math.max(...ctx.sizes);
  const archive = await archiveFile(ctx, size);
  const full = await workingCopy(ctx.cacheDir, archive, size);
  const empty = await emptyDatabase(ctx.cacheDir);
  buildBundle();
  const fakes = await startFakes();
  try {
    // Warm-up: fills tsx's cache, the page cache, and creates the empty database's schema.
    await startOnce(fakes, { databasePath: empty });
    await startOnce(fakes, { databasePath: full });
    const times = {
      full: [] as number[],
      empty: [] as number[],
      source: [] as number[],
      cold: [] as number[],
      floor: [] as number[],
    };
    for (let run = 0; run < ctx.runs; run++) {
      times.floor.push((await baselineProcess("await import('discord.js')", { tsx: false })).ms);
      times.empty.push(await startOnce(fakes, { databasePath: empty }));
      times.full.push(await startOnce(fakes, { databasePath: full }));
      times.source.push(await startOnce(fakes, { databasePath: full, source: true }));
      times.cold.push(await startOnce(fakes, { databasePath: full, coldTsx: true }));
      ctx.log(
        `startup run ${run + 1}/${ctx.runs}: ${ms(times.full.at(-1)!)} (${thousands(size)} papers), ${ms(times.empty.at(-1)!)} (empty), ${ms(times.source.at(-1)!)} (sources through tsx), ${ms(times.cold.at(-1)!)} (tsx cache off)`,
      );
    }
    const full50 = median(times.full);
    const empty50 = median(times.empty);
    const cold50 = median(times.cold);
    const source50 = median(times.source);
    const floor50 = median(times.floor);
    const rows: BenchRow[] = [
      {
        area: 'startup',
        what: `spawn → READY, ${thousands(size)}-paper archive`,
        target: '≤ 2 s',
        measured: ms(full50),
        ratio: ratio(full50 / empty50, 'empty database'),
        pass: full50 <= TARGET_MS,
      },
      { area: 'startup', what: 'spawn → READY, empty database', target: '', measured: ms(empty50), pass: null },
      {
        area: 'startup',
        what: `spawn → READY, ${thousands(size)} papers, TypeScript sources through tsx (sources edited since the last build)`,
        target: '',
        measured: ms(source50),
        ratio: ratio(source50 / full50, 'bundle'),
        pass: null,
      },
      {
        area: 'startup',
        what: `spawn → READY, ${thousands(size)} papers, sources through tsx with its cache off`,
        target: '',
        measured: ms(cold50),
        ratio: ratio(cold50 / full50, 'bundle'),
        pass: null,
      },
      {
        area: 'startup',
        what: 'floor: plain node loads discord.js and exits (no tsx, no bot)',
        target: '',
        measured: ms(floor50),
        ratio: ratio(full50 / floor50, 'bot with archive / floor'),
        notes: 'how busy the machine was: scale the figures above by it',
        pass: null,
      },
    ];
    return rows;
  } finally {
    await fakes.close();
  }
};
