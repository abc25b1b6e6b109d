/**
 * Compiled topic queries: whether a paper matches (`matches`, `evaluate`) and how well
 * (`score`, `evaluate`, with score.ts). A paper is indexed once (paper-index.ts) and every topic's
 * compiled query runs against that with bit tests first, table probes second, and integer
 * comparisons along position chains for phrases and counts. No regular expression is built from
 * query text.
 */
import { givenNamesAgree, nameOfWords, wantedSurname } from './author.js';
import type { AuthorName } from './author.js';
import { authorsAt, prefixPositions, wordPositions } from './explain.js';
import { bloomHas, probe, toPrefix } from './keys.js';
import type { BloomBits, Prefix, Probe } from './keys.js';
import { AUTHORS_BIT, categoryId, FieldCounts, fieldMask, hasPrefix, hasWord, paperAuthors } from './paper-index.js';
import type { IndexedPaper } from './paper-index.js';
import { compilePhrase, phraseAnchors, PhraseWalker } from './phrase.js';
import type { Phrase } from './phrase.js';
import { formatQuery } from './query.js';
import type { PhraseNode, QueryAst, TermNode, TextField, WordNode } from './query.js';
import { ADJACENCY_SHARE, CATEGORY_SCORE, nameScore, phraseScore, prefixScore, wordScore } from './score.js';

export { BLOOM_WORDS } from './keys.js';
export { categoryId, categoryKeyIds, indexPaper, IndexedPaper } from './paper-index.js';
export type { PaperText } from './paper-index.js';

/** A term of a query that a paper satisfies. */
export interface MatchedTerm {
  /** As the query writes it: `"contrastive learning"`, `self-supervis*`, `ti:survey`, `cat:cs.LG`. */
  readonly text: string;
  /** For an `au:` term, the paper's authors it matched, as the paper names them (empty if not known). */
  readonly authors?: readonly string[];
}

/** A query compiled for repeated use. */
export interface CompiledQuery {
  /** Whether the paper satisfies the query. */
  matches(paper: IndexedPaper): boolean;
  /**
   * Relevance of the paper: ≥ 0, higher is better, deterministic; 0 for a paper that does not
   * match. Only the parts of the query that match count.
   */
  score(paper: IndexedPaper): number;
  /** `matches` and `score` in one pass: the score, or -1 when the paper does not match. */
  evaluate(paper: IndexedPaper): number;
  /**
   * Why the paper matches: the terms that hold in a way that satisfies the query (every branch of
   * an OR that holds, never a NOT's terms), in query order, each once; null when it does not match.
   * `authors` is the list the paper was indexed with, to name the authors `au:` terms matched.
   * Meant for the few papers about to be shown: it walks the query once more for this paper.
   */
  explain(paper: IndexedPaper, authors?: readonly string[]): MatchedTerm[] | null;
  /**
   * A necessary condition, as pairs (word, bits) of which at least one must be set in a paper's
   * Bloom filter for `matches` to hold (see `mayMatch`); null when the query has none.
   */
  readonly prefilter: Int32Array | null;
}

/** False when the query's prefilter rules the paper out; true when `matches` must decide. */
export function mayMatch(prefilter: Int32Array | null, paper: IndexedPaper): boolean {
  if (prefilter === null) return true;
  const data = paper.data;
  for (let k = 0; k < prefilter.length; k += 2) {
    if (bloomHas(data, prefilter[k]!, prefilter[k + 1]!)) return true;
  }
  return false;
}

type Anchors = readonly BloomBits[];

const WORD = 0;
const PREFIX = 1;
const PHRASE = 2;
const CATEGORY = 3;
const NOT = 4;
const AND = 5;
const OR = 6;
const AUTHOR = 7;

/** Stand-ins for the parts a node of another kind does not have; U+0000 is never in a key. */
const NO_KEY: Probe = probe('\0');
const NO_PREFIX: Prefix = toPrefix('\0\0');
const NO_PHRASE: Phrase = compilePhrase(['\0'], false);

const EMPTY_TRIPLES = new Int32Array(0);

/** Bloom anchors of several parts in one flat array: triples (word, bits, part). */
class AnchorTable {
  private readonly triples: Int32Array;
  /** End of the anchors: anchor `at` is at 0, 3, 6… below it. */
  readonly end: number;

  constructor(parts: readonly Node[]) {
    const triples: number[] = [];
    parts.forEach((part, k) => {
      for (const bits of part.anchors ?? []) triples.push(bits.word, bits.bits, k);
    });
    this.triples = triples.length === 0 ? EMPTY_TRIPLES : Int32Array.from(triples);
    this.end = triples.length;
  }

  /** Whether the paper's Bloom filter has the bits of the anchor at `at` (below `end`). */
  present(at: number, data: Uint16Array): boolean {
    return bloomHas(data, this.triples[at]!, this.triples[at + 1]!);
  }

