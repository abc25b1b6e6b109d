import { describeDelivery, describeListing, describeMatch, explainPaper, type WhyReport } from '../digest/why.js';
import { storeSettings, type Env } from '../env.js';
import { parseArxivId } from '../papers/ids.js';
import { openStore } from '../store/index.js';
import { cliArxivSource, type CliArxivOptions } from './arxiv.js';
import { UsageError, type Printer } from './common.js';
import { cliLogger, note } from './output.js';

export interface WhyOptions {
  /** The paper, in any form arXiv prints its ids. */
  id: string;
  /** One server; default every server with subscriptions. */
  guild: string | undefined;
}

/**
 * `why <arXiv id> [--guild <id>]`: for each subscription, whether the paper was in an ingested listing, matched
 * the topic, and was posted, capped, refused, skipped as an old version, or is waiting. Answered from the
 * database; arXiv is asked only when the archive has never seen the paper.
 */
export async function whyPaper(
  env: Env,
  options: WhyOptions,
  out: Printer,
  arxiv: CliArxivOptions = {},
): Promise<number> {
  const wanted = parseArxivId(options.id);
  if (wanted === null) {
    throw new UsageError(
      `"${options.id}" is not an arXiv id (examples: 2205.14459, arXiv:2205.14459v2, hep-th/9901001)`,
    );
  }
  const log = cliLogger(env);
  const store = await openStore(env.DATABASE_URL, storeSettings(env));
  const source = cliArxivSource(env, { log }, arxiv);
  try {
    const guilds = options.guild !== undefined ? [options.guild] : await subscribedGuilds(store);
    if (guilds.length === 0) note('No server has subscriptions in this database: only the listing is explained.');
    // The arXiv answer is shared by every server.
    let looked: Promise<Awaited<ReturnType<typeof source.fetchPapers>>> | null = null;
    const lookUp = async (id: string) => {
      looked ??= source.fetchPapers([id]);
      return (await looked).find((r) => r.paper.id === id)?.paper ?? null;
    };
    const reports: Array<{ guildId: string | null; report: WhyReport }> = [];
    for (const guildId of guilds.length > 0 ? guilds : [null]) {
      reports.push({ guildId, report: await explainPaper({ store, lookUp }, guildId ?? '', wanted.id) });
    }
    for (const [i, { guildId, report }] of reports.entries()) {
      if (out.json) out.record({ guildId, ...report });
      else out.line(whyText(report, guildId, i === 0));
    }
    return 0;
  } finally {
    source.close();
    await store.close();
  }
}

async function subscribedGuilds(store: Awaited<ReturnType<typeof openStore>>): Promise<string[]> {
  const ids: string[] = [];
  for (const guildId of await store.state.listGuildIds()) {
    if ((await store.state.getGuild(guildId)).subscriptions.length > 0) ids.push(guildId);
  }
  return ids;
}

/** The report as text for a terminal: the paper and its listing once, then each subscription. */
export function whyText(report: WhyReport, guildId: string | null, header = true): string {
  const lines: string[] = [];
  if (header) {
    const paper = report.paper;
    lines.push(paper ? `${paper.id}v${paper.version}  ${paper.title}` : report.id, describeListing(report), '');
  }
  if (guildId === null || report.source === 'unknown') return lines.join('\n').trimEnd();
  lines.push(`Server ${guildId}:`);
  if (report.subscriptions.length === 0) lines.push('  no subscriptions');
  for (const sub of report.subscriptions) {
    lines.push(`  channel ${sub.channelId} · topic ${sub.topicSlug} (${sub.topicName})`);
    if (sub.match !== null) lines.push(`    ${describeMatch(sub.match)}`);
    lines.push(`    ${describeDelivery(sub.delivery)}`);
  }
  return lines.join('\n');
}
