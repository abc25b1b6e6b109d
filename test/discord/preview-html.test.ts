import { describe, expect, it } from 'vitest';
import {
  digestPreviewHtml,
  markdownToHtml,
  planDigestMessages,
  sanitizeMarkdown,
} from '../../src/discord/render/index.js';
import type { Paper } from '../../src/papers/paper.js';

describe('markdownToHtml (Discord’s inline markdown)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['**bold** and *italic*', '<strong>bold</strong> and <em>italic</em>'],
    ['*a **b** c*', '<em>a <strong>b</strong> c</em>'],
    ['__under__ ~~strike~~ ||spoiler||', '<u>under</u> <s>strike</s> <span class="spoiler">spoiler</span>'],
    ['`a *b* <c>`', '<code>a *b* &lt;c&gt;</code>'],
    ['3\\*4 = 12 and \\[x\\](y)', '3*4 = 12 and [x](y)'],
    ['an unclosed *star', 'an unclosed *star'],
    [
      '[PDF](https://arxiv.org/pdf/2501.00001v1)',
      '<a href="https://arxiv.org/pdf/2501.00001v1" target="_blank" rel="noreferrer noopener">PDF</a>',
    ],
    ['[bad](javascript:alert(1))', '[bad](javascript:alert(1))'],
    [
      'see https://github.com/a/b.',
      'see <a href="https://github.com/a/b" target="_blank" rel="noreferrer noopener">https://github.com/a/b</a>.',
    ],
    ['<@&123456789012345678> new', '<span class="mention">@role</span> new'],
    ['a\nb', 'a<br>b'],
    ['<script>alert("x")</script> & \'q\'', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;'],
  ])('%j', (markdown, html) => {
    expect(markdownToHtml(markdown)).toBe(html);
  });

  it.each([
    'Ranking *all* [links](http://x.y) _fast_ @everyone <@123> # 1. ~~no~~',
    '3*4 = 12, `code`, ||spoiler||, </cmd:1>, \\ backslash',
    'Schrödinger: 无监督/半监督/对比学习 & <b>bold</b>',
  ])('shows sanitised untrusted text as it was written: %j', (title) => {
    const html = markdownToHtml(sanitizeMarkdown(title));
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/\u200B/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(text).toBe(title);
  });

  it('makes no links where Discord shows none', () => {
    expect(markdownToHtml('[a](https://x.y) https://x.y', { links: false })).toBe('[a](https://x.y) https://x.y');
  });
});

const paper = (i: number, extra: Partial<Paper> = {}): Paper => ({
  id: `2611.0100${i}`,
  version: 1,
  title: `Contrastive learning <b>part</b> ${i}`,
  authors: ['Ana Pérez', 'Ben Okafor'],
  abstract: 'We study *contrastive* learning. It works.',
  categories: ['cs.LG', 'cs.CV'],
  primaryCategory: 'cs.LG',
  comment: 'Accepted at NeurIPS 2026',
  journalRef: null,
  doi: null,
  venue: 'NeurIPS 2026',
  codeUrl: 'https://github.com/example/repo',
  published: '2026-11-23T18:00:00Z',
  updated: '2026-11-23T18:00:00Z',
  announced: '2026-11-24',
  announceType: 'new',
  withdrawn: false,
  absUrl: `https://arxiv.org/abs/2611.0100${i}`,
  pdfUrl: `https://arxiv.org/pdf/2611.0100${i}v1`,
  ...extra,
});

describe('digestPreviewHtml', () => {
  const messages = planDigestMessages({
    topic: { name: 'Contrastive & co', color: 0x3366cc, slug: 'contrastive' },
    date: '2026-11-24',
    papers: [
      {
        paper: paper(0),
        image: 'https://arxiv.org/html/2611.01000v1/x1.png',
        matched: [
          {
            name: 'Contrastive & co',
            explanation: { terms: [{ text: '"contrastive learning"' }, { text: 'self-supervis*' }], categories: [] },
          },
        ],
      },
      { paper: paper(1), image: null },
    ],
    totalMatched: 3,
    mentionRoleId: '123456789012345678',
    abstractLength: 600,
    nonceBase: 'test',
    moreHint: '/paper search topic:contrastive since:2026-11-24',
  }).map((m) => m.body);
  const html = digestPreviewHtml(messages, {
    title: 'Contrastive — 2026-11-24',
    postedAt: new Date('2026-11-24T06:30:00Z'),
  });

  it('is one self-contained page: no scripts, no stylesheets or fonts from elsewhere', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('shows every embed with its colour bar, linked title, fields, image and footer', () => {
    expect(html.match(/<article class="embed"/g)).toHaveLength(2);
    expect(html).toContain('border-left-color: #3366cc');
    expect(html).toContain('<a href="https://arxiv.org/abs/2611.01000"');
    expect(html.replace(/\u200B/g, '')).toContain('Contrastive learning &lt;b&gt;part&lt;/b&gt; 0');
    expect(html.match(/<div class="embed-image">/g)).toHaveLength(1);
    expect(html).toContain('<img src="https://arxiv.org/html/2611.01000v1/x1.png"');
    expect(html).toContain('<div class="embed-field-name">Venue</div>');
    expect(html).toContain('arXiv:2611.01000v1');
    expect(html).toContain('11/23/2026 6:00 PM');
    expect(html).toContain('<span class="mention">@role</span>');
    expect(html).toContain('<em>Ana Pérez, Ben Okafor</em>');
  });

  it('shows what a paper matched between its authors and its abstract', () => {
    expect(html).toContain(
      '<em>Ana Pérez, Ben Okafor</em><br>matched: &quot;contrastive learning&quot;, self-supervis*<br>We study',
    );
    expect(html.match(/matched: /g)).toHaveLength(1);
  });

  it('lays inline fields out three to a row', () => {
    const columns = [...html.matchAll(/grid-column: (\d+ \/ \d+)/g)].slice(0, 5).map((m) => m[1]);
    expect(columns).toEqual(['1 / 5', '5 / 9', '9 / 13', '1 / 5', '5 / 9']);
  });
});