  /** The part the anchor at `at` (below `end`) belongs to. */
  part(at: number): number {
    return this.triples[at + 2]!;
  }
}

const NO_TABLE = new AnchorTable([]);

/**
 * A compiled query node. One class for every kind keeps property reads monomorphic, and plain
 * data walked by `test` and `evaluate` needs no closure per node.
 */
class Node {
  mask = 0;
  /** WORD: the word; AUTHOR: its name's surname, run together. */
  key = NO_KEY;
  prefix = NO_PREFIX;
  phrase = NO_PHRASE;
  category = -1;
  /** AUTHOR: the name, and its number of words. */
  name: AuthorName | null = null;
  nameWords = 0;
  /** Multiplies the score (adjacency bonuses). */
  weight = 1;
  /** NOT: the child; AND: children in test order; OR: children without anchors; AUTHOR: its words as written. */
  kids: Node[] = [];
  /** OR: children with anchors, and their anchors. */
  anchored: Node[] = [];
  table: AnchorTable = NO_TABLE;
  /** AND: phrase bonuses for words that stand next to each other, scored when the AND holds. */
  bonuses: Node[] = [];
  /** A cheap necessary condition for the node: at least one of these Bloom bit sets is present. */
  anchors: Anchors | null = null;
  /** A word, prefix, phrase or category term of the query, and its place in it (for `explain`). */
  term: Term | null = null;

  constructor(readonly op: number) {}
}

/** Where a compiled node comes from, for `explain`. */
interface Term {
  readonly ast: TermNode;
  /** Its place among the query's terms, left to right. */
  readonly order: number;
}

/**
 * Scratch space of one compiled query: a query looks at one paper at a time, and each part's
 * score is computed, and read, before the next part's.
 */
class Scratch {
  readonly walker = new PhraseWalker();
  readonly counts = new FieldCounts();
}

/**
 * Compile a parsed query once; the result is cheap to run on many indexed papers. `spelling`
 * (from `parseQuerySpelled`) says how `explain` writes each term; without it, terms are written
 * the canonical way (`formatQuery`).
 */
export function compileQuery(ast: QueryAst, spelling?: ReadonlyMap<TermNode, string>): CompiledQuery {
  let order = 0;
  const root = compile(ast, (node, term) => {
    node.term = { ast: term, order: order++ };
  });
  const spell = (term: TermNode): string => spelling?.get(term) ?? formatQuery(term);
  const scratch = new Scratch();
  const prefilter =
    root.anchors === null ? null : Int32Array.from(root.anchors.flatMap((bits) => [bits.word, bits.bits]));
  return {
    matches: (paper) => test(root, paper, scratch),
    score: (paper) => Math.max(0, evaluate(root, paper, scratch)),
    evaluate: (paper) => evaluate(root, paper, scratch),
    explain: (paper, authors = []) => explain(root, paper, authors, spell, scratch),
    prefilter,
  };
}

/** Called with each term node as it is compiled, left to right. */
type OnTerm = (node: Node, term: TermNode) => void;

function compile(ast: QueryAst, onTerm: OnTerm): Node {
  const node = compileNode(ast, onTerm);
  if (ast.kind === 'word' || ast.kind === 'phrase' || ast.kind === 'category') onTerm(node, ast);
  return node;
}

function compileNode(ast: QueryAst, onTerm: OnTerm): Node {
  switch (ast.kind) {
    case 'word':
      if (ast.field === 'au' && !ast.prefix) return authorNode(textNode(ast), [ast.word], null);
      return textNode(ast);
    case 'phrase':
      if (ast.field === 'au' && !ast.prefix) return authorNode(textNode(ast), ast.words, ast.surnameFirst ?? null);
      return textNode(ast);
    case 'category': {
      const node = new Node(CATEGORY);
      node.category = categoryId(ast.category);
      return node;
    }
    case 'not': {
      const node = new Node(NOT);
      node.kids = [compile(ast.child, onTerm)];
      return node;
    }
    case 'and': {
      const node = new Node(AND);
      // Cheapest, most selective first: few anchors, then no anchors, negations last.
      const cost = (kid: Node): number => (kid.op === NOT ? 1e6 : (kid.anchors?.length ?? 1e3));
      node.kids = ast.children
        .map((child, k) => ({ kid: compile(child, onTerm), k }))
        .sort((x, y) => cost(x.kid) - cost(y.kid) || x.k - y.k)
        .map(({ kid }) => kid);
      node.anchors = node.kids[0]?.anchors ?? null;
      node.bonuses = adjacencyBonuses(ast.children);
      return node;
    }
    case 'or': {
      const node = new Node(OR);
      const children = ast.children.map((child) => compile(child, onTerm));
      node.anchored = children.filter((c) => c.anchors !== null);
      node.table = new AnchorTable(node.anchored);
      node.kids = children.filter((c) => c.anchors === null);
      node.anchors = node.kids.length === 0 ? node.anchored.flatMap((c) => c.anchors ?? []) : null;
      return node;
    }
  }
}

