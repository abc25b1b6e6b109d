/** `/settings show` and `/settings set` (moderators only). */
import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { sanitizeMarkdown } from '../../src/discord/render/index.js';
import type { GuildSettings, GuildState } from '../../src/store/types.js';
import {
  actorOf,
  canonicalTimeZone,
  changeGuild,
  changedBy,
  codeSpan,
  fitField,
  fullTime,
  guildIdOf,
  plural,
  relativeTime,
  replyPrivately,
  stampOf,
  utcOffset,
} from '../shared/moderation.js';
import { UserError } from '../types.js';
import { checkSchedule, describeSchedule, nextRun } from './schedule.js';

const RECENT_CHANGES = 5;
const SETTING_OPTIONS = ['schedule', 'timezone', 'abstract_length', 'max_papers'] as const;

function nextRunText(settings: GuildSettings, subscribed: boolean): string {
  const next = nextRun(settings.schedule, settings.timezone);
  if (next === null) return 'never: this schedule has no future date.';
  const when = `${fullTime(next.toISOString())} (${relativeTime(next.toISOString())})`;
  // The scheduler only runs guilds that have subscriptions.
  return subscribed ? when : `${when}, once a channel is subscribed (\`/subscription add\`)`;
}

/** An audit detail for display: escaped (it holds topic names), with channel ids turned back into links. */
function auditDetail(detail: string): string {
  return sanitizeMarkdown(detail.slice(0, 150)).replace(/\bchannel (\d{17,20})\b/g, '<#$1>');
}

export function settingsEmbed(app: App, state: GuildState): APIEmbed {
  const settings = app.settingsFor(state.guildId, state.settings);
  const recent = state.audit
    .slice(-RECENT_CHANGES)
    .reverse()
    .map((e) => `${relativeTime(e.at)} <@${e.userId}> ${e.action}: ${auditDetail(e.detail)}`);
  return {
    title: 'Paperboy settings for this server',
    fields: [
      {
        name: 'Schedule',
        value: `${codeSpan(settings.schedule)}: ${describeSchedule(settings.schedule)} (${settings.timezone} time)`,
      },
      { name: 'Next run', value: nextRunText(settings, state.subscriptions.length > 0) },
      {
        name: 'Time zone',
        value: `${settings.timezone} (now ${utcOffset(settings.timezone, app.now())})`,
        inline: true,
      },
      { name: 'Abstract length', value: `${settings.abstractLength} characters`, inline: true },
      { name: 'Max papers', value: `${settings.maxPapers} per digest (new subscriptions)`, inline: true },
      { name: 'Last changed', value: changedBy(settings.changed) },
      ...(recent.length > 0 ? [{ name: 'Recent changes in this server', value: fitField(recent.join('\n')) }] : []),
    ],
  };
}

export async function showSettings(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  await replyPrivately(interaction, { embeds: [settingsEmbed(app, state)] });
}

export async function setSettings(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const { options } = interaction;
  const input = {
    schedule: options.getString('schedule'),
    timezone: options.getString('timezone'),
    abstract_length: options.getInteger('abstract_length'),
    max_papers: options.getInteger('max_papers'),
  };
  if (SETTING_OPTIONS.every((name) => input[name] === null)) {
    throw new UserError(`Nothing to change: give at least one of ${SETTING_OPTIONS.join(', ')}.`);
  }

  const problems: string[] = [];
  const patch: Partial<Pick<GuildSettings, 'schedule' | 'timezone' | 'abstractLength' | 'maxPapers'>> = {};
  if (input.schedule !== null) {
    const checked = checkSchedule(input.schedule);
    if (checked.ok) patch.schedule = checked.schedule;
    else problems.push(checked.message);
  }
  if (input.timezone !== null) {
    const zone = canonicalTimeZone(input.timezone);
    if (zone !== null) patch.timezone = zone;
    else {
      problems.push(
        `${codeSpan(input.timezone, 64)} is not a time zone Paperboy knows. Use an IANA name such as \`Europe/Berlin\`, ` +
          '`America/New_York`, `Asia/Shanghai` or `UTC` (start typing in `timezone:` for suggestions).',
      );
    }
  }
  const [minAbstract, maxAbstract] = app.defaults.limits.abstractLength;
  if (input.abstract_length !== null) {
    if (input.abstract_length >= minAbstract && input.abstract_length <= maxAbstract)
      patch.abstractLength = input.abstract_length;
    else problems.push(`abstract_length must be ${minAbstract}–${maxAbstract} characters.`);
  }
  const [minPapers, maxPapers] = app.defaults.limits.maxPapers;
  if (input.max_papers !== null) {
    if (input.max_papers >= minPapers && input.max_papers <= maxPapers) patch.maxPapers = input.max_papers;
    else problems.push(`max_papers must be ${minPapers}–${maxPapers}.`);
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'));

  const { settings, subscribed } = await changeGuild(app, actor, 'settings.set', (state) => {
    const current = app.settingsFor(actor.guildId, state.settings);
    const changed: string[] = [];
    if (patch.schedule !== undefined && patch.schedule !== current.schedule) changed.push(`schedule ${patch.schedule}`);
    if (patch.timezone !== undefined && patch.timezone !== current.timezone) changed.push(`timezone ${patch.timezone}`);
    if (patch.abstractLength !== undefined && patch.abstractLength !== current.abstractLength) {
      changed.push(`abstract_length ${patch.abstractLength}`);
    }
    if (patch.maxPapers !== undefined && patch.maxPapers !== current.maxPapers)
      changed.push(`max_papers ${patch.maxPapers}`);
    if (changed.length === 0) throw new UserError('The settings already have those values; nothing changed.');
    const settings: GuildSettings = { ...current, ...patch, guildId: actor.guildId, changed: stampOf(actor) };
    state.settings = settings;
    return { detail: changed.join(', '), result: { settings, subscribed: state.subscriptions.length > 0 } };
  });
  if (patch.schedule !== undefined || patch.timezone !== undefined) await app.scheduler.sync(actor.guildId);

  const lines = ['Settings saved.'];
  if (patch.schedule !== undefined || patch.timezone !== undefined) {
    lines.push(
      `Digests run ${describeSchedule(settings.schedule)} (${settings.timezone} time); next: ${nextRunText(settings, subscribed)}.`,
    );
  }
  if (patch.abstractLength !== undefined) lines.push(`Abstracts are cut at ${settings.abstractLength} characters.`);
  if (patch.maxPapers !== undefined) {
    lines.push(
      `New subscriptions post up to ${plural(settings.maxPapers, 'paper')} per digest; existing ones keep their own cap.`,
    );
  }
  await replyPrivately(interaction, { content: lines.join('\n') });
}
