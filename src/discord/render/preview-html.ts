import type { APIEmbed, APIEmbedField } from 'discord.js';
import { DEFAULT_LOCALE, formatDateTime, translator, type Locale } from '../../i18n/index.js';

/**
 * A digest as a self-contained web page that looks like Discord's dark theme: the messages
 * exactly as they would be POSTed, with their embeds (colour bar, linked title, description,
 * fields, image, footer). No scripts and nothing loaded but the embeds' images.
 */

/** The part of a message body the preview shows. */
export interface PreviewMessage {
  content?: string;
  embeds?: readonly APIEmbed[];
}

export interface PreviewOptions {
  /** The page title, e.g. the topic and date. */
  title: string;
  /** Shown as the channel name above the messages. Default `papers`. */
  channel?: string;
  /** The bot's name on the messages. Default `Paperboy`. */
  author?: string;
  /** When the messages are shown as posted. Default now. */
  postedAt?: Date;
  /** The language of the digest: the page's `lang`, its own few words and its dates. Default en-US. */
  locale?: Locale;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** An http(s) URL fit for an attribute, or null. */
function httpUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const link = (href: string, inner: string): string =>
  `<a href="${escapeHtml(href)}" target="_blank" rel="noreferrer noopener">${inner}</a>`;

// Discord's bare-link rule (see sanitize.ts): a URL up to whitespace or `<`, not ending in punctuation.
const AUTOLINK = /^https?:\/\/[^\s<]+[^<.,:;"')\]\s]/i;
// Discord un-escapes a backslash before any character that is not a letter, digit or space.
const ESCAPABLE = /[^0-9A-Za-z\s]/;
const MENTIONS: Array<[RegExp, (id: string) => string]> = [
  [/^<@&(\d{1,20})>/, () => '@role'],
  [/^<@!?(\d{1,20})>/, () => '@user'],
  [/^<#(\d{1,20})>/, () => '#channel'],
];

/** Index of the next unescaped `delimiter` at or after `from`, or -1. */
function closing(text: string, from: number, delimiter: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      i++;
      continue;
    }
    if (text.startsWith(delimiter, i) && i > from) {
      // `*a*` closes on a single star; `**` belongs to bold.
      if (delimiter === '*' && text[i + 1] === '*') {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

const WRAPS: Array<[string, string, string]> = [
  ['**', '<strong>', '</strong>'],
  ['__', '<u>', '</u>'],
  ['~~', '<s>', '</s>'],
  ['||', '<span class="spoiler">', '</span>'],
  ['*', '<em>', '</em>'],
];

/**
 * Discord's inline markdown as HTML: backslash escapes, bold, italics, underline, strike,
 * spoilers, inline code, masked and bare links, mentions, line breaks. `links: false` for
 * places where Discord shows no masked links (embed titles, field names).
 */
export function markdownToHtml(text: string, options: { links?: boolean } = {}): string {
  const links = options.links ?? true;
  let out = '';
  let i = 0;
  outer: while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i] ?? '';
    if (ch === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      out += escapeHtml(text[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (ch === '\n') {
      out += '<br>';
      i++;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        out += `<code>${escapeHtml(text.slice(i + 1, end))}</code>`;
        i = end + 1;
        continue;
      }
    }
    for (const [delimiter, open, close] of WRAPS) {
      if (!rest.startsWith(delimiter)) continue;
      const end = closing(text, i + delimiter.length, delimiter);
      if (end === -1) continue;
      out += open + markdownToHtml(text.slice(i + delimiter.length, end), options) + close;
      i = end + delimiter.length;
      continue outer;
    }
    if (links && ch === '[') {
      const middle = closing(text, i + 1, '](');
      const end = middle === -1 ? -1 : text.indexOf(')', middle + 2);
      const href = end === -1 ? null : httpUrl(text.slice(middle + 2, end));
      if (href !== null) {
        out += link(href, markdownToHtml(text.slice(i + 1, middle), { links: false }));
        i = end + 1;
        continue;
      }
    }
    if (links && (ch === 'h' || ch === 'H') && (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1] ?? ''))) {
      const bare = AUTOLINK.exec(rest)?.[0];
      const href = bare === undefined ? null : httpUrl(bare);
      if (bare !== undefined && href !== null) {
        out += link(href, escapeHtml(bare));
        i += bare.length;
        continue;
      }
    }
    if (ch === '<') {
      for (const [pattern, label] of MENTIONS) {
        const mention = pattern.exec(rest);
        if (mention) {
          out += `<span class="mention">${label(mention[1] ?? '')}</span>`;
          i += mention[0].length;
          continue outer;
        }
      }
    }
    out += escapeHtml(ch);
    i++;
  }
  return out;
}

/** Discord lays inline fields out three to a row on a 12-column grid. */
function fieldColumns(fields: readonly APIEmbedField[]): string[] {
  const columns: string[] = [];
  let run = 0;
  for (const field of fields) {
    if (!field.inline) {
      columns.push('1 / 13');
      run = 0;
      continue;
    }
    const slot = run % 3;
    columns.push(`${1 + slot * 4} / ${5 + slot * 4}`);
    run++;
  }
  return columns;
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** How Discord writes a date that is not today's in locales other than English: `2026/11/24 06:30`. */
const INTL_DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' };
const INTL_DATE: Intl.DateTimeFormatOptions = { ...INTL_DAY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** `11/24/2026 6:30 AM` in UTC, as Discord shows a date that is not today's; other locales by `Intl`. */
function discordDate(date: Date, withTime: boolean, locale: Locale): string {
  if (locale !== DEFAULT_LOCALE) return formatDateTime(locale, date, withTime ? INTL_DATE : INTL_DAY);
  const day = `${twoDigits(date.getUTCMonth() + 1)}/${twoDigits(date.getUTCDate())}/${date.getUTCFullYear()}`;
  if (!withTime) return day;
  const hours = date.getUTCHours();
  return `${day} ${hours % 12 === 0 ? 12 : hours % 12}:${twoDigits(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

function colourOf(embed: APIEmbed): string {
  const colour = typeof embed.color === 'number' && Number.isInteger(embed.color) ? embed.color : 0x1e1f22;
  return `#${Math.min(Math.max(colour, 0), 0xffffff).toString(16).padStart(6, '0')}`;
}

function embedHtml(embed: APIEmbed, locale: Locale): string {
  const parts: string[] = [];
  if (embed.title !== undefined) {
    const title = markdownToHtml(embed.title, { links: false });
    const href = httpUrl(embed.url);
    parts.push(`<div class="embed-title">${href === null ? title : link(href, title)}</div>`);
  }
  if (embed.description !== undefined)
    parts.push(`<div class="embed-description markup">${markdownToHtml(embed.description)}</div>`);
  const fields = embed.fields ?? [];
  if (fields.length > 0) {
    const columns = fieldColumns(fields);
    const cells = fields.map(
      (field, i) =>
        `<div class="embed-field" style="grid-column: ${columns[i] ?? '1 / 13'}">` +
        `<div class="embed-field-name">${markdownToHtml(field.name, { links: false })}</div>` +
        `<div class="embed-field-value markup">${markdownToHtml(field.value)}</div></div>`,
    );
    parts.push(`<div class="embed-fields">${cells.join('')}</div>`);
  }
  const image = httpUrl(embed.image?.url);
  if (image !== null) {
    parts.push(
      `<div class="embed-image">${link(image, `<img src="${escapeHtml(image)}" alt="" loading="eager">`)}</div>`,
    );
  }
  const footer = embed.footer?.text ?? '';
  const timestamp = embed.timestamp === undefined ? null : new Date(embed.timestamp);
  const when = timestamp === null || Number.isNaN(timestamp.getTime()) ? '' : discordDate(timestamp, true, locale);
  if (footer !== '' || when !== '') {
    const text = [escapeHtml(footer), escapeHtml(when)].filter((p) => p !== '').join('<span class="dot">•</span>');
    parts.push(`<div class="embed-footer">${text}</div>`);
  }
  return `<article class="embed" style="border-left-color: ${colourOf(embed)}"><div class="embed-grid">${parts.join('')}</div></article>`;
}

// A round, Paperboy-blue avatar with a newspaper glyph, inline so the page needs nothing else.
const AVATAR =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="#5865f2"/>' +
      '<rect x="11" y="12" width="18" height="16" rx="2" fill="#fff"/><rect x="14" y="15" width="12" height="3" fill="#5865f2"/>' +
      '<rect x="14" y="20" width="5" height="5" fill="#5865f2"/><rect x="21" y="20" width="5" height="1.5" fill="#5865f2"/>' +
      '<rect x="21" y="23.5" width="5" height="1.5" fill="#5865f2"/></svg>',
  );

const STYLE = `
:root { color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; background: #313338; color: #dbdee1; font: 16px/1.375 "gg sans", "Noto Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; }
/* Chinese text: the CJK faces Discord's own stack falls back to, before the system's. */
body:lang(zh) { font-family: "gg sans", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif; }
a { color: #00a8fc; text-decoration: none; }
a:hover { text-decoration: underline; }
.topbar { height: 48px; display: flex; align-items: center; gap: 8px; padding: 0 16px; border-bottom: 1px solid #26272b; color: #f2f3f5; font-weight: 600; }
.topbar .hash { color: #80848e; font-size: 24px; font-weight: 400; }
.chat { padding: 16px 0 24px; max-width: 960px; }
.message { position: relative; padding: 2px 48px 2px 72px; min-height: 22px; }
.message.first { margin-top: 17px; min-height: 44px; }
.message:hover { background: #2e3035; }
.avatar { position: absolute; left: 16px; top: 4px; width: 40px; height: 40px; border-radius: 50%; }
.header { margin: 0; font-size: 16px; line-height: 22px; font-weight: 400; display: flex; align-items: baseline; gap: 4px; }
.username { color: #f2f3f5; font-weight: 500; }
.app-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; line-height: 15px; height: 15px; padding: 0 4px; border-radius: 3px; text-transform: uppercase; position: relative; top: -2px; }
.time { color: #949ba4; font-size: 12px; margin-left: 4px; }
.content { line-height: 22px; white-space: pre-wrap; word-wrap: break-word; }
.markup code { font-family: Consolas, "Andale Mono WT", "Andale Mono", "Lucida Console", "Liberation Mono", monospace; font-size: 85%; background: #2b2d31; border: 1px solid #1e1f22; border-radius: 4px; padding: 0 .2em; }
.mention { background: rgba(88, 101, 242, .3); color: #c9cdfb; border-radius: 3px; padding: 0 2px; font-weight: 500; }
.spoiler { background: #1e1f22; border-radius: 3px; }
.embeds { display: grid; gap: 4px; padding: 2px 0; }
.embed { display: grid; max-width: 516px; background: #2b2d31; border-left: 4px solid #1e1f22; border-radius: 4px; }
.embed-grid { display: grid; grid-template-columns: auto; padding: 8px 16px 16px 12px; min-width: 0; }
.embed-title { margin-top: 8px; color: #f2f3f5; font-size: 16px; line-height: 22px; font-weight: 600; min-width: 0; }
.embed-title a { color: #00a8fc; }
.embed-description { margin-top: 8px; font-size: 14px; line-height: 18px; white-space: pre-line; word-wrap: break-word; }
.embed-fields { display: grid; grid-template-columns: repeat(12, 1fr); gap: 8px; margin-top: 8px; min-width: 0; }
.embed-field { min-width: 0; font-size: 14px; line-height: 18px; }
.embed-field-name { color: #f2f3f5; font-weight: 600; margin-bottom: 2px; }
.embed-field-value { white-space: pre-line; word-wrap: break-word; }
.embed-image { margin-top: 16px; }
.embed-image img { display: block; max-width: 400px; max-height: 300px; border-radius: 4px; }
.embed-footer { margin-top: 8px; font-size: 12px; line-height: 16px; font-weight: 500; color: #dbdee1; }
.embed-footer .dot { margin: 0 4px; }
`;

/** The page for a digest's message bodies, in sending order. */
export function digestPreviewHtml(messages: readonly PreviewMessage[], options: PreviewOptions): string {
  const author = options.author ?? 'Paperboy';
  const locale = options.locale ?? DEFAULT_LOCALE;
  const posted = discordDate(options.postedAt ?? new Date(), true, locale);
  const body = messages
    .map((message, index) => {
      const head =
        index === 0
          ? `<img class="avatar" src="${AVATAR}" alt=""><h3 class="header"><span class="username">${escapeHtml(author)}</span>` +
            `<span class="app-tag">${escapeHtml(translator(locale)('preview.appTag'))}</span><time class="time">${escapeHtml(posted)}</time></h3>`
          : '';
      const content = message.content ? `<div class="content markup">${markdownToHtml(message.content)}</div>` : '';
      const embeds = (message.embeds ?? []).map((embed) => embedHtml(embed, locale)).join('');
      return (
        `<div class="message${index === 0 ? ' first' : ''}" data-index="${index}">${head}${content}` +
        `${embeds === '' ? '' : `<div class="embeds">${embeds}</div>`}</div>`
      );
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="topbar"><span class="hash">#</span>${escapeHtml(options.channel ?? 'papers')}</header>
<main class="chat">
${body}
</main>
</body>
</html>
`;
}
