/**
 * Reading what the bot actually sent the fake Discord: every message body (channel messages,
 * forum posts, interaction replies and updates, webhook edits and follow-ups), and the checks
 * that untrusted text in them is inert.
 */
import type { FakeDiscord } from '../fakes/fake-discord.js';

export interface SentMessage {
  /** `POST /channels/…/messages`, `PATCH /webhooks/…`, … */
  where: string;
  content: string;
  embeds: SentEmbed[];
  allowedMentions: unknown;
}

export interface SentEmbed {
  title?: string;
  description?: string;
  url?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
  author?: { name: string };
}

type Json = Record<string, unknown>;

function messageOf(method: string, path: string, body: unknown): Json | null {
  if (typeof body !== 'object' || body === null) return null;
  const json = body as Json;
  if (path.startsWith('/interactions/')) {
    // Replies (4) and updates (7) carry a message; deferrals, autocomplete and the rest do not.
    return json['type'] === 4 || json['type'] === 7 ? ((json['data'] as Json | undefined) ?? {}) : null;
  }
  if (/^\/channels\/\d+\/threads$/.test(path)) return (json['message'] as Json | undefined) ?? null;
  if (/^\/channels\/\d+\/messages(?:\/\d+)?$/.test(path) && (method === 'POST' || method === 'PATCH')) return json;
  if (path.startsWith('/webhooks/') && (method === 'POST' || method === 'PATCH')) return json;
  return null;
}

/** Every message body the bot sent, in order. */
export function sentMessages(discord: FakeDiscord): SentMessage[] {
  return discord.requests.flatMap((r) => {
    const message = messageOf(r.method, r.path, r.body);
    if (message === null) return [];
    return [
      {
        where: `${r.method} ${r.path}`,
        content: typeof message['content'] === 'string' ? message['content'] : '',
        embeds: Array.isArray(message['embeds']) ? (message['embeds'] as SentEmbed[]) : [],
        allowedMentions: message['allowed_mentions'],
      },
    ];
  });
}

/** Places where Discord renders markdown, with the text each holds. */
function renderedPlaces(message: SentMessage): Array<[string, string]> {
  const places: Array<[string, string]> = [['content', message.content]];
  message.embeds.forEach((embed, i) => {
    places.push([`embed ${i} title`, embed.title ?? '']);
    places.push([`embed ${i} description`, embed.description ?? '']);
    for (const field of embed.fields ?? []) {
      places.push([`embed ${i} field name ${field.name}`, field.name]);
      places.push([`embed ${i} field ${field.name}`, field.value]);
    }
  });
  return places;
}

/** Places Discord shows verbatim: only pings and mentions matter there. */
function verbatimPlaces(message: SentMessage): Array<[string, string]> {
  return message.embeds.flatMap((embed, i): Array<[string, string]> => [
    [`embed ${i} footer`, embed.footer?.text ?? ''],
    [`embed ${i} author`, embed.author?.name ?? ''],
  ]);
}

const MENTION = /<(?:@[!&]?\d+|#\d+|\/[^>]*:\d+|a?:\w+:\d+|t:-?\d+(?::\w)?|id:\w+)>/g;

export interface InertOptions {
  /** Mentions the bot itself writes on purpose (the subscription's role, "Shared by <@user>"). */
  allowedMentions: readonly string[];
  /** Link targets the bot itself builds (arXiv, the code link); any other masked link is injected. */
  linkHosts: readonly string[];
}

/**
 * What in a message is live that untrusted text could have made live: @everyone/@here, a mention
 * the bot did not write, a masked link to a host the bot never links, a heading, subtext or quote
 * at the start of a line, a code fence, a spoiler.
 */
export function liveInjections(message: SentMessage, options: InertOptions): string[] {
  const problems: string[] = [];
  const add = (where: string, what: string) => problems.push(`${message.where} ${where}: ${what}`);
  for (const [where, text] of [...renderedPlaces(message), ...verbatimPlaces(message)]) {
    if (/@(?:everyone|here)\b/i.test(text)) add(where, '@everyone/@here');
    for (const [mention] of text.matchAll(MENTION))
      if (!options.allowedMentions.includes(mention)) add(where, `mention ${mention}`);
  }
  for (const [where, text] of renderedPlaces(message)) {
    // Escaped characters are shown as themselves and start no markup: stand them in by an inert one.
    const live = text.replace(/\\[^0-9A-Za-z\s]/g, '\uE000');
    for (const [, target] of live.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) {
      let host = '';
      try {
        host = new URL(target ?? '').hostname;
      } catch {
        host = '(not a URL)';
      }
      if (!options.linkHosts.includes(host)) add(where, `masked link to ${target}`);
    }
    for (const line of live.split('\n')) {
      if (/^\s*(?:#{1,3}\s|-#\s|>)/.test(line)) add(where, `block markup at line start: ${line.slice(0, 30)}`);
    }
    // The bot's own code blocks (a topic's query) hold no backtick; a fence from untrusted text would.
    if (live.replace(/```\n[^`]*\n```/g, '').includes('```')) add(where, 'code fence');
    if (/\|\|[^|]+\|\|/.test(live)) add(where, 'spoiler');
  }
  return problems;
}

/**
 * `allowed_mentions` that can ping at most `roles`: `parse` empty (or absent with explicit lists),
 * no users, and only the given roles. A missing `allowed_mentions` counts as pinging everything.
 */
export function mentionProblems(message: SentMessage, roles: readonly string[]): string[] {
  const allowed = message.allowedMentions as
    { parse?: unknown[]; users?: unknown[]; roles?: unknown[]; replied_user?: boolean } | undefined;
  if (allowed === undefined || allowed === null) return [`${message.where}: no allowed_mentions`];
  const problems: string[] = [];
  if ((allowed.parse ?? []).length > 0) problems.push(`${message.where}: parse ${JSON.stringify(allowed.parse)}`);
  if ((allowed.users ?? []).length > 0) problems.push(`${message.where}: users ${JSON.stringify(allowed.users)}`);
  for (const role of allowed.roles ?? [])
    if (!roles.includes(String(role))) problems.push(`${message.where}: role ${String(role)}`);
  if (allowed.replied_user === true) problems.push(`${message.where}: replied_user`);
  return problems;
}

/** Everything a message says, for `toContain`. */
export function messageText(message: SentMessage): string {
  return [...renderedPlaces(message), ...verbatimPlaces(message)].map(([, text]) => text).join('\n');
}
