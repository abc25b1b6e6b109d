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
  /** Action rows per message; a select fills a row alone. */
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  selectOptions: 25,
  selectPlaceholder: 150,
  /** Option label, value and description. */
  selectOptionText: 100,
  buttonLabel: 80,
} as const;

/** The part of a Create Message body that the renderer produces and the limits apply to. */
export interface MessageBodyLike {
  content?: string;
  embeds?: readonly APIEmbed[];
  allowed_mentions?: { parse?: readonly string[]; roles?: readonly string[]; users?: readonly string[] };
  nonce?: string | number;
  enforce_nonce?: boolean;
  components?: readonly unknown[];
}

/** A string select (type 3) or button (type 2) as the renderer writes it, in API JSON. */
interface ComponentLike {
  type?: unknown;
  custom_id?: unknown;
  label?: unknown;
  url?: unknown;
  placeholder?: unknown;
  min_values?: unknown;
  max_values?: unknown;
  options?: unknown;
  components?: unknown;
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

const COMPONENT_BUTTON = 2;
const COMPONENT_STRING_SELECT = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLength(out: string[], path: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'string') out.push(`${path}: not a string`);
  else if (value.length < min || value.length > max) out.push(`${path}: length ${value.length} not in ${min}–${max}`);
}

function checkSelect(out: string[], path: string, select: ComponentLike): void {
  if (select.placeholder !== undefined)
    checkLength(out, `${path}.placeholder`, select.placeholder, 0, LIMITS.selectPlaceholder);
  const options = Array.isArray(select.options) ? (select.options as unknown[]) : [];
  if (options.length < 1 || options.length > LIMITS.selectOptions)
    out.push(`${path}.options: ${options.length} not in 1–${LIMITS.selectOptions}`);
  const values = new Set<unknown>();
  options.forEach((option, i) => {
    const o = isRecord(option) ? option : {};
    checkLength(out, `${path}.options[${i}].label`, o['label'], 1, LIMITS.selectOptionText);
    checkLength(out, `${path}.options[${i}].value`, o['value'], 1, LIMITS.selectOptionText);
    if (o['description'] !== undefined)
      checkLength(out, `${path}.options[${i}].description`, o['description'], 1, LIMITS.selectOptionText);
    if (values.has(o['value'])) out.push(`${path}.options[${i}].value: repeated`);
    values.add(o['value']);
  });
  const min = select.min_values ?? 1;
  const max = select.max_values ?? 1;
  if (typeof min !== 'number' || typeof max !== 'number' || min < 0 || max < 1 || min > max || max > options.length)
    out.push(`${path}: min_values/max_values out of range for ${options.length} options`);
}

/** Action rows of buttons, or of one string select: the only components the renderer writes. */
function checkComponents(out: string[], rows: readonly unknown[]): void {
  if (rows.length > LIMITS.actionRows) out.push(`components: ${rows.length} rows > ${LIMITS.actionRows}`);
  const ids = new Set<unknown>();
  rows.forEach((row, r) => {
    const children = isRecord(row) && row['type'] === 1 && Array.isArray(row['components']) ? row['components'] : null;
    if (children === null) {
      out.push(`components[${r}]: not an action row`);
      return;
    }
    const selects = children.filter((c) => isRecord(c) && c['type'] === COMPONENT_STRING_SELECT).length;
    if (children.length < 1 || children.length > (selects > 0 ? 1 : LIMITS.buttonsPerRow))
      out.push(`components[${r}]: ${children.length} components do not fit a row`);
    children.forEach((child: unknown, c) => {
      const path = `components[${r}].components[${c}]`;
      const component: ComponentLike = isRecord(child) ? child : {};
      if (component.type !== COMPONENT_BUTTON || component.url === undefined) {
        checkLength(out, `${path}.custom_id`, component.custom_id, 1, LIMITS.customId);
        if (ids.has(component.custom_id)) out.push(`${path}.custom_id: repeated`);
        ids.add(component.custom_id);
      }
      if (component.type === COMPONENT_STRING_SELECT) checkSelect(out, path, component);
      else if (component.type === COMPONENT_BUTTON) {
        if (component.label !== undefined) checkLength(out, `${path}.label`, component.label, 0, LIMITS.buttonLabel);
      } else out.push(`${path}: component type ${String(component.type)} is not written by Paperboy`);
    });
  });
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
  if (body.components !== undefined) checkComponents(out, body.components);
  const mentions = body.allowed_mentions;
  if (mentions === undefined) out.push('allowed_mentions: missing (Discord would parse @everyone and roles)');
  else if ((mentions.parse ?? []).length > 0)
    out.push(`allowed_mentions.parse: ${JSON.stringify(mentions.parse)} is not empty`);
  return out;
}
