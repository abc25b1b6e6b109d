/** The ready-made topics in every catalog's language: each has a name and a description in every locale. */
import { describe, expect, it } from 'vitest';
import { catalog, catalogEntryText, catalogTopicSchema } from '../../config/catalog.js';
import { CATALOGS, DEFAULT_LOCALE, LOCALES } from '../../src/i18n/index.js';

describe('catalogEntryText', () => {
  it('is the catalog topic’s own name and description in English', () => {
    for (const entry of catalog) {
      expect(catalogEntryText(entry, DEFAULT_LOCALE)).toEqual({ name: entry.name, description: entry.description });
    }
  });

  it.each(LOCALES)('has every catalog topic, and no other, in %s', (locale) => {
    expect(Object.keys(CATALOGS[locale].catalogTopics).sort()).toEqual(catalog.map((e) => e.slug).sort());
  });

  it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))(
    'gives each topic its %s text, fit for the catalog',
    (locale) => {
      const texts: Readonly<Record<string, unknown>> = CATALOGS[locale].catalogTopics;
      for (const entry of catalog) {
        const text = catalogEntryText(entry, locale);
        expect(text).toEqual(texts[entry.slug]);
        expect(text.description).not.toBe(entry.description);
        // The same limits as the English: what fits one fits the other where the catalog is shown.
        expect(catalogTopicSchema.safeParse({ ...entry, ...text }).success).toBe(true);
      }
    },
  );

  it('falls back to a topic’s own text when a locale has none for it', () => {
    const entry = { slug: 'not-in-catalog', name: 'Elsewhere', description: 'A topic of no catalog.' };
    for (const locale of LOCALES) {
      expect(catalogEntryText(entry, locale)).toEqual({ name: entry.name, description: entry.description });
    }
  });
});
