/** `/settings show` and `/settings set` (moderators only): options → src/guilds/settings.ts → reply. */
import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { localeOf, serverLocale, translatorOf } from '../../src/discord/locale.js';
import { sanitizeMarkdown } from '../../src/discord/render/index.js';
import { codeSpan } from '../../src/format.js';
import { venueUpdatesOn } from '../../src/digest/venue-updates.js';
import { readSettings, updateSettings, type SettingsView } from '../../src/guilds/settings.js';
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_NAMES,
  translator,
  type Locale,
  type Translate,
} from '../../src/i18n/index.js';
import { describeSchedule } from '../../src/schedule/cron.js';
import { utcOffset } from '../../src/schedule/timezones.js';
import { actorOf, guildIdOf, replyPrivately } from '../shared/interaction.js';
import { changedBy, fitField, fullTime, relativeTime } from '../shared/lists.js';

const RECENT_CHANGES = 5;

function venueUpdatesText(t: Translate, on: boolean): string {
  return on ? t('settings.venueOn') : t('settings.venueOff');
}

function nextRunText(t: Translate, next: Date | null, subscribed: boolean): string {
  if (next === null) return t('settings.nextNever');
  const when = t('settings.nextWhen', {
    full: fullTime(next.toISOString()),
    relative: relativeTime(next.toISOString()),
  });
  // The scheduler only runs guilds that have subscriptions.
  return subscribed ? when : t('settings.nextOnceSubscribed', { when });
}

/** An audit detail for display: escaped (it holds topic names), with channel ids turned back into links. */
function auditDetail(detail: string): string {
  return sanitizeMarkdown(detail.slice(0, 150)).replace(/\bchannel (\d{17,20})\b/g, '<#$1>');
}

/** The chosen language, or the one the server falls back to without a choice. */
function languageText(t: Translate, view: SettingsView, discordLocale: string | null): string {
  const chosen = view.settings.language;
  if (isLocale(chosen)) return LOCALE_NAMES[chosen];
  return t('settings.languageDefault', { name: LOCALE_NAMES[serverLocale(view.state, discordLocale)] });
}

/** The settings embed in `locale`; `discordLocale` is the server's own language as Discord reports it. */
export function settingsEmbed(
  view: SettingsView,
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
  discordLocale: string | null = null,
): APIEmbed {
  const t = translator(locale);
  const { settings, state } = view;
  const recent = state.audit
    .slice(-RECENT_CHANGES)
    .reverse()
    .map((e) =>
      t('settings.auditLine', {
        when: relativeTime(e.at),
        user: `<@${e.userId}>`,
        action: e.action,
        detail: auditDetail(e.detail),
      }),
    );
  return {
    title: t('settings.title'),
    fields: [
      {
        name: t('settings.fields.schedule'),
        value: t('settings.scheduleValue', {
          cron: codeSpan(settings.schedule, 200),
          words: describeSchedule(settings.schedule, locale),
          zone: settings.timezone,
        }),
      },
      { name: t('settings.fields.nextRun'), value: nextRunText(t, view.next, view.subscribed) },
      {
        name: t('settings.fields.timezone'),
        value: t('settings.timezoneValue', { zone: settings.timezone, offset: utcOffset(settings.timezone, now) }),
        inline: true,
      },
      {
        name: t('settings.fields.abstractLength'),
        value: t('settings.abstractLengthValue', { length: settings.abstractLength }),
        inline: true,
      },
      {
        name: t('settings.fields.maxPapers'),
        value: t('settings.maxPapersValue', { max: settings.maxPapers }),
        inline: true,
      },
      { name: t('settings.fields.language'), value: languageText(t, view, discordLocale), inline: true },
      { name: t('settings.fields.venueUpdates'), value: venueUpdatesText(t, venueUpdatesOn(settings)) },
      { name: t('settings.fields.lastChanged'), value: changedBy(settings.changed, locale) },
      ...(recent.length > 0 ? [{ name: t('settings.fields.recent'), value: fitField(recent.join('\n')) }] : []),
    ],
  };
}

export async function showSettings(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const view = await readSettings(app, guildIdOf(interaction));
  const embed = settingsEmbed(view, app.now(), localeOf(interaction), interaction.guildLocale);
  await replyPrivately(interaction, { embeds: [embed] });
}

export async function setSettings(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const { options } = interaction;
  const { settings, subscribed, patch, next } = await updateSettings(app, actorOf(interaction, app), {
    schedule: options.getString('schedule'),
    timezone: options.getString('timezone'),
    abstract_length: options.getInteger('abstract_length'),
    max_papers: options.getInteger('max_papers'),
    venue_updates: options.getBoolean('venue_updates'),
    language: options.getString('language'),
  });

  const locale = localeOf(interaction);
  const t = translatorOf(interaction);
  const lines = [t('settings.saved')];
  if (patch.schedule !== undefined || patch.timezone !== undefined) {
    lines.push(
      t('settings.savedSchedule', {
        words: describeSchedule(settings.schedule, locale),
        zone: settings.timezone,
        next: nextRunText(t, next, subscribed),
      }),
    );
  }
  if (patch.abstractLength !== undefined) {
    lines.push(t('settings.savedAbstractLength', { length: settings.abstractLength }));
  }
  if (patch.maxPapers !== undefined) lines.push(t('settings.savedMaxPapers', { count: settings.maxPapers }));
  if (patch.venueUpdates !== undefined) {
    lines.push(t('settings.savedVenueUpdates', { text: venueUpdatesText(t, patch.venueUpdates) }));
  }
  if (patch.language !== undefined) lines.push(t('settings.savedLanguage', { name: LOCALE_NAMES[patch.language] }));
  await replyPrivately(interaction, { content: lines.join('\n') });
}
