import { describe, expect, it } from 'vitest';
import {
  CATALOGS,
  DEFAULT_LOCALE,
  LOCALE_NAMES,
  LOCALES,
  resolveLocale,
  t,
  translator,
  type Locale,
} from '../../src/i18n/index.js';
import { UserError } from '../../src/errors.js';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf of a catalog: dotted key → text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The variable names of a text, sorted (`{{count, number}}` → count). */
function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{-?\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

const english = leaves(CATALOGS[DEFAULT_LOCALE]);

describe.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))('the %s catalog', (locale: Locale) => {
  const catalog = leaves(CATALOGS[locale]);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];

  it('has every English message (plural forms: every form the language uses), and nothing else', () => {
    const missing: string[] = [];
    for (const key of english.keys()) {
      const form = PLURAL.exec(key)?.[1];
      if (form !== undefined && !categories.includes(form)) continue;
      if (!catalog.has(key)) missing.push(key);
    }
    expect(missing).toEqual([]);
    const unknown = [...catalog.keys()].filter((key) => !english.has(key));
    expect(unknown).toEqual([]);
  });

  it('uses the same variables as English in every message', () => {
    const differing: string[] = [];
    for (const [key, text] of catalog) {
      const base = key.replace(PLURAL, '');
      // A plural message may leave {{count}} out of one form (“一篇论文”); every other variable must match.
      const want = variables(english.get(key) ?? english.get(`${base}_other`) ?? '').filter((v) => v !== 'count');
      const got = variables(text).filter((v) => v !== 'count');
      if (JSON.stringify(want) !== JSON.stringify(got)) differing.push(`${key}: ${got.join(',')} ≠ ${want.join(',')}`);
    }
    expect(differing).toEqual([]);
  });

  it('leaves no message empty', () => {
    const empty = [...catalog].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('has a name of its own', () => {
    expect(LOCALE_NAMES[locale].length).toBeGreaterThan(0);
  });
});

describe('looking messages up', () => {
  it('interpolates, and picks plural forms by the locale’s rules', () => {
    expect(t('en-US', 'common.dmsPaused', { reason: 'Cannot send messages to this user' })).toContain(
      '(Cannot send messages to this user)',
    );
    expect(t('zh-CN', 'common.dmsPaused', { reason: 'X' })).toContain('（X）');
    expect(translator('zh-CN')('common.serversOnly')).toBe('Paperboy 只能在服务器内使用。');
  });

  it('reads Discord locale tags: the tag, else its language; not Traditional Chinese as Simplified', () => {
    expect(resolveLocale('zh-CN')).toBe('zh-CN');
    expect(resolveLocale('en-GB')).toBe('en-US');
    expect(resolveLocale('zh-TW')).toBeNull();
    expect(resolveLocale('de')).toBeNull();
    expect(resolveLocale(undefined)).toBeNull();
  });

  it('keeps a refusal’s message key: English for logs, any locale for the member', () => {
    const error = UserError.of('common.moderatorsOnly');
    expect(error.message).toBe('Only members with the **Manage Server** permission can do that.');
    expect(error.messageIn('zh-CN')).toBe('只有拥有 **管理服务器** 权限的成员才能这样做。');
    expect(new UserError('plain').messageIn('zh-CN')).toBe('plain');
  });

  it('types keys and variables', () => {
    // @ts-expect-error: not a key of the catalogs
    expect(() => t('en-US', 'common.noSuchMessage')).not.toThrow();
    // @ts-expect-error: the message takes {{reason}}
    expect(t('en-US', 'common.dmsPaused')).toContain('Paperboy');
    // @ts-expect-error: a variable the message does not take
    expect(t('en-US', 'common.dmsPaused', { reason: 'x', other: 1 })).toContain('(x)');
  });
});
