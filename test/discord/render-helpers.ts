import type { APIEmbed } from 'discord.js';
import { LOCALES, t } from '../../src/i18n/index.js';
import type { Paper } from '../../src/papers/paper.js';

/** A plausible paper; override what a case is about. */
export function makePaper(overrides: Partial<Paper> = {}): Paper {
  return {
    id: '2205.14459',
    version: 2,
    title: 'CyCLIP: Cyclic Contrastive Language-Image Pretraining',
    authors: ['Shashank Goel', 'Hritik Bansal', 'Sumit Bhatia', 'Ryan A. Rossi', 'Vishwa Vinay', 'Aditya Grover'],
    abstract:
      'Recent advances in contrastive representation learning over paired image-text data have led to models such as CLIP. ' +
      'Such models typically require joint reasoning in the image and text representation spaces. ' +
      'We propose CyCLIP, a framework that explicitly optimizes for geometric consistency.',
    categories: ['cs.CV', 'cs.LG'],
    primaryCategory: 'cs.CV',
    comment: '19 pages, 13 tables, 6 figures, Oral at NeurIPS 2022',
    journalRef: null,
    doi: null,
    venue: 'NeurIPS 2022',
    codeUrl: 'https://github.com/goel-shashank/CyCLIP',
    published: '2022-05-28T17:59:58Z',
    updated: '2022-10-26T00:00:00Z',
    announced: '2022-05-31',
    announceType: 'new',
    withdrawn: false,
    absUrl: 'https://arxiv.org/abs/2205.14459',
    pdfUrl: 'https://arxiv.org/pdf/2205.14459v2',
    ...overrides,
  };
}

/**
 * Markup in text Discord renders as markdown that is still live: anything that could ping, form a
 * mention, a masked link, code, or a block (heading, list, quote). Escaped characters do not count.
 */
export function liveMarkup(text: string): string[] {
  const problems: string[] = [];
  if (/@(?:everyone|here)/i.test(text)) problems.push('@everyone/@here');
  if (/<(?:@|#|\/|a?:|t:|id:)/i.test(text)) problems.push('mention syntax');
  const unescaped = text.replace(/\\[\s\S]/g, '');
  if (/\[[^\]]*\]\(/.test(unescaped)) problems.push('masked link');
  if (unescaped.includes('`')) problems.push('backtick');
  for (const line of text.split('\n')) {
    if (/^\s*(?:#|-#|>|[-+*] |\d+\. )/.test(line)) problems.push(`block markup at line start: ${line.slice(0, 20)}`);
  }
  return problems;
}

/** The same for text Discord shows verbatim (footer, author name): only pings and mentions matter. */
export function livePlain(text: string): string[] {
  const problems: string[] = [];
  if (/@(?:everyone|here)/i.test(text)) problems.push('@everyone/@here');
  if (/<(?:@|#|\/|a?:|t:|id:)/i.test(text)) problems.push('mention syntax');
  return problems;
}

/** Names of the fields whose values the renderer builds as links on purpose, in every locale. */
const LINK_FIELDS = new Set(LOCALES.flatMap((locale) => [t(locale, 'digest.code'), t(locale, 'digest.pdf')]));

/** Every live-markup problem of one embed, with where it is. */
export function embedProblems(embed: APIEmbed): string[] {
  const out: string[] = [];
  const add = (where: string, problems: string[]): void => {
    for (const p of problems) out.push(`${where}: ${p}`);
  };
  add('title', liveMarkup(embed.title ?? ''));
  add('description', liveMarkup((embed.description ?? '').replace(/^\*[^\n]*\*\n/, '')));
  add('byline', liveMarkup((embed.description ?? '').split('\n')[0]?.replace(/^\*|\*$/g, '') ?? ''));
  for (const field of embed.fields ?? []) {
    add(`field ${field.name}`, liveMarkup(field.name));
    if (LINK_FIELDS.has(field.name)) {
      const link = /^\[((?:\\.|[^\\\]])*)\]\((https?:\/\/[^\s()]+)\)$/.exec(field.value);
      if (link === null) out.push(`field ${field.name}: not exactly one link: ${field.value.slice(0, 60)}`);
      else add(`field ${field.name} label`, liveMarkup(link[1] ?? ''));
    } else add(`field ${field.name}`, liveMarkup(field.value));
  }
  add('footer', livePlain(embed.footer?.text ?? ''));
  add('author', livePlain(embed.author?.name ?? ''));
  return out;
}

/** What Discord shows for escaped text: escapes resolved, zero-width spaces invisible. */
export function rendered(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/g, '$1').replace(/\u200B/g, '');
}

/** Hostile strings as they could appear in a title, abstract, author name, topic name or comment. */
export const HOSTILE: readonly string[] = [
  '@everyone look at this',
  '@here @EVERYONE @Here',
  'ping <@123456789012345678> and <@!123456789012345678>',
  'role <@&123456789012345678> channel <#123456789012345678>',
  'command </paper search:123456789012345678>',
  'emoji <:pepe:123> <a:dance:456> time <t:1700000000:R> nav <id:customize>',
  '[click here](https://evil.example/phish)',
  '[nested [brackets]](https://evil.example)',
  '[spaced] (https://evil.example)',
  '# Heading one',
  '## Heading two',
  '### Heading three',
  '-# subtext',
  '- bullet item',
  '* star item',
  '+ plus item',
  '1. numbered item',
  '> quoted',
  '>>> quoted block',
  '```js\nconsole.log(1)\n```',
  '`inline` code',
  '**bold** __underline__ ~~strike~~ ||spoiler|| *it* _it_',
  'line one\n# heading on line two\n- list on line three\n> quote on four',
  'trailing backslash \\',
  '\\[escaped](https://evil.example)',
  'https://evil.example/[a](https://evil.example) and `x`',
  'https://github.com/a_b/c*d_e',
  'bidi \u202Eevil\u202C and \u2066isolate\u2069',
  'controls \u0000\u0001\u0007\u001B[31m\u007F\u0085\u009F end',
  'lone surrogates \uD800 and \uDC00',
  'zero\u200Bwidth @\u200Beveryone',
  'Z̷̡̢̛͎͉̖͍̤̗̙̫͙̟̖̯͓̙͙̮̘̞̬̮̰̣͙̝̞̲̳̙̜̾̔̀̉̂̀̆̈́̔̍̃̈́̆̀̆̎̈́̀̓̔͐͂́̒̔̃̐̌̚̕̚͝algo',
  '   \n\t  ',
  '',
];
