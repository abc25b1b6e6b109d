/**
 * The fake arXiv's answer to `search_query`: the API's field prefixes (`au`, `ti`, `abs`, `cat`, `all`), phrases in
 * double quotes, `submittedDate:[YYYYMMDDHHMM TO YYYYMMDDHHMM]` (GMT), `AND`/`OR`/`ANDNOT` and parentheses, sorted by
 * `sortBy`/`sortOrder` and paged by `start`/`max_results`, in the API's Atom layout. The author search is loose, as
 * arXiv's is: every word of the phrase is a word of an author's name, or an initial of one.
 */
import { apiById, apiFeedXml, type FakePaper, type FakeResponse, type RecordedRequest } from './fake-arxiv.js';

type Node =
  { op: 'AND' | 'OR' | 'ANDNOT'; left: Node; right: Node } | { field: string; value: string; phrase: boolean };

/** Split a query into `(`, `)` and terms, a term keeping its quoted phrase or bracketed range whole. */
function tokens(query: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === ' ') {
      i += 1;
    } else if (ch === '(' || ch === ')') {
      out.push(ch);
      i += 1;
    } else {
      let token = '';
      while (i < query.length && query[i] !== ' ' && query[i] !== '(' && query[i] !== ')') {
        const close = query[i] === '"' ? '"' : query[i] === '[' ? ']' : null;
        if (close === null) {
          token += query[i];
          i += 1;
          continue;
        }
        const end = query.indexOf(close, i + 1);
        if (end < 0) throw new Error(`unclosed ${query[i]!} in ${query}`);
        token += query.slice(i, end + 1);
        i = end + 1;
      }
      out.push(token);
    }
  }
  return out;
}

/** `OR` binds loosest, then `AND`/`ANDNOT`, left to right. */
function parse(query: string): Node {
  const list = tokens(query);
  let at = 0;
  const term = (): Node => {
    const token = list[at++];
    if (token === undefined) throw new Error(`query ends too early: ${query}`);
    if (token === '(') {
      const inner = or();
      if (list[at++] !== ')') throw new Error(`missing ) in ${query}`);
      return inner;
    }
    const colon = token.indexOf(':');
    const field = colon > 0 && !token.startsWith('"') ? token.slice(0, colon) : 'all';
    const raw = colon > 0 && !token.startsWith('"') ? token.slice(colon + 1) : token;
    const phrase = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2;
    return { field, value: phrase ? raw.slice(1, -1) : raw, phrase };
  };
  const and = (): Node => {
    let left = term();
    while (list[at] === 'AND' || list[at] === 'ANDNOT') {
      const op = list[at++] as 'AND' | 'ANDNOT';
      left = { op, left, right: term() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (list[at] === 'OR') {
      at += 1;
      left = { op: 'OR', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (at !== list.length) throw new Error(`unexpected ${list[at]!} in ${query}`);
  return tree;
}

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function looseAuthor(phrase: string, author: string): boolean {
  const have = words(author);
  return words(phrase).every((w) =>
    have.some((h) => h === w || (w.length === 1 && h.startsWith(w)) || (h.length === 1 && w.startsWith(h))),
  );
}

/** `YYYYMMDDHHMM` (GMT) as epoch milliseconds. */
function gmt(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) throw new Error(`not a submittedDate bound: ${stamp}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
}

function published(paper: FakePaper): string {
  return paper.published ?? '2025-01-06T18:00:00Z';
}

function matches(node: Node, paper: FakePaper): boolean {
  if ('op' in node) {
    const left = matches(node.left, paper);
    if (node.op === 'OR') return left || matches(node.right, paper);
    if (node.op === 'AND') return left && matches(node.right, paper);
    return left && !matches(node.right, paper);
  }
  const has = (text: string): boolean => {
    const want = words(node.value);
    const got = words(text).join(' ');
    return node.phrase ? ` ${got} `.includes(` ${want.join(' ')} `) : want.every((w) => got.split(' ').includes(w));
  };
  switch (node.field) {
    case 'au':
      return paper.authors.some((a) => looseAuthor(node.value, a));
    case 'ti':
      return has(paper.title);
    case 'abs':
      return has(paper.abstract);
    case 'cat':
      return paper.categories.some((c) => c === node.value || c.split('.')[0] === node.value);
    case 'submittedDate': {
      const range = /^\[(\d{12}) TO (\d{12})\]$/.exec(node.value);
      if (!range) throw new Error(`bad submittedDate range: ${node.value}`);
      const at = Date.parse(published(paper));
      return at >= gmt(range[1]!) && at <= gmt(range[2]!) + 59_999;
    }
    case 'all':
      return has(`${paper.title} ${paper.abstract} ${paper.authors.join(' ')}`);
    default:
      throw new Error(`field the fake does not know: ${node.field}`);
  }
}

/**
 * A responder for `/api/query` over `papers`: `search_query` answered as above, `id_list` as {@link apiById}; a
 * query that does not parse gets arXiv's 400.
 */
export function apiSearch(papers: readonly FakePaper[]): (request: RecordedRequest) => FakeResponse {
  const byId = apiById(papers);
  return (request) => {
    const query = request.query.get('search_query');
    if (query === null) return byId(request);
    let tree: Node;
    try {
      tree = parse(query);
    } catch {
      return { status: 400, body: apiFeedXml([]) };
    }
    const found = papers.filter((p) => matches(tree, p));
    const sortBy = request.query.get('sortBy') ?? 'relevance';
    if (sortBy === 'submittedDate' || sortBy === 'lastUpdatedDate') {
      const key = (p: FakePaper) => (sortBy === 'submittedDate' ? published(p) : (p.updated ?? published(p)));
      const sign = request.query.get('sortOrder') === 'ascending' ? 1 : -1;
      found.sort((a, b) => sign * key(a).localeCompare(key(b)));
    }
    const start = Number(request.query.get('start') ?? 0);
    const max = Number(request.query.get('max_results') ?? 10);
    return {
      body: apiFeedXml(found.slice(start, start + max), {
        totalResults: found.length,
        startIndex: start,
        itemsPerPage: max,
      }),
    };
  };
}
