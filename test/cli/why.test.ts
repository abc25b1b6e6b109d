/**
 * `paperboy why` as a separate process, reading the database of a bot that has just posted (and had refused) a
 * day's digests through the fake Discord from the fake arXiv's listing.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { whyText } from '../../src/cli/why.js';
import { explainPaper } from '../../src/digest/why.js';
import { FIXTURE, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';
import { LIBRARY, MONDAY, postDay } from '../commands/paper-digest-world.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const start = useBotWorld();

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function monday(): Promise<BotWorld> {
  const world = await start({
    now: MONDAY.noon,
    seed: (guildId) => ({
      topics: [
        topic(guildId, { slug: 'contrastive', query: 'contrastive' }),
        topic(guildId, { slug: 'graphs', name: 'Graph learning', query: 'graph OR graphs' }),
      ],
      subscriptions: [
        subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.text, maxPapers: 1 }),
        subscription(guildId, { topicSlug: 'graphs', channelId: FIXTURE.announcement }),
      ],
    }),
  });
  world.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.announcement}/messages`, status: 400, code: 50035 });
  await postDay(world, MONDAY, LIBRARY);
  return world;
}

describe('paperboy why', () => {
  it('prints the explanation as JSON and as text, from the database alone', { timeout: 60_000 }, async () => {
    const world = await monday();
    const env = { ...world.env, LOG_LEVEL: 'warn' } as unknown as Record<string, string>;
    const expected = await explainPaper({ store: world.bot.app.store }, FIXTURE.guildId, '2611.02004');
    const requests = world.arxiv.requests.length;

    const [json, text, bad] = await Promise.all([
      cli(['why', '2611.02004', '--json'], env),
      cli(['why', 'https://arxiv.org/abs/2611.02004v1', '--guild', FIXTURE.guildId], env),
      cli(['why', 'nonsense'], env),
    ]);
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ guildId: FIXTURE.guildId, ...JSON.parse(JSON.stringify(expected)) });

    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trim()).toBe(whyText(expected, FIXTURE.guildId));
    expect(text.stdout).toContain(`In the listing of ${MONDAY.date} as new (v1).`);
    expect(text.stdout).toMatch(
      /channel 310000000000000001 · topic contrastive \(Contrastive learning\)\n {4}Matched the topic on contrastive\.\n {4}(Posted in|Left out by the cap)/,
    );
    expect(text.stdout).toContain(`channel ${FIXTURE.announcement} · topic graphs (Graph learning)`);
    expect(text.stdout).toContain('Discord refused the message of the 2026-11-23 digest of graphs');

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^paperboy: "nonsense" is not an arXiv id/);
    // Known papers are explained without asking arXiv.
    expect(world.arxiv.requests.length).toBe(requests);
  });
});
