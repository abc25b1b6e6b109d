/**
 * The topic query language (spec §3).
 *
 * Grammar (AND binds tighter than OR; `AND` may also be written out):
 *
 *   query   := or EOF
 *   or      := and ( "OR" and )*
 *   and     := unary ( ["AND"] unary )*
 *   unary   := ( "-" | "NOT" ) unary | primary
 *   primary := FIELD ":" primary          -- FIELD is ti, abs, au or cat, no space before what follows
 *            | "(" or ")"
 *            | '"' text '"'               -- phrase: consecutive words; a final `*` makes its last word a prefix
 *            | WORD                       -- a run without space, parentheses or quotes; a final `*` makes a prefix
 *
 * `OR`, `AND` and `NOT` are operators only in upper case. `-` negates only at the start of a term;
 * inside a word it is a hyphen (`semi-supervised`). A field prefix on a group applies to every term in
 * it. Words and phrases without a field search the title and the abstract; `au:` searches author
 * names, where a word or phrase is also a name matched as follows match authors (author.ts:
 * `Y. LeCun`, `LeCun, Yann`); `cat:` takes an arXiv category, where an archive (`cat:cs`) covers its
 * subject classes.
 * Curly quotes count as quotes. Nothing a user writes is ever compiled into a regular expression.
 */
import { UserError } from '../errors.js';
import { DEFAULT_LOCALE, t, type Locale } from '../i18n/index.js';
import { normaliseCategory } from './category.js';
import { endsWithWordChar, foldText, tokenize } from './text.js';

/** Longest query accepted, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 500;
/** Most words, phrases and categories one query may hold. */
export const MAX_QUERY_TERMS = 50;
/** Deepest nesting of parentheses. */
export const MAX_QUERY_DEPTH = 10;

/** Help text the bot can show next to a query that did not parse, in one paragraph. */
export function queryHelp(locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, 'query.help', { maxLength: MAX_QUERY_LENGTH, maxTerms: MAX_QUERY_TERMS });
}

/** Fields a word or phrase can be limited to. */
export type TextField = 'ti' | 'abs' | 'au';
/** Every field prefix of the language. */
export type QueryField = TextField | 'cat';

const FIELDS: ReadonlySet<string> = new Set<QueryField>(['ti', 'abs', 'au', 'cat']);

/** One folded word (`schrodinger`), or a word start when `prefix` is set. */
export interface WordNode {
  readonly kind: 'word';
  readonly field: TextField | null;
  readonly word: string;
  readonly prefix: boolean;
}

/** Two or more folded words that must appear in a row; `prefix` applies to the last one. */
export interface PhraseNode {
  readonly kind: 'phrase';
  readonly field: TextField | null;
  readonly words: readonly string[];
  readonly prefix: boolean;
  /**
   * An `au:` name written surname first (`"LeCun, Yann"`): how many of the words, before the comma, are the
   * surname. Only between two words, and never with `prefix`.
   */
  readonly surnameFirst?: number;
}

/** `cat:` term, lower case: an archive (`cs`) or a subject class (`cs.lg`). */
export interface CategoryNode {
  readonly kind: 'category';
  readonly category: string;
}

export interface AndNode {
  readonly kind: 'and';
  readonly children: readonly QueryAst[];
}

export interface OrNode {
  readonly kind: 'or';
  readonly children: readonly QueryAst[];
}

export interface NotNode {
  readonly kind: 'not';
  readonly child: QueryAst;
}

/** A parsed query. `and`/`or` nodes are flat (no `and` directly inside `and`) and have ≥ 2 children. */
export type QueryAst = WordNode | PhraseNode | CategoryNode | AndNode | OrNode | NotNode;

/** What went wrong, for callers that want more than the message. */
export type QueryErrorCode =
  | 'empty'
  | 'too-long'
  | 'too-many-terms'
  | 'too-deep'
  | 'unclosed-quote'
  | 'empty-phrase'
  | 'unbalanced-paren'
  | 'empty-group'
  | 'or-operand'
  | 'and-operand'
  | 'not-operand'
  | 'unknown-field'
  | 'field-operand'
  | 'nested-field'
  | 'bad-category'
  | 'short-prefix'
  | 'misplaced-star'
  | 'no-text';

/**
 * A query that cannot be parsed. `message` names the problem and shows the query with a caret
 * under the column at fault; `excerpt` is just those two lines (for a code block).
 */
export class QueryParseError extends Error {
  override name = 'QueryParseError';
  /** The problem in English words, without the picture. */
  readonly reason: string;
  /** The two-line picture: the query (or a window of it) and a caret under `position`. */
  readonly excerpt: string;

