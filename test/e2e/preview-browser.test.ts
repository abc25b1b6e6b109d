/**
 * `digest --dry-run --html` opened in a real browser: headless Chromium (Debian's, through
 * playwright-core) shows the digest page with every embed, title and figure, and no errors.
 * Skipped, with the reason, where /usr/bin/chromium is not installed; .ci/run installs it.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeArxiv, apiById, htmlResponse, latexmlPage, rssFeedXml } from '../fakes/fake-arxiv.js';
import { chromiumMissing, launchChromium } from '../helpers/chromium.js';
import { makePapers } from '../helpers/bot.js';
import { runPaperboy } from '../helpers/paperboy.js';
import { chartPng } from '../helpers/png.js';

const SCREENSHOT = new URL('../../test-results/digest-preview.png', import.meta.url).pathname;
const SCREENSHOT_ZH = new URL('../../test-results/digest-preview-zh-CN.png', import.meta.url).pathname;
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';

if (chromiumMissing) console.warn(`preview-browser.test.ts skipped: ${chromiumMissing}`);

const cli = (args: string[], env: Record<string, string>) => runPaperboy(args, { env });

type Body = { content?: string; embeds: Array<{ title?: string; url?: string; image?: { url?: string } }> };

describe.skipIf(chromiumMissing !== null)('the digest preview in headless Chromium', () => {
  let dir: string;
  let arxiv: FakeArxiv;
  const papers = makePapers(6);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paperboy-preview-'));
    arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
    arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', LISTING_DATE, papers), etag: '"listing"' });
    arxiv.api(null, apiById(papers));
    const kinds = ['figure', 'icon-first', 'no-figure', 'not-found', 'figure'] as const;
    kinds.forEach((kind, i) => {
      const id = papers[i]?.id ?? '';
      arxiv.html(id, htmlResponse(latexmlPage(id, kind), kind === 'not-found' ? 404 : 200));
    });
    // The sixth paper has no HTML version at all: the fake answers 404.
  });

  afterAll(async () => {
    await arxiv.close();
    await rm(dir, { recursive: true, force: true });
  });

  const envFor = (database: string) => ({
    DATABASE_URL: `sqlite://${join(dir, database)}`,
    ARXIV_API_URL: arxiv.apiUrl,
    ARXIV_RSS_URL: arxiv.rssUrl,
    ARXIV_HTML_URL: `${arxiv.baseUrl}/html`,
    ARXIV_REQUEST_INTERVAL_MS: '5',
    LOG_LEVEL: 'warn',
  });

  it('shows every embed with its title and figure, without console errors, and saves a screenshot', async () => {
    const file = join(dir, 'digest.html');
    const run = await cli(
      ['digest', '--topic', '"contrastive learning"', '--category', 'cs.LG', '--dry-run', '--json', '--html', file],
      envFor('preview.sqlite'),
    );
    expect(run.stderr).toMatch(/Wrote a preview of \d+ message/);
    expect(run.code).toBe(0);
    expect(arxiv.violations).toEqual([]);
    expect(arxiv.htmlRequests).toHaveLength(6);

    const bodies = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Body);
    const embeds = bodies.flatMap((b) => b.embeds);
    expect(embeds).toHaveLength(6);
    const figureOf = (i: number) =>
      embeds.find((e) => e.url?.endsWith(papers[i]?.id.replace(/v1$/, '') ?? '-'))?.image?.url;
    expect([0, 1, 2, 3, 4, 5].map(figureOf)).toEqual([
      `${arxiv.baseUrl}/html/${papers[0]?.id}/x1.png`,
      `${arxiv.baseUrl}/html/${papers[1]?.id}/extracted/6121904/figures/teaser.png`,
      undefined,
      undefined,
      `${arxiv.baseUrl}/html/${papers[4]?.id}/x1.png`,
      undefined,
    ]);

    const chromium = await launchChromium();
    try {
      const problems: string[] = [];
      // The figures come from arXiv; here the browser gets a chart for each, without touching the fake.
      await chromium.context.route('**/*.png', (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: chartPng(480, 240) }),
      );
      const page = await chromium.context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      await page.goto(`file://${file}`, { waitUntil: 'load' });

      await expect.poll(() => page.locator('.embed').count()).toBe(embeds.length);
      const titles = await page.locator('.embed-title').allTextContents();
      expect(titles).toEqual(embeds.map((e) => e.title));
      const anchors = await page.locator('.embed-title a').all();
      const links = await Promise.all(anchors.map((a) => a.getAttribute('href')));
      expect(links).toEqual(embeds.map((e) => e.url));

      // Each embed's image as the browser shows it: its URL, and whether it loaded.
      const shown = await page.evaluate(`[...document.querySelectorAll('.embed')].map((embed) => {
        const img = embed.querySelector('.embed-image img');
        return img === null ? null : { src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 };
      })`);
      expect(shown).toEqual(embeds.map((e) => (e.image?.url ? { src: e.image.url, loaded: true } : null)));

      // Discord's dark theme, and each embed's colour bar.
      expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(49, 51, 56)');
      const bars = await page.evaluate(
        `[...document.querySelectorAll('.embed')].map((n) => getComputedStyle(n).borderLeftColor)`,
      );
      expect(new Set(bars as string[])).toEqual(new Set(['rgb(88, 101, 242)']));
      expect(await page.locator('.embed-footer').first().textContent()).toMatch(/^arXiv:2611\.\d+v1 · cs\.LG · new•/);
      expect(await page.locator('.embed-field-name').allTextContents()).toContain('Categories');
      // What each paper matched, between its authors and its abstract.
      const descriptions = await page.locator('.embed-description').allInnerTexts();
      expect(descriptions.map((d) => d.split('\n')[1])).toEqual(embeds.map(() => 'matched: "contrastive learning"'));

      await mkdir(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      const png = await readFile(SCREENSHOT);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 60_000);

  it('shows a zh-CN digest with real Chinese glyphs, not empty boxes, and saves a screenshot', async () => {
    const file = join(dir, 'digest-zh-CN.html');
    const run = await cli(
      [
        'digest',
        '--topic',
        '"contrastive learning"',
        '--category',
        'cs.LG',
        '--dry-run',
        '--locale',
        'zh-CN',
        '--html',
        file,
      ],
      envFor('preview-zh.sqlite'),
    );
    expect(run.code).toBe(0);

    const chromium = await launchChromium({ width: 620, height: 1000 });
    try {
      await chromium.context.route('**/*.png', (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: chartPng(480, 240) }),
      );
      const page = await chromium.context.newPage();
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
      expect(await page.locator('.content').first().textContent()).toMatch(/篇新论文 · 2026年11月24日$/);
      expect(await page.locator('.embed-field-name').allTextContents()).toContain('分类');
      expect(await page.locator('.embed-footer').first().textContent()).toMatch(
        /^arXiv:2611\.\d+v1 · cs\.LG · 新论文•/,
      );

      // Each Chinese character drawn in the page's own font: with a CJK font every one has ink and a shape of its
      // own; without one, each is the same empty box (tofu) as a code point no font has.
      type Glyphs = { chars: Array<{ ink: number; shape: string }>; tofu: { shape: string } };
      const glyphs = await page.evaluate<Glyphs>(`(() => {
        const font = getComputedStyle(document.querySelector('.embed-field-name')).font;
        const draw = (text) => {
          const canvas = document.createElement('canvas');
          canvas.width = 48;
          canvas.height = 48;
          const ctx = canvas.getContext('2d');
          ctx.font = font.replace(/\\d+px/, '32px');
          ctx.fillStyle = '#000';
          ctx.fillText(text, 4, 36);
          const alpha = ctx.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3);
          return { ink: alpha.filter((a) => a > 0).length, shape: Array.from(alpha).join(',') };
        };
        return { chars: ['分', '类', '论', '文'].map(draw), tofu: draw('\\u{10FFFD}') };
      })()`);
      for (const glyph of glyphs.chars) {
        expect(glyph.ink).toBeGreaterThan(40);
        expect(glyph.shape).not.toBe(glyphs.tofu.shape);
      }
      expect(new Set(glyphs.chars.map((g) => g.shape)).size).toBe(glyphs.chars.length);

      await mkdir(join(SCREENSHOT_ZH, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT_ZH, fullPage: true });
      const png = await readFile(SCREENSHOT_ZH);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    } finally {
      await chromium.close();
    }
  }, 60_000);
});
