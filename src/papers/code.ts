import he from 'he';

/** What a link in an abstract or comment points at, as far as the code link is concerned. */
type LinkKind = 'repository' | 'hub' | 'page' | 'other';

interface Candidate {
  url: string;
  kind: LinkKind;
  /** The words before the link say code is there ("Code:", "our code is available at"). */
  saysCode: boolean;
  /** The words before the link say it is someone else's code ("based on", "adapted from"). */
  borrowed: boolean;
}

// Repository paths on github.com that are site pages, not an owner.
const GITHUB_SITE_PAGES = new Set([
  'about',
  'apps',
  'blog',
  'collections',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'join',
  'login',
  'marketplace',
  'pricing',
  'readme',
  'search',
  'security',
  'settings',
  'site',
  'sponsors',
  'topics',
  'trending',
]);

// Dataset and model hubs: never a code link, whatever the text says. (File shares such as Google
// Drive are plain pages: they count when the text says the code is there.)
const HUB_HOSTS = [
  'huggingface.co',
  'hf.co',
  'zenodo.org',
  'figshare.com',
  'kaggle.com',
  'osf.io',
  'data.mendeley.com',
  'tfhub.dev',
  'modelscope.cn',
  'paperswithcode.com',
  'dataverse.harvard.edu',
  'physionet.org',
  'openneuro.org',
];

// Papers, videos, social media and the like: not code even when the text says so.
const OTHER_HOSTS = [
  'arxiv.org',
  'doi.org',
  'dx.doi.org',
  'youtube.com',
  'youtu.be',
  'twitter.com',
  'x.com',
  'openreview.net',
  'aclanthology.org',
  'ieeexplore.ieee.org',
  'dl.acm.org',
  'link.springer.com',
  'sciencedirect.com',
  'wikipedia.org',
  'vimeo.com',
  'bilibili.com',
  'linkedin.com',
  'docs.google.com',
  'forms.gle',
  'orcid.org',
  'creativecommons.org',
  'scholar.google.com',
  'semanticscholar.org',
  'nature.com',
  'science.org',
];