/** A word or phrase as written, in its fields. */
function textNode(ast: WordNode | PhraseNode): Node {
  if (ast.kind === 'phrase') return phraseNode(compilePhrase(ast.words, ast.prefix), fieldMask(ast.field), 1);
  const node = new Node(ast.prefix ? PREFIX : WORD);
  node.mask = fieldMask(ast.field);
  if (ast.prefix) {
    node.prefix = toPrefix(ast.word);
    node.anchors = node.prefix.start && [node.prefix.start];
  } else {
    node.key = probe(ast.word);
    node.anchors = [node.key];
  }
  return node;
}

/**
 * An `au:` word or phrase: as written in an author's name (`literal`), or a name that an author bears by the
 * rule of follows (`authorMatches`: `Y. LeCun` for `Yann LeCun`). The index has the Bloom bits of every
 * surname spelling that rule tries, so the name's surname is an anchor too.
 */
function authorNode(literal: Node, words: readonly string[], surnameFirst: number | null): Node {
  const node = new Node(AUTHOR);
  node.mask = AUTHORS_BIT;
  node.kids = [literal];
  node.name = nameOfWords(words, surnameFirst);
  node.nameWords = words.length;
  const surname = probe(wantedSurname(node.name));
  node.key = surname;
  const anchors = literal.anchors ?? [];
  node.anchors = anchors.some((bits) => bits.word === surname.word && bits.bits === surname.bits)
    ? anchors
    : [...anchors, surname];
  return node;
}

/**
 * Whether an AUTHOR node's words may be in the paper as written: papers reach the node by the name's surname
 * too, so the words' own anchors are asked before they are looked for.
 */
function mayBeWritten(node: Node, paper: IndexedPaper): boolean {
  const anchors = node.kids[0]!.anchors;
  if (anchors === null) return true;
  for (const bits of anchors) if (paper.hasBits(bits)) return true;
  return false;
}

/**
 * How many of the paper's authors bear an AUTHOR node's name (`all`: else 1 for any), noting their places (see
 * `PaperAuthor.ordinal`) in `out` when given.
 */
function namedAuthors(node: Node, paper: IndexedPaper, all: boolean, out: number[] | null = null): number {
  if (!paper.hasBits(node.key)) return 0;
  const authors = paperAuthors(paper).get(node.key.key);
  if (authors === undefined) return 0;
  let found = 0;
  // The authors filed under the name's surname, and the given names before it: `authorMatches`, looked up.
  for (const author of authors) {
    if (!givenNamesAgree(node.name!.given, author.given)) continue;
    found++;
    if (!all) return found;
    out?.push(author.ordinal);
  }
  return found;
}

function phraseNode(phrase: Phrase, mask: number, weight: number): Node {
  const node = new Node(PHRASE);
  node.phrase = phrase;
  node.mask = mask;
  node.weight = weight;
  node.anchors = phraseAnchors(phrase);
  return node;
}

/** AND-ed plain words in a row (`contrastive learning`) score extra where they stand together. */
function adjacencyBonuses(children: readonly QueryAst[]): Node[] {
  const bonuses: Node[] = [];
  let run: string[] = [];
  let runField: TextField | null = null;
  for (const child of [...children, null]) {
    const plain = child !== null && child.kind === 'word' && !child.prefix;
    if (!plain || (run.length > 0 && child.field !== runField)) {
      if (run.length >= 2) bonuses.push(phraseNode(compilePhrase(run, false), fieldMask(runField), ADJACENCY_SHARE));
      run = [];
    }
    if (plain) {
      runField = child.field;
      run.push(child.word);
    }
  }
  return bonuses;
}

function test(node: Node, paper: IndexedPaper, scratch: Scratch): boolean {
  switch (node.op) {
    case WORD:
      return hasWord(paper, node.key, node.mask);
    case PREFIX:
      return hasPrefix(paper, node.prefix, node.mask);
    case PHRASE:
      return scratch.walker.matches(node.phrase, paper, node.mask);
    case CATEGORY:
      return paper.categoryIds.includes(node.category);
    case AUTHOR:
      return namedAuthors(node, paper, false) > 0 || (mayBeWritten(node, paper) && test(node.kids[0]!, paper, scratch));
    case NOT: {
      for (const kid of node.kids) if (test(kid, paper, scratch)) return false;
      return true;
    }
    case AND: {
      for (const kid of node.kids) if (!test(kid, paper, scratch)) return false;
      return true;
    }
    default: {
      // OR: most papers are turned down by the Bloom bits alone.
      const data = paper.data;
      const table = node.table;
      let tried = -1;
      for (let at = 0; at < table.end; at += 3) {
        if (!table.present(at, data)) continue;
        const part = table.part(at);
        if (part === tried) continue;
        tried = part;
        const kid = node.anchored[part];
        if (kid !== undefined && test(kid, paper, scratch)) return true;
      }
      for (const kid of node.kids) if (test(kid, paper, scratch)) return true;
      return false;
    }
  }
}

