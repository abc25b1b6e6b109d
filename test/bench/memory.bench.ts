/**
 * Memory: the real bot process with the largest generated archive; resident set at READY and after a burst of
 * `/paper search` interactions (the five query kinds, whole-archive scope) sent through the fake Discord, and
 * the peak (VmHWM). Side by side with the same burst on an empty database, so the ratio shows what the archive
 * itself costs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { archiveFile } from './archive.js';
import {
  baselineProcess,
  buildBundle,
  emptyDatabase,
  memoryOf,
  searchBurst,
  spawnBot,
  startFakes,
  workingCopy,
  type Fakes,
} from './bot-process.js';
import { sampleQueries } from './generate.js';
import { median, ms, percentile, ratio, thousands } from './stats.js';
import type { Bench, BenchRow } from './types.js';

const TARGET_MB = 150;
/** Searches in flight at once: a busy server, not a flood the rate limit would refuse. */
const CONCURRENCY = 4;

interface Sample {
  atReady: number;
  afterBurst: number;
  peak: number;
  latencies: number[];
  withResults: number;
}

async function measure(fakes: Fakes, databasePath: string, burst: number, seed: number): Promise<Sample> {
  const bot = spawnBot(fakes, { databasePath });
  let sample: Sample;
  try {
    await bot.ready;
    // Let start-up work that follows READY (pending digests, scheduler) settle.
    await sleep(300);
    const pid = bot.child.pid!;
    const ready = await memoryOf(pid);
    const result = await searchBurst(fakes.discord, sampleQueries(seed, burst), CONCURRENCY);
    await sleep(300);
    const after = await memoryOf(pid);
    sample = {
      atReady: ready.rss,
      afterBurst: after.rss,
      peak: after.hwm,
      latencies: result.latencies,
      withResults: result.withResults,
    };
  } catch (error) {
    await bot.stop();
    throw error;
  }
  const code = await bot.stop();
  if (code !== 0) throw new Error(`the bot did not stop cleanly (exit ${code}):\n${bot.stderr().slice(-2000)}`);
  return sample;
}

const mb = (value: number): string => `${value.toFixed(0)} MB`;

export const bench: Bench = async (ctx) => {
  const size = Math.max(...ctx.sizes);
  const burst = ctx.smoke ? 100 : 500;
  const archive = await archiveFile(ctx, size);
  const full = await workingCopy(ctx.cacheDir, archive, size);
  const empty = await emptyDatabase(ctx.cacheDir);
  buildBundle();
  const fakes = await startFakes();
  try {
    const fullRuns: Sample[] = [];
    const emptyRuns: Sample[] = [];
    const floor: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      floor.push((await baselineProcess("await import('discord.js')", { tsx: false })).peakMb);
      emptyRuns.push(await measure(fakes, empty, burst, ctx.seed + run));
      fullRuns.push(await measure(fakes, full, burst, ctx.seed + run));
      const last = fullRuns.at(-1)!;
      ctx.log(
        `memory run ${run + 1}/${ctx.runs}: ${mb(last.atReady)} at READY, ${mb(last.afterBurst)} after ${burst} searches, peak ${mb(last.peak)}`,
      );
    }
    const m = (runs: Sample[], key: 'atReady' | 'afterBurst' | 'peak') => median(runs.map((r) => r[key]));
    const latencies = fullRuns.flatMap((r) => r.latencies);
    const hitShare = median(fullRuns.map((r) => r.withResults / burst));
    const rows: BenchRow[] = [
      {
        area: 'memory',
        what: `resident set after ${burst} searches, ${thousands(size)}-paper archive`,
        target: '≤ 150 MB',
        measured: mb(m(fullRuns, 'afterBurst')),
        ratio: ratio(m(fullRuns, 'afterBurst') / m(emptyRuns, 'afterBurst'), 'empty database'),
        pass: m(fullRuns, 'afterBurst') <= TARGET_MB,
      },
      {
        area: 'memory',
        what: `peak resident set (VmHWM), ${thousands(size)}-paper archive`,
        target: '',
        measured: mb(m(fullRuns, 'peak')),
        ratio: ratio(m(fullRuns, 'peak') / m(emptyRuns, 'peak'), 'empty database'),
        pass: null,
      },
      {
        area: 'memory',
        what: `resident set at READY, ${thousands(size)}-paper archive`,
        target: '',
        measured: mb(m(fullRuns, 'atReady')),
        ratio: ratio(m(fullRuns, 'atReady') / m(emptyRuns, 'atReady'), 'empty database'),
        pass: null,
      },
      {
        area: 'memory',
        what: `/paper search through Discord during the burst, ${CONCURRENCY} in flight, p50 / p95`,
        target: '',
        measured: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`,
        notes: `${Math.round(hitShare * 100)}% of searches found papers`,
        pass: null,
      },
      {
        area: 'memory',
        what: 'floor: node with the flags of npm start, discord.js loaded, nothing else (peak)',
        target: '',
        measured: mb(median(floor)),
        ratio: ratio(m(fullRuns, 'afterBurst') / median(floor), 'bot after the burst / floor'),
        pass: null,
      },
    ];
    return rows;
  } finally {
    await fakes.close();
  }
};
