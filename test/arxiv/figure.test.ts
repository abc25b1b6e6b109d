import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstFigure, htmlPageUrl } from '../../src/arxiv/figure.js';

const page = (name: string): string => readFileSync(new URL(`../fixtures/arxiv/html/${name}`, import.meta.url), 'utf8');
const PAGE = 'https://arxiv.org/html/2401.00001v1';
/** A page with a `<base>` like arXiv's, holding `body`. */
const withBase = (body: string, base = '/html/2401.00001v1/'): string =>
  `<!DOCTYPE html><html><head><title>t</title><base href="${base}"/></head><body><article class="ltx_document">${body}</article></body></html>`;
const fig = (img: string, cls = 'ltx_figure'): string =>
  `<figure class="${cls}">${img}<figcaption>Figure 1: x</figcaption></figure>`;
const img = (src: string, extra = 'width="598" height="285"'): string =>
  `<img class="ltx_graphics" alt="Refer to caption" src="${src}" ${extra}/>`;

describe('htmlPageUrl', () => {
  it.each([
    ['https://arxiv.org/html', '2401.00001', 1, 'https://arxiv.org/html/2401.00001v1'],
    ['https://arxiv.org/html/', '2401.00001', 3, 'https://arxiv.org/html/2401.00001v3'],
    ['http://127.0.0.1:8080/html', 'hep-th/9901001', 2, 'http://127.0.0.1:8080/html/hep-th/9901001v2'],
  ])('%s + %s v%i → %s', (base, id, version, expected) => {
    expect(htmlPageUrl(base, id, version)).toBe(expected);
  });
});

describe('firstFigure on LaTeXML pages', () => {
  it.each([
    [
      'the first figure of a page (header logo, TOC and mascot skipped)',
      'figure-first.html',
      'https://arxiv.org/html/2501.03001v1',
      'https://arxiv.org/html/2501.03001v1/x1.png',
    ],
    [
      'past an icon in the title, the abstract and a figure of its own',
      'icon-first.html',
      'https://arxiv.org/html/2501.03017v2',
      'https://arxiv.org/html/2501.03017v2/extracted/6121904/figures/teaser.png',
    ],
    [
      'nothing from an SVG drawing, a table float, an algorithm or a figure holding a table',
      'no-figure.html',
      'https://arxiv.org/html/2406.11111v3',
      null,
    ],
    [
      'a subfigure of a page without <base>, written relative to /html/',
      'no-base.html',
      'https://arxiv.org/html/2412.18820v2',
      'https://arxiv.org/html/2412.18820v2/x1.png',
    ],
    ['nothing from arXiv’s “No HTML” page', 'not-found.html', 'https://arxiv.org/html/2501.09999v1', null],
  ])('%s', (_name, file, url, expected) => {
    expect(firstFigure(page(file), url)).toBe(expected);
  });

  it('follows the page to another host for its figures only when the page itself moved there', () => {
    expect(firstFigure(page('figure-first.html'), 'http://127.0.0.1:4000/html/2501.03001v1')).toBe(
      'http://127.0.0.1:4000/html/2501.03001v1/x1.png',
    );
  });
});

describe('firstFigure: which image counts', () => {
  it.each<[string, string, string | null]>([
    ['relative src against <base>', withBase(fig(img('x1.png'))), `${PAGE}/x1.png`],
    [
      'extracted/…/teaser.png',
      withBase(fig(img('extracted/5350001/figs/teaser.png'))),
      `${PAGE}/extracted/5350001/figs/teaser.png`,
    ],
    ['root-relative src', withBase(fig(img('/html/2401.00001v1/x2.png'))), `${PAGE}/x2.png`],
    [
      'absolute src on the page’s host',
      withBase(fig(img('https://arxiv.org/html/2401.00001v1/x3.jpg'))),
      `${PAGE}/x3.jpg`,
    ],
    ['absolute src on another host', withBase(fig(img('https://tracker.example.com/x1.png'))), null],
    ['protocol-relative src on another host', withBase(fig(img('//cdn.example.com/x1.png'))), null],
    ['data: URI', withBase(fig(img('data:image/png;base64,iVBORw0KGgo='))), null],
    ['javascript: src', withBase(fig(img('javascript:alert(1)'))), null],
    ['file: src', withBase(fig(img('file:///etc/passwd.png'))), null],
    ['ftp: src', withBase(fig(img('ftp://arxiv.org/x1.png'))), null],
    ['empty src', withBase(fig(img(''))), null],
    ['an SVG image (Discord does not show them)', withBase(fig(img('x1.svg'))), null],
    ['a PDF figure', withBase(fig(img('extracted/1/fig.pdf'))), null],
    [
      'a figure holding inline SVG only',
      withBase(fig('<svg width="200" height="100"><path d="M0 0L1 1"/></svg>')),
      null,
    ],
    ['a figure holding a table only', withBase(fig('<table class="ltx_tabular"><tr><td>1</td></tr></table>')), null],
    ['a table float with an image', withBase(fig(img('x1.png'), 'ltx_table')), null],
    [
      'an icon-sized image, then the figure',
      withBase(fig(img('x1.png', 'width="24" height="24"')) + fig(img('x2.png'))),
      `${PAGE}/x2.png`,
    ],
    [
      'a file named like a logo, then the figure',
      withBase(fig(img('extracted/9/lab-logo.png')) + fig(img('x2.png'))),
      `${PAGE}/x2.png`,
    ],
    [
      'a decorative image, then the figure',
      withBase(fig(img('x1.png', 'role="presentation"')) + fig(img('x2.png'))),
      `${PAGE}/x2.png`,
    ],
    ['a figure without size attributes', withBase(fig('<img src="x4.webp">')), `${PAGE}/x4.webp`],
    ['an image outside any figure', withBase(`<p>${img('x1.png')}</p>`), null],
    ['a figure in the site header', withBase(`<header>${fig(img('x1.png'))}</header>`), null],
    [
      'a <base> pointing elsewhere on the host',
      withBase(fig(img('x1.png')), '/html/2401.00001v1/assets/'),
      `${PAGE}/assets/x1.png`,
    ],
    [
      'an inline table float inside a figure',
      withBase(fig(`<figure class="ltx_table">${img('t1.png')}</figure>${img('x5.png')}`)),
      `${PAGE}/x5.png`,
    ],
    [
      'uppercase tags and extension',
      withBase('<FIGURE class="ltx_figure"><IMG SRC="X1.PNG"></FIGURE>'),
      `${PAGE}/X1.PNG`,
    ],
    [
      'the first picture after twenty table floats',
      withBase(fig(img('t.png'), 'ltx_table').repeat(20) + fig(img('x9.png'))),
      `${PAGE}/x9.png`,
    ],
    [
      'a picture after a nested table float closes',
      withBase(
        `<figure class="ltx_figure"><figure class="ltx_table">${img('t.png')}</figure>${img('x7.png')}</figure>`,
      ),
      `${PAGE}/x7.png`,
    ],
    [
      'a figure in a footer that a prefix leaves open',
      withBase(`<footer>${fig(img('x1.png'))}${fig(img('x2.png'))}</footer>${fig(img('x3.png'))}`),
      `${PAGE}/x3.png`,
    ],
    [
      'MathML around, none inside',
      withBase(`<p><math><mi>x</mi></math></p>${fig(`<math><mi>y</mi></math>${img('x1.png')}`)}`),
      `${PAGE}/x1.png`,
    ],
    ['an empty page', '', null],
    ['not HTML at all', '%PDF-1.5 binary', null],
  ])('%s', (_name, html, expected) => {
    expect(firstFigure(html, PAGE)).toBe(expected);
  });
});