/** The score of a matching node (only its matching parts count), or -1 when it does not match. */
function evaluate(node: Node, paper: IndexedPaper, scratch: Scratch): number {
  switch (node.op) {
    case WORD:
      return wordScore(paper, node.key, node.mask, scratch.counts);
    case PREFIX:
      return prefixScore(paper, node.prefix, node.mask, scratch.counts);
    case PHRASE: {
      const score = phraseScore(node.phrase, paper, node.mask, scratch.walker, scratch.counts);
      return score > 0 ? node.weight * score : -1;
    }
    case CATEGORY:
      return paper.categoryIds.includes(node.category) ? CATEGORY_SCORE : -1;
    case AUTHOR: {
      const authors = namedAuthors(node, paper, true);
      if (authors > 0) return nameScore(paper, node.nameWords, authors);
      return mayBeWritten(node, paper) ? evaluate(node.kids[0]!, paper, scratch) : -1;
    }
    case NOT:
      return test(node, paper, scratch) ? 0 : -1;
    case AND: {
      let total = 0;
      for (const kid of node.kids) {
        const score = evaluate(kid, paper, scratch);
        if (score < 0) return -1;
        total += score;
      }
      for (const bonus of node.bonuses) total += Math.max(0, evaluate(bonus, paper, scratch));
      return total;
    }
    default: {
      const data = paper.data;
      const table = node.table;
      let total = -1;
      let tried = -1;
      for (let at = 0; at < table.end; at += 3) {
        const part = table.part(at);
        if (part === tried || !table.present(at, data)) continue;
        tried = part;
        const kid = node.anchored[part];
        const score = kid === undefined ? -1 : evaluate(kid, paper, scratch);
        if (score >= 0) total = Math.max(total, 0) + score;
      }
      for (const kid of node.kids) {
        const score = evaluate(kid, paper, scratch);
        if (score >= 0) total = Math.max(total, 0) + score;
      }
      return total;
    }
  }
}

/** `CompiledQuery.explain`. */
function explain(
  root: Node,
  paper: IndexedPaper,
  authors: readonly string[],
  spell: (term: TermNode) => string,
  scratch: Scratch,
): MatchedTerm[] | null {
  const held: Node[] = [];
  if (!collect(root, paper, scratch, held)) return null;
  held.sort((a, b) => a.term!.order - b.term!.order);
  const terms: MatchedTerm[] = [];
  const seen = new Set<string>();
  for (const node of held) {
    const text = spell(node.term!.ast);
    if (seen.has(text)) continue;
    seen.add(text);
    if (node.mask !== AUTHORS_BIT) {
      terms.push({ text });
      continue;
    }
    const named: number[] = [];
    if (node.op === AUTHOR) namedAuthors(node, paper, true, named);
    terms.push({ text, authors: authorsAt(paper, termPositions(node, paper, scratch), authors, named) });
  }
  return terms;
}

/**
 * Whether `node` holds, noting in `held` the term nodes that make it hold: every term of an AND,
 * every branch of an OR that holds, nothing under a NOT.
 */
function collect(node: Node, paper: IndexedPaper, scratch: Scratch, held: Node[]): boolean {
  switch (node.op) {
    case NOT:
      return test(node, paper, scratch);
    case AND: {
      const mark = held.length;
      for (const kid of node.kids) {
        if (!collect(kid, paper, scratch, held)) {
          held.length = mark;
          return false;
        }
      }
      return true;
    }
    case OR: {
      let any = false;
      for (const kid of node.anchored) if (collect(kid, paper, scratch, held)) any = true;
      for (const kid of node.kids) if (collect(kid, paper, scratch, held)) any = true;
      return any;
    }
    default:
      if (!test(node, paper, scratch)) return false;
      held.push(node);
      return true;
  }
}

/** Where a word, prefix or phrase node (or an `au:` name as written) occurs in its fields. */
function termPositions(node: Node, paper: IndexedPaper, scratch: Scratch): number[] {
  if (node.op === AUTHOR) return termPositions(node.kids[0]!, paper, scratch);
  const positions: number[] = [];
  if (node.op === WORD) wordPositions(paper, node.key, node.mask, positions);
  else if (node.op === PREFIX) prefixPositions(paper, node.prefix, node.mask, positions);
  else if (node.op === PHRASE) scratch.walker.locate(node.phrase, paper, node.mask, positions);
  return positions;
}