  constructor(
    readonly code: QueryErrorCode,
    /** The problem in catalog words, readable in any locale. */
    readonly problem: UserError,
    readonly query: string,
    /** 0-based UTF-16 offset into `query`. */
    readonly position: number,
  ) {
    const excerpt = pointAt(query, position);
    super(`${problem.message} (column ${position + 1})\n${excerpt}`);
    this.reason = problem.message;
    this.excerpt = excerpt;
  }

  /** The problem in a locale's words, without the picture. */
  reasonIn(locale: Locale): string {
    return this.problem.messageIn(locale);
  }
}

const EXCERPT_WIDTH = 60;

function pointAt(query: string, position: number): string {
  const flat = query.replace(/[\t\n\r\v\f]/g, ' ');
  let from = 0;
  let to = flat.length;
  if (flat.length > EXCERPT_WIDTH) {
    from = Math.max(0, Math.min(position - EXCERPT_WIDTH / 2, flat.length - EXCERPT_WIDTH));
    to = Math.min(flat.length, from + EXCERPT_WIDTH);
  }
  const head = from > 0 ? '…' : '';
  const tail = to < flat.length ? '…' : '';
  const column = head.length + [...flat.slice(from, Math.min(position, to))].length;
  return `${head}${flat.slice(from, to)}${tail}\n${' '.repeat(column)}^`;
}

// ---------------------------------------------------------------------------------------------
// Lexer

type Token =
  | { type: 'word'; text: string; start: number; end: number }
  | { type: 'phrase'; text: string; start: number; end: number; contentStart: number }
  | { type: 'field'; field: QueryField; start: number; end: number }
  | { type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'neg' | 'eof'; start: number; end: number };

const QUOTES = '"“”„‟';
const KEYWORDS: Readonly<Record<string, 'or' | 'and' | 'not'>> = { OR: 'or', AND: 'and', NOT: 'not' };
const FIELD_PREFIX = /^([A-Za-z]+):/;

function isSpace(ch: string): boolean {
  return ch.trim() === '';
}

function isWordEnd(ch: string): boolean {
  return isSpace(ch) || ch === '(' || ch === ')' || QUOTES.includes(ch);
}

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  const fail = (code: QueryErrorCode, problem: UserError, at: number): never => {
    throw new QueryParseError(code, problem, query, at);
  };
  let i = 0;
  while (i < query.length) {
    const ch = query[i] ?? '';
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
    } else if (QUOTES.includes(ch)) {
      let close = i + 1;
      while (close < query.length && !QUOTES.includes(query[close] ?? '')) close++;
      if (close >= query.length) fail('unclosed-quote', UserError.of('query.unclosedQuote'), i);
      tokens.push({ type: 'phrase', text: query.slice(i + 1, close), start: i, end: close + 1, contentStart: i + 1 });
      i = close + 1;
    } else if (ch === '-') {
      const next = query[i + 1];
      if (next === undefined || isSpace(next) || next === ')') {
        fail('not-operand', UserError.of('query.dashOperand'), i);
      }
      tokens.push({ type: 'neg', start: i, end: i + 1 });
      i++;
    } else {
      let end = i;
      while (end < query.length && !isWordEnd(query[end] ?? '')) end++;
      lexWord(query, i, end, tokens, fail);
      i = end;
    }
  }
  tokens.push({ type: 'eof', start: query.length, end: query.length });
  return tokens;
}

function lexWord(
  query: string,
  start: number,
  end: number,
  tokens: Token[],
  fail: (code: QueryErrorCode, problem: UserError, at: number) => never,
): void {
  const raw = query.slice(start, end);
  const keyword = KEYWORDS[raw];
  if (keyword !== undefined) {
    tokens.push({ type: keyword, start, end });
    return;
  }
  let offset = start;
  let rest = raw;
  let sawField = false;
  for (let match = FIELD_PREFIX.exec(rest); match; match = FIELD_PREFIX.exec(rest)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!FIELDS.has(name)) {
      fail('unknown-field', UserError.of('query.unknownField', { field: match[1] ?? '' }), offset);
    }
    tokens.push({ type: 'field', field: name as QueryField, start: offset, end: offset + match[0].length });
    offset += match[0].length;
    rest = rest.slice(match[0].length);
    sawField = true;
  }
  if (rest === '') return;
  if (sawField && rest.startsWith('-')) {
    fail('field-operand', UserError.of('query.dashAfterField'), offset);
  }
  tokens.push({ type: 'word', text: rest, start: offset, end });
}

// ---------------------------------------------------------------------------------------------
// Parser

