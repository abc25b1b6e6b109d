/**
 * What Paperboy says, in the reader's language: message catalogs (./locales) looked up through i18next, which does
 * interpolation and plural forms (by `Intl.PluralRules`). Adding a language is one catalog file and one line in
 * CATALOGS below.
 */
import i18next, { type TFunction } from 'i18next';
import enUS from './locales/en-US.js';
import zhCN from './locales/zh-CN.js';
import type { Catalog, MessageKey, Translate, VarsArg } from './types.js';

export type { Catalog, MessageKey, MessageVars, Translate, VarsArg } from './types.js';

/** Every supported locale (a Discord locale tag) and its catalog. */
export const CATALOGS = {
  'en-US': enUS,
  'zh-CN': zhCN,
} as const satisfies Record<string, Catalog>;

export type Locale = keyof typeof CATALOGS;

export const DEFAULT_LOCALE: Locale = 'en-US';

export const LOCALES = Object.keys(CATALOGS) as Locale[];

/** Each locale's own name (its catalog's `common.languageName`), for the `/settings set language:` choices. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, CATALOGS[locale].common.languageName]),
) as Record<Locale, string>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LOCALES.map((locale) => [locale, { translation: CATALOGS[locale] }])),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  // Catalogs are bundled: initialise synchronously, so the first lookup never races the set-up.
  initAsync: false,
  nsSeparator: false,
  // Discord text is escaped where it is built (src/discord/render/sanitize.ts), not here.
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
});

const translators = new Map<Locale, Translate>();

/** The lookup for one locale (made once per locale). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (t === undefined) {
    const fixed: TFunction = i18n.getFixedT(locale);
    t = (key: MessageKey, ...vars: [Record<string, unknown>?]) =>
      (fixed as (key: string, options?: Record<string, unknown>) => string)(key, vars[0]);
    translators.set(locale, t);
  }
  return t;
}

/** One message in one locale. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...vars: VarsArg<K>): string {
  return translator(locale)(key, ...vars);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(CATALOGS, value);
}

/**
 * The supported locale for a Discord locale tag: the tag itself, else one of its language's (`en-GB` → `en-US`);
 * null when its language is not supported (Traditional Chinese `zh-TW` is not read as Simplified).
 */
export function resolveLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  if (isLocale(tag)) return tag;
  const language = tag.split('-')[0]?.toLowerCase();
  if (language === 'zh') return null;
  return LOCALES.find((locale) => locale.split('-')[0] === language) ?? null;
}

/** A date and time written the locale's way (`Intl`), in the given time zone. */
export function formatDateTime(
  locale: Locale,
  date: Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** A number written the locale's way (`Intl`). */
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}