// Package registries hold released code just as repositories do.
const PACKAGE_PAGES: readonly (readonly [string, RegExp])[] = [
  ['pypi.org', /^\/project\/[^/]+/],
  ['cran.r-project.org', /^\/(?:package=|web\/packages\/)/],
  ['crates.io', /^\/crates\/[^/]+/],
  ['npmjs.com', /^\/package\/[^/]+/],
  ['bioconductor.org', /^\/packages\//],
  ['pkg.go.dev', /^\/[^/]+/],
];

const CODE_WORDS =
  /\b(?:code(?:s|base)?|source|implementations?|software|repo|repository|repositories|toolkit|toolbox|library|package|github|gitlab|open[-\s]?sourced?|scripts?|programs?|notebooks?)\b/i;
const BORROWED_WORDS =
  /\b(?:based\s+on|built\s+(?:up)?on|borrowed\s+from|adapted\s+from|taken\s+from|forked\s+from|third[-\s]party|official\s+implementation\s+of)\b/i;

const onHost = (host: string, domains: readonly string[]): boolean =>
  domains.some((d) => host === d || host.endsWith(`.${d}`));

function classify(url: URL): LinkKind {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const segments = url.pathname.split('/').filter(Boolean);
  if (host === 'github.com') {
    const owner = segments[0]?.toLowerCase();
    return owner !== undefined && !GITHUB_SITE_PAGES.has(owner) ? 'repository' : 'other';
  }
  if (
    host === 'gist.github.com' ||
    host === 'gitlab.com' ||
    host === 'bitbucket.org' ||
    host === 'codeberg.org' ||
    host === 'gitee.com' ||
    host === 'git.sr.ht'
  ) {
    return segments.length > 0 ? 'repository' : 'other';
  }
  if (host === 'anonymous.4open.science') return segments.length > 0 ? 'repository' : 'other';
  if (host === 'sourceforge.net') return segments[0] === 'projects' || segments[0] === 'p' ? 'repository' : 'other';
  // Self-hosted forges: git.rwth-aachen.de, gitlab.inria.fr, gitea.example.org.
  if (/^(?:git|gitlab|gitea|forgejo|code)\./.test(host) && segments.length > 0) return 'repository';
  for (const [registry, path] of PACKAGE_PAGES) if (host === registry && path.test(url.pathname)) return 'repository';
  if (onHost(host, HUB_HOSTS)) {
    // A Hugging Face Space is an app with its source: it counts when the text says code is there.
    return (host === 'huggingface.co' || host === 'hf.co') && segments[0] === 'spaces' ? 'page' : 'hub';
  }
  if (onHost(host, OTHER_HOSTS)) return 'other';
  return 'page';
}

/**
 * Rejoin URLs that a legacy abstract's hard line wrap split in two: a URL line ending in `/`,
 * `-`, `_`, `=`, `?`, `&` or `#` continues on the next line, as does a next line starting with `/`.
 */
function joinWrappedUrls(text: string): string {
  return text
    .replace(/((?:https?:\/\/|www\.)[^\s]*[/\-_=?&#~])[ \t]*\r?\n[ \t]*(?=[A-Za-z0-9])/gi, '$1')
    .replace(/((?:https?:\/\/|www\.)[^\s]*[A-Za-z0-9])[ \t]*\r?\n[ \t]*(?=\/[A-Za-z0-9])/gi, '$1');
}

/** Undo the LaTeX around links: `\href{u}{t}`, `\url{u}`, `\_`, `\~{}`, `$\sim$`, colour wrappers. */
function prepare(text: string): string {
  let s = joinWrappedUrls(he.decode(text));
  s = s
    .replace(/\\href\s*\{([^{}]*)\}/g, ' $1 ')
    .replace(/\\(?:url|nolinkurl|path)\s*\{([^{}]*)\}/g, ' $1 ')
    .replace(/\\~\s*(?:\{\})?|\\textasciitilde\s*(?:\{\})?|\$\\sim\$|\\sim\b/g, '~')
    .replace(/\\([_%#&$/])/g, '$1')
    .replace(/\\[A-Za-z]+\*?/g, ' ')
    .replace(/[{}]/g, ' ');
  return s;
}

const URL_CHARS = '[A-Za-z0-9\\-._~:/?#\\[\\]@!$&()*+,;=%]';
const URL_PATTERN = new RegExp(
  `(?<![\\w@./-])(?:(?:https?://|www\\.)${URL_CHARS}+|(?:(?:github|gitlab|bitbucket)\\.com|codeberg\\.org|gitee\\.com|anonymous\\.4open\\.science|sourceforge\\.net|huggingface\\.co|[A-Za-z0-9-]+\\.github\\.io)(?:/${URL_CHARS}*)?)`,
  'gi',
);

/** Strip what a sentence put after a URL: punctuation, quotes, unbalanced closing brackets. */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(/[.,;:!?*'"]+$/, '');
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      const count = (c: string): number => url.split(c).length - 1;
      if (url.endsWith(close) && count(close) > count(open)) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

// Every link URL_PATTERN finds contains one of these as written (entities aside, hence `&`).
const MAY_HOLD_LINK = /https?:|www\.|github|gitlab|bitbucket|codeberg|gitee|4open|sourceforge|huggingface|&/i;

function candidates(text: string | null): Candidate[] {
  if (!text || !MAY_HOLD_LINK.test(text)) return [];
  const prepared = prepare(text);
  const found: Candidate[] = [];
  let previousEnd = 0;
  for (const m of prepared.matchAll(URL_PATTERN)) {
    const trimmed = trimUrl(m[0]);
    const absolute = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    let url: URL;
    try {
      url = new URL(absolute);
    } catch {
      continue;
    }
    const before = prepared.slice(0, m.index);
    // The words that introduce this link: from the start of its sentence or the previous link.
    const sentenceStart = Math.max(before.search(/[.!?]\s[^.!?]*$/), previousEnd, 0);
    const lead = before.slice(sentenceStart);
    previousEnd = m.index + m[0].length;
    const kind = classify(url);
    let shown = absolute;
    if (kind === 'repository') shown = shown.replace(/\.git\/?$/i, '').replace(/\/$/, '');
    found.push({ url: shown, kind, saysCode: CODE_WORDS.test(lead), borrowed: BORROWED_WORDS.test(lead) });
  }
  return found;
}

/**
 * The paper's code link: a repository URL (GitHub, GitLab, Codeberg, Bitbucket, SourceForge,
 * anonymous.4open.science, self-hosted `git.*` forges, package registries) or a page the text
 * says holds the code ("Code and data: https://project.github.io"). Dataset and model hubs
 * (Hugging Face models and datasets, Zenodo, Kaggle, …) never count, nor does "code will be
 * released" without a URL. Links that the text introduces as code come first, then any other
 * repository link; within each, the abstract before the comment. `https://` is added when missing.
 */
export function extractCodeUrl(abstract: string | null, comment: string | null): string | null {
  const all = [...candidates(abstract), ...candidates(comment)];
  const pick =
    all.find((c) => c.kind === 'repository' && c.saysCode && !c.borrowed) ??
    all.find((c) => c.kind === 'page' && c.saysCode && !c.borrowed) ??
    all.find((c) => c.kind === 'repository' && !c.borrowed) ??
    all.find((c) => c.kind === 'repository');
  return pick?.url ?? null;
}
