import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { embedLength, LIMITS, validateMessage } from '../../src/discord/render/limits.js';
import { packEmbeds } from '../../src/discord/render/pack.js';

/** A valid embed that counts exactly `chars` toward the message total, tagged so that order can be checked. */
function sized(chars: number, tag = ''): APIEmbed {
  const title = tag.slice(0, chars);
  let left = chars - title.length;
  const description = 'd'.repeat(Math.min(left, LIMITS.embedDescription));
  left -= description.length;
  const fields = [];
  while (left > 0) {
    const value = 'v'.repeat(Math.min(left - 1, LIMITS.fieldValue));
    fields.push({ name: 'n', value });
    left -= value.length + 1;
  }
  return {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

const shape = (groups: APIEmbed[][]): number[][] => groups.map((group) => group.map(embedLength));

describe('packEmbeds', () => {
  it.each([
    { name: 'nothing', sizes: [], expected: [] },
    { name: 'one', sizes: [100], expected: [[100]] },
    { name: 'exactly 10 embeds', sizes: Array<number>(10).fill(100), expected: [Array<number>(10).fill(100)] },
    { name: '11 embeds', sizes: Array<number>(11).fill(100), expected: [Array<number>(10).fill(100), [100]] },
    {
      name: '20 embeds',
      sizes: Array<number>(20).fill(1),
      expected: [Array<number>(10).fill(1), Array<number>(10).fill(1)],
    },
    {
      name: 'exactly 6000 over 10 embeds',
      sizes: Array<number>(10).fill(600),
      expected: [Array<number>(10).fill(600)],
    },
    {
      name: '6001 over 10 embeds',
      sizes: [...Array<number>(9).fill(600), 601],
      expected: [Array<number>(9).fill(600), [601]],
    },
    { name: 'exactly 6000 in two', sizes: [3000, 3000], expected: [[3000, 3000]] },
    { name: 'one over 6000 in two', sizes: [3000, 3001], expected: [[3000], [3001]] },
    { name: 'one embed of exactly 6000', sizes: [6000, 1, 6000], expected: [[6000], [1], [6000]] },
    { name: 'order kept, no look-ahead', sizes: [5000, 2000, 500, 500], expected: [[5000], [2000, 500, 500]] },
  ])('$name', ({ sizes, expected }) => {
    const groups = packEmbeds(sizes.map((n, i) => sized(n, `#${i}`)));
    expect(shape(groups)).toEqual(expected);
    for (const group of groups) {
      expect(validateMessage({ embeds: group, allowed_mentions: { parse: [] } })).toEqual([]);
    }
  });

  it('keeps the order and every embed', () => {
    const embeds = Array.from({ length: 37 }, (_, i) => sized(100 + ((i * 977) % 2500), `#${i}`));
    expect(packEmbeds(embeds).flat()).toEqual(embeds);
  });

  it('refuses an embed that cannot fit any message', () => {
    expect(() => packEmbeds([sized(10), sized(6001)])).toThrow(/embed 1 has 6001 characters/);
  });

  it('honours smaller limits', () => {
    expect(shape(packEmbeds([sized(10), sized(10), sized(10)], { maxEmbeds: 2 }))).toEqual([[10, 10], [10]]);
    expect(shape(packEmbeds([sized(10), sized(10), sized(10)], { maxChars: 25 }))).toEqual([[10, 10], [10]]);
  });

  it('counts trimmed text, as Discord does', () => {
    expect(
      embedLength({
        title: '  ab  ',
        description: '\ncd\n',
        footer: { text: ' e ' },
        fields: [{ name: ' f', value: 'g ' }],
      }),
    ).toBe(7);
    expect(LIMITS.messageEmbedChars).toBe(6000);
  });
});

describe('validateMessage', () => {
  const body = (embed: APIEmbed, extra: object = {}) => ({
    embeds: [embed],
    allowed_mentions: { parse: [] },
    ...extra,
  });
  const s = (n: number): string => 'x'.repeat(n);
  it.each([
    { name: 'title at 256', embed: { title: s(256) }, problems: [] },
    { name: 'title at 257', embed: { title: s(257) }, problems: ['embeds[0].title: 257 > 256'] },
    { name: 'description at 4096', embed: { description: s(4096) }, problems: [] },
    { name: 'description at 4097', embed: { description: s(4097) }, problems: ['embeds[0].description: 4097 > 4096'] },
    {
      name: 'field name at 257',
      embed: { fields: [{ name: s(257), value: 'v' }] },
      problems: ['embeds[0].fields[0].name: 257 > 256'],
    },
    { name: 'field value at 1024', embed: { fields: [{ name: 'n', value: s(1024) }] }, problems: [] },
    {
      name: 'field value at 1025',
      embed: { fields: [{ name: 'n', value: s(1025) }] },
      problems: ['embeds[0].fields[0].value: 1025 > 1024'],
    },
    {
      name: 'empty field value',
      embed: { fields: [{ name: 'n', value: '  ' }] },
      problems: ['embeds[0].fields[0].value: empty'],
    },
    { name: '25 fields', embed: { fields: Array(25).fill({ name: 'n', value: 'v' }) }, problems: [] },
    {
      name: '26 fields',
      embed: { fields: Array(26).fill({ name: 'n', value: 'v' }) },
      problems: ['embeds[0].fields: 26 > 25'],
    },
    {
      name: 'footer at 2049',
      embed: { title: 't', footer: { text: s(2049) } },
      problems: ['embeds[0].footer.text: 2049 > 2048'],
    },
    {
      name: 'author at 257',
      embed: { title: 't', author: { name: s(257) } },
      problems: ['embeds[0].author.name: 257 > 256'],
    },
    { name: 'untrimmed title at 256', embed: { title: `  ${s(256)}  ` }, problems: [] },
    { name: 'bad url', embed: { title: 't', url: 'javascript:x' }, problems: ['embeds[0].url: not an http(s) URL'] },
    {
      name: 'bad colour',
      embed: { title: 't', color: 0x1000000 },
      problems: ['embeds[0].color: not a 24-bit integer'],
    },
    { name: 'empty embed', embed: {}, problems: ['embeds[0]: empty embed'] },
  ])('$name', ({ embed, problems }) => {
    expect(validateMessage(body(embed))).toEqual(problems);
  });

  it.each([
    { name: 'content at 2000', extra: { content: s(2000), embeds: [] }, problems: [] },
    { name: 'content at 2001', extra: { content: s(2001), embeds: [] }, problems: ['content: 2001 > 2000'] },
    { name: 'nothing to send', extra: { embeds: [] }, problems: ['message: no content and no embeds'] },
    { name: 'nonce at 25', extra: { nonce: s(25), enforce_nonce: true }, problems: [] },
    { name: 'nonce at 26', extra: { nonce: s(26), enforce_nonce: true }, problems: ['nonce: 26 > 25'] },
    { name: 'enforce without nonce', extra: { enforce_nonce: true }, problems: ['enforce_nonce: set without a nonce'] },
    {
      name: 'no allowed_mentions',
      extra: { allowed_mentions: undefined },
      problems: ['allowed_mentions: missing (Discord would parse @everyone and roles)'],
    },
    {
      name: 'parse everyone',
      extra: { allowed_mentions: { parse: ['everyone'] } },
      problems: ['allowed_mentions.parse: ["everyone"] is not empty'],
    },
    { name: '11 embeds', extra: { embeds: Array(11).fill({ title: 't' }) }, problems: ['embeds: 11 > 10'] },
    {
      name: '6001 characters over two embeds',
      extra: { embeds: [{ description: s(4000) }, { description: s(2001) }] },
      problems: ['embeds: 6001 characters > 6000'],
    },
    {
      name: 'shared URL',
      extra: {
        embeds: [
          { title: 'a', url: 'https://x.org/' },
          { title: 'b', url: 'https://x.org/' },
        ],
      },
      problems: ['embeds: two embeds share a URL (Discord would show only the first)'],
    },
    ...componentCases(),
  ])('$name', ({ extra, problems }) => {
    const { allowed_mentions, ...rest } = {
      allowed_mentions: { parse: [] } as { parse: string[] } | undefined,
      embeds: [{ title: 't' }],
      ...extra,
    };
    expect(validateMessage(allowed_mentions === undefined ? rest : { ...rest, allowed_mentions })).toEqual(problems);
  });
});

/** `validateMessage` on the components Paperboy writes: a string select alone in a row, buttons up to five. */
function componentCases(): Array<{ name: string; extra: object; problems: string[] }> {
  const option = (i: number) => ({ label: `Paper ${i}`, value: `2611.0${1000 + i}` });
  const select = (overrides: object = {}) => ({
    type: 3,
    custom_id: 'paper:save:0',
    min_values: 1,
    max_values: 2,
    options: [option(0), option(1)],
    ...overrides,
  });
  const row = (...components: object[]) => ({ type: 1, components });
  const button = (id: string) => ({ type: 2, style: 2, label: 'Go', custom_id: id });
  return [
    { name: 'a select of two papers', extra: { components: [row(select())] }, problems: [] },
    {
      name: 'a select of 25 papers',
      extra: {
        components: [row(select({ max_values: 25, options: Array.from({ length: 25 }, (_, i) => option(i)) }))],
      },
      problems: [],
    },
    {
      name: 'a select of 26 papers',
      extra: {
        components: [row(select({ max_values: 25, options: Array.from({ length: 26 }, (_, i) => option(i)) }))],
      },
      problems: ['components[0].components[0].options: 26 not in 1–25'],
    },
    {
      name: 'a label of 101',
      extra: { components: [row(select({ options: [{ label: 'x'.repeat(101), value: 'a' }], max_values: 1 }))] },
      problems: ['components[0].components[0].options[0].label: length 101 not in 1–100'],
    },
    {
      name: 'a repeated value',
      extra: { components: [row(select({ options: [option(1), option(1)] }))] },
      problems: ['components[0].components[0].options[1].value: repeated'],
    },
    {
      name: 'max_values above the options',
      extra: { components: [row(select({ max_values: 3 }))] },
      problems: ['components[0].components[0]: min_values/max_values out of range for 2 options'],
    },
    {
      name: 'a custom_id of 101',
      extra: { components: [row(select({ custom_id: 'x'.repeat(101) }))] },
      problems: ['components[0].components[0].custom_id: length 101 not in 1–100'],
    },
    {
      name: 'a select beside a button',
      extra: { components: [row(select(), button('b'))] },
      problems: ['components[0]: 2 components do not fit a row'],
    },
    {
      name: 'six rows',
      extra: { components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) },
      problems: ['components: 6 rows > 5'],
    },
    {
      name: 'a repeated custom_id',
      extra: { components: [row(button('b'), button('b'))] },
      problems: ['components[0].components[1].custom_id: repeated'],
    },
  ];
}
