/** A guild's settings: the rules of `/settings set`, and what `/settings show` reports. */
import { ComposedUserError, UserError } from '../errors.js';
import { isLocale, LOCALES, type Locale } from '../i18n/index.js';
import { codeSpan } from '../format.js';
import { checkSchedule, checkTimeZone, nextRun } from '../schedule/cron.js';
import type { GuildSettings, GuildState } from '../store/types.js';
import { venueUpdatesOn } from '../digest/venue-updates.js';
import { changeGuild, stampOf, type Actor } from './audit.js';
import type { GuildDeps } from './deps.js';

/** The options of `/settings set` as typed; null when not given. */
export interface SettingsInput {
  schedule: string | null;
  timezone: string | null;
  abstract_length: number | null;
  max_papers: number | null;
  venue_updates?: boolean | null;
  /** A locale tag (the option's choices); checked again, since a stale client can send anything. */
  language?: string | null;
}

const SETTING_OPTIONS = ['schedule', 'timezone', 'abstract_length', 'max_papers', 'venue_updates', 'language'] as const;

type SettingsPatch = Partial<
  Pick<GuildSettings, 'schedule' | 'timezone' | 'abstractLength' | 'maxPapers'> & {
    venueUpdates: boolean;
    language: Locale;
  }
>;

export interface SettingsChange {
  settings: GuildSettings;
  /** Whether the guild has subscriptions (the scheduler only runs guilds that do). */
  subscribed: boolean;
  /** The settings this change set (same value or not). */
  patch: SettingsPatch;
  /** The guild's next scheduled run after the change. */
  next: Date | null;
}

/**
 * Validate and save the given settings in one atomic change with an audit entry.
 * @throws UserError listing every problem, or when nothing would change.
 */
export async function updateSettings(deps: GuildDeps, actor: Actor, input: SettingsInput): Promise<SettingsChange> {
  if (SETTING_OPTIONS.every((name) => (input[name] ?? null) === null)) {
    throw UserError.of('settings.nothingToChange', { options: SETTING_OPTIONS.join(', ') });
  }
  const problems: UserError[] = [];
  const patch: SettingsPatch = {};
  if (input.schedule !== null) {
    const checked = checkSchedule(input.schedule);
    if (checked.ok) patch.schedule = checked.schedule;
    else problems.push(checked.error);
  }
  if (input.timezone !== null) {
    const checked = checkTimeZone(input.timezone);
    if (checked.ok) patch.timezone = checked.timezone;
    else problems.push(checked.error);
  }
  const [minAbstract, maxAbstract] = deps.defaults.limits.abstractLength;
  if (input.abstract_length !== null) {
    if (input.abstract_length >= minAbstract && input.abstract_length <= maxAbstract)
      patch.abstractLength = input.abstract_length;
    else problems.push(UserError.of('settings.abstractLengthRange', { min: minAbstract, max: maxAbstract }));
  }
  const [minPapers, maxPapers] = deps.defaults.limits.maxPapers;
  if (input.max_papers !== null) {
    if (input.max_papers >= minPapers && input.max_papers <= maxPapers) patch.maxPapers = input.max_papers;
    else problems.push(UserError.of('shared.maxPapersRange', { min: minPapers, max: maxPapers }));
  }
  if (input.venue_updates !== undefined && input.venue_updates !== null) patch.venueUpdates = input.venue_updates;
  if (input.language !== undefined && input.language !== null) {
    if (isLocale(input.language)) patch.language = input.language;
    else {
      problems.push(
        UserError.of('settings.unknownLanguage', { value: codeSpan(input.language, 20), choices: LOCALES.join(', ') }),
      );
    }
  }
  if (problems.length > 0) throw ComposedUserError.lines(problems);

  const { settings, subscribed } = await changeGuild(deps.store.state, actor, 'settings.set', (state) => {
    const current = deps.settingsFor(actor.guildId, state.settings);
    const changed: string[] = [];
    if (patch.schedule !== undefined && patch.schedule !== current.schedule) changed.push(`schedule ${patch.schedule}`);
    if (patch.timezone !== undefined && patch.timezone !== current.timezone) changed.push(`timezone ${patch.timezone}`);
    if (patch.abstractLength !== undefined && patch.abstractLength !== current.abstractLength) {
      changed.push(`abstract_length ${patch.abstractLength}`);
    }
    if (patch.maxPapers !== undefined && patch.maxPapers !== current.maxPapers)
      changed.push(`max_papers ${patch.maxPapers}`);
    if (patch.venueUpdates !== undefined && patch.venueUpdates !== venueUpdatesOn(current))
      changed.push(`venue_updates ${patch.venueUpdates ? 'on' : 'off'}`);
    if (patch.language !== undefined && patch.language !== current.language) changed.push(`language ${patch.language}`);
    if (changed.length === 0) throw UserError.of('settings.unchanged');
    const settings: GuildSettings = { ...current, ...patch, guildId: actor.guildId, changed: stampOf(actor) };
    state.settings = settings;
    return { detail: changed.join(', '), result: { settings, subscribed: state.subscriptions.length > 0 } };
  });
  if (patch.schedule !== undefined || patch.timezone !== undefined) await deps.scheduler.sync(actor.guildId);
  return { settings, subscribed, patch, next: nextRun(settings.schedule, settings.timezone, deps.now()) };
}

export interface SettingsView {
  state: GuildState;
  settings: GuildSettings;
  subscribed: boolean;
  next: Date | null;
}

/** A guild's effective settings (defaults where it set none), its state and its next scheduled run. */
export async function readSettings(
  deps: Pick<GuildDeps, 'store' | 'settingsFor' | 'now'>,
  guildId: string,
): Promise<SettingsView> {
  const state = await deps.store.state.getGuild(guildId);
  const settings = deps.settingsFor(guildId, state.settings);
  return {
    state,
    settings,
    subscribed: state.subscriptions.length > 0,
    next: nextRun(settings.schedule, settings.timezone, deps.now()),
  };
}
