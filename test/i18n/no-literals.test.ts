/**
 * Nothing a reader sees is written into the code: every text of the commands and of what posts to Discord comes from
 * the message catalogs (src/i18n/locales). The TypeScript compiler parses each source file, and every string or
 * template literal that reads like prose is reported, except where a text is not for readers: log lines, module
 * specifiers, internal errors (`new Error(…)`, any error class but UserError), object keys, custom ids, SQL, regular
 * expressions, string types, lines marked `// i18n-ignore`, and the English of the command data (the names and
 * descriptions deploy-commands registers, held verbatim by the catalogs' `commands` section: test/i18n/commands.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOGS, DEFAULT_LOCALE } from '../../src/i18n/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Where user-facing text is written. */
const DIRECTORIES = [
  'commands',
  'src/discord',
  'src/digest',
  'src/members',
  'src/guilds',
  'src/topics',
  'src/schedule',
  'src/search',
];

/**
 * Files whose prose literals are internal, each with why: never shown to a reader, or stored as written like every
 * other record of its kind (the ledger's failure reasons, run reports, logs).
 */
const INTERNAL: Readonly<Record<string, string>> = {
  'src/digest/figures.ts': 'why a figure lookup stopped: logged',
  'src/digest/plan.ts': 'a topic that cannot be used: logged and stored on the run',
  'src/digest/runner.ts': 'run outcome reasons stored in the ledger, as Discord’s own failure texts are',
  'src/discord/render/limits.ts': 'checks of a message against Discord’s limits: thrown as internal errors',
};

/**
 * Files that still hold literals, and how many. The check is exact, so a file's count here must come down as its
 * texts move to the catalogs, and the file leave the list once it holds none.
 */
const KNOWN_LITERALS: Readonly<Record<string, number>> = {};

const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'log']);
const CUSTOM_ID = new Set(['customId', 'custom_id', 'setCustomId']);
/** HTML tags (their attributes are not prose; the text between them is). */
const MARKUP = /<[^<>]*>/g;
/** A style sheet: `selector { property: value; }`. */
const CSS = /\{[^{}]*:[^{}]*;\s*\}/;
const SQL = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|PRAGMA|SET)\s/i;

/**
 * Prose: two words with a space between them (`Not found`), or a sentence or label that starts with a capital and
 * ends with `.`, `:`, `!` or `?` (`Missing:`), HTML tags left out. Keys (`digest.header`), ids (`ti:`), SQL and
 * style sheets are not.
 */
function looksLikeProse(text: string): boolean {
  if (SQL.test(text) || CSS.test(text)) return false;
  const words = text.replace(MARKUP, ' ');
  return /\p{L}{2,} +\p{L}{2,}/u.test(words) || /^\p{Lu}\p{L}*[^\n]*[.:!?]$/u.test(words.trim());
}

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value)));
}

/** The English of the command data, which the catalogs' `commands` section holds verbatim. */
const COMMAND_DATA_TEXT = new Set(leaves(CATALOGS[DEFAULT_LOCALE].commands));

/** A literal's text with `${…}` left as a placeholder. */
function textOf(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** A log line: `log.warn(…)`, `this.log.info(…)`, `app.log.error(…)`, `console.log(…)`. */
function isLogCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_LEVELS.has(callee.name.text)) return false;
  const receiver = callee.expression.getText();
  return receiver === 'console' || /(?:^|\.)\w*(?:log|logger)$/i.test(receiver);
}

/** Whether a literal is, or sits inside, something that is not for readers. */
function isExempt(node: ts.Node): boolean {
  const parent = node.parent;
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) ||
    ts.isTaggedTemplateExpression(parent)
  ) {
    return true;
  }
  for (let at: ts.Node = node; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isPropertyAssignment(at) && ts.isIdentifier(at.name) && CUSTOM_ID.has(at.name.text)) return true;
    if (ts.isCallExpression(at) && (isLogCall(at) || CUSTOM_ID.has(calleeName(at)))) return true;
    if (ts.isNewExpression(at)) {
      const name = calleeName(at);
      if (name === 'RegExp' || (name.endsWith('Error') && name !== 'UserError')) return true;
    }
  }
  return false;
}

