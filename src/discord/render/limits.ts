import type { APIEmbed } from 'discord.js';

/** Discord's message and embed limits (docs/discord.md §1, §5). Counting is in UTF-16 units. */
export const LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author, summed over every embed of a message. */
  messageEmbedChars: 6000,
  embedsPerMessage: 10,
  content: 2000,
  nonce: 25,
} as const;

/** The part of a Create Message body that the renderer produces and the limits apply to. */
export interface MessageBodyLike {
  content?: string;
  embeds?: readonly APIEmbed[];
  allowed_mentions?: { parse?: readonly string[]; roles?: readonly string[]; users?: readonly string[] };
  nonce?: string | number;
  enforce_nonce?: boolean;
}

// Discord trims before it counts; JS `.length` counts UTF-16 units, which is never less than Discord's count.
const counted = (text: string | undefined): number => (text === undefined ? 0 : text.trim().length);

/** Characters of one embed as Discord counts them toward the 6000 per message. */
export function embedLength(embed: APIEmbed): number {
  let total =
    counted(embed.title) + counted(embed.description) + counted(embed.footer?.text) + counted(embed.author?.name);
  for (const field of embed.fields ?? []) total += counted(field.name) + counted(field.value);
  return total;
}

/** Characters of all embeds of one message. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  let total = 0;
  for (const embed of embeds) total += embedLength(embed);
  return total;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function checkText(out: string[], path: string, text: string | undefined, max: number, required: boolean): void {
  if (text === undefined) {
    if (required) out.push(`${path}: missing`);
    return;
  }
  const length = counted(text);
  if (length === 0 && required) out.push(`${path}: empty`);
  if (length > max) out.push(`${path}: ${length} > ${max}`);
}

function checkEmbed(out: string[], path: string, embed: APIEmbed): void {
  checkText(out, `${path}.title`, embed.title, LIMITS.embedTitle, false);
  checkText(out, `${path}.description`, embed.description, LIMITS.embedDescription, false);
  if (embed.footer !== undefined) checkText(out, `${path}.footer.text`, embed.footer.text, LIMITS.footerText, true);
  if (embed.author !== undefined) checkText(out, `${path}.author.name`, embed.author.name, LIMITS.authorName, true);
  const fields = embed.fields ?? [];
  if (fields.length > LIMITS.embedFields) out.push(`${path}.fields: ${fields.length} > ${LIMITS.embedFields}`);
  fields.forEach((field, i) => {
    checkText(out, `${path}.fields[${i}].name`, field.name, LIMITS.fieldName, true);
    checkText(out, `${path}.fields[${i}].value`, field.value, LIMITS.fieldValue, true);
  });
  if (embed.url !== undefined && !isHttpUrl(embed.url)) out.push(`${path}.url: not an http(s) URL`);
  if (embed.image !== undefined && !isHttpUrl(embed.image.url)) out.push(`${path}.image.url: not an http(s) URL`);
  if (embed.color !== undefined && !(Number.isInteger(embed.color) && embed.color >= 0 && embed.color <= 0xffffff)) {
    out.push(`${path}.color: not a 24-bit integer`);
  }
  if (embed.timestamp !== undefined && Number.isNaN(Date.parse(embed.timestamp)))
    out.push(`${path}.timestamp: not ISO-8601`);
  if (embedLength(embed) === 0 && embed.image === undefined) out.push(`${path}: empty embed`);
}

/**
 * Every way `body` would be refused by Discord (or would ping someone it should not), as
 * `path: problem` strings; empty when the body is fine to send.
 */
export function validateMessage(body: MessageBodyLike): string[] {
  const out: string[] = [];
  const embeds = body.embeds ?? [];
  if (body.content !== undefined && body.content.length > LIMITS.content) {
    out.push(`content: ${body.content.length} > ${LIMITS.content}`);
  }
  if (counted(body.content) === 0 && embeds.length === 0) out.push('message: no content and no embeds');
  if (embeds.length > LIMITS.embedsPerMessage) out.push(`embeds: ${embeds.length} > ${LIMITS.embedsPerMessage}`);
  embeds.forEach((embed, i) => checkEmbed(out, `embeds[${i}]`, embed));
  // Discord merges embeds that share a URL into the first one, hiding the others.
  const urls = embeds.map((embed) => embed.url).filter((url) => url !== undefined);
  if (new Set(urls).size < urls.length) out.push('embeds: two embeds share a URL (Discord would show only the first)');
  const total = embedsLength(embeds);
  if (total > LIMITS.messageEmbedChars) out.push(`embeds: ${total} characters > ${LIMITS.messageEmbedChars}`);
  if (body.nonce !== undefined && String(body.nonce).length > LIMITS.nonce) {
    out.push(`nonce: ${String(body.nonce).length} > ${LIMITS.nonce}`);
  }
  if (body.enforce_nonce === true && body.nonce === undefined) out.push('enforce_nonce: set without a nonce');
  const mentions = body.allowed_mentions;
  if (mentions === undefined) out.push('allowed_mentions: missing (Discord would parse @everyone and roles)');
  else if ((mentions.parse ?? []).length > 0)
    out.push(`allowed_mentions.parse: ${JSON.stringify(mentions.parse)} is not empty`);
  return out;
}