const FIELD_OPERAND = new Set<Token['type']>(['word', 'phrase', 'lparen', 'field']);
const UNARY_START = new Set<Token['type']>(['word', 'phrase', 'lparen', 'field', 'not', 'neg']);

class Parser {
  private index = 0;
  private terms = 0;
  private depth = 0;
  /** How the query writes each term node. */
  readonly spelling = new Map<TermNode, string>();

  constructor(
    private readonly query: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): QueryAst {
    const ast = this.parseOr(null);
    const rest = this.peek();
    if (rest.type === 'rparen') this.fail('unbalanced-paren', UserError.of('query.unopenedParen'), rest.start);
    return ast;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private fail(code: QueryErrorCode, problem: UserError, at: number): never {
    throw new QueryParseError(code, problem, this.query, at);
  }

  private parseOr(field: QueryField | null): QueryAst {
    const children = [this.parseAnd(field)];
    while (this.peek().type === 'or') {
      const op = this.next();
      if (!UNARY_START.has(this.peek().type)) this.fail('or-operand', UserError.of('query.orOperand'), op.start);
      children.push(this.parseAnd(field));
    }
    return orOf(children);
  }

  private parseAnd(field: QueryField | null): QueryAst {
    const first = this.peek();
    if (first.type === 'or') this.fail('or-operand', UserError.of('query.orOperand'), first.start);
    if (first.type === 'and') this.fail('and-operand', UserError.of('query.andOperand'), first.start);
    if (first.type === 'rparen') {
      this.fail('unbalanced-paren', UserError.of('query.unopenedParen'), first.start);
    }
    const children = [this.parseUnary(field)];
    for (;;) {
      const token = this.peek();
      if (token.type === 'and') {
        this.next();
        if (!UNARY_START.has(this.peek().type)) this.fail('and-operand', UserError.of('query.andOperand'), token.start);
      } else if (!UNARY_START.has(token.type)) {
        break;
      }
      children.push(this.parseUnary(field));
    }
    return andOf(children);
  }

  private parseUnary(field: QueryField | null): QueryAst {
    const token = this.peek();
    if (token.type === 'not' || token.type === 'neg') {
      this.next();
      if (!UNARY_START.has(this.peek().type)) {
        this.fail(
          'not-operand',
          token.type === 'not' ? UserError.of('query.notOperand') : UserError.of('query.dashOperand'),
          token.start,
        );
      }
      return { kind: 'not', child: this.parseUnary(field) };
    }
    return this.parsePrimary(field);
  }

  private parsePrimary(field: QueryField | null): QueryAst {
    const token = this.next();
    switch (token.type) {
      case 'field': {
        const operand = this.peek();
        if (operand.start !== token.end || !FIELD_OPERAND.has(operand.type)) {
          this.fail('field-operand', UserError.of('query.fieldOperand', { field: token.field }), token.start);
        }
        if (field !== null && field !== token.field) {
          this.fail(
            'nested-field',
            UserError.of('query.nestedField', { field: token.field, outer: field }),
            token.start,
          );
        }
        return this.parsePrimary(token.field);
      }
      case 'lparen': {
        if (this.depth >= MAX_QUERY_DEPTH) {
          this.fail('too-deep', UserError.of('query.tooDeep', { max: MAX_QUERY_DEPTH }), token.start);
        }
        const first = this.peek();
        if (first.type === 'rparen') this.fail('empty-group', UserError.of('query.emptyGroup'), token.start);
        if (first.type === 'eof') this.fail('unbalanced-paren', UserError.of('query.unclosedParen'), token.start);
        this.depth++;
        const inner = this.parseOr(field);
        this.depth--;
        if (this.peek().type !== 'rparen') {
          this.fail('unbalanced-paren', UserError.of('query.unclosedParen'), token.start);
        }
        this.next();
        return inner;
      }
      case 'word':
        return this.term(token.text, token.start, field, false);
      case 'phrase':
        if (token.text.trim() === '') this.fail('empty-phrase', UserError.of('query.emptyPhrase'), token.start);
        return this.term(token.text, token.contentStart, field, true);
      default:
        // Unreachable: callers check UNARY_START first.
        return this.fail('no-text', UserError.of('query.noTerm'), token.start);
    }
  }

  /** A word or phrase body at `start`, limited to `field`. */
  private term(text: string, start: number, field: QueryField | null, quoted: boolean): QueryAst {
    if (field === 'cat') {
      const trimmed = text.trim();
      const category = normaliseCategory(trimmed);
      if (category === null) {
        this.fail('bad-category', UserError.of('query.badCategory', { category: trimmed }), start);
      }
      this.countTerm(start);
      const node: CategoryNode = { kind: 'category', category: category.toLowerCase() };
      this.spelling.set(node, `cat:${trimmed}`);
      return node;
    }
    const lastWordChar = text.trimEnd().length - 1;
    const star = text.indexOf('*');
    if (star >= 0 && star !== lastWordChar) {
      this.fail('misplaced-star', UserError.of('query.misplacedStar'), start + star);
    }
    const prefix = star >= 0;
    const folded = foldText(prefix ? text.slice(0, star) : text);
    const { tokens } = tokenize(folded);
    const last = tokens[tokens.length - 1];
    if (prefix && (last === undefined || !endsWithWordChar(folded) || (last.length < 4 && [...last].length < 2))) {
      this.fail('short-prefix', UserError.of('query.shortPrefix'), start + star);
    }
    if (last === undefined) this.fail('no-text', UserError.of('query.noLetters', { text: text.trim() }), start);
    this.countTerm(start);
    const surnameFirst = field === 'au' && !prefix ? surnameWords(text, tokens.length) : 0;
    const node: WordNode | PhraseNode =
      tokens.length === 1
        ? { kind: 'word', field, word: last, prefix }
        : surnameFirst > 0
          ? { kind: 'phrase', field, words: tokens, prefix, surnameFirst }
          : { kind: 'phrase', field, words: tokens, prefix };
    this.spelling.set(node, spell(text, field, quoted));
    return node;
  }

  private countTerm(at: number): void {
    this.terms++;
    if (this.terms > MAX_QUERY_TERMS)
      this.fail('too-many-terms', UserError.of('query.tooManyTerms', { max: MAX_QUERY_TERMS }), at);
  }
}

/** How many of a name's words come before its first comma, when that lies between two of its `count` words. */
function surnameWords(text: string, count: number): number {
  const comma = text.indexOf(',');
  if (comma < 0) return 0;
  const before = tokenize(foldText(text.slice(0, comma))).tokens.length;
  return before < count ? before : 0;
}

/**
 * A term as the query writes it, with its field: `Transformer*`, `"contrastive learning"` (straight
 * quotes, spaces collapsed), `ti:survey` (also for a term of a `ti:(…)` group).
 */
function spell(text: string, field: QueryField | null, quoted: boolean): string {
  const body = quoted ? `"${text.trim().replace(/\s+/g, ' ')}"` : text;
  return field === null ? body : `${field}:${body}`;
}

function andOf(children: readonly QueryAst[]): QueryAst {
  const flat = children.flatMap((child) => (child.kind === 'and' ? child.children : [child]));
  return flat.length === 1 ? flat[0]! : { kind: 'and', children: flat };
}

function orOf(children: readonly QueryAst[]): QueryAst {
  const flat = children.flatMap((child) => (child.kind === 'or' ? child.children : [child]));
  return flat.length === 1 ? flat[0]! : { kind: 'or', children: flat };
}

/** A word, phrase or category term of a query. */
export type TermNode = WordNode | PhraseNode | CategoryNode;

/** A parsed query, and how its text writes each of its terms. */
export interface ParsedQuery {
  readonly ast: QueryAst;
  /** Every term node of `ast`, spelled as in the query (see `formatQuery` for the canonical spelling). */
  readonly spelling: ReadonlyMap<TermNode, string>;
}

/**
 * Parse a topic query.
 * @throws QueryParseError when the text is empty, too long or not in the language.
 */
export function parseQuery(text: string): QueryAst {
  return parseQuerySpelled(text).ast;
}

/**
 * `parseQuery`, keeping how the text writes each term, for telling a reader which terms matched.
 * @throws QueryParseError when the text is empty, too long or not in the language.
 */
export function parseQuerySpelled(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QueryParseError(
      'too-long',
      UserError.of('query.tooLong', { length: text.length, max: MAX_QUERY_LENGTH }),
      text,
      MAX_QUERY_LENGTH,
    );
  }
  if (text.trim() === '') {
    throw new QueryParseError('empty', UserError.of('query.empty'), text, 0);
  }
  const parser = new Parser(text, lex(text));
  const ast = parser.parse();
  checkCanonical(text, ast);
  return { ast, spelling: parser.spelling };
}