/** Whether the literal's lines, or the line just above it, carry `// i18n-ignore`. */
function isIgnored(node: ts.Node, source: ts.SourceFile, lines: readonly string[]): boolean {
  const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
  const marked = (line: number) => lines[line]?.includes('// i18n-ignore') ?? false;
  if (lines[first - 1]?.trim().startsWith('// i18n-ignore')) return true;
  for (let line = first; line <= last; line++) if (marked(line)) return true;
  return false;
}

/** The prose literals of one source text, each as `line: text`. */
function proseLiterals(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = text.split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const literal = textOf(node);
      if (
        looksLikeProse(literal) &&
        !COMMAND_DATA_TEXT.has(literal) &&
        !isExempt(node) &&
        !isIgnored(node, source, lines)
      ) {
        found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${literal}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(directory, file).split('\\').join('/'));
}

describe('proseLiterals', () => {
  it('finds prose in strings and templates', () => {
    const source = [
      "const a = 'This server has no topics yet.';",
      'const b = `Added ${slug} to the list`;',
      "const c = 'Missing:';",
      'reply({ content: "Saved it" });',
      'throw new UserError(`No such topic ${slug}`);',
      "const html = '<b>Recent papers</b>';",
    ].join('\n');
    expect(proseLiterals('a.ts', source)).toEqual([
      '1: This server has no topics yet.',
      '2: Added {} to the list',
      '3: Missing:',
      '4: Saved it',
      '5: No such topic {}',
      '6: <b>Recent papers</b>',
    ]);
  });

  it('leaves out what is not for readers', () => {
    const source = [
      "import { x } from './some module.js';",
      "log.warn({ guildId }, 'Digest failed for a guild');",
      "this.deps.log.info('Started the scheduler now');",
      "console.error('Could not start the bot');",
      "throw new Error('Unreachable state in the planner');",
      "throw new DeliveryError('Discord refused the message');",
      "const k = { 'two words': 1 };",
      "const v = map['two words'];",
      "const button = { customId: 'topic remove confirm' };",
      "builder.setCustomId('topic remove confirm');",
      "db.prepare('SELECT slug FROM topics WHERE guild_id = ?');",
      "const re = new RegExp('two words');",
      "type T = 'two words' | 'more words';",
      "const key = 'digest.header';",
      "const id = 'ti:';",
      "const shown = 'Plain text here'; // i18n-ignore",
      '// i18n-ignore: an example in a doc comment',
      "const next = 'Another plain text';",
      'const html = `<div class="embed-title">${title}</div>`;',
      'const css = \'.embed { display: grid; font: 16px "Noto Sans", sans-serif; }\';',
      "const option = { name: 'scope', description: 'Only papers with a code link' };",
    ].join('\n');
    expect(proseLiterals('b.ts', source)).toEqual([]);
  });
});

describe('user-facing text', () => {
  it('lists the known literals sorted by file', () => {
    const files = Object.keys(KNOWN_LITERALS);
    expect(files).toEqual([...files].sort());
  });

  it('is written in the catalogs, save the files still listed in KNOWN_LITERALS (exactly as many as listed)', () => {
    const found = new Map<string, string[]>();
    for (const file of DIRECTORIES.flatMap(sourceFiles).filter((f) => INTERNAL[f] === undefined)) {
      const literals = proseLiterals(file, readFileSync(join(ROOT, file), 'utf8'));
      if (literals.length > 0) found.set(file, literals);
    }
    const counts: Record<string, number> = Object.fromEntries(
      [...found].sort(([a], [b]) => a.localeCompare(b)).map(([file, literals]) => [file, literals.length]),
    );
    const changed = [...new Set([...Object.keys(counts), ...Object.keys(KNOWN_LITERALS)])].filter(
      (file) => counts[file] !== KNOWN_LITERALS[file],
    );
    const details = changed.map((file) => `${file}:\n  ${(found.get(file) ?? ['(none)']).join('\n  ')}`).join('\n');
    expect(counts, details).toEqual(KNOWN_LITERALS);
  });
});
