import { parse, type HTMLElement } from 'node-html-parser';

/**
 * The first meaningful figure of a paper's arXiv HTML version (LaTeXML output), for the
 * digest embed. Pages look like this:
 *
 *   <base href="/html/2401.00001v1/">
 *   <header>… <img class="logo" src="…/arxiv-logo-one-color-white.svg"> …</header>
 *   <figure class="ltx_figure" id="S1.F1"><img class="ltx_graphics" src="x1.png" width="598" height="285">…
 *
 * Images are relative to `<base>` (`x1.png`, `extracted/5351234/figures/teaser.png`); pages
 * without one write `2401.00001v1/x1.png` relative to `/html/`.
 */

/** `https://arxiv.org/html` + `2401.00001`, 1 → `https://arxiv.org/html/2401.00001v1`. */
export function htmlPageUrl(baseUrl: string, id: string, version: number): string {
  return `${baseUrl.replace(/\/+$/, '')}/${id}v${version}`;
}

// Floats that are not pictures: a table set as an image, an algorithm, a code listing.
const NOT_PICTURE_CLASSES = ['ltx_table', 'ltx_algorithm', 'ltx_listing', 'ltx_float_algorithm', 'ltx_float_listing'];
// Site chrome (logos, buttons) lives in these; a paper's figures never do.
const CHROME = 'header, nav, footer, .ltx_page_header, .ltx_page_footer, .ltx_page_navbar';
const ICON_WORDS = /(?:^|[^a-z])(?:logo|logomark|icon|favicon|badge|orcid)(?:[^a-z]|$)/i;
/** An image declared at most this many pixels on its longer side is an icon, not a figure. */
const ICON_MAX_PX = 64;
/** Discord refuses longer embed image URLs. */
const MAX_URL_LENGTH = 2048;
// Discord shows these in embeds; SVG and PDF it does not.
const SHOWN_EXTENSIONS = /\.(?:png|jpe?g|gif|webp)$/i;

function classes(element: HTMLElement): string[] {
  return (element.getAttribute('class') ?? '').split(/\s+/).filter((c) => c !== '');
}

function declaredSize(img: HTMLElement, name: 'width' | 'height'): number | null {
  const value = Number((img.getAttribute(name) ?? '').trim().replace(/px$/, ''));
  return Number.isFinite(value) && value > 0 ? value : null;
}

function looksLikeIcon(img: HTMLElement, src: string): boolean {
  const width = declaredSize(img, 'width');
  const height = declaredSize(img, 'height');
  if (width !== null && height !== null && Math.max(width, height) <= ICON_MAX_PX) return true;
  if (img.getAttribute('role') === 'presentation') return true;
  const file = src.split(/[?#]/)[0]?.split('/').pop() ?? '';
  return [file, ...classes(img)].some((text) => ICON_WORDS.test(text));
}

/** Where relative image paths of the page point: its `<base href>`, else the page as a directory. */
function resolverFor(root: HTMLElement, pageUrl: string): (src: string) => URL | null {
  const page = new URL(pageUrl);
  const baseHref = root.querySelector('base[href]')?.getAttribute('href')?.trim();
  let base: URL | null = null;
  if (baseHref) {
    try {
      base = new URL(baseHref, page);
    } catch {
      base = null;
    }
  }
  const segment = page.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  const directory = new URL(page.pathname.endsWith('/') ? page.href : `${page.href.replace(/[?#].*$/, '')}/`);
  return (src) => {
    try {
      if (base) return new URL(src, base);
      // No <base>: `2401.00001v1/x1.png` is written relative to /html/, `x1.png` relative to the paper.
      if (segment !== '' && src.startsWith(`${segment}/`)) return new URL(src, new URL('../', directory));
      return new URL(src, directory);
    } catch {
      return null;
    }
  };
}

// MathML is most of a LaTeXML page's weight and never holds a figure.
const MATH = /<math\b[\s\S]*?<\/math\s*>/gi;
const FIGURE_END = /<\/figure\s*>/gi;
/** How many figures the prefixes parsed before the whole page hold. */
const PREFIX_FIGURES = [1, 4, 16];

/**
 * The URL of the first image in a `<figure>` of the page that is a picture of the paper: not
 * in a table, algorithm or listing float, not site chrome, not an icon or logo, not inline
 * data, and one Discord can show (PNG, JPEG, GIF, WebP over http(s) from the page's own host).
 * Null when the page has none.
 */
export function firstFigure(html: string, pageUrl: string): string | null {
  if (!/<figure[\s>]/i.test(html)) return null;
  const light = html.replace(MATH, '');
  // Pages run to megabytes and the first figure is usually near the top: parse a prefix that ends
  // just after a figure first. Whether an image qualifies depends only on it and its ancestors,
  // all of which a prefix holds, so the first hit in a prefix is the first hit in the page.
  const ends = [...light.matchAll(FIGURE_END)].map((m) => m.index + m[0].length);
  for (const count of PREFIX_FIGURES) {
    const end = ends[count - 1];
    if (end === undefined) break;
    const found = scan(light.slice(0, end), pageUrl);
    if (found !== null) return found;
  }
  return scan(light, pageUrl);
}

function scan(html: string, pageUrl: string): string | null {
  // A prefix leaves the figure's ancestors open: keep them (by default the parser drops unclosed elements).
  const root = parse(html, {
    parseNoneClosedTags: true,
    blockTextElements: { script: false, style: false, noscript: false },
  });
  const resolve = resolverFor(root, pageUrl);
  const pageHost = new URL(pageUrl).host;

  for (const figure of root.querySelectorAll('figure')) {
    if (classes(figure).some((c) => NOT_PICTURE_CLASSES.includes(c))) continue;
    if (figure.closest(CHROME) !== null) continue;
    for (const img of figure.querySelectorAll('img')) {
      // An image inside a table float nested in a figure is still a table.
      const float = img.closest('figure');
      if (float !== null && float !== figure && classes(float).some((c) => NOT_PICTURE_CLASSES.includes(c))) continue;
      const src = (img.getAttribute('src') ?? '').trim();
      // data:, javascript:, blob:, file: and the like are never a figure to link to.
      if (src === '' || (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^https?:/i.test(src))) continue;
      if (looksLikeIcon(img, src)) continue;
      const url = resolve(src);
      if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) continue;
      if (url.host !== pageHost || url.username !== '' || url.password !== '') continue;
      if (!SHOWN_EXTENSIONS.test(url.pathname)) continue;
      if (url.href.length > MAX_URL_LENGTH) continue;
      return url.href;
    }
  }
  return null;
}