/**
 * Refuse a query whose canonical spelling breaks the limits, so that every accepted query prints
 * (`formatQuery`) as one that is accepted too. Folding can lengthen words (`ﬃ` → `ffi`), hyphenated
 * words print as phrases, and the printer adds parentheses (`a b OR c` → `(a b) OR c`).
 */
function checkCanonical(text: string, ast: QueryAst): void {
  const canonical = formatQuery(ast);
  if (canonical.length > MAX_QUERY_LENGTH) {
    throw new QueryParseError(
      'too-long',
      UserError.of('query.tooLongInFull', { length: canonical.length, max: MAX_QUERY_LENGTH }),
      text,
      text.length,
    );
  }
  let depth = 0;
  let deepest = 0;
  // Words and phrases of the canonical form hold only letters, digits, spaces and an `au:` name's
  // comma, so every parenthesis in it is a group.
  for (const ch of canonical) {
    if (ch === '(') deepest = Math.max(deepest, ++depth);
    else if (ch === ')') depth--;
  }
  if (deepest > MAX_QUERY_DEPTH) {
    throw new QueryParseError(
      'too-deep',
      UserError.of('query.tooDeepInFull', { depth: deepest, max: MAX_QUERY_DEPTH }),
      text,
      Math.max(0, text.indexOf('(')),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Printer

/**
 * A canonical spelling of `ast`: folded words, implicit AND, groups in parentheses, a field
 * written once for a group whose terms all share it. `parseQuery(formatQuery(ast))` gives back an
 * equal AST for every AST `parseQuery` produces.
 */
export function formatQuery(ast: QueryAst): string {
  return format(ast, null);
}

function format(node: QueryAst, context: QueryField | null): string {
  switch (node.kind) {
    case 'word':
      return `${fieldPrefix(node.field, context)}${node.word}${node.prefix ? '*' : ''}`;
    case 'phrase': {
      const words =
        node.surnameFirst === undefined
          ? node.words.join(' ')
          : `${node.words.slice(0, node.surnameFirst).join(' ')}, ${node.words.slice(node.surnameFirst).join(' ')}`;
      return `${fieldPrefix(node.field, context)}"${words}${node.prefix ? '*' : ''}"`;
    }
    case 'category':
      return `${fieldPrefix('cat', context)}${node.category}`;
    case 'not':
      return `-${node.child.kind === 'not' ? `(${format(node.child, context)})` : operand(node.child, context)}`;
    case 'and':
    case 'or': {
      const shared = sharedField(node);
      if (shared !== null && shared !== context) return `${shared}:(${formatJunction(node, shared)})`;
      return formatJunction(node, context);
    }
  }
}

function formatJunction(node: AndNode | OrNode, context: QueryField | null): string {
  const separator = node.kind === 'and' ? ' ' : ' OR ';
  const parts: string[] = [];
  const children = node.children;
  for (let i = 0; i < children.length;) {
    // Neighbours with one field other than the context's share it: `ti:a ti:b` → `ti:(a b)`.
    const field = children[i]!.kind === 'not' ? null : sharedField(children[i]!);
    let end = i + 1;
    if (field !== null && field !== context) {
      while (end < children.length && children[end]!.kind !== 'not' && sharedField(children[end]!) === field) end++;
    }
    if (end - i >= 2) {
      parts.push(
        `${field}:(${children
          .slice(i, end)
          .map((child) => operand(child, field))
          .join(separator)})`,
      );
    } else {
      parts.push(operand(children[i]!, context));
    }
    i = end;
  }
  return parts.join(separator);
}

/** A node as the operand of NOT, AND or OR: groups get parentheses. */
function operand(node: QueryAst, context: QueryField | null): string {
  if (node.kind !== 'and' && node.kind !== 'or') return format(node, context);
  const shared = sharedField(node);
  if (shared !== null && shared !== context) return `${shared}:(${formatJunction(node, shared)})`;
  return `(${formatJunction(node, context)})`;
}

function fieldPrefix(field: QueryField | null, context: QueryField | null): string {
  return field === null || field === context ? '' : `${field}:`;
}

/** The field every term under `node` has, if they all have the same one. */
function sharedField(node: QueryAst): QueryField | null {
  let shared: QueryField | null | undefined;
  const visit = (n: QueryAst): boolean => {
    switch (n.kind) {
      case 'word':
      case 'phrase':
      case 'category': {
        const field = n.kind === 'category' ? 'cat' : n.field;
        if (field === null || (shared !== undefined && shared !== field)) return false;
        shared = field;
        return true;
      }
      case 'not':
        return visit(n.child);
      case 'and':
      case 'or':
        return n.children.every(visit);
    }
  };
  return visit(node) ? (shared ?? null) : null;
}

/** Every word, phrase and category term of `ast`, left to right. */
export function queryTerms(ast: QueryAst): TermNode[] {
  switch (ast.kind) {
    case 'word':
    case 'phrase':
    case 'category':
      return [ast];
    case 'not':
      return queryTerms(ast.child);
    case 'and':
    case 'or':
      return ast.children.flatMap(queryTerms);
  }
}
