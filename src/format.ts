/**
 * Wording helpers for the short texts services and commands show users: inert code spans and
 * blocks around untrusted text, counted nouns. Plain strings, no discord.js.
 */

/**
 * User text shown inside inline code: whitespace collapsed, control and format characters
 * (zero-width, bidi overrides) dropped, backticks (which would end the span) swapped for a
 * look-alike, and the result cut to `max` characters with an ellipsis.
 */
export function codeSpan(text: string, max = 60): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .replace(/`/g, 'ˋ');
  const chars = Array.from(flat);
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  return `\`${cut === '' ? ' ' : cut}\``;
}

/** User text shown in a code block (keeps line breaks, cannot close the block). */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/`/g, 'ˋ')}\n\`\`\``;
}

/** `1 paper`, `3 papers`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** One autocomplete suggestion: what the member sees and the value the option gets. */
export interface Choice {
  name: string;
  value: string;
}

/** Most suggestions one autocomplete answer may carry (Discord's cap, docs/discord.md §3). */
export const MAX_CHOICES = 25;
const CHOICE_NAME_MAX = 100;

/** A suggestion's label: one line, at most 100 characters. */
export function choiceName(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '…';
  return chars.length <= CHOICE_NAME_MAX ? chars.join('') : `${chars.slice(0, CHOICE_NAME_MAX - 1).join('')}…`;
}
