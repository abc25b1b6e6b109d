/**
 * A reader of `.bib` files that follows BibTeX's own rules, so that tests read an export the way BibTeX (and Zotero)
 * would: a field value ends at the brace that balances its opening one, counting every brace, escaped or not.
 */

export interface BibEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
}

/** Every entry of a `.bib` text, in order; throws where the text is not BibTeX. */
export function readBib(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const expectChar = (ch: string) => {
    skipSpace();
    if (text[i] !== ch) throw new Error(`expected ${ch} at ${i}: ${JSON.stringify(text.slice(i, i + 30))}`);
    i++;
  };
  const word = (pattern: RegExp) => {
    skipSpace();
    const match = pattern.exec(text.slice(i));
    if (!match || match.index !== 0) throw new Error(`expected ${String(pattern)} at ${i}`);
    i += match[0].length;
    return match[0];
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) return entries;
    expectChar('@');
    const type = word(/[A-Za-z]+/);
    expectChar('{');
    const key = word(/[^\s,{}]+/);
    const fields = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      expectChar(',');
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      const name = word(/[A-Za-z]+/);
      if (fields.has(name.toLowerCase())) throw new Error(`field ${name} twice in ${key}`);
      expectChar('=');
      expectChar('{');
      const start = i;
      let depth = 1;
      for (; depth > 0; i++) {
        if (i >= text.length) throw new Error(`field ${name} of ${key} never closes`);
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
      }
      fields.set(name.toLowerCase(), text.slice(start, i - 1));
    }
    entries.push({ type, key, fields });
  }
}

const UNESCAPE: Record<string, string> = {
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textbar: '|',
  textless: '<',
  textgreater: '>',
};
const ESCAPE_SEQUENCE = /\\vphantom\{\\[{}]\}|\{\\(text[a-z]+)\}|\\([{}&%$#_])/g;

/** The text a field value stands for. */
export function unescape(value: string): string {
  return value.replace(ESCAPE_SEQUENCE, (_, command: string | undefined, char: string | undefined) =>
    command !== undefined ? (UNESCAPE[command] ?? `?${command}`) : (char ?? ''),
  );
}

/** What is left once every escape is taken out: no LaTeX special may remain. */
export const bare = (value: string): string => value.replace(ESCAPE_SEQUENCE, '');
export const SPECIAL = /[\\{}&%$#_~^<>|]/;

/** Text as `escapeBibtex` reads it: control characters and runs of whitespace made one space, trimmed. */
export const collapse = (text: string): string =>
  text
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
